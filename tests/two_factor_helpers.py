"""Codes of an authenticator app, computed from a device's secret as the app does."""

from django_otp.oath import totp


def app_code(bin_key, steps_ahead=0):
    """The six-digit code the app shows now (or that many 30-second steps later: django-otp
    accepts the next step too, and refuses a code it has already accepted)."""
    return f"{totp(bin_key, step=30, t0=-30 * steps_ahead, digits=6):06d}"
