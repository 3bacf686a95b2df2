"""The 404 page in the site's design and language; the 500 page without database or context."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [("/en/no-such-page/", "en", "Page not found"), ("/mn/no-such-page/", "mn", "Хуудас олдсонгүй")],
)
def test_404_page_has_the_site_design_in_the_visitors_language(site_tree, client, url, language, heading):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<header class="site-header">' in html and '<footer class="site-footer">' in html
    assert '<nav class="main-nav"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'href="/{language}/search/"' in html


def test_500_page_needs_neither_database_nor_context(django_db_blocker):
    with django_db_blocker.block():
        html = render_to_string("500.html")
        response = server_error(RequestFactory().get("/en/anything/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "{%" not in html and "{{" not in html
    assert '<div lang="mn">' in html
    # No script, and no stylesheet but the error pages' own (the CSP forbids inline styles).
    assert not re.search(r"<script\b", html)
    assert re.findall(r"<link\b[^>]*>", html) == ['<link rel="stylesheet" href="/static/css/error.css">']
    assert "http" not in html
