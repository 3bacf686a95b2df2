"""A list of pages filtered by plain links: one kind of item (?kind= or ?type=), ?year=, ?area= (a
work area's slug) and ?page=, alone or together; an app adds filters of its own (news: ?tag=).

Every filter is a link, so a list works without JavaScript. A value that cannot be right (an
unknown kind or work area, a malformed year or page number, a page past the end) gives a 404 page
that says what was wrong and links back to the whole list; a valid filter that matches nothing
says so on a normal page. Media and news (news/listing.py) and Data and Resources
(pages/listing.py) are such lists.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from . import navigation

YEAR = re.compile(r"[1-9][0-9]{3}")  # 1000 to 9999: year 0 is no date
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
MAX_PER_PAGE = 50


class FilteredListing:
    """Subclasses name the item model and the choice filter; `get_items()` gives the live, public
    items of the index, `order()` their order."""

    model = None  # a page model with `publication_date` and a `work_areas` many-to-many field
    choice_param = ""  # the query parameter of the kind of item, e.g. "kind"
    choice_field = ""  # the model field it filters, e.g. "kind"
    choice_label = ""  # e.g. _("Kind")
    choices = {}  # {value: plural label}
    choice_error = ""  # what a 404 page says of an unknown value
    extra_params = ()  # the query parameters an app adds, after the work area

    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.errors = []
        self.selected = {}
        self.selected_area = None
        self.items = self.get_items()
        params = {name: request.GET.get(name, "").strip() for name in (*self.params, "page")}

        choice = params[self.choice_param]
        if choice:
            if choice in self.choices:
                self.selected[self.choice_param] = choice
            else:
                self.errors.append(str(self.choice_error))

        year = params["year"]
        if year:
            if YEAR.fullmatch(year):
                self.selected["year"] = year
            else:
                self.errors.append(_("A year is written with four digits, e.g. 2024."))

        area = params["area"]
        if area:
            self.selected_area = next((item for item in self.work_areas if item.slug == area), None)
            if self.selected_area is not None:
                self.selected["area"] = area
            else:
                self.errors.append(_("There is no such work area."))

        self.select_extra(params)
        self.page = None
        if not self.errors:
            self.page = self._page(params["page"])

    @property
    def params(self):
        """The filters' query parameters, in the order the list's addresses name them."""
        return (self.choice_param, "year", "area", *self.extra_params)

    # For subclasses

    def get_items(self):
        raise NotImplementedError

    def order(self, items):
        return items

    def select_extra(self, params):
        """Read the app's own filters from `params` into `self.selected` (or `self.errors`)."""

    def filter_extra(self, items):
        return items

    def extra_filter_groups(self):
        return []

    def extra_active_filters(self):
        return []

    # What the filters offer

    @cached_property
    def work_areas(self):
        """The live work areas, each in the index's language where translated, else in the default
        language (items keep the work areas of the page they were translated from), each with
        `has_items`. One query."""
        field = self.model._meta.get_field("work_areas")
        through = field.remote_field.through
        used = through.objects.filter(
            **{
                f"{field.m2m_field_name()}__in": self.items.values("pk"),
                f"{field.m2m_reverse_field_name()}__translation_key": OuterRef("translation_key"),
            }
        )
        codes = navigation.locale_codes(self.request)
        locales = {self.index.locale_id} | {pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE}
        areas = {}
        for area in (
            field.related_model.objects.live()
            .filter(locale_id__in=locales)
            .annotate(has_items=Exists(used))
            .order_by("path")
        ):
            if area.translation_key not in areas or area.locale_id == self.index.locale_id:
                areas[area.translation_key] = area
        return list(areas.values())

    @cached_property
    def years(self):
        return [date.year for date in self.items.dates("publication_date", "year", order="DESC")]

    @property
    def has_items(self):
        """Whether the index has any item at all, whatever the filters."""
        return bool(self.years)

    def filtered(self):
        items = self.items
        if self.choice_param in self.selected:
            items = items.filter(**{self.choice_field: self.selected[self.choice_param]})
        if "year" in self.selected:
            items = items.filter(publication_date__year=int(self.selected["year"]))
        if self.selected_area is not None:
            items = items.filter(work_areas__translation_key=self.selected_area.translation_key)
        return self.order(self.filter_extra(items))

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

    @property
    def error(self):
        return " ".join(self.errors)

    @property
    def is_filtered(self):
        return bool(self.selected)

    # Addresses

    def url(self, **changes):
        """The list's address with the current filters changed (None removes one); always page 1."""
        params = {**self.selected, **changes}
        query = urlencode([(name, params[name]) for name in self.params if params.get(name)])
        return f"?{query}" if query else "?"

    def page_url(self, number):
        params = [(name, self.selected[name]) for name in self.params if name in self.selected]
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

    # For the template

    def options(self, name, choices):
        options = [{"label": _("All"), "url": self.url(**{name: None}), "current": name not in self.selected}]
        for value, label in choices:
            options.append(
                {"label": label, "url": self.url(**{name: value}), "current": self.selected.get(name) == value}
            )
        return options

    def filter_groups(self):
        """The filters as groups of links; a group with nothing to choose is left out."""
        name = self.choice_param
        groups = [
            {"name": name, "label": self.choice_label, "options": self.options(name, list(self.choices.items()))}
        ]
        years = [str(year) for year in self.years]
        if "year" in self.selected and self.selected["year"] not in years:
            years.append(self.selected["year"])
        if years:
            groups.append(
                {"name": "year", "label": _("Year"), "options": self.options("year", [(y, y) for y in years])}
            )
        areas = [(a.slug, a.title) for a in self.work_areas if a.has_items or a == self.selected_area]
        if areas:
            groups.append({"name": "area", "label": _("Work area"), "options": self.options("area", areas)})
        return groups + self.extra_filter_groups()

    def active_filters(self):
        """(filter label, chosen value) for each filter in use, to say what the list shows."""
        active = []
        if self.choice_param in self.selected:
            active.append((self.choice_label, self.choices[self.selected[self.choice_param]]))
        if "year" in self.selected:
            active.append((_("Year"), self.selected["year"]))
        if self.selected_area is not None:
            active.append((_("Work area"), self.selected_area.title))
        return active + self.extra_active_filters()
