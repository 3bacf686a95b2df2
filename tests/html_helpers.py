"""Reading the site's HTML in tests: page text, JSON-LD, the partner directory's groups and names."""

import json
import re
from html import unescape

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page_text(client, url, **params):
    """The page's HTML with entities decoded; fails unless the page answers 200."""
    response = client.get(url, params)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def footer_of(html):
    return html[html.index('<footer class="site-footer">') :]


def structured_data(html):
    """The page's own JSON-LD block (base.html adds Organization and BreadcrumbList to every page)."""
    blocks = [json.loads(script) for script in JSON_LD.findall(html)]
    own = [block for block in blocks if block.get("@type") not in {"Organization", "BreadcrumbList"}]
    assert len(own) == 1, "expected one JSON-LD script of the page's own"
    return own[0]


def group_headings(html):
    """The category headings of the partner directory, in order."""
    return re.findall(r'<h2 id="partners-[\w-]+">(.*?)</h2>', html)


def partner_names(html):
    """The partners listed, in order: the heading's text, or its logo's alt text."""
    names = []
    for heading in re.findall(r'<h3 class="partner-name">(.*?)</h3>', html, re.S):
        heading = re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r"\1", heading)
        names.append(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", heading)).strip())
    return names
