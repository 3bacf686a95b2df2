"""The visitor's network address, as the rate limits and login throttling see it."""

from django.conf import settings


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
