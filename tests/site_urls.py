"""The seeded site's public addresses, discovered from sitemap.xml (never a hard-coded list),
so that every new page type is covered by the tests that iterate over them."""

import xml.etree.ElementTree as ET  # noqa: S405 (parses our own sitemap)
from urllib.parse import urlparse

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(xml_text):
    """[(path, {hreflang: path})] for every <url> of the sitemap."""
    root = ET.fromstring(xml_text)  # noqa: S314
    entries = []
    for url in root.findall("sm:url", SITEMAP_NS):
        loc = urlparse(url.find("sm:loc", SITEMAP_NS).text).path
        alternates = {
            link.get("hreflang"): urlparse(link.get("href")).path for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        entries.append((loc, alternates))
    return entries


def sitemap_paths(xml_text):
    return [path for path, _alternates in sitemap_entries(xml_text)]


# Pages that are not in the sitemap but are part of the public site.
EXTRA_PATHS = [
    "/en/search/?q=migration",
    "/mn/search/?q=migration",
    "/en/search/",
    "/en/no-such-page/",
    "/en/opportunities/?view=closed",
    "/mn/events/?view=past",
]
