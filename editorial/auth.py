"""Login throttling with django-axes: five failed sign-ins from one address lock it for 15 minutes."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


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


def client_ip_address(request):
    """The visitor's address. Behind `TRUSTED_PROXY_COUNT` reverse proxies that each append
    to X-Forwarded-For, it is that many entries from the end (entries further left can be
    forged by the client); without proxies, the connection's own address."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
