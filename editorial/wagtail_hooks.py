"""Admin hooks: the accessibility checker in the editor's Checks panel and the userbar."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

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
