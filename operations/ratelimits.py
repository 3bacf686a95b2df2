"""Rate limits per network address on the views a script could abuse: search (expensive),
page and document passwords, the sign-in, two-factor and password-reset forms (guessing, mail).

Counts live in the shared cache (Redis in production) through django-ratelimit; when the
cache is down the limits fail open (RATELIMIT_FAIL_OPEN) rather than break the site.
A limited request gets the 429 page in the visitor's language, with Retry-After.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from .network import client_ip_address
from .views import too_many_requests


@dataclass(frozen=True)
class Limit:
    url_names: tuple
    methods: tuple
    rate: str  # default; settings.RATE_LIMITS[group] overrides it
    reason: str


LIMITS = {
    "search": Limit(
        ("search",),
        ("GET", "HEAD"),
        "30/m",
        _("You have searched many times in a short while, so searching is paused for you."),
    ),
    "page-password": Limit(
        ("wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"),
        ("POST",),
        "10/m",
        _("Too many passwords were tried from your network address."),
    ),
    "sign-in": Limit(
        ("wagtailadmin_login", "wagtailcore_login", "wagtail_2fa_auth"),
        ("POST",),
        "20/m",
        _("Too many sign-in attempts came from your network address."),
    ),
    "api": Limit(
        (),  # the API's views check it themselves (api/endpoints.py)
        ("GET", "HEAD"),
        "120/m",
        _("This address has asked the API many times in a short while; please wait before asking again."),
    ),
    "password-reset": Limit(
        ("wagtailadmin_password_reset",),
        ("POST",),
        "5/h",
        _("Too many password resets were asked for from your network address."),
    ),
}


def rate_for(group):
    return getattr(settings, "RATE_LIMITS", {}).get(group, LIMITS[group].rate)


def _by_address(group, request):
    return client_ip_address(request) or "unknown"


def check(request, group):
    """Counts this request against the group's limit; the 429 response when it is over, else None."""
    usage = get_usage(
        request, group=group, key=_by_address, rate=rate_for(group), method=list(LIMITS[group].methods), increment=True
    )
    if usage and usage["should_limit"]:
        return too_many_requests(request, LIMITS[group].reason, max(usage["time_left"], 1))
    return None


GROUP_BY_URL_NAME = {name: group for group, limit in LIMITS.items() for name in limit.url_names}


class ProcessViewMiddleware:
    """A middleware that acts only once the view is known (`process_view`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class RateLimitMiddleware(ProcessViewMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        group = GROUP_BY_URL_NAME.get(match.url_name if match else None)
        return check(request, group) if group else None
