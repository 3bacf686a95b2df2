"""Translations go through review like every change: wagtail-localize's translation editor offers
"Publish" to those who may publish, and nothing to an editor. "Submit translation for review"
(in the page's ⋯ menu and header) saves the translated text as a draft of the Mongolian page and
starts the Communications review workflow on it; a moderator then approves it as any page.

Snippets (key figures, partners, goals, site text) the same way: a Mongolian snippet's edit view is
wagtail-localize's translation editor, so "Submit translation for review" is in its header
(the `translation_editor_header_buttons` hook, compat/localize_editor.py) and in the ⋯ menu of the
Mongolian snippets' listing."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowMixin
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params

from .translation_progress import progress


def edit_url(instance):
    """The admin's edit view of a page or snippet: for a translation, its translation editor."""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def translation_for(page):
    """The wagtail-localize translation that produces `page` (a page or snippet translated from the default language)."""
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
    is what the public site shows: the live page would change before any review. So what the
    public saw is put back into the row (the live revision's content; for an alias being
    converted into a translation, the English copy it showed), and the translation waits in the
    new revision. A converted alias keeps no live revision until a moderator publishes one, and
    the site goes on showing it as English (core.navigation.language_of)."""
    if not page.live:
        translation.save_target(user=user, publish=False)
        return
    # An alias shows its row (its "live revision", copied from the page it mirrors, is that page's).
    own_live_revision = page.live_revision_id and not page.alias_of_id
    shown = page.live_revision.as_object() if own_live_revision else Page.objects.get(pk=page.pk).specific
    translation.save_target(user=user, publish=False)
    draft = Page.objects.get(pk=page.pk).specific
    shown.alias_of_id = None
    # What belongs to the page rather than to a revision stays as it is (a revision's content
    # holds the live revision and publication dates of the time it was saved).
    # A converted alias has no revision of its own live (an alias may point at its original's).
    shown.live_revision_id = None if page.alias_of_id else page.live_revision_id
    shown.first_published_at = page.first_published_at
    shown.last_published_at = page.last_published_at
    shown.latest_revision = draft.latest_revision
    shown.latest_revision_created_at = draft.latest_revision_created_at
    shown.draft_title = draft.draft_title
    shown.has_unpublished_changes = True
    shown.save(clean=False)


@require_POST
def submit_translation(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit(page, request.user):
        raise PermissionDenied
    translation = translation_for(page)
    if translation is not None:
        warning = confirm_partial_translation(request, translation, page.get_admin_display_title())
        if warning is not None:
            return warning
        save_translation_as_draft(page, translation, request.user)
        page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, request.user)
    messages.success(request, _("“%(title)s” was submitted for review.") % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def confirm_partial_translation(request, translation, title):
    """Before a translation with text still in English goes to review: a page that says how much
    is left and asks to go back to the translation editor or submit anyway (None: nothing left,
    or the editor chose to submit anyway)."""
    done, total = progress(translation)
    if done == total or request.POST.get("confirm") == "partly-translated":
        return None
    instance = translation.get_target_instance()
    return TemplateResponse(
        request,
        "editorial/confirm_partial_translation.html",
        {
            "page_title": _("Submit a partly translated %(title)s?") % {"title": title},
            "title": title,
            "untranslated": total - done,
            "total": total,
            "editor_url": edit_url(instance),
            "action_url": request.path,
        },
    )


def posting_button(button_class, url):
    """ "Submit translation for review" as a `button_class` (a listing's or a header's button)."""
    return button_class(
        gettext_lazy("Submit translation for review"),
        url,
        icon_name="resubmit",
        priority=20,
        # Wagtail's admin posts the link (with its CSRF token) instead of following it.
        attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
    )


def submit_button(page, user, view_name=None, next_url=None):
    if can_submit(page, user):
        yield posting_button(ListingButton, reverse("editorial_submit_translation", args=[page.pk]))


class ProgressTag(Component):
    """How much of the translation is still in English, in the translation editor's header."""

    priority = 10

    def __init__(self, untranslated, total):
        self.untranslated, self.total = untranslated, total

    def render_html(self, parent_context=None):
        text = ngettext(
            "%(count)s of %(total)s texts not translated",
            "%(count)s of %(total)s texts not translated",
            self.untranslated,
        ) % {"count": self.untranslated, "total": self.total}
        return format_html('<span class="w-status w-status--label translation-progress">{}</span>', text)


def translation_editor_buttons(instance, user, next_url=None):
    """The translation editor's header, of a page or a snippet (compat.localize_editor): how much
    is left in English, for the editor and the moderator who reviews it, and "Submit translation
    for review"."""
    translation = translation_for(instance)
    if translation is not None:
        done, total = progress(translation)
        if done < total:
            yield ProgressTag(total - done, total)
    if isinstance(instance, Page):
        if can_submit(instance, user):
            yield posting_button(HeaderButton, reverse("editorial_submit_translation", args=[instance.pk]))
    elif can_submit_snippet(instance, user):
        yield posting_button(HeaderButton, snippet_submit_url(instance))


def can_submit_snippet(instance, user):
    return (
        isinstance(instance, TranslatableMixin)
        and isinstance(instance, WorkflowMixin)
        and instance.locale_id != Locale.get_default().pk
        and not instance.workflow_in_progress
        and user.has_perm(get_permission_name("change", type(instance)))
        and instance.get_workflow() is not None
    )


def save_snippet_translation_as_draft(instance, translation, user):
    """A new revision of the translated snippet with the current translations, and nothing else.

    wagtail-localize's draft save writes the translated text into the snippet's row (what the
    public site shows) and marks it not live: a published translation would change, or vanish,
    before any review. So the row is put back as it was, and the translation waits in the new
    revision for a moderator."""
    model = type(instance)
    if not instance.live:
        translation.save_target(user=user, publish=False)
        return
    shown = model.objects.get(pk=instance.pk)
    translation.save_target(user=user, publish=False)
    draft = model.objects.get(pk=instance.pk)
    shown.latest_revision = draft.latest_revision
    shown.has_unpublished_changes = True
    shown.save()


@require_POST
def submit_snippet_translation(request, app_label, model_name, pk):
    model = get_snippet_model_from_url_params(app_label, model_name)
    instance = get_object_or_404(model, pk=unquote(pk))
    if not can_submit_snippet(instance, request.user):
        raise PermissionDenied
    translation = translation_for(instance)
    if translation is not None:
        warning = confirm_partial_translation(request, translation, str(instance))
        if warning is not None:
            return warning
        save_snippet_translation_as_draft(instance, translation, request.user)
        instance = model.objects.get(pk=instance.pk)
    instance.get_workflow().start(instance, request.user)
    messages.success(request, _("“%(title)s” was submitted for review.") % {"title": str(instance)})
    listing = reverse(instance.snippet_viewset.get_url_name("list"))
    return redirect(f"{listing}?locale={instance.locale.language_code}")


def snippet_submit_url(snippet):
    return reverse(
        "editorial_submit_snippet_translation", args=[snippet._meta.app_label, snippet._meta.model_name, snippet.pk]
    )


def snippet_submit_button(snippet, user, next_url=None):
    if can_submit_snippet(snippet, user):
        yield posting_button(ListingButton, snippet_submit_url(snippet))
