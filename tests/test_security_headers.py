"""Security headers: a strict Content-Security-Policy on public pages (nothing inline), one the
admin works with, Permissions-Policy; the HTTP Observatory grade is A+.

Found in the probe: no Content-Security-Policy and no Permissions-Policy, Observatory grade B (75)."""

import re
from pathlib import Path

import pytest

from scripts.observatory_score import parse_csp, score

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_HEADERS = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@pytest.fixture
def production_headers(settings):
    for name, value in PRODUCTION_HEADERS.items():
        setattr(settings, name, value)


PUBLIC_PATHS = ["/en/", "/mn/", "/en/who-we-are/", "/en/search/?q=migration", "/en/no-such-page/", "/mn/search/"]


def assert_strict_policy(response):
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy(seeded_site, client):
    for path in PUBLIC_PATHS:
        assert_strict_policy(client.get(path))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/healthz/", "/?q=" + "x" * 9000])
def test_other_responses_carry_the_headers_too(client, path):
    response = client.get(path)
    assert parse_csp(response["Content-Security-Policy"])["default-src"] == ["'none'"]
    assert "Permissions-Policy" in response


@pytest.mark.django_db
def test_the_admin_has_a_policy_wagtail_works_with(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]  # page previews are framed by the admin itself
    assert policy["object-src"] == ["'none'"]
    assert "'self'" in policy["script-src"]
    assert not any("http" in source for sources in policy.values() for source in sources)


def test_a_page_preview_may_be_framed_by_the_admin_only(site_tree, client):
    """Wagtail renders a preview through the middleware with a made-up request for the page's public
    address; the editor sees it in a frame of the admin, so that frame must be allowed (the browser
    test of the review loop shows the preview)."""
    preview = site_tree.child.make_preview_request()
    assert preview.status_code == 200
    policy = parse_csp(preview["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # otherwise the public page's own policy
    public = parse_csp(client.get(site_tree.child.url)["Content-Security-Policy"])
    assert public["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_observatory_grade_is_a_plus(seeded_site, client, production_headers):
    for path in ["/en/", "/mn/who-we-are/", "/en/search/?q=iom"]:
        response = client.get(path, secure=True)
        total, grade, results = score(
            response.headers, response.content.decode(), [c.OutputString() for c in response.cookies.values()]
        )
        assert grade == "A+", (path, results)
        assert total >= 100
        assert (10, "csp-implemented-with-no-unsafe-default-src-none") in results


def test_the_scoring_reproduces_the_probe_without_a_policy():
    headers = {
        "Strict-Transport-Security": "max-age=31536000",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    assert score(headers)[:2] == (75, "B")


def template_files():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html") if ".venv" not in path.parts)


INLINE = [
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", re.I), "an inline script"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_has_inline_scripts_or_styles():
    found = []
    for path in template_files():
        text = path.read_text()
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert found == []
    assert template_files(), "no templates found"


def test_the_scripts_do_not_write_inline_styles_or_evaluate_code():
    for path in (ROOT / "static" / "js").rglob("*.js"):
        text = path.read_text()
        assert "eval(" not in text and "new Function" not in text and 'setAttribute("style"' not in text, path
