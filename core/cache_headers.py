"""Who may keep a copy of a response: the Cache-Control header of every response.

Anonymous visitors' pages are the same for everyone, so the shared cache in front (Varnish,
or a CDN) keeps them (`s-maxage`) and keeps serving them while it fetches a fresh copy
(`stale-while-revalidate`) or while the site is down (`stale-if-error`); core.frontend_cache
purges them when an editor publishes. Everything personal is `private`: the admin and its
previews, signed-in visitors (a session cookie), documents and the images of restricted
collections (privacy is checked per request),
responses that set a cookie or carry a CSRF token (forms), and errors. Search results are
`private, no-store`: one cached copy per query would only fill the cache.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# Responses a shared cache may keep: the same for every anonymous visitor. Not redirects: an
# HTTPS or language redirect depends on how the visitor asked.
SHARED_STATUSES = {200, 203, 204, 404, 410}


def cache_policy():
    """The Cache-Control directives of a public page, from settings.CACHE_CONTROL."""
    policy = {
        "public": True,
        "max_age": 60,
        "s_maxage": 600,
        "stale_while_revalidate": 60,
        "stale_if_error": 86400,
    }
    policy.update(getattr(settings, "CACHE_CONTROL", {}))
    return policy


def is_personal(request, response):
    """Whether the response belongs to this visitor only."""
    path = request.path_info
    return (
        path.startswith(("/admin/", "/documents/", "/private-media/"))
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or getattr(request, "is_preview", False)
        or bool(response.cookies)
        or request.META.get("CSRF_COOKIE_USED", False)
    )


def never_store(response):
    """For answers to one visitor's question (search results): no cache keeps them."""
    response["Cache-Control"] = "private, no-store"
    return response


class CacheHeadersMiddleware:
    """Place first in MIDDLEWARE, so that it sees the cookies every other middleware set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if is_personal(request, response) or response.status_code not in SHARED_STATUSES:
            # Keep a stricter header a view set (no-store); replace any public one.
            directives = response.get("Cache-Control", "")
            if "no-store" not in directives:
                response["Cache-Control"] = "private, no-cache"
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, **cache_policy())
        return response
