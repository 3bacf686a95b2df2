"""Translate a page into Mongolian the way wagtail-localize's translation editor does."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def translate(page, title, **fields):
    """Translate `page` into Mongolian as "Translate this page" does (untranslated strings keep
    the English), then publish it with `title` (and any other `fields`, e.g. its slug)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    mongolian = Locale.objects.get(language_code="mn")
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=mongolian)
    translation.save_target(publish=True)
    translated = page.get_translation(mongolian)
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def translate_every_text(page, prefix="Монгол "):
    """Every text of the Mongolian translation of `page` translated in wagtail-localize (as the
    translation editor's "Save" records it), but the slug, which stays in English."""
    from wagtail_localize.models import StringSegment, StringTranslation

    mongolian = Locale.objects.get(language_code="mn")
    for segment in StringSegment.objects.filter(source__object_id=page.translation_key).exclude(context__path="slug"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=mongolian,
            context=segment.context,
            defaults={"data": prefix + segment.string.data},
        )
