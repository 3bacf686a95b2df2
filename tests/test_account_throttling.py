"""Sign-in throttling per account, and the trusted proxy in production.

Found in the probe: lockout was per address only (16 guesses at one account from 4 addresses
locked nothing), and with the default TRUSTED_PROXY_COUNT=0 behind the documented proxy, five
wrong passwords from anyone locked every editor out (all shared the proxy's address)."""

import time

import pytest
from django.urls import reverse

from tests.test_settings import STRONG_KEY, run_manage

LOGIN_URL = reverse("wagtailadmin_login")
PASSWORD = "the-right-password-123"
ADDRESSES = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_superuser(username="officer", email="o@example.org", password=PASSWORD)


def sign_in(client, password, address, username="officer"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def guess_from_four_addresses(client, guesses=16):
    statuses = []
    for number in range(guesses):
        statuses.append(sign_in(client, f"guess-{number}", ADDRESSES[number % 4]).status_code)
    return statuses


@pytest.mark.django_db
def test_guessing_one_account_from_many_addresses_is_paused(client, officer):
    statuses = guess_from_four_addresses(client)
    assert statuses[:10] == [200] * 10  # wrong password, form again; no address reached 5 failures
    assert set(statuses[10:]) == {429}
    refused = sign_in(client, PASSWORD, "198.51.100.9")  # even the right password, from a new address
    assert refused.status_code == 429
    assert "signing in to it is paused" in refused.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    # Another account is not affected.
    assert sign_in(client, "wrong", "198.51.100.9", username="someone-else").status_code == 200


@pytest.mark.django_db
def test_the_owner_still_signs_in_from_an_address_they_used_before(client, officer):
    assert sign_in(client, PASSWORD, "192.0.2.50").status_code == 302  # the owner's usual address
    client.logout()
    guess_from_four_addresses(client)
    assert sign_in(client, PASSWORD, "198.51.100.9").status_code == 429
    assert sign_in(client, PASSWORD, "192.0.2.50").status_code == 302


@pytest.mark.django_db
def test_the_pause_ends_with_its_window(client, officer, settings):
    settings.LOGIN_ACCOUNT_WINDOW = 1
    guess_from_four_addresses(client, guesses=11)
    assert sign_in(client, PASSWORD, "198.51.100.9").status_code == 429
    time.sleep(1.1)
    assert sign_in(client, PASSWORD, "198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_behind_one_proxy_one_visitors_failures_lock_only_that_visitor(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    for _attempt in range(5):
        client.post(
            LOGIN_URL,
            {"username": "officer", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.66",  # forged entry, then the proxy's own
        )
    locked = client.post(
        LOGIN_URL,
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert locked.status_code == 429
    editor = client.post(
        LOGIN_URL, {"username": "officer", "password": PASSWORD}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.7"
    )
    assert editor.status_code == 302


def test_production_trusts_one_proxy_by_default():
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = run_manage("shell", "-c", code, env_overrides={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "example.org"})
    assert result.stdout.strip().splitlines()[-1] == "1", result.stderr
