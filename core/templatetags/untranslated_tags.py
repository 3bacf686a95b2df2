"""English left inside a translated page, marked lang="en" (core.untranslated)."""

from django import template

from core import untranslated

register = template.Library()


@register.simple_tag(takes_context=True)
def untranslated_texts(context, page, content_lang=None):
    """The English texts left in `page`: none when the whole page is shown in another language
    than the visitor's (`content_lang`, marked on the page's content as a whole)."""
    if content_lang and content_lang != context.get("LANGUAGE_CODE"):
        return frozenset()
    return untranslated.untranslated_texts(page)


@register.filter
def mark_english(html, texts):
    return untranslated.mark_english(html, texts)
