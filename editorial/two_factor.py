"""Recovery codes for two-factor sign-in: ten one-time codes, for the day the phone is lost.

They are django-otp static tokens: the sign-in code prompt accepts them like a code from the
app, each once. Making new ones replaces the old ones. An administrator can also remove a
user's devices (Settings → Users → Manage 2FA, or `manage.py reset_two_factor USERNAME`)."""

import re

import django_otp
from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail_2fa import forms as wagtail_2fa_forms
from wagtail_2fa import views as wagtail_2fa_views

from core.forms import PasswordForm

RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


APP_CODE = re.compile(r"\d{6}")


class TokenForm(wagtail_2fa_forms.TokenForm):
    """wagtail-2fa's code form, choosing the device by the code's shape: six digits are checked
    against the authenticator app, anything else against the recovery codes. (django-otp no
    longer tries every device in turn, and wagtail-2fa 1.8 names none.)"""

    def _chosen_device(self, user):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        if APP_CODE.fullmatch(token):
            return TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return StaticDevice.objects.filter(user=user, confirmed=True, name=RECOVERY_DEVICE_NAME).first()

    def _verify_token(self, user, token, device=None):
        if device is None:
            raise forms.ValidationError(self.otp_error_messages["invalid_token"], code="invalid_token")
        return super()._verify_token(user, token.strip(), device)


class CodeView(wagtail_2fa_views.LoginView):
    """The second step of signing in (at wagtail-2fa's own address)."""

    form_class = TokenForm


def make_recovery_codes(user):
    """Replaces the user's recovery codes with new ones; returns them."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    user = request.user
    has_app = django_otp.user_has_device(user, confirmed=True) and user.totpdevice_set.filter(confirmed=True).exists()
    if has_app and not user.is_verified():
        raise PermissionDenied  # signed in without the second factor: cannot see or make codes
    # Making new codes cancels the old ones: it asks for the password again, as removing a device does.
    password_form = PasswordForm(request.POST if request.method == "POST" else None, user=user)
    codes = make_recovery_codes(user) if has_app and password_form.is_valid() else None
    return TemplateResponse(
        request,
        "editorial/recovery_codes.html",
        {
            "codes": codes,
            "has_app": has_app,
            "remaining": remaining_recovery_codes(user),
            "password_form": password_form,
        },
    )
