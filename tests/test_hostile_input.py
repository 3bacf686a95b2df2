"""Hostile input on every public URL: every address in the sitemap (both languages) and every
filter and form parameter, fed hostile values; bad methods; bad Host headers. Nothing may answer
5xx or reflect markup. The counts of requests and statuses are printed (run with -s)."""

import collections
import re
from urllib.parse import quote

import pytest
from wagtail.models import PageViewRestriction

from tests.site_urls import EXTRA_PATHS, sitemap_paths

MARKUP = '"><script>alert(1)</script><svg onload=alert(2)>'
HOSTILE_VALUES = {
    "huge": "x" * 5000,
    "nul": "\x00",
    "markup": MARKUP,
    "sql": "' OR '1'='1' --; DROP TABLE wagtailcore_page; /*",
    "regex": r".*(a+)+$[\\(?<x>",
    "negative": "-1",
    "huge number": "9" * 5000,
    "unicode": "\u202e\ufeff𝕏 Монгол \udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
}
# Raw query strings the test client would otherwise encode for us.
RAW_VALUES = {"invalid utf-8": "%FF%FE%FD%", "percent nul": "%00%"}
# Every filter and form parameter the public pages read.
PARAMETERS = ["q", "page", "area", "category"]
BAD_METHODS = ["PUT", "DELETE", "TRACE", "PROPFIND"]
REFLECTED = re.compile(r"<script>alert|<svg onload", re.I)

statuses = collections.Counter()


@pytest.fixture
def relaxed_limits(settings):
    """The suite sends thousands of requests from one address: lift the rate limits for it
    (they are tested in test_rate_limits.py), keep everything else as in production."""
    settings.RATE_LIMITS = {group: "100000/m" for group in ("search", "page-password", "sign-in", "password-reset")}
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 100000
    settings.AXES_FAILURE_LIMIT = 100000


@pytest.fixture
def client():
    from django.test import Client

    return Client(raise_request_exception=False)


def check(response, what, problems):
    statuses[response.status_code] += 1
    if response.status_code >= 500:
        problems.append(f"{what}: {response.status_code}")
    body = b"".join(response) if response.streaming else response.content
    if REFLECTED.search(body.decode("utf-8", "replace")):
        problems.append(f"{what}: reflects markup")


def public_paths(client):
    paths = sitemap_paths(client.get("/sitemap.xml").content)
    assert len(paths) > 20 and any(path.startswith("/mn/") for path in paths)
    return paths + [path.split("?")[0] for path in EXTRA_PATHS]


@pytest.mark.django_db
def test_every_public_url_with_hostile_parameters(seeded_site, client, relaxed_limits):
    problems = []
    for path in public_paths(client):
        for name, value in HOSTILE_VALUES.items():
            query = "&".join(f"{parameter}={quote(value, safe='')}" for parameter in PARAMETERS)
            check(client.get(path, QUERY_STRING=query), f"{path} {name}", problems)
        for name, raw in RAW_VALUES.items():
            query = "&".join(f"{parameter}={raw}" for parameter in PARAMETERS)
            check(client.get(path, QUERY_STRING=query), f"{path} {name}", problems)
        check(client.get(path, QUERY_STRING="page=1&page=2&q=a&q=b&area[]=x"), f"{path} repeated", problems)
        check(client.get(path, QUERY_STRING="q=" + "y" * 9000), f"{path} over-long", problems)
    assert problems == []


@pytest.mark.django_db
def test_every_public_url_with_bad_methods_and_hosts(seeded_site, client, settings, relaxed_limits):
    problems = []
    paths = public_paths(client)
    for path in paths:
        for method in BAD_METHODS:
            response = client.generic(method, path, data=MARKUP)
            check(response, f"{method} {path}", problems)
            if response.status_code < 400:
                problems.append(f"{method} {path}: {response.status_code}")
        check(client.post(path, {"q": MARKUP}), f"POST {path}", problems)
    settings.ALLOWED_HOSTS = ["mongolia.example.org"]
    for path in paths:
        check(client.get(path, HTTP_HOST="mongolia.example.org:99999"), f"{path} odd port", problems)
        for host in ["evil.example.com", "a" * 300, "<script>alert(1)</script>", "", "mongolia.example.org.evil.com"]:
            response = client.get(path, HTTP_HOST=host)
            check(response, f"{path} Host {host[:20]}", problems)
            if response.status_code != 400:
                problems.append(f"{path} Host {host[:20]}: {response.status_code}")
    assert problems == []


@pytest.mark.django_db
def test_every_form_with_hostile_values(seeded_site, client, relaxed_limits, django_user_model):
    problems = []
    page = seeded_site.get_children().first()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-words")
    values = list(HOSTILE_VALUES.values())
    for number, value in enumerate(values):
        address = f"203.0.113.{number + 1}"
        forms = [
            ("/admin/login/", {"username": value, "password": value, "next": value}),
            ("/admin/login/?next=" + quote(value, safe=""), {"username": "editor", "password": value}),
            ("/admin/password_reset/", {"email": value}),
            (
                f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
                {"password": value, "return_url": value},
            ),
        ]
        for url, data in forms:
            check(client.post(url, data, REMOTE_ADDR=address), f"POST {url[:40]} {value[:20]!r}", problems)
    for url in ("/admin/login/", "/admin/password_reset/"):
        check(
            client.post(url, QUERY_STRING="", data=b"\xff\xfe=\x00", content_type="application/x-www-form-urlencoded"),
            url,
            problems,
        )
    assert problems == []


def test_print_counts():
    """Runs last in this file: the totals, for the record."""
    total = sum(statuses.values())
    print(f"\nhostile-input suite: {total} requests; statuses {dict(sorted(statuses.items()))}")
    assert all(status < 500 for status in statuses)
