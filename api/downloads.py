"""Key figures as data: every live figure once, with its label and unit in English and Mongolian
(from its live Mongolian translation, empty until there is one) and its source, as JSON or CSV."""

import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse

from pages.snippets import KeyFigure

from .endpoints import rate_limited

COLUMNS = ["value", "unit", "year", "label", "source_title", "source_url"]
TRANSLATED = ["label", "unit"]
FORMATS = ("json", "csv")


def header():
    languages = [code for code, _name in settings.LANGUAGES]
    names = []
    for column in COLUMNS:
        names += [f"{column}_{code}" for code in languages] if column in TRANSLATED else [column]
    return names


def key_figure_rows():
    """One row per figure of the default language, in two queries."""
    figures = list(KeyFigure.objects.filter(live=True).select_related("locale").order_by("label", "pk"))
    by_key = {}
    for figure in figures:
        by_key.setdefault(figure.translation_key, {})[figure.locale.language_code] = figure
    rows = []
    for versions in by_key.values():
        source = versions.get(settings.LANGUAGE_CODE)
        if source is None:
            continue
        row = {}
        for column in COLUMNS:
            if column in TRANSLATED:
                for code, _name in settings.LANGUAGES:
                    version = versions.get(code)
                    row[f"{column}_{code}"] = getattr(version, column) if version else ""
            else:
                row[column] = getattr(source, column)
        rows.append(row)
    return rows


def key_figures(request, format):
    if format not in FORMATS:
        raise Http404
    limited = rate_limited(request)
    if limited is not None:
        return limited
    rows = key_figure_rows()
    if format == "json":
        return JsonResponse({"meta": {"total_count": len(rows), "columns": header()}, "items": rows})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header())
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="iom-mongolia-key-figures.csv"'
    return response
