"""Purging the page cache in front of the site (Varnish, Cloudflare or CloudFront) when content changes.

Wagtail's frontend cache (`wagtail.contrib.frontend_cache`) sends the purges, to the backends
settings.WAGTAILFRONTENDCACHE configures from the environment, and purges each address in every
language (WAGTAILFRONTENDCACHE_LANGUAGES: /en/... and /mn/...). This module decides which pages
to purge, and does so once the change is committed (a purge before the commit would let a
visitor cache the old version again):

- a page published, unpublished, moved or deleted: the page and its translations, their parents
  up to the home page (section indexes list their children), every page that refers to it
  (Wagtail's reference index: page choosers, blocks, foreign keys), every page that lists its
  model (`lists_models` on the page type), and the sitemap; a move purges the old addresses too;
- a snippet, document or image saved or deleted: the pages that refer to it and the pages that
  list its model; a model with `shown_on_every_page = True` (site settings, site text) purges
  every live page.

An app adds pages for an object with the `frontend_cache_pages` hook: a function taking the
changed object and returning pages.
"""

import functools
import logging
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

logger = logging.getLogger(__name__)

SITE_WIDE_PATHS = ["/sitemap.xml"]


def _live_pages(pks):
    return Page.objects.live().filter(pk__in=set(pks)).specific(defer=True) if pks else []


def pages_listing(model):
    """The live pages whose type lists objects of `model` (`lists_models` names it)."""
    label = model._meta.label
    listing_types = [page_type for page_type in _page_types() if label in getattr(page_type, "lists_models", ()) or []]
    if not listing_types:
        return []
    return list(Page.objects.live().type(*listing_types).specific(defer=True))


def _page_types():
    from wagtail.models import get_page_models

    return get_page_models()


def referring_pages(objects):
    """The live pages that refer to any of `objects` (through the reference index)."""
    objects = [obj for obj in objects if obj is not None and obj.pk is not None]
    if not objects:
        return []
    # The reference index records a page under the content type of the base page model.
    page_type = ContentType.objects.get_for_model(Page)
    pks = (
        ReferenceIndex.get_references_to_in_bulk(objects)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(_live_pages(int(pk) for pk in pks))


def hooked_pages(obj):
    pages = []
    for hook in hooks.get_hooks("frontend_cache_pages"):
        pages.extend(hook(obj) or [])
    return pages


def dependent_pages(page):
    """The pages that show `page`: its translations, their ancestors below the tree root, the
    pages that refer to it and the pages that list its type."""
    translations = list(page.get_translations(inclusive=True).live()) or [page]
    if page.pk not in {translation.pk for translation in translations}:
        translations.append(page)
    related = list(translations)
    for translation in translations:
        related.extend(translation.get_ancestors().filter(depth__gt=1).live())
    related.extend(referring_pages(translations))
    related.extend(pages_listing(type(page.specific_deferred)))
    related.extend(hooked_pages(page))
    return related


def page_urls(pages):
    batch = PurgeBatch()
    seen = set()
    for page in pages:
        if page.pk not in seen:
            seen.add(page.pk)
            batch.add_page(page)
    return batch.urls


def site_wide_urls():
    urls = set()
    for site in Site.objects.all():
        urls.update(site.root_url + path for path in SITE_WIDE_PATHS)
    return urls


# {database alias: (the connection's list of commit callbacks, the addresses to purge)}, per thread.
_pending = threading.local()


def schedule_purge(urls):
    """Purge `urls` once the current transaction commits (at once outside a transaction); the
    URLs of one transaction go out in one batch."""
    urls = set(urls)
    if not urls:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _purge(urls)
        return
    pending = getattr(_pending, connection.alias, None)
    # A commit or rollback replaces the callback list: a batch tied to an old list is over.
    if pending is None or pending[0] is not connection.run_on_commit:
        batch = set()
        setattr(_pending, connection.alias, (connection.run_on_commit, batch))
        transaction.on_commit(lambda: _purge(batch))
    else:
        batch = pending[1]
    batch.update(urls)


def _purge(urls):
    if urls:
        logger.info("Purging %d addresses from the page cache: %s", len(urls), " ".join(sorted(urls)))
        PurgeBatch(urls).purge()


def purge_page(page, extra_urls=()):
    schedule_purge(page_urls(dependent_pages(page)) | site_wide_urls() | set(extra_urls))


def purge_everything():
    """Every live page, for what every page shows (site settings, site text)."""
    schedule_purge(page_urls(Page.objects.live().filter(depth__gt=1).specific(defer=True)) | site_wide_urls())


def purge_object(obj):
    """After a snippet, document, image or setting changed."""
    if getattr(type(obj), "shown_on_every_page", False):
        purge_everything()
        return
    pages = referring_pages([obj]) + pages_listing(type(obj)) + hooked_pages(obj)
    if pages:
        schedule_purge(page_urls(pages))


# Signal handlers


def on_page_changed(sender, instance, **kwargs):
    purge_page(instance)


_moving = threading.local()


def before_page_move(sender, instance, **kwargs):
    """Remember the addresses the page and its old parents had (Wagtail sends the moved page
    to the second signal as another object)."""
    if not hasattr(_moving, "urls"):
        _moving.urls = {}
    _moving.urls[instance.pk] = page_urls(dependent_pages(instance))


def after_page_move(sender, instance, **kwargs):
    old_urls = getattr(_moving, "urls", {}).pop(instance.pk, set())
    purge_page(instance, old_urls)


def before_page_delete(sender, instance, **kwargs):
    # Deleting a page deletes a row per table of its type: act once, on the base row.
    if type(instance) is not Page or not instance.live or instance.depth <= 1:
        return
    schedule_purge(page_urls(dependent_pages(instance)) | site_wide_urls())


def on_object_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures
        return
    if isinstance(instance, PageViewRestriction):
        purge_page(instance.page)
    elif sender in purged_models():
        purge_object(instance)


@functools.cache
def purged_models():
    """Snippets, settings, documents and images: what pages show besides other pages."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    models = set(get_snippet_models()) | {get_document_model(), get_image_model()}
    models |= {model for model in apps.get_models() if issubclass(model, (BaseSiteSetting, BaseGenericSetting))}
    return frozenset(model for model in models if not issubclass(model, Page))


def connect():
    """Called from core's AppConfig.ready(). Objects are purged before they are deleted, while
    the reference index still knows which pages show them."""
    page_published.connect(on_page_changed, dispatch_uid="frontend_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="frontend_cache_unpublished")
    pre_page_move.connect(before_page_move, dispatch_uid="frontend_cache_pre_move")
    post_page_move.connect(after_page_move, dispatch_uid="frontend_cache_post_move")
    pre_delete.connect(before_page_delete, sender=Page, dispatch_uid="frontend_cache_page_delete")
    post_save.connect(on_object_changed, dispatch_uid="frontend_cache_object_saved")
    pre_delete.connect(on_object_changed, dispatch_uid="frontend_cache_object_deleted")
