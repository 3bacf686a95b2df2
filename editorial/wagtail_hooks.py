"""Admin hooks: the accessibility checker, the dashboard panel, the site's own editor guide."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Revision

from . import translation_report, translation_review, views

# Wagtail's own checks plus the axe-core rules an editor can act on: images without
# alternative text, links and buttons without names, unreadable colour contrast.
EXTRA_AXE_RULES = ["image-alt", "role-img-alt", "link-in-text-block", "color-contrast", "list", "listitem"]


class EditorialContentChecker(ContentCheckerItem):
    axe_run_only = ContentCheckerItem.axe_run_only + EXTRA_AXE_RULES
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image has no alternative text"),
            "help_text": _("Describe what the image shows, or mark it as decorative"),
        },
        "color-contrast": {
            "error_name": _("Text is hard to read against its background"),
            "help_text": _("Use stronger contrast between text and background"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_editorial_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, EditorialContentChecker):
            items[index] = EditorialContentChecker(in_editor=item.in_editor)


class CommunicationsPanel(Component):
    """The dashboard's first panel: the site's own editor guide, and scheduled changes whose
    go-live time has passed without being published (the scheduler is not running)."""

    name = "communications"
    order = 50
    template_name = "editorial/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        overdue = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")
        target = translation_report.target_locale()
        translations = translation_report.dashboard_counts(target) if target else {}
        return {"overdue": list(overdue[:20]), "translations": translations}


@hooks.register("construct_homepage_panels")
def add_communications_panel(request, panels):
    panels.insert(0, CommunicationsPanel())


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("editor-guide/", views.editor_guide, name="editorial_editor_guide"),
        path("reports/mongolian-translations/", translation_report.translation_report, name="editorial_translations"),
        path(
            "pages/<int:page_id>/submit-translation/",
            translation_review.submit_translation,
            name="editorial_submit_translation",
        ),
        path(
            "snippets/<slug:app_label>/<slug:model_name>/<str:pk>/submit-translation/",
            translation_review.submit_snippet_translation,
            name="editorial_submit_snippet_translation",
        ),
    ]


hooks.register("register_page_listing_more_buttons", translation_review.submit_button)
hooks.register("register_page_header_buttons", translation_review.submit_button)
# The translation editor's header (compat.localize_editor).
hooks.register("translation_editor_header_buttons", translation_review.translation_editor_buttons)
hooks.register("register_snippet_listing_buttons", translation_review.snippet_submit_button)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Mongolian translations"),
        reverse("editorial_translations"),
        icon_name="globe",
        name="mongolian-translations",
    )


@hooks.register("construct_help_menu")
def use_the_sites_own_guide(request, menu_items):
    """The Help menu points to this site's guide, not to Wagtail's generic one on another site."""
    menu_items[:] = [item for item in menu_items if item.name not in {"editor-guide"} and "whats-new" not in item.name]
    menu_items.insert(
        0, MenuItem(_("Editor guide"), reverse("editorial_editor_guide"), icon_name="help", name="site-editor-guide")
    )


@hooks.register("register_admin_urls")
def recovery_code_urls():
    from .two_factor import CodeView, recovery_codes

    return [
        path("2fa/recovery-codes/", recovery_codes, name="editorial_recovery_codes"),
        # Registered before wagtail-2fa's own view at the same address (INSTALLED_APPS order).
        path("2fa/auth", CodeView.as_view(), name="wagtail_2fa_auth"),  # the name its middleware lets through
    ]


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    return {
        "url": reverse("editorial_recovery_codes"),
        "label": _("Two-factor recovery codes"),
        "help_text": _("One-time codes to sign in with when your phone is lost."),
    }
