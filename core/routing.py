"""Finding the page for an address without asking the database each time.

Wagtail finds the site for each request (a query), then walks the page tree from the home page
(two queries per level), and looks up the active language's locale whenever something is
localized (a query each time). All of this changes only when pages, sites or locales change, so:

- `RouteCacheMiddleware` keeps the site of each host and the page of each address in the shared
  cache under the navigation version (core.navigation.shared), and hands them to Wagtail through
  the attributes Wagtail itself caches them in (`request._wagtail_site`,
  `request._wagtail_route_for_request`). A page type whose `route()` depends on more than the
  address sets `cache_route = False`.
- `cache_locale_lookups()` keeps Wagtail's locale-by-language lookups for a minute per process
  (and forgets them when a locale is saved or deleted): the site's two locales change only when
  a language is added.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Site
from wagtail.views import serve as wagtail_serve

from . import navigation

LOCALE_TTL = 60  # seconds

_locales = {}
_locales_lock = threading.Lock()


def forget_locales(**kwargs):
    with _locales_lock:
        _locales.clear()


def cache_locale_lookups():
    """Serve `Locale.objects.get_for_language()` (which Locale.get_active() and get_default() use)
    from a per-process memo."""
    manager = Locale.objects
    if getattr(manager, "_memoised", False):
        return
    lookup = manager.get_for_language

    def get_for_language(language_code):
        now = time.monotonic()
        entry = _locales.get(language_code)
        if entry is not None and entry[1] > now:
            return entry[0]
        locale = lookup(language_code)  # raises Locale.DoesNotExist as before
        with _locales_lock:
            _locales[language_code] = (locale, now + LOCALE_TTL)
        return locale

    manager.get_for_language = get_for_language
    manager._memoised = True
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="routing_locale_saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="routing_locale_deleted")


def find_site(request):
    """The request's Wagtail site, with its home page already specific, from the shared cache."""
    host = request._get_raw_host()

    def compute():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site or ""

    return navigation.shared(request, f"site:{host}", compute) or None


class RouteCacheMiddleware:
    """Hands Wagtail the site and the routed page from the shared cache (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or request.path_info.startswith("/admin/"):
            return None
        site = find_site(request)
        if site is None:
            return None
        request._wagtail_site = site
        if view_func is not wagtail_serve:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        key = f"route:{site.pk}:{navigation.current_language()}:{path}"

        def compute():
            from wagtail.models import Page

            result = Page.route_for_request(request, path)
            if result is None or not getattr(result[0], "cache_route", True):
                return None
            return result

        result = navigation.shared(request, key, compute)
        if result:
            request._wagtail_route_for_request = result
        return None
