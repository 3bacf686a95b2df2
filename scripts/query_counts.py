"""Queries per page: every page of the seeded site's sitemap, in both languages, plus search.

Builds a throw-away SQLite database (migrate + load_site_content), then asks each address twice
through Django's test client and counts the queries of the second request (the first makes image
renditions and fills caches, as any earlier visitor would have). Prints one line per address and
the largest count per page type. Run with: .venv/bin/python scripts/query_counts.py
"""

import os
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 (our own sitemap)
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
EXTRA = ["/en/search/?q=migration", "/mn/search/?q=migration"]


def main():
    workdir = tempfile.mkdtemp(prefix="query-counts-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/db.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom_mongolia.settings.test")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    client = Client()
    sitemap = client.get("/sitemap.xml").content
    paths = []
    for url in ET.fromstring(sitemap).findall("sm:url", SITEMAP_NS):  # noqa: S314
        paths.append(urlparse(url.find("sm:loc", SITEMAP_NS).text).path)
        for link in url.findall("xhtml:link", SITEMAP_NS):
            if link.get("hreflang") != "x-default":
                paths.append(urlparse(link.get("href")).path)
    paths = list(dict.fromkeys(paths)) + EXTRA
    by_type = defaultdict(int)
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries.captured_queries)
        kind = "search" if "/search/" in path else kind_of(path)
        by_type[kind] = max(by_type[kind], count)
        print(f"{count:4d}  {response.status_code}  {path}")
    print("\nLargest count per page type:")
    for kind, count in sorted(by_type.items()):
        print(f"{count:4d}  {kind}")


def kind_of(path):
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    parts = [part for part in path.split("/") if part][1:]
    for root in Page.objects.filter(translation_key=site.root_page.translation_key):
        page = root
        for slug in parts:
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                break
        if page is not None:
            return page.specific_class.__name__
    return "?"


if __name__ == "__main__":
    main()
