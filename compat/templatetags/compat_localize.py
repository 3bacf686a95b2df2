"""The translation editor's header (compat.localize_editor)."""

from django import template

from compat.localize_editor import header

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_editor_header(context):
    """Sets `buttons` (the header's) and `props` (the React editor's, without the footer's
    "Convert to alias page") in the context of wagtail-localize's template."""
    context["buttons"], context["props"] = header(context["instance"], context["request"], context["props"])
    return ""
