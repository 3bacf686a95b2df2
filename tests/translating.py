"""Translate a page into Mongolian the way wagtail-localize's translation editor does."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def translate(page, title):
    """Translate `page` into Mongolian as "Translate this page" does (untranslated strings keep
    the English), then publish it with `title`."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    mongolian = Locale.objects.get(language_code="mn")
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=mongolian)
    translation.save_target(publish=True)
    translated = page.get_translation(mongolian)
    translated.title = title
    translated.save_revision().publish()
    return translated
