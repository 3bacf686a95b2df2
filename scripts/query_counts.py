"""Queries per page: every page of the seeded site's sitemap, in both languages, plus search.

Builds a throw-away SQLite database (migrate + load_site_content), then asks each address twice
through Django's test client and counts the queries of the second request (the first makes image
renditions and fills the template fragment cache of the menu, breadcrumbs and footer, as any
earlier visitor would have): "warm". "published" counts it right after a publish, with those
fragments rendered again (core/fragment_cache.py). Nothing else is cached between requests: the
page cache (Varnish) is not in front of the test client. Prints one line per address and the
largest counts per page type.
Run with: .venv/bin/python scripts/query_counts.py
"""

import xml.etree.ElementTree as ET  # noqa: S405 (our own sitemap)
from collections import defaultdict
from urllib.parse import urlparse

import seeded_site

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
EXTRA = ["/en/search/?q=migration", "/mn/search/?q=migration"]


def main():
    seeded_site.build(prefix="query-counts-")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    sitemap = client.get("/sitemap.xml").content
    paths = []
    for url in ET.fromstring(sitemap).findall("sm:url", SITEMAP_NS):  # noqa: S314
        paths.append(urlparse(url.find("sm:loc", SITEMAP_NS).text).path)
        for link in url.findall("xhtml:link", SITEMAP_NS):
            if link.get("hreflang") != "x-default":
                paths.append(urlparse(link.get("href")).path)
    paths = list(dict.fromkeys(paths)) + EXTRA
    from core import fragment_cache

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        return len(queries.captured_queries), response

    by_type = defaultdict(lambda: (0, 0))
    print("warm published  status  address")
    for path in paths:
        client.get(path)
        warm, response = count(path)
        fragment_cache.bump()
        published, _response = count(path)
        kind = "search" if "/search/" in path else kind_of(path)
        by_type[kind] = tuple(max(pair) for pair in zip(by_type[kind], (warm, published), strict=True))
        print(f"{warm:4d} {published:9d}  {response.status_code}     {path}")
    print("\nLargest counts per page type (warm, published):")
    for kind, (warm, published) in sorted(by_type.items()):
        print(f"{warm:4d} {published:9d}  {kind}")


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
