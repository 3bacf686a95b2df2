"""Purging the API's answers from the page cache when content changes, through the same frontend
cache as the pages (core.frontend_cache, once the change is committed).

A page published, unpublished or deleted purges the pages listing, its type's listing and the
detail addresses of the page and its translations; an image or a document saved or deleted, the
images or documents listing and its detail; a view restriction (page or collection), every
listing; a key figure, the key figure downloads. Varnish bans an address with all its query
strings (deploy/varnish), so each listing goes with its filtered and paginated variants.
"""

from django.db.models.signals import post_save, pre_delete
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from core import frontend_cache

NAMESPACE = "wagtailapi_v2"


def absolute(paths):
    return {site.root_url + path for site in Site.objects.all() for path in paths}


def endpoint_paths(model, pks=()):
    """The listing of the endpoint that serves `model`, and the detail addresses of `pks`."""
    from .urls import router

    found = router.get_model_endpoint(model)
    if found is None:
        return set()
    name = found[0]
    paths = {reverse(f"{NAMESPACE}:{name}:listing")}
    paths |= {reverse(f"{NAMESPACE}:{name}:detail", args=(pk,)) for pk in pks}
    return paths


def page_paths(page):
    pks = set(page.get_translations(inclusive=True).values_list("pk", flat=True)) | {page.pk}
    paths = endpoint_paths(Page, pks)
    specific_model = page.specific_class
    if specific_model is not None and specific_model is not Page:
        paths |= endpoint_paths(specific_model, pks)
    return paths


def all_listings():
    from .urls import router

    return {reverse(f"{NAMESPACE}:{name}:listing") for name in router.endpoint_names()} | set(key_figure_paths())


def key_figure_paths():
    return [reverse("api_key_figures", args=(format,)) for format in ("json", "csv")]


def on_page_changed(sender, instance, **kwargs):
    frontend_cache.schedule_purge(absolute(page_paths(instance)))


def on_page_deleted(sender, instance, **kwargs):
    if type(instance) is Page and instance.live and instance.depth > 1:
        frontend_cache.schedule_purge(absolute(page_paths(instance)))


def on_object_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if sender in (PageViewRestriction, CollectionViewRestriction):
        paths = all_listings()
    elif sender in (get_image_model(), get_document_model()):
        paths = endpoint_paths(sender, [instance.pk])
    elif sender._meta.label == "pages.KeyFigure":
        paths = set(key_figure_paths())
    else:
        return
    frontend_cache.schedule_purge(absolute(paths))


def connect():
    """Called from the app's ready()."""
    page_published.connect(on_page_changed, dispatch_uid="api_purge_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="api_purge_unpublished")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="api_purge_page_deleted")
    post_save.connect(on_object_changed, dispatch_uid="api_purge_object_saved")
    pre_delete.connect(on_object_changed, dispatch_uid="api_purge_object_deleted")
