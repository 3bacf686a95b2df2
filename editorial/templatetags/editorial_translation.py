"""Template tags for the review of translations (editorial.translation_review)."""

from django import template
from django.urls import reverse

from editorial.translation_review import can_submit_snippet

register = template.Library()


@register.simple_tag
def snippet_submit_url(instance, user):
    """Where "Submit translation for review" posts for this translated snippet, or "" when `user` may not."""
    if not can_submit_snippet(instance, user):
        return ""
    return reverse(
        "editorial_submit_snippet_translation", args=[instance._meta.app_label, instance._meta.model_name, instance.pk]
    )
