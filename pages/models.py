"""The mission's own pages: home, general pages, work areas, the 2030 Agenda, data and
resources, take action.

Every page type declares where it may live (`parent_page_types`) and what it may
hold (`subpage_types`), has a template in templates/pages/, `search_fields`, and
a factory in tests/factories/ (a test fails when one is missing).
"""

import re

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from core import navigation
from core.blocks import BodyBlock, CallToActionBlock
from core.documents import public_documents
from core.models import VERIFICATION_HELP, BasePage, IntroBodyPage

from .documents import ResourceDocument
from .publications import PublicationLanguageVersion, PublicationPage, PublicationType
from .snippets import KeyFigure, SustainableDevelopmentGoal

__all__ = [
    "AgendaPage",
    "HomePage",
    "KeyFigure",
    "PublicationLanguageVersion",
    "PublicationPage",
    "PublicationType",
    "ResourceDocument",
    "ResourceIndexPage",
    "StandardPage",
    "SustainableDevelopmentGoal",
    "TakeActionPage",
    "WorkAreaIndexPage",
    "WorkAreaPage",
]

# The top-level sections that live directly under the home page.
HOME_SECTIONS = [
    "pages.StandardPage",
    "pages.WorkAreaIndexPage",
    "pages.AgendaPage",
    "pages.ResourceIndexPage",
    "pages.TakeActionPage",
    "people.PeopleIndexPage",
    "partners.PartnersPage",
    "news.NewsIndexPage",
    "opportunities.OpportunityIndexPage",
    "opportunities.EventIndexPage",
    "contact.ContactPage",
    "contact.PrivacyNoticePage",
]


class HomePage(BasePage):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("The short text under the mission's name at the top of the home page."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The rest of the home page, built from blocks."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_SECTIONS
    max_count_per_parent = 1
    template = "pages/home_page.html"
    summary_field = "intro"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(IntroBodyPage):
    """The general page (About, IOM Global...). When it has child pages, it lists
    them under its body, so it also serves as a section page."""

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = [
        "pages.StandardPage",
        "people.PeopleIndexPage",
        "partners.PartnersPage",
    ]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = navigation.public(self.get_children().live(), request).specific()
        return context


class WorkAreaIndexPage(IntroBodyPage):
    """“Our Work”: an introduction, then one card per work area."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.WorkAreaPage"]
    max_count_per_parent = 1
    template = "pages/work_area_index_page.html"
    lists_models = ("pages.SustainableDevelopmentGoal",)

    class Meta:
        verbose_name = _("work area index page")
        verbose_name_plural = _("work area index pages")

    def get_work_areas(self):
        """The live work areas, with their images and goals fetched in a fixed number of queries."""
        return (
            WorkAreaPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(
                Prefetch("image", queryset=get_image_model().objects.prefetch_renditions("fill-640x360")),
                Prefetch("sdgs", queryset=SustainableDevelopmentGoal.objects.filter(live=True)),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["work_areas"] = self.get_work_areas()
        return context


class WorkAreaPage(BasePage):
    """One of the mission's areas of work, tagged with the goals it serves."""

    summary = models.TextField(
        max_length=300,
        verbose_name=_("summary"),
        help_text=_("One or two sentences on what IOM does in this area, shown on Our Work and the home page."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("An icon or photo shown on the work area's card and at the top of its page."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("What IOM does in this area, built from blocks.")
    )
    sdgs = ParentalManyToManyField(
        "pages.SustainableDevelopmentGoal",
        blank=True,
        related_name="work_areas",
        verbose_name=_("Sustainable Development Goals"),
        help_text=_("The goals this work area contributes to; the 2030 Agenda page lists them."),
    )
    contact_person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
        help_text=_("The person to contact about this work area: choose their page under People."),
    )
    verification_note = models.TextField(blank=True, verbose_name=_("verification note"), help_text=VERIFICATION_HELP)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("contact_person"),
        FieldPanel("verification_note"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["pages.WorkAreaIndexPage"]
    subpage_types = []
    template = "pages/work_area_page.html"
    lists_models = ("partners.Partner", "pages.ResourceDocument", "pages.SustainableDevelopmentGoal")
    summary_field = "summary"
    share_image_field = "image"

    class Meta:
        verbose_name = _("work area page")
        verbose_name_plural = _("work area pages")

    def get_partners(self):
        """The live partners tagged with this work area (or with any language version of it: a
        Mongolian work area lists the partners of the English one), in the visitor's language."""
        partner_model = self._meta.get_field("partners").related_model
        return partner_model.objects.filter(work_areas__translation_key=self.translation_key).distinct().for_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = self.sdgs.filter(live=True)
        context["partners"] = self.get_partners()
        context["contact"] = self.contact_person
        context["documents"] = public_documents(
            ResourceDocument.objects.filter(work_areas__translation_key=self.translation_key)
        )[:5]
        context["resource_page"] = ResourceIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        return context


class AgendaPage(IntroBodyPage):
    """“2030 Agenda”: the mission's text, then the goals its work areas serve, each linking to them."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/agenda_page.html"
    lists_models = ("pages.WorkAreaPage", "pages.SustainableDevelopmentGoal")

    class Meta:
        verbose_name = _("2030 Agenda page")
        verbose_name_plural = _("2030 Agenda pages")

    def get_goals(self):
        """The goals at least one live work area of this page's language is tagged with."""
        areas = WorkAreaPage.objects.live().public().filter(locale_id=self.locale_id).order_by("path")
        return (
            SustainableDevelopmentGoal.objects.filter(live=True, work_areas__in=areas)
            .distinct()
            .order_by("number")
            .prefetch_related(Prefetch("work_areas", queryset=areas, to_attr="live_work_areas"))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["goals"] = self.get_goals()
        return context


class ResourceIndexPage(RoutablePageMixin, IntroBodyPage):
    """“Data and Resources”: the publications under it, newest first, filtered by type, year and
    work area (listing.py), a page at a time; and at documents/ every document, newest first,
    filterable by work area."""

    per_page = models.PositiveSmallIntegerField(
        default=10,
        verbose_name=_("items per page"),
        help_text=_("How many publications or documents one page of the lists shows (at most 50)."),
    )

    content_panels = IntroBodyPage.content_panels + [FieldPanel("per_page")]

    parent_page_types = ["pages.HomePage"]
    # Standard pages: guides to the data, e.g. "Data and API" (listed under the publications).
    subpage_types = ["pages.PublicationPage", "pages.StandardPage"]
    max_count_per_parent = 1
    template = "pages/resource_index_page.html"
    lists_models = ("pages.ResourceDocument", "pages.WorkAreaPage")

    class Meta:
        verbose_name = _("data and resources page")
        verbose_name_plural = _("data and resources pages")

    def get_work_areas(self):
        return WorkAreaPage.objects.live().public().filter(locale_id=self.locale_id).order_by("path")

    def guide_pages(self):
        """The standard pages under this one (e.g. "Data and API"), in the explorer's order."""
        return StandardPage.objects.child_of(self).live().public().order_by("path")

    def get_cached_paths(self):
        """The page cache purges the list of documents with the page."""
        return ["/", "/documents/"]

    @path("")
    def index_route(self, request):
        from .listing import PublicationListing

        listing = PublicationListing(self, request)
        response = self.render(request, context_overrides={"listing": listing})
        response.status_code = 404 if listing.error else 200
        return response

    @path("documents/", name="documents")
    def documents_route(self, request):
        return self.render(
            request,
            context_overrides=self.get_documents_context(request),
            template="pages/resource_documents.html",
        )

    def get_documents_context(self, request):
        work_areas = list(self.get_work_areas())
        documents = public_documents(ResourceDocument.objects.order_by("-publication_date", "-pk"))
        # ?area=<slug of a work area>; an unknown or odd value shows every document and says so.
        area_slug = request.GET.get("area", "")
        selected_area = next((area for area in work_areas if area.slug == area_slug), None)
        if selected_area is not None:
            documents = documents.filter(work_areas__translation_key=selected_area.translation_key)
        paginator = Paginator(documents.prefetch_related("work_areas"), max(self.per_page, 1))
        page_number = request.GET.get("page") or "1"
        if not re.fullmatch(r"[0-9]+", page_number):
            raise Http404(_("Page numbers are whole numbers."))
        try:
            # A number longer than any page count is past the end (and int() refuses 4,301 digits).
            page_obj = paginator.page(int(page_number) if len(page_number) <= 9 else paginator.num_pages + 1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        return {
            "work_areas": work_areas,
            "selected_area": selected_area,
            "unknown_area": bool(area_slug) and selected_area is None,
            "documents": page_obj,
            "paginator": paginator,
        }


class TakeActionPage(IntroBodyPage):
    """“Take Action”: ways the public can help, each a call to action."""

    actions = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        verbose_name=_("actions"),
        help_text=_("One call to action per way to help: a heading, a sentence and a link."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("actions"), FieldPanel("body")]
    search_fields = IntroBodyPage.search_fields + [index.SearchField("actions")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/take_action_page.html"

    class Meta:
        verbose_name = _("take action page")
        verbose_name_plural = _("take action pages")
