"""Admin scripts that work around upstream gaps (each described in its file and docs/upgrading.md)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def flush_rich_text_on_submit():
    return format_html('<script src="{}" defer></script>', static("compat/js/draftail-flush-on-submit.js"))
