"""English left inside a translated page: the texts wagtail-localize has no translation of in the
page's language (the page shows the English copied in), so that the public page marks them
lang="en" for screen readers and search engines, as it marks a page that is wholly English.

`untranslated_texts(page)` costs one query, and none for a page in the default language; the
`mark_english` filter adds lang="en" to each element of the rendered content whose text is one of
them (a paragraph, a list item, a heading, a table cell...)."""

import re

from bs4 import BeautifulSoup
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

# Elements whose whole text may be one translated segment (a rich text paragraph, a heading...).
TEXT_ELEMENTS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "blockquote"]
LEFT_IN_ENGLISH = ["slug"]  # not shown as text


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def untranslated_texts(page):
    """The English texts of `page` (a translated page) that have no translation in its language."""
    if not isinstance(page, Page) or page.alias_of_id or page.locale_id == Locale.get_default().pk:
        return frozenset()
    from django.db.models import Exists, OuterRef
    from wagtail_localize.models import StringSegment, StringTranslation

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale_id=page.locale_id
    )
    data = (
        StringSegment.objects.filter(
            source__object_id=page.translation_key,
            source__translations__target_locale_id=page.locale_id,
            source__translations__enabled=True,
        )
        .exclude(context__path__in=LEFT_IN_ENGLISH)
        .exclude(Exists(translated))
        .values_list("string__data", flat=True)
    )
    return frozenset(text for text in (normalise(strip_tags(value)) for value in data) if text)


def mark_english(html, texts, language="en"):
    """`html` with lang="en" on each text element whose whole text is one of `texts`."""
    if not texts:
        return html
    soup = BeautifulSoup(str(html), "html.parser")
    changed = False
    for element in soup.find_all(TEXT_ELEMENTS):
        if not element.has_attr("lang") and normalise(element.get_text()) in texts:
            element["lang"] = language
            changed = True
    return mark_safe(str(soup)) if changed else html  # noqa: S308 (the page's own rendered HTML)
