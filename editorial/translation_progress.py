"""How much of a translation is done: its text segments translated into the target language, out
of all of them, as wagtail-localize's `Translation.get_progress` counts them, but without the
page's slug (left in English on purpose: the Mongolian address mirrors the English one), and for
many translations in one query (the translations report)."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Sum, Value, When
from django.db.models.functions import Coalesce

LEFT_IN_ENGLISH = ["slug"]


def progress_by_source(source_ids, locale_id):
    """{source id: (translated, total)} of the sources' text segments in `locale_id`."""
    from wagtail_localize.models import StringSegment, StringTranslation

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source_id__in=list(source_ids))
        .exclude(context__path__in=LEFT_IN_ENGLISH)
        .annotate(done=Case(When(Exists(translated), then=Value(1)), default=Value(0), output_field=IntegerField()))
        .values("source_id")
        .annotate(total=Count("pk"), translated=Coalesce(Sum("done"), 0))
    )
    return {row["source_id"]: (row["translated"], row["total"]) for row in rows}


def progress(translation):
    """(translated, total) of one wagtail-localize translation."""
    return progress_by_source([translation.source_id], translation.target_locale_id).get(translation.source_id, (0, 0))


def untranslated(translation):
    """How many of the translation's text segments still show the English."""
    done, total = progress(translation)
    return total - done
