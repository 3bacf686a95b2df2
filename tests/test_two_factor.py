"""Two-factor sign-in for staff: required for moderators and administrators in production,
optional in `make run`; codes from an authenticator app, one-time recovery codes.

Found in the probe: no second factor for staff."""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.roles import EDITORS, MODERATORS
from editorial.two_factor import make_recovery_codes
from tests.test_settings import STRONG_KEY, run_manage
from tests.two_factor_helpers import app_code

PASSWORD = "the-right-password-123"
HOME = reverse("wagtailadmin_home")


@pytest.fixture
def required(settings):
    settings.WAGTAIL_2FA_REQUIRED = True


def staff(django_user_model, username, group=None, superuser=False):
    make = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = make(username=username, email=f"{username}@example.org", password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, username):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD})


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "superuser"), [(MODERATORS, False), (None, True)])
def test_moderators_and_administrators_must_enrol(client, django_user_model, required, group, superuser):
    staff(django_user_model, "officer", group, superuser)
    sign_in(client, "officer")
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))


@pytest.mark.django_db
def test_editors_may_but_need_not_enrol(client, django_user_model, required):
    staff(django_user_model, "writer", EDITORS)
    sign_in(client, "writer")
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_an_enrolled_moderator_needs_a_code_from_the_app(client, django_user_model, required):
    device = enrolled(staff(django_user_model, "officer", MODERATORS))
    sign_in(client, "officer")
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtail_2fa_auth"))
    wrong = client.post(reverse("wagtail_2fa_auth"), {"otp_token": "000000"})
    assert wrong.status_code == 200 and "Invalid code" in wrong.content.decode()
    assert client.get(HOME).status_code == 302
    time.sleep(1.1)  # after a wrong code, django-otp refuses any code for a second (then 2, 4...)
    right = client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device.bin_key), "next": HOME})
    assert right.status_code == 302
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_works_once_instead_of_the_app(client, django_user_model, required):
    user = staff(django_user_model, "officer", MODERATORS)
    enrolled(user)
    codes = make_recovery_codes(user)
    assert len(set(codes)) == 10
    sign_in(client, "officer")
    assert client.post(reverse("wagtail_2fa_auth"), {"otp_token": codes[0]}).status_code == 302
    assert client.get(HOME).status_code == 200
    client.logout()
    sign_in(client, "officer")
    used_again = client.post(reverse("wagtail_2fa_auth"), {"otp_token": codes[0]})
    assert used_again.status_code == 200  # refused: each code works once
    assert client.get(HOME).status_code == 302


@pytest.mark.django_db
def test_recovery_codes_page_makes_new_codes_for_a_verified_user(client, django_user_model, required):
    user = staff(django_user_model, "officer", MODERATORS)
    device = enrolled(user)
    sign_in(client, "officer")
    client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device.bin_key)})
    page = client.get(reverse("editorial_recovery_codes"))
    assert "You have 0 unused recovery codes." in page.content.decode()
    refused = client.post(reverse("editorial_recovery_codes"), {"password": "not-my-password"})
    assert refused.context["codes"] is None and "That is not your password." in refused.content.decode()
    made = client.post(reverse("editorial_recovery_codes"), {"password": PASSWORD})
    assert made.status_code == 200
    assert len(made.context["codes"]) == 10
    assert "They are shown only now." in made.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("two_factor_required", [False, True])
def test_removing_a_device_asks_for_the_password_again(client, django_user_model, settings, two_factor_required):
    settings.WAGTAIL_2FA_REQUIRED = two_factor_required
    user = staff(django_user_model, "officer", MODERATORS)
    device = enrolled(user)
    sign_in(client, "officer")
    client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device.bin_key)})
    remove = reverse("wagtail_2fa_device_remove", args=[device.pk])
    page = client.get(remove)
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    for wrong in ({}, {"password": "not-my-password"}):
        refused = client.post(remove, {"user_id": user.pk, **wrong})
        assert refused.status_code == 200 and TOTPDevice.objects.filter(pk=device.pk).exists()
    assert "That is not your password." in refused.content.decode()
    removed = client.post(remove, {"user_id": user.pk, "password": PASSWORD})
    assert removed.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.django_db
def test_upstream_still_removes_a_device_without_a_password(rf, django_user_model, settings):
    """The gap compat.two_factor.DeviceRemoveView fills: when this fails, drop the override."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from wagtail_2fa.views import DeviceDeleteView

    settings.WAGTAIL_2FA_REQUIRED = False
    user = staff(django_user_model, "officer", MODERATORS)
    device = enrolled(user)
    request = rf.post("/", {"user_id": user.pk})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    user.is_verified = lambda: True
    response = DeviceDeleteView.as_view()(request, pk=device.pk)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists(), "wagtail-2fa now confirms: drop DeviceRemoveView"


@pytest.mark.django_db
def test_optional_when_not_required(client, django_user_model, settings):
    settings.WAGTAIL_2FA_REQUIRED = False  # `make run`
    staff(django_user_model, "officer", superuser=True)
    sign_in(client, "officer")
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("two_factor_required", [False, True])
def test_a_user_with_a_device_is_always_asked_for_its_code(client, django_user_model, settings, two_factor_required):
    settings.WAGTAIL_2FA_REQUIRED = two_factor_required  # False: `make run`
    user = staff(django_user_model, "writer", EDITORS)
    device = enrolled(user)
    sign_in(client, "writer")
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_auth"))
    assert client.get(reverse("wagtail_2fa_device_list", args=[user.pk])).status_code == 302
    public = client.get("/en/", follow=True)
    assert public.status_code == 200, "the public site is not behind the code"
    client.post(reverse("wagtail_2fa_auth"), {"otp_token": app_code(device.bin_key)})
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_upstream_still_skips_device_users_when_optional(rf, django_user_model, settings):
    """The gap compat/two_factor.py fills: when this fails, wagtail-2fa asks device users itself."""
    from django.contrib.auth.models import AnonymousUser
    from wagtail_2fa.middleware import VerifyUserPermissionsMiddleware

    settings.WAGTAIL_2FA_REQUIRED = False
    user = staff(django_user_model, "writer", EDITORS)
    enrolled(user)
    request = rf.get(HOME)
    request.user = user
    request.session = {}
    upstream = VerifyUserPermissionsMiddleware(lambda request: None)
    assert upstream.process_request(request) is None, "wagtail-2fa now asks: drop compat/two_factor.py"
    request.user = AnonymousUser()
    assert upstream.process_request(request) is None


@pytest.mark.django_db
def test_a_lost_phone_is_reset_by_an_administrator(client, django_user_model, required):
    user = staff(django_user_model, "officer", MODERATORS)
    enrolled(user)
    make_recovery_codes(user)
    call_command("reset_two_factor", "officer", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=user).exists()
    sign_in(client, "officer")
    assert client.get(HOME)["Location"].startswith(reverse("wagtail_2fa_device_new"))  # enrols again


def test_production_requires_two_factor_by_default():
    code = "from django.conf import settings; print(settings.WAGTAIL_2FA_REQUIRED)"
    result = run_manage("shell", "-c", code, env_overrides={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "example.org"})
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
