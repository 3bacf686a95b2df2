"""Reports → Mongolian translations: every English page and translatable snippet with its state in
each other language, so translators know what to do next.

States: "not translated" (the other language shows the English, through an alias or a translation
started but never published, or has nothing; a snippet's translation started but never published),
"in review" (the translation waits for a moderator), "out of date" (the English was published
after the translation was last synchronised: sync it, then translate the new text), "partly
translated (N of M)" (published with N of its M texts translated: the others show in English) and
"translated".
"""

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, WorkflowState

from core.navigation import shows_copied_content

from .translation_progress import progress_by_source

NOT_TRANSLATED = "not-translated"
IN_REVIEW = "in-review"
OUT_OF_DATE = "out-of-date"
PARTLY_TRANSLATED = "partly-translated"
TRANSLATED = "translated"
STATE_LABELS = {
    NOT_TRANSLATED: gettext_lazy("Not translated"),
    IN_REVIEW: gettext_lazy("In review"),
    OUT_OF_DATE: gettext_lazy("Out of date"),
    PARTLY_TRANSLATED: gettext_lazy("Partly translated"),
    TRANSLATED: gettext_lazy("Translated"),
}
# Translatable snippets listed beside the pages (model strings: the editorial app imports no feature app).
SNIPPETS = ["pages.KeyFigure", "pages.SustainableDevelopmentGoal", "partners.Partner", "core.SiteText"]


def snippet_edit_url(snippet):
    return reverse(snippet.snippet_viewset.get_url_name("edit"), args=[quote(snippet.pk)])


def _rows(objects, versions, sources, in_review, kind, submit_url, progress):
    rows = []
    for obj in objects:
        version = versions.get(obj.translation_key)
        source = sources.get(obj.translation_key)
        changed_at = getattr(obj, "last_published_at", None)
        started = None  # a translation started but never published
        if version is None or getattr(version, "alias_of_id", None):
            state = NOT_TRANSLATED
        elif (type(version), version.pk) in in_review:
            state = IN_REVIEW
        elif isinstance(version, Page) and shows_copied_content(version):
            state, started = NOT_TRANSLATED, version
        elif not isinstance(version, Page) and getattr(version, "live", True) is False:
            state, started = NOT_TRANSLATED, version  # a snippet translation started as a draft
        elif source is not None and changed_at and changed_at > source.last_updated_at:
            state = OUT_OF_DATE
        else:
            state = TRANSLATED
        done, total = progress.get(source.pk, (0, 0)) if source is not None else (0, 0)
        if state == TRANSLATED and done < total:
            state, started = PARTLY_TRANSLATED, version
        edit_url = None  # a started translation's edit view: its translation editor
        if started is not None:
            edit_url = (
                reverse("wagtailadmin_pages:edit", args=[started.pk])
                if isinstance(started, Page)
                else snippet_edit_url(started)
            )
        action_url = (
            edit_url
            if edit_url
            else submit_url(obj)
            if state == NOT_TRANSLATED
            else reverse("wagtail_localize:update_translations", args=[source.pk])
            if state == OUT_OF_DATE and source
            else None
        )
        rows.append(
            {
                "title": str(obj),
                "kind": kind,
                "state": state,
                "state_label": (
                    _("Partly translated (%(done)s of %(total)s)") % {"done": done, "total": total}
                    if state == PARTLY_TRANSLATED
                    else STATE_LABELS[state]
                ),
                "changed_at": changed_at if state == OUT_OF_DATE else None,
                "action_url": action_url,
                "action_label": (
                    _("Translate") if state in (NOT_TRANSLATED, PARTLY_TRANSLATED) else _("Sync") if action_url else ""
                ),
            }
        )
    return rows


def translation_rows(target):
    """Every English page (but the tree's root) and translatable snippet, with its state in `target`."""
    from wagtail_localize.models import TranslationSource

    default = Locale.get_default()
    in_review = {
        (
            state.content_object.specific_class
            if isinstance(state.content_object, Page)
            else type(state.content_object),
            int(state.object_id),
        )
        for state in WorkflowState.objects.active().filter(content_type__isnull=False)
        if state.content_object is not None
    }
    sources = {source.object_id: source for source in TranslationSource.objects.filter(locale=default)}
    progress = progress_by_source([source.pk for source in sources.values()], target.pk)
    rows = []
    pages = list(Page.objects.filter(locale=default, depth__gt=1, alias_of__isnull=True).order_by("path").specific())
    versions = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale=target, translation_key__in=[p.translation_key for p in pages]
        ).specific()
    }
    rows += _rows(
        pages,
        versions,
        sources,
        in_review,
        _("Page"),
        lambda page: reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        progress,
    )
    for label in SNIPPETS:
        model = apps.get_model(label)
        objects = list(model.objects.filter(locale=default))
        versions = {
            obj.translation_key: obj
            for obj in model.objects.filter(locale=target, translation_key__in=[o.translation_key for o in objects])
        }
        rows += _rows(
            objects,
            versions,
            sources,
            in_review,
            str(model._meta.verbose_name).capitalize(),
            lambda obj, model=model: reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, obj.pk],
            ),
            progress,
        )
    return rows


def counts(rows):
    return {label: sum(1 for row in rows if row["state"] == state) for state, label in STATE_LABELS.items()}


def dashboard_counts(target):
    """The dashboard's summary for `target`, in two queries whatever the size of the tree: pages
    that still show the English (aliases, and translations started but never published) and
    page translations waiting for a moderator. The report itself lists every page and snippet."""
    pages = Page.objects.filter(locale=target, depth__gt=1)
    not_translated = pages.filter(
        Q(alias_of__isnull=False) | Q(live=True, latest_revision__isnull=False, live_revision__isnull=True)
    ).count()
    page_ids = pages.annotate(text_id=Cast("pk", CharField())).values("text_id")
    in_review = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids)
        .count()
    )
    return {STATE_LABELS[NOT_TRANSLATED]: not_translated, STATE_LABELS[IN_REVIEW]: in_review}


def target_locale():
    return Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk").first()


def translation_report(request):
    target = target_locale()
    rows = translation_rows(target) if target else []
    return TemplateResponse(
        request,
        "editorial/translation_report.html",
        {
            "page_title": _("Mongolian translations"),
            "header_title": _("Mongolian translations"),
            "rows": rows,
            "counts": counts(rows),
        },
    )
