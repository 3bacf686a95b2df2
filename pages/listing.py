"""The publications of "Data and Resources": ?type=, ?year=, ?area= (a work area's slug) and ?page=,
alone or together.

Every filter is a plain link, so the list works without JavaScript. A value that cannot be right
(an unknown type or work area, a malformed year or page number, a page past the end) gives a 404
page that says what was wrong and links back to the whole list; a valid filter that matches
nothing says so on a normal page.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core import navigation

from .publications import TYPE_PLURALS, PublicationPage, PublicationType

YEAR = re.compile(r"[0-9]{4}")
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
FILTERS = ("type", "year", "area")
MAX_PER_PAGE = 50


class PublicationListing:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.errors = []
        self.publications = navigation.public(PublicationPage.objects.child_of(index).live(), request)
        params = {name: request.GET.get(name, "").strip() for name in (*FILTERS, "page")}
        self.selected = {}

        kind = params["type"]
        if kind:
            if kind in PublicationType.values:
                self.selected["type"] = kind
            else:
                self.errors.append(_("There is no such type of publication."))

        year = params["year"]
        if year:
            if YEAR.fullmatch(year):
                self.selected["year"] = year
            else:
                self.errors.append(_("A year is written with four digits, e.g. 2024."))

        self.selected_area = None
        area = params["area"]
        if area:
            self.selected_area = next((item for item in self.work_areas if item.slug == area), None)
            if self.selected_area is not None:
                self.selected["area"] = area
            else:
                self.errors.append(_("There is no such work area."))

        self.page = None
        if not self.errors:
            self.page = self._page(params["page"])

    @cached_property
    def work_areas(self):
        """The live work areas, each in the index's language where translated, else in the default
        language (publications keep the work areas of the page they were translated from), each
        with `has_publications`. One query."""
        model = PublicationPage._meta.get_field("work_areas").related_model
        used = PublicationPage.work_areas.through.objects.filter(
            publicationpage__in=self.publications.values("pk"),
            workareapage__translation_key=OuterRef("translation_key"),
        )
        codes = navigation.locale_codes(self.request)
        locales = {self.index.locale_id} | {pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE}
        areas = {}
        for area in (
            model.objects.live().filter(locale_id__in=locales).annotate(has_publications=Exists(used)).order_by("path")
        ):
            if area.translation_key not in areas or area.locale_id == self.index.locale_id:
                areas[area.translation_key] = area
        return list(areas.values())

    @cached_property
    def years(self):
        return [date.year for date in self.publications.dates("publication_date", "year", order="DESC")]

    @property
    def has_publications(self):
        """Whether the index has any publication at all, whatever the filters."""
        return bool(self.years)

    def _page(self, number):
        paginator = Paginator(self.filtered(), min(max(self.index.per_page, 1), MAX_PER_PAGE))
        if not number:
            return paginator.page(1)
        if not PAGE_NUMBER.fullmatch(number):
            self.errors.append(_("Page numbers are whole numbers from 1."))
            return None
        if int(number) > paginator.num_pages:
            self.errors.append(
                _("There is no page %(number)s: this list has %(total)s.")
                % {"number": number, "total": paginator.num_pages}
            )
            return None
        return paginator.page(int(number))

    def filtered(self):
        publications = self.publications
        if "type" in self.selected:
            publications = publications.filter(publication_type=self.selected["type"])
        if "year" in self.selected:
            publications = publications.filter(publication_date__year=int(self.selected["year"]))
        if self.selected_area is not None:
            publications = publications.filter(work_areas__translation_key=self.selected_area.translation_key)
        return publications.distinct().with_covers().newest_first()

    @property
    def error(self):
        return " ".join(self.errors)

    @property
    def is_filtered(self):
        return bool(self.selected)

    def url(self, **changes):
        """The list's address with the current filters changed (None removes one); always page 1."""
        params = {**self.selected, **changes}
        query = urlencode([(name, params[name]) for name in FILTERS if params.get(name)])
        return f"?{query}" if query else "?"

    def page_url(self, number):
        params = [(name, self.selected[name]) for name in FILTERS if name in self.selected]
        if number > 1:
            params.append(("page", number))
        query = urlencode(params)
        return f"?{query}" if query else "?"

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page and self.page.has_previous() else ""

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page and self.page.has_next() else ""

    def _options(self, name, choices):
        options = [{"label": _("All"), "url": self.url(**{name: None}), "current": name not in self.selected}]
        for value, label in choices:
            options.append(
                {"label": label, "url": self.url(**{name: value}), "current": self.selected.get(name) == value}
            )
        return options

    def filter_groups(self):
        """The filters as groups of links, for the template; a group with nothing to choose is left out."""
        groups = [
            {"name": "type", "label": _("Type"), "options": self._options("type", list(TYPE_PLURALS.items()))},
        ]
        years = [str(year) for year in self.years]
        if "year" in self.selected and self.selected["year"] not in years:
            years.append(self.selected["year"])
        if years:
            groups.append(
                {"name": "year", "label": _("Year"), "options": self._options("year", [(y, y) for y in years])}
            )
        areas = [(a.slug, a.title) for a in self.work_areas if a.has_publications or a == self.selected_area]
        if areas:
            groups.append({"name": "area", "label": _("Work area"), "options": self._options("area", areas)})
        return groups

    def active_filters(self):
        """(filter label, chosen value) for each filter in use, to say what the list shows."""
        active = []
        if "type" in self.selected:
            active.append((_("Type"), TYPE_PLURALS[self.selected["type"]]))
        if "year" in self.selected:
            active.append((_("Year"), self.selected["year"]))
        if self.selected_area is not None:
            active.append((_("Work area"), self.selected_area.title))
        return active
