"""The version of the template fragments that Django's fragment cache keeps: the main menu, the
breadcrumbs and the footer (`{% cache %}` in templates/includes/, keyed by this version, the
language and, for the menu and breadcrumbs, the page).

What those fragments show changes only when something is published, so the version is replaced
(`bump`) when a page is published, unpublished, moved or deleted, when a view restriction, the
site settings, a locale or a site changes, and when the site text is published or unpublished:
each handler is connected to its sender. Saving a draft changes nothing the public sees and
bumps nothing. A preview never reads or fills the cache (`request.is_preview`, set by Wagtail),
so a draft can never reach the cached HTML. When the cache cannot be reached the fragments are
rendered from the database (the version is empty).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .navigation import per_request

VERSION_KEY = "fragments:version"
TIMEOUT = 24 * 60 * 60  # seconds: a version replaced by a publish is never asked for again


def version(request):
    """The current version, or "" when this request must not use the fragment cache (a preview,
    no request, or no cache reachable)."""
    if request is None or getattr(request, "is_preview", False):
        return ""

    def compute():
        current = cache.get(VERSION_KEY)
        if current is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            current = cache.get(VERSION_KEY)
        return current or ""

    return per_request(request, "fragment_version", compute)


def bump(**kwargs):
    """Replace the version now, and again once the transaction commits: a page view between the
    two may have cached what the database showed before the commit."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _on_save(sender, raw=False, created=False, **kwargs):
    if raw:  # fixtures
        return
    from .models import SiteSettings

    if created and sender is SiteSettings:
        # Wagtail creates a site's settings row, with the defaults already shown, the first time
        # they are read (for_site's get_or_create, often in the middle of rendering a page):
        # nothing the public sees changes, and a new version then would throw away the fragments
        # that very page view is caching. Every edit in Settings is an update, and bumps.
        return
    bump()


def connect():
    """Called from core's AppConfig.ready()."""
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
    from wagtail_localize.models import LocaleSynchronization

    from .models import SiteSettings, SiteText

    # Page signals: Wagtail sends them for pages only, with the page's class as sender.
    page_published.connect(bump, dispatch_uid="fragment_cache_page_published")
    page_unpublished.connect(bump, dispatch_uid="fragment_cache_page_unpublished")
    post_page_move.connect(bump, dispatch_uid="fragment_cache_page_moved")
    post_delete.connect(bump, sender=Page, dispatch_uid="fragment_cache_page_deleted")
    for snippet in (SiteText,):
        published.connect(bump, sender=snippet, dispatch_uid=f"fragment_cache_published_{snippet._meta.label_lower}")
        unpublished.connect(
            bump, sender=snippet, dispatch_uid=f"fragment_cache_unpublished_{snippet._meta.label_lower}"
        )
        post_delete.connect(bump, sender=snippet, dispatch_uid=f"fragment_cache_deleted_{snippet._meta.label_lower}")
    for model in (PageViewRestriction, SiteSettings, Locale, LocaleSynchronization, Site):
        uid = model._meta.label_lower
        post_save.connect(_on_save, sender=model, dispatch_uid=f"fragment_cache_saved_{uid}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"fragment_cache_deleted_{uid}")
