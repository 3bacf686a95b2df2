"""Sign-in throttling.

- Per address (django-axes): 5 failed sign-ins from one address lock that address for 15 minutes.
- Per account (here): LOGIN_ACCOUNT_FAILURE_LIMIT failed sign-ins to one account, from any
  number of addresses, within LOGIN_ACCOUNT_WINDOW seconds pause further sign-ins to it until
  the window ends, except from an address that has signed in to that account successfully
  before (axes' access log). Guessing from many addresses gets about 10 tries per 15 minutes,
  while an attacker who knows a user name cannot keep its owner out at their usual address.
- Per address, every sign-in form POST: operations.ratelimits ("sign-in", 20 a minute).
"""

import hashlib

from axes.backends import AxesStandaloneBackend
from axes.models import AccessLog
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.utils.translation import gettext as _

from operations.network import client_ip_address
from operations.ratelimits import ProcessViewMiddleware
from operations.views import too_many_requests


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for every sign-in made through a web form.

    A sign-in without an HTTP request (the test client's `login()`, a management
    command) has no network address to throttle; Axes would raise an error for it, so
    it is passed on unchecked to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _account_key(username):
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    return f"sign-in-failures:{digest}"


@receiver(user_login_failed)
def count_account_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    if request is None or not username:
        return
    key = _account_key(username)
    cache.add(key, 0, settings.LOGIN_ACCOUNT_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, settings.LOGIN_ACCOUNT_WINDOW)


def account_paused(request, username):
    """Whether sign-ins to this account are paused for this request's address."""
    if not username or (cache.get(_account_key(username)) or 0) < settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
        return False
    known = AccessLog.objects.filter(username__iexact=username.strip(), ip_address=client_ip_address(request))
    return not known.exists()


class AccountThrottleMiddleware(ProcessViewMiddleware):
    """Answers a sign-in to a paused account with the 429 page, before any password is checked."""

    URL_NAMES = {"wagtailadmin_login", "wagtailcore_login"}

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or not match or match.url_name not in self.URL_NAMES:
            return None
        if account_paused(request, request.POST.get("username", "")):
            reason = _(
                "There were too many failed attempts to sign in to this account, so signing in to it is "
                "paused for a while. If it was you, wait, or sign in from where you usually do."
            )
            return too_many_requests(request, reason, settings.LOGIN_ACCOUNT_WINDOW)
        return None
