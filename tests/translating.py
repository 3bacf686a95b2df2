"""Translate a page into Mongolian the way wagtail-localize's translation editor does."""

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource


def translate(page, title):
    """Translate `page` into Mongolian (untranslated strings keep the English), publish it with `title`."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    mongolian = Locale.objects.get(language_code="mn")
    source.create_or_update_translation(mongolian, publish=True, fallback=True)
    translated = page.get_translation(mongolian)
    translated.title = title
    translated.save_revision().publish()
    return translated
