"""Five failed sign-ins from one address lock that address out of the admin for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

LOGIN_URL = reverse("wagtailadmin_login")
PASSWORD = "the-right-password-123"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(username="officer", email="o@example.org", password=PASSWORD)


def sign_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": "officer", "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_the_login_page_says_iom_mongolia(client):
    html = client.get(LOGIN_URL).content.decode()
    assert "Sign in to IOM Mongolia" in html
    assert "Sign in to Wagtail" not in html
    assert "<title>Sign in - IOM Mongolia</title>" in html


@pytest.mark.django_db
def test_four_failures_do_not_lock_the_address(client, staff_user):
    for _attempt in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the login form again, with its error
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_five_failures_lock_the_address_for_fifteen_minutes(client, staff_user):
    for _attempt in range(4):
        assert sign_in(client, "wrong").status_code == 200
    fifth = sign_in(client, "wrong")
    assert fifth.status_code == 429
    assert "Sign-in is locked for 15 minutes" in fifth.content.decode()

    # Even the right password is refused from that address now, with the same clear page.
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in is locked for 15 minutes" in html
    assert "5 failed sign-in attempts" in html
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # not signed in

    # Another address is not affected.
    assert sign_in(client, PASSWORD, address="198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_fifteen_minutes(client, staff_user):
    for _attempt in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429

    attempt = AccessAttempt.objects.get(ip_address="203.0.113.7")
    attempt.attempt_time -= timedelta(minutes=14)
    attempt.save()
    assert sign_in(client, PASSWORD).status_code == 429, "still locked after 14 minutes"

    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - timedelta(minutes=2))
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_address_behind_a_trusted_proxy_is_the_one_it_forwarded(rf, settings):
    from editorial.auth import client_ip_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_address(request) == "203.0.113.9"  # the client cannot choose it by forging the header
