"""The API's endpoints: Wagtail's API v2 viewsets, narrowed to what the public site shows.

- Pages: only live pages outside any view restriction (a password, a sign-in or a group), whoever
  asks, so that every visitor gets the same answer and a shared cache may keep it; Wagtail's own
  pages endpoint would show signed-in editors the restricted pages too.
- One endpoint per page type a list shows (articles, events, opportunities, publications, work
  areas, people), with the fields of that type named here: an allow-list, so a private field
  (a verification note, an e-mail address) is never published by adding it to a model.
- Images and documents: only those outside restricted collections, whoever asks.
- The list filters of the public site (api/filters.py), `?locale=en|mn`, and each item's public
  address, its translations and its rendered images.

A new page type (e.g. projects) is one more `TypedPagesEndpoint` subclass and one line in
api/urls.py.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page

from core import navigation
from news.listing import ArticleListing
from operations import ratelimits
from opportunities.models import EventPage, OpportunityPage
from pages.listing import PublicationListing

from . import fields, filters

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The largest id the database's keys can hold (a signed 64-bit integer): a larger one in the address
# is an unknown item, not a database error.
LARGEST_ID = 2**63 - 1


def rate_limited(request):
    """The JSON 429 answer when the address has asked too often (operations.ratelimits, group
    "api"), else None."""
    limited = ratelimits.check(request, "api")
    if limited is None:
        return None
    response = JsonResponse({"message": str(ratelimits.LIMITS["api"].reason)}, status=429)
    response["Retry-After"] = limited["Retry-After"]
    return response


class PublicEndpoint:
    """What every endpoint of the API shares: JSON only, the rate limit, and `?locale=` checked."""

    renderer_classes = [JSONRenderer]

    def dispatch(self, request, *args, **kwargs):
        return rate_limited(request) or super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        locale = request.GET.get("locale")
        if locale is not None and locale not in LANGUAGES:
            raise BadRequestError(f"locale must be one of: {', '.join(LANGUAGES)}")
        if "site" in request.GET:
            raise BadRequestError("query parameter is not an operation or a recognised field: site")

    def detail_view(self, request, pk):
        if int(pk) > LARGEST_ID:
            raise Http404("No such item.")
        return super().detail_view(request, pk)


def not_found(request, *args, **kwargs):
    """The JSON 404 of an address under /api/v2/ that is no endpoint (api/urls.py)."""
    return JsonResponse({"message": "There is no such address in the API (see /api/v2/openapi.json)."}, status=404)


class PublicPagesEndpoint(PublicEndpoint, PagesAPIViewSet):
    """All live, public pages (?type=app.Model narrows them, ?translation_of=<id> finds one's
    translations, /find/?html_path= one by its address)."""

    def get_base_queryset(self):
        return navigation.public(super().get_base_queryset(), self.request)

    def get_queryset(self):
        return super().get_queryset().select_related("locale", "alias_of")


class TypedPagesEndpoint(PublicPagesEndpoint):
    """The live, public pages of one type (`model`), with the fields `api_fields` names and the
    list filters `listing_filters` gives."""

    listing_filters = ()
    api_fields = ()
    detail_only_api_fields = ()  # long fields (bodies), left out of listings even with ?fields=*
    image_field = None  # an image foreign key, given as its renditions
    ordering = ("-first_published_at", "-pk")
    filter_backends = [filters.ListingFilters, *PagesAPIViewSet.filter_backends]

    @staticmethod
    def setup(cls):
        """Class decorator: the class attributes Wagtail's viewset reads, from the ones above."""
        names = [field.name if isinstance(field, APIField) else field for field in cls.api_fields]
        cls.body_fields = PagesAPIViewSet.body_fields + list(cls.api_fields)
        cls.body_fields += [APIField("translations", serializer=fields.TranslationsField())]
        if cls.image_field:
            cls.body_fields += fields.image_fields(cls.image_field)
        cls.detail_only_fields = PagesAPIViewSet.detail_only_fields + list(cls.detail_only_api_fields)
        cls.listing_default_fields = PagesAPIViewSet.listing_default_fields + [
            name for name in names if name not in cls.detail_only_api_fields
        ]
        cls.listing_default_fields += ["translations"]
        if cls.image_field:
            cls.listing_default_fields += [f"{cls.image_field}_card"]
        params = {param for item in cls.listing_filters for param in item.params}
        cls.known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"type", "site"}) | params
        return cls

    def get_queryset(self):
        if "type" in self.request.GET:
            raise BadRequestError("query parameter is not an operation or a recognised field: type")
        queryset = self.model.objects.filter(pk__in=self.get_base_queryset().values("pk"))
        # alias_of: the meta field of Mongolian pages that are aliases of the English ones.
        queryset = queryset.select_related("locale", "alias_of").order_by(*self.ordering)
        if "work_areas" in self.field_names():
            queryset = queryset.prefetch_related("work_areas")
        if "tags" in self.field_names():
            queryset = queryset.prefetch_related("tags")
        if self.image_field:
            renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=fields.IMAGE_SPECS)
            queryset = queryset.select_related(self.image_field).prefetch_related(
                Prefetch(f"{self.image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
            )
        return queryset

    @classmethod
    def field_names(cls):
        return {field.name if isinstance(field, APIField) else field for field in cls.body_fields}

    def get_object(self):
        # Wagtail's returns `.specific`, one more query; the queryset is of the specific type already.
        return BaseAPIViewSet.get_object(self)

    # Translations, for the whole page of results in one query

    def paginate_queryset(self, queryset):
        self.results = super().paginate_queryset(queryset)
        return self.results

    def translations_of(self, page):
        if not hasattr(self, "translations"):
            items = getattr(self, "results", None) or [self.get_object()]
            keys = {item.translation_key for item in items}
            self.translations = defaultdict(list)
            others = navigation.public(Page.objects.live().filter(translation_key__in=keys), self.request)
            for other in others.select_related("locale").order_by("locale__language_code"):
                self.translations[other.translation_key].append(other)
        return [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "html_url": other.get_full_url(self.request),
            }
            for other in self.translations[page.translation_key]
            if other.pk != page.pk
        ]


@TypedPagesEndpoint.setup
class ArticlesEndpoint(TypedPagesEndpoint):
    model = ArticleListing.model
    name = "articles"
    api_fields = [
        "kind",
        "publication_date",
        "summary",
        "featured",
        "lead_image_alt",
        "lead_image_caption",
        "lead_image_credit",
        APIField("tags", serializer=fields.TagsField()),
        APIField("work_areas", serializer=fields.WorkAreasField()),
        "body",
    ]
    detail_only_api_fields = ["body"]
    image_field = "lead_image"
    ordering = ("-publication_date", "-first_published_at", "-pk")
    listing_filters = [
        filters.ChoiceFilter(ArticleListing.choice_param, ArticleListing.choice_field, ArticleListing.choices),
        filters.YearFilter(),
        filters.AreaFilter(),
    ]


@TypedPagesEndpoint.setup
class PublicationsEndpoint(TypedPagesEndpoint):
    model = PublicationListing.model
    name = "publications"
    api_fields = [
        "publication_type",
        "publication_date",
        "summary",
        "cover_image_alt",
        APIField("work_areas", serializer=fields.WorkAreasField()),
    ]
    image_field = "cover_image"
    ordering = ("-publication_date", "-first_published_at", "-pk")
    # The public list's ?type= is ?publication_type= here: Wagtail's API reserves `type` for page types.
    listing_filters = [
        filters.ChoiceFilter("publication_type", PublicationListing.choice_field, PublicationListing.choices),
        filters.YearFilter(),
        filters.AreaFilter(),
    ]


@TypedPagesEndpoint.setup
class OpportunitiesEndpoint(TypedPagesEndpoint):
    model = OpportunityPage
    name = "opportunities"
    api_fields = [
        "kind",
        "reference_number",
        "duty_station",
        "publication_date",
        "deadline",
        APIField("status", serializer=fields.StatusField("open", "closed")),
        "summary",
        "application_url",
        "body",
        "how_to_apply",
    ]
    detail_only_api_fields = ["body", "how_to_apply"]
    ordering = ("deadline", "pk")
    listing_filters = [
        filters.ChoiceFilter("kind", "kind", OpportunityPage.KIND_PLURALS),
        filters.StatusFilter("open", "closed"),
        filters.DeadlineFilter(),
        filters.YearFilter(),
    ]


@TypedPagesEndpoint.setup
class EventsEndpoint(TypedPagesEndpoint):
    model = EventPage
    name = "events"
    api_fields = [
        "start",
        "end",
        APIField("status", serializer=fields.StatusField("upcoming", "past")),
        "venue",
        "address",
        "online_url",
        "summary",
        APIField("work_areas", serializer=fields.WorkAreasField()),
        "body",
    ]
    detail_only_api_fields = ["body"]
    ordering = ("start", "pk")
    listing_filters = [
        filters.StatusFilter("upcoming", "past"),
        filters.YearFilter("start"),
        filters.AreaFilter(),
    ]


@TypedPagesEndpoint.setup
class WorkAreasEndpoint(TypedPagesEndpoint):
    model = ArticleListing.model.work_areas.field.related_model
    name = "work-areas"
    api_fields = ["summary", "body"]
    detail_only_api_fields = ["body"]
    image_field = "image"
    ordering = ("path",)


@TypedPagesEndpoint.setup
class PeopleEndpoint(TypedPagesEndpoint):
    model = ArticleListing.model.press_contact.field.related_model
    name = "people"
    # Not the e-mail address: the API is read by scripts.
    api_fields = ["honorific", "role", "duty_station", "short_biography", "biography"]
    detail_only_api_fields = ["biography"]
    image_field = "photo"
    ordering = ("path",)


def restricted_collections():
    """The collections under any view restriction, and their descendants."""
    paths = Collection.objects.filter(pk__in=CollectionViewRestriction.objects.values("collection_id")).values_list(
        "path", flat=True
    )
    restricted = Collection.objects.none()
    for path in paths:
        restricted |= Collection.objects.filter(path__startswith=path)
    return restricted.values("pk")


class PublicCollectionsMixin:
    """Only what is outside restricted collections, whoever asks (Wagtail's would show a signed-in
    editor a restricted collection's files)."""

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collections()).order_by("id")


class PublicImagesEndpoint(PublicCollectionsMixin, PublicEndpoint, ImagesAPIViewSet):
    body_fields = ImagesAPIViewSet.body_fields + fields.image_fields("*")
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["card"]


class PublicDocumentsEndpoint(PublicCollectionsMixin, PublicEndpoint, DocumentsAPIViewSet):
    pass
