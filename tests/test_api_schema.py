"""The API against its own OpenAPI document (api/openapi.py), with schemathesis driving the live
test server over HTTP: generated requests to every operation, valid and invalid, in both
languages, over the mission's content. No answer may be a server error, and every answer must
match the document (status codes, content types, bodies)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_answer_off_the_schema(live_server, settings, tmp_path):
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    settings.RATE_LIMITS = {"api": "100000/m"}  # the run asks far more than a visitor may
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{live_server.url}/api/v2/openapi.json",
            "--url",
            live_server.url,
            "--checks",
            CHECKS,
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "25",
            "--workers",
            "1",
            "--seed",
            "20261206",
            "--generation-deterministic",
            "--request-timeout",
            "20",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    summary = result.stdout[-6000:]
    print(summary)
    assert result.returncode == 0, summary
    assert "passed" in summary.lower()
