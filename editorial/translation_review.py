"""Translations go through review like every change: wagtail-localize's translation editor offers
"Publish" to those who may publish, and nothing to an editor. "Submit translation for review"
(in the page's ⋯ menu and header) saves the translated text as a draft of the Mongolian page and
starts the Communications review workflow on it; a moderator then approves it as any page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import PageListingButton
from wagtail.models import Locale, Page


def translation_for(page):
    """The wagtail-localize translation that produces `page` (a page translated from the default language)."""
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def can_submit(page, user):
    return (
        page.locale_id != Locale.get_default().pk
        and page.alias_of_id is None
        and not page.workflow_in_progress
        and page.permissions_for_user(user).can_edit()
        and page.get_workflow() is not None
    )


def save_translation_as_draft(page, translation, user):
    """A new revision of the translated page with the current translations, and nothing else.

    wagtail-localize's draft save also writes the translated text into the page's own row, which
    is what the public site shows: the live page would change before any review. So the live
    revision's content is put back into the row, and the translation waits in the new revision."""
    live_revision = page.live_revision if page.live else None
    translation.save_target(user=user, publish=False)
    if live_revision is None:
        return
    draft = Page.objects.get(pk=page.pk).specific
    live = live_revision.as_object()
    live.latest_revision = draft.latest_revision
    live.latest_revision_created_at = draft.latest_revision_created_at
    live.has_unpublished_changes = True
    live.save(clean=False)


@require_POST
def submit_translation(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit(page, request.user):
        raise PermissionDenied
    translation = translation_for(page)
    if translation is not None:
        save_translation_as_draft(page, translation, request.user)
        page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, request.user)
    messages.success(request, _("“%(title)s” was submitted for review.") % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def submit_button(page, user, view_name=None, next_url=None):
    from django.urls import reverse

    if can_submit(page, user):
        url = reverse("editorial_submit_translation", args=[page.pk])
        yield PageListingButton(
            gettext_lazy("Submit translation for review"),
            url,
            icon_name="resubmit",
            priority=20,
            # Wagtail's admin posts the link (with its CSRF token) instead of following it.
            attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
        )
