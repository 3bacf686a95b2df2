"""The page-weight budget, checked deterministically from the files themselves (the browser
measurement is `make audit`): the home page at most 100 KB in all, CSS and JS at most 30 KB
compressed, as WhiteNoise serves them."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

HOME_BUDGET = 100 * 1024
CSS_JS_BUDGET = 30 * 1024


def compressed_size(data):
    return len(gzip.compress(data, compresslevel=9))


def asset_bytes(url):
    if url.startswith(settings.STATIC_URL):
        return Path(finders.find(url.removeprefix(settings.STATIC_URL))).read_bytes()
    if url.startswith(settings.MEDIA_URL):
        return (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).read_bytes()
    raise AssertionError(f"{url} is not served by the site itself")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/mn/"])
def test_home_page_and_its_assets_fit_the_budget(seeded_site, client, path):
    html = client.get(path).content
    # What a first view loads: stylesheets, scripts, icons and images that are not lazy.
    tags = re.findall(rb"<(?:link|script|img|source)\b[^>]*>", html)
    urls = set()
    for tag in tags:
        if b'loading="lazy"' in tag or b'rel="canonical"' in tag or b'rel="alternate"' in tag:
            continue
        for url in re.findall(rb'(?:href|src)="(/[^"]+)"', tag):
            urls.add(url.decode())
    css_js = [url for url in urls if url.endswith((".css", ".js"))]
    assert any(url.endswith(".css") for url in css_js)
    css_js_size = sum(compressed_size(asset_bytes(url)) for url in css_js)
    total = compressed_size(html) + sum(compressed_size(asset_bytes(url)) for url in urls)
    assert css_js_size <= CSS_JS_BUDGET, f"CSS and JS: {css_js_size} bytes compressed"
    assert total <= HOME_BUDGET, f"home page: {total} bytes compressed"
