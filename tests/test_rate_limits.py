"""Rate limits per address: search, page passwords, password reset and sign-in; a 429 page in
the visitor's language with Retry-After.

Found in the probe: search had no limit (8 connections of costly searches slowed every page
to 1.5-4 s), password-protected pages took 30 wrong passwords then opened with the right one,
and the password-reset form had no limit."""

import datetime

import pytest
import time_machine
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import HomePageFactory, StandardPageFactory

A, B = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def home(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


def search(client, address, language="en", **headers):
    return client.get(f"/{language}/search/", {"q": "migration"}, REMOTE_ADDR=address, **headers)


@pytest.fixture
def still_clock():
    """The clock stopped a few seconds into a minute: the limit counts per minute, and thirty
    searches on a busy machine could otherwise cross into the next one and start a new count."""
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0, 5, tzinfo=datetime.UTC), tick=False):
        yield


def test_thirty_searches_a_minute_pass_the_thirty_first_is_refused(home, client, still_clock):
    for _number in range(30):
        assert search(client, A).status_code == 200
    refused = search(client, A)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    html = refused.content.decode()
    assert "<h1>Too many requests</h1>" in html
    assert "searching is paused for you" in html
    assert "migration" not in html
    # Another address searches on.
    assert search(client, B).status_code == 200


def test_the_429_page_is_in_the_visitors_language(home, client, still_clock):
    for _number in range(30):
        search(client, A, "mn")
    refused = search(client, A, "mn")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<html lang="mn">' in html
    assert "<h1>Хэт олон хүсэлт</h1>" in html


def test_a_forged_forwarded_address_does_not_escape_the_limit(home, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the proxy appends the real address last
    for number in range(30):
        search(client, "10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {A}")
    assert search(client, "10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {A}").status_code == 429
    assert search(client, "10.0.0.1", HTTP_X_FORWARDED_FOR=B).status_code == 200


@pytest.fixture
def protected_page(home):
    page = StandardPageFactory(parent=home, slug="members", title="Members only")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame-42"
    )
    return page, restriction


def try_password(client, page, restriction, password):
    url = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=A)


def test_page_passwords_allow_ten_guesses_a_minute(protected_page, client):
    page, restriction = protected_page
    assert client.get(page.url, REMOTE_ADDR=A).status_code == 200  # the password form
    for _guess in range(10):
        assert try_password(client, page, restriction, "wrong").status_code == 200
    refused = try_password(client, page, restriction, "open-sesame-42")
    assert refused.status_code == 429
    assert "Too many passwords were tried" in refused.content.decode()
    assert "Members only" not in client.get(page.url, REMOTE_ADDR=A).content.decode()


def test_the_right_page_password_still_opens_the_page(protected_page, client):
    page, restriction = protected_page
    response = try_password(client, page, restriction, "open-sesame-42")
    assert response.status_code == 302
    assert "Members only" in client.get(page.url, REMOTE_ADDR=A).content.decode()


@pytest.mark.django_db
def test_password_reset_allows_five_requests_an_hour(client, mailoutbox):
    for _request in range(5):
        response = client.post("/admin/password_reset/", {"email": "someone@example.org"}, REMOTE_ADDR=A)
        assert response.status_code == 302
    refused = client.post("/admin/password_reset/", {"email": "someone@example.org"}, REMOTE_ADDR=A)
    assert refused.status_code == 429
    assert "Too many password resets" in refused.content.decode()
    assert client.get("/admin/password_reset/", REMOTE_ADDR=A).status_code == 200  # the form itself


@pytest.mark.django_db
def test_the_sign_in_form_is_rate_limited_per_address(client):
    for number in range(20):
        client.post("/admin/login/", {"username": f"nobody{number}", "password": "x"}, REMOTE_ADDR=B)
    refused = client.post("/admin/login/", {"username": "someone", "password": "x"}, REMOTE_ADDR=B)
    assert refused.status_code == 429
