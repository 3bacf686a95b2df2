"""The filters and pages of "Media and news": ?kind=, ?year=, ?area= (a work area's slug),
?tag= (a tag's slug) and ?page=, alone or together.

Every filter is a plain link, so the list works without JavaScript. A value that cannot be
right (an unknown kind, work area or tag, a malformed year or page number, a page past the
end) gives a 404 page that says what was wrong and links back to the whole list; a valid
filter that matches nothing says so on a normal page.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from taggit.models import Tag

from core import navigation

from .models import KIND_PLURALS, ArticleKind, ArticlePage

YEAR = re.compile(r"[0-9]{4}")
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
FILTERS = ("kind", "year", "area", "tag")
MAX_PER_PAGE = 50


class ArticleListing:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.errors = []
        self.articles = index.get_articles(request)
        params = {name: request.GET.get(name, "").strip() for name in (*FILTERS, "page")}
        self.selected = {}

        kind = params["kind"]
        if kind:
            if kind in ArticleKind.values:
                self.selected["kind"] = kind
            else:
                self.errors.append(_("There is no such kind of article."))

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
        else:
            self.selected_area = None

        tag = params["tag"]
        if tag:
            self.selected_tag = next((item for item in self.tags if item.slug == tag), None)
            if self.selected_tag is not None:
                self.selected["tag"] = tag
            else:
                self.errors.append(_("No article has this tag."))
        else:
            self.selected_tag = None

        self.page = None
        if not self.errors:
            self.page = self._page(params["page"])

    # What the filters offer: each a list of {label, url, current}.

    @cached_property
    def work_areas(self):
        """The live work areas, each in the index's language where translated, else in the default
        language (articles keep the work areas of the page they were translated from), each with
        `has_articles`. One query."""
        model = ArticlePage._meta.get_field("work_areas").related_model
        used = ArticlePage.work_areas.through.objects.filter(
            articlepage__in=self.articles.values("pk"), workareapage__translation_key=OuterRef("translation_key")
        )
        codes = navigation.locale_codes(self.request)
        locales = {self.index.locale_id} | {pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE}
        areas = {}
        for area in (
            model.objects.live().filter(locale_id__in=locales).annotate(has_articles=Exists(used)).order_by("path")
        ):
            if area.translation_key not in areas or area.locale_id == self.index.locale_id:
                areas[area.translation_key] = area
        return list(areas.values())

    @cached_property
    def tags(self):
        """The tags of this index's articles, by name."""
        return list(
            Tag.objects.filter(news_articlepagetag_items__content_object__in=self.articles.values("pk"))
            .distinct()
            .order_by("name")
        )

    @cached_property
    def years(self):
        return [date.year for date in self.articles.dates("publication_date", "year", order="DESC")]

    @property
    def has_articles(self):
        """Whether the index has any article at all, whatever the filters."""
        return bool(self.years)

    def _page(self, number):
        articles = self.filtered()
        paginator = Paginator(articles, min(max(self.index.per_page, 1), MAX_PER_PAGE))
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
        articles = self.articles
        if "kind" in self.selected:
            articles = articles.filter(kind=self.selected["kind"])
        if "year" in self.selected:
            articles = articles.filter(publication_date__year=int(self.selected["year"]))
        if self.selected_area is not None:
            articles = articles.filter(work_areas__translation_key=self.selected_area.translation_key)
        if self.selected_tag is not None:
            articles = articles.filter(tags=self.selected_tag)
        return articles.with_card_images().featured_first()

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
            {"name": "kind", "label": _("Kind"), "options": self._options("kind", list(KIND_PLURALS.items()))},
        ]
        years = [str(year) for year in self.years]
        if "year" in self.selected and self.selected["year"] not in years:
            years.append(self.selected["year"])
        if years:
            groups.append(
                {"name": "year", "label": _("Year"), "options": self._options("year", [(y, y) for y in years])}
            )
        areas = [(a.slug, a.title) for a in self.work_areas if a.has_articles or a == self.selected_area]
        if areas:
            groups.append({"name": "area", "label": _("Work area"), "options": self._options("area", areas)})
        if self.tags:
            tags = [(tag.slug, tag.name) for tag in self.tags]
            groups.append({"name": "tag", "label": _("Tag"), "options": self._options("tag", tags)})
        return groups

    def active_filters(self):
        """(filter label, chosen value) for each filter in use, to say what the list shows."""
        active = []
        if "kind" in self.selected:
            active.append((_("Kind"), KIND_PLURALS[self.selected["kind"]]))
        if "year" in self.selected:
            active.append((_("Year"), self.selected["year"]))
        if self.selected_area is not None:
            active.append((_("Work area"), self.selected_area.title))
        if self.selected_tag is not None:
            active.append((_("Tag"), self.selected_tag.name))
        return active
