"""Deleting and restoring pages (the recycle bin).

A page deleted in the admin is not removed: it, its subtree and its versions in the other
languages (translations and the Mongolian aliases of locale synchronisation) are unpublished with
Wagtail's own unpublish action, so the page cache, sitemap, menus, search and listings see an
ordinary unpublish (core.frontend_cache purges on its signal), and renamed in place
(`deleted-<id>-<slug>`, its address free again). A `RecycledPage` remembers who deleted it, the
slugs and which pages were live, at which revision.

Restoring gives the slugs back and republishes, with Wagtail's publish action, each page that was
live, at the revision that was live: its aliases are republished by Wagtail with it, so the page
is back at its English and Mongolian addresses, and the page cache is purged on publication.
Pages that were drafts stay drafts.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat, Substr
from wagtail.models import Page, Revision, WorkflowState

from core import locale_sync

from .models import RecycledPage

SLUG_PREFIX = "deleted-"


class CannotRestore(Exception):
    pass


def _under(paths):
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return query


def recycled_paths():
    ids = [pk for slugs in RecycledPage.objects.values_list("slugs", flat=True) for pk in slugs]
    return list(Page.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else []


def exclude_recycled(pages):
    """`pages` without the pages in the bin (nor their descendants)."""
    paths = recycled_paths()
    return pages.exclude(_under(paths)) if paths else pages


def in_bin(page):
    return any(page.path.startswith(path) for path in recycled_paths())


def affected_pages(page):
    """The page's versions in every language, their subtrees, and the other versions of its
    descendants wherever they are: what a deletion takes off the site."""
    versions = list(Page.objects.filter(translation_key=page.translation_key))
    keys = page.get_descendants(inclusive=True).values("translation_key")
    return versions, Page.objects.filter(_under(version.path for version in versions) | Q(translation_key__in=keys))


def _rename(page, slug):
    """Give `page` another slug, updating its and its descendants' url_path (no redirects made:
    the addresses of a deleted page should answer 404, and be free for another page)."""
    old_url_path = page.url_path
    new_url_path = old_url_path[: len(old_url_path) - len(page.slug) - 1] + slug + "/"
    Page.objects.filter(path__startswith=page.path).update(
        url_path=Concat(Value(new_url_path), Substr("url_path", len(old_url_path) + 1), output_field=CharField())
    )
    Page.objects.filter(pk=page.pk).update(slug=slug)


@transaction.atomic
def recycle(page, user):
    """Put `page` in the recycle bin (see the module's docstring)."""
    versions, pages = affected_pages(page)
    live_revisions = {}
    for live_page in pages.filter(live=True, alias_of__isnull=True).order_by("path").specific():
        revision = live_page.live_revision or live_page.save_revision(user=user, log_action=False, clean=False)
        live_revisions[str(live_page.pk)] = revision.pk
    # A review or a schedule left running would publish a binned page under its `deleted-…` slug
    # when approved or when its time came: both end here (the revisions stay in its history).
    ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    page_type = ContentType.objects.get_for_model(Page)
    for state in WorkflowState.objects.active().filter(base_content_type=page_type, object_id__in=ids):
        state.cancel(user=user)
    Revision.page_revisions.filter(object_id__in=ids).exclude(approved_go_live_at=None).update(
        approved_go_live_at=None
    )
    # Wagtail's unpublish: signals for the page cache; the page's aliases are unpublished with it.
    for live_page in pages.filter(live=True, alias_of__isnull=True).order_by("-depth").specific():
        live_page.unpublish(user=user)
    for alias in pages.filter(live=True).specific():
        alias.unpublish(user=user)
    slugs = {}
    for version in sorted(versions, key=lambda version: version.depth):
        version.refresh_from_db()
        slugs[str(version.pk)] = version.slug
        _rename(version, f"{SLUG_PREFIX}{version.pk}-{version.slug}"[:255])
    return RecycledPage.objects.create(page=page, deleted_by=user, slugs=slugs, live_revisions=live_revisions)


@transaction.atomic
def restore(record, user):
    """Take `record`'s pages out of the bin and republish those that were live."""
    if any(path for path in recycled_paths() if record.page.path.startswith(path) and path != record.page.path):
        raise CannotRestore("ancestor")
    roots = {page.pk: page for page in Page.objects.filter(pk__in=record.root_ids)}
    for pk, slug in record.slugs.items():
        page = roots[int(pk)]
        if page.get_siblings(inclusive=False).filter(slug=slug).exists():
            raise CannotRestore(page.get_parent().url_path + slug + "/")
        _rename(page, slug)
    revisions = Revision.objects.filter(pk__in=list(record.live_revisions.values())).in_bulk()
    republished = Page.objects.filter(pk__in=[int(pk) for pk in record.live_revisions]).order_by("path")
    record.delete()
    for page in republished:
        revision = revisions.get(record.live_revisions[str(page.pk)])
        if revision is not None:
            revision.publish(user=user)
        locale_sync.mirror(page)  # an alias removed meanwhile is made again
