"""The filters of the public lists, as query parameters of the API's page endpoints: the kind of
item (?kind=, ?publication_type=), ?year=, ?area= (a work area's slug), ?status= (open/closed,
upcoming/past) and the deadline (?deadline_after=, ?deadline_before=). The accepted values come from
the lists' own code (core.listing, news.listing, pages.listing, opportunities.models); a value that
cannot be right is a 400 with a message, as Wagtail's own filters answer."""

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_date
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from core import listing, navigation


class Filter:
    params = ()

    def apply(self, query, queryset, request):
        raise NotImplementedError


class ChoiceFilter(Filter):
    """One kind of item, e.g. ?kind=news, from the list's choices."""

    def __init__(self, param, field, choices):
        self.params = (param,)
        self.param, self.field, self.choices = param, field, choices

    def apply(self, query, queryset, request):
        value = query.get(self.param)
        if value is None:
            return queryset
        if value not in self.choices:
            raise BadRequestError(f"{self.param} must be one of: {', '.join(self.choices)}")
        return queryset.filter(**{self.field: value})


class YearFilter(Filter):
    """?year=2024: items dated in that year (a list's `publication_date`, an event's start)."""

    params = ("year",)

    def __init__(self, field="publication_date"):
        self.field = field

    def apply(self, query, queryset, request):
        value = query.get("year")
        if value is None:
            return queryset
        if not listing.YEAR.fullmatch(value):
            raise BadRequestError("year is written with four digits, e.g. 2024")
        return queryset.filter(**{f"{self.field}__year": int(value)})


class AreaFilter(Filter):
    """?area=<slug>: items tied to that work area, in either language (translations keep the work
    areas of the page they were translated from, so the match is on the area's translation key)."""

    params = ("area",)

    def apply(self, query, queryset, request):
        value = query.get("area")
        if value is None:
            return queryset
        keys = list(
            navigation.public(queryset.model.work_areas.field.related_model.objects.live(), request)
            .filter(slug=value)
            .values_list("translation_key", flat=True)
        )
        if not keys:
            raise BadRequestError("there is no such work area: area is a work area's slug, see /api/v2/work-areas/")
        return queryset.filter(work_areas__translation_key__in=keys).distinct()


class StatusFilter(Filter):
    """?status=open|closed (opportunities, by the deadline) or upcoming|past (events, by the end or,
    without one, the start), from the clock at each request like the public lists."""

    params = ("status",)

    def __init__(self, current, gone):
        self.current, self.gone = current, gone

    def apply(self, query, queryset, request):
        value = query.get("status")
        if value is None:
            return queryset
        if value not in (self.current, self.gone):
            raise BadRequestError(f"status must be {self.current} or {self.gone}")
        now = timezone.now()
        if "deadline" in {field.name for field in queryset.model._meta.get_fields()}:
            condition = Q(deadline__gt=now)
        else:
            queryset = queryset.annotate(finishes=Coalesce("end", "start"))
            condition = Q(finishes__gte=now)
        return queryset.filter(condition if value == self.current else ~condition)


class DeadlineFilter(Filter):
    """?deadline_after=2026-01-31 and ?deadline_before=2026-12-31 (dates, inclusive, Ulaanbaatar time)."""

    params = ("deadline_after", "deadline_before")

    def apply(self, query, queryset, request):
        for param, lookup in (("deadline_after", "gte"), ("deadline_before", "lte")):
            value = query.get(param)
            if value is None:
                continue
            try:
                date = parse_date(value)
            except ValueError:
                date = None
            if date is None:
                raise BadRequestError(f"{param} is a date written YYYY-MM-DD, e.g. 2026-12-31")
            queryset = queryset.filter(**{f"deadline__date__{lookup}": date})
        return queryset


class ListingFilters(BaseFilterBackend):
    """Applies the endpoint's `listing_filters`. With ?search= as well, the filtered items are
    handed to the search as a list of ids: the search backend only understands plain field lookups,
    not the dates, joins and expressions above (it answered 500 or 400)."""

    def filter_queryset(self, request, queryset, view):
        filtered = queryset
        for item in getattr(view, "listing_filters", ()):
            filtered = item.apply(request.GET, filtered, request)
        if filtered is queryset or "search" not in request.GET:
            return filtered
        return queryset.filter(pk__in=filtered.order_by().values("pk"))
