"""Opportunities (vacancies, internships, procurement notices, calls for proposals) and events.

Both are dated: an opportunity is open until its deadline, an event upcoming until it ends. Which
list a page belongs to is worked out from the clock at every request, so nothing has to be run
when a deadline passes. Times are entered and shown in Ulaanbaatar time (settings.TIME_ZONE).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core import navigation
from core.blocks import BodyBlock
from core.models import VERIFICATION_HELP, BasePage, IntroBodyPage

from . import ical, structured_data

HOW_TO_APPLY_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class ListingPage(IntroBodyPage):
    """An index page listing its dated children a page at a time, either those still current
    (open, upcoming) or those gone by (closed, past), chosen with ?view=<past_view>."""

    per_page = models.PositiveSmallIntegerField(
        default=20,
        verbose_name=_("items per page"),
        help_text=_("How many items one page of the list shows (the rest on further pages)."),
    )

    content_panels = IntroBodyPage.content_panels + [FieldPanel("per_page")]

    past_view = "past"

    class Meta:
        abstract = True

    def get_items(self, past, request):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        past = request.GET.get("view") == self.past_view
        items = self.get_items(past, request)
        # get_page() turns a missing, malformed or out-of-range ?page= into a valid page.
        context["items"] = Paginator(items, max(self.per_page, 1)).get_page(request.GET.get("page"))
        context["showing_past"] = past
        context["now"] = timezone.now()
        return context


class OpportunityIndexPage(RoutablePageMixin, ListingPage):
    """“Opportunities”: open notices by default, soonest deadline first; ?view=closed shows those
    whose deadline has passed; ?kind= narrows the list to one kind. feeds/rss/ and feeds/atom/
    are RSS 2.0 and Atom feeds of the open notices (feeds.py)."""

    careers_url = models.URLField(
        blank=True,
        verbose_name=_("careers page URL"),
        help_text=_(
            "IOM's careers page where candidates apply. Vacancies and internships without an application "
            "link of their own link here."
        ),
    )
    how_to_apply = RichTextField(
        blank=True,
        features=HOW_TO_APPLY_FEATURES,
        verbose_name=_("how to apply"),
        help_text=_(
            "General instructions for vacancies and internships, shown on each one that has no instructions "
            "of its own."
        ),
    )
    verification_note = models.TextField(blank=True, verbose_name=_("verification note"), help_text=VERIFICATION_HELP)

    content_panels = ListingPage.content_panels + [
        FieldPanel("careers_url"),
        FieldPanel("how_to_apply"),
        FieldPanel("verification_note"),
    ]
    search_fields = IntroBodyPage.search_fields + [index.SearchField("how_to_apply")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count_per_parent = 1
    template = "opportunities/opportunity_index_page.html"
    past_view = "closed"

    class Meta:
        verbose_name = _("opportunities page")
        verbose_name_plural = _("opportunities pages")

    def get_notices(self, past=False, kind=None):
        """The live, public notices: open ones soonest deadline first, or (past) closed ones
        latest deadline first; of one kind when `kind` is one."""
        now = timezone.now()
        items = OpportunityPage.objects.child_of(self).live().public().defer_streamfields()
        if past:
            items = items.filter(deadline__lte=now).order_by("-deadline", "-pk")
        else:
            items = items.filter(deadline__gt=now).order_by("deadline", "pk")
        if kind in OpportunityPage.Kind.values:
            items = items.filter(kind=kind)
        return items

    def get_items(self, past, request):
        return self.get_notices(past, request.GET.get("kind"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        context["selected_kind"] = kind if kind in OpportunityPage.Kind.values else ""
        context["unknown_kind"] = bool(kind) and not context["selected_kind"]
        context["kinds"] = OpportunityPage.KIND_PLURALS.items()
        context["feeds"] = self.feed_links(request)
        return context

    def get_cached_paths(self):
        """The page cache purges the feeds with the list."""
        return ["/", "/feeds/rss/", "/feeds/atom/"]

    @path("feeds/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import OpportunityRssFeed

        return OpportunityRssFeed(self)(request)

    @path("feeds/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import OpportunityAtomFeed

        return OpportunityAtomFeed(self)(request)

    def feed_links(self, request):
        """The open notices' feeds, [{type, title, label, url}], for <link rel="alternate"> and the page."""
        from .feeds import feed_links

        return feed_links(self, request)


class OpportunityPage(BasePage):
    """One notice: a vacancy, an internship, a procurement notice or a call for proposals.
    Open until its deadline; after it, the page stays readable and says it is closed."""

    class Kind(models.TextChoices):
        VACANCY = "vacancy", _("Vacancy")
        INTERNSHIP = "internship", _("Internship")
        PROCUREMENT = "procurement", _("Procurement notice")
        CALL_FOR_PROPOSALS = "call-for-proposals", _("Call for proposals or expressions of interest")

    KIND_PLURALS = {
        Kind.VACANCY: _("Vacancies"),
        Kind.INTERNSHIP: _("Internships"),
        Kind.PROCUREMENT: _("Procurement notices"),
        Kind.CALL_FOR_PROPOSALS: _("Calls for proposals"),
    }
    # Kinds that are jobs: they carry schema.org JobPosting data and link to IOM's careers page.
    JOB_KINDS = {Kind.VACANCY, Kind.INTERNSHIP}

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.VACANCY,
        verbose_name=_("kind"),
        help_text=_("What this notice is: the list can be narrowed to one kind."),
    )
    reference_number = models.CharField(
        max_length=60,
        verbose_name=_("reference number"),
        help_text=_("The reference printed on the notice, e.g. “SVN 2025/04”, so applicants can quote it."),
    )
    duty_station = models.CharField(
        max_length=120,
        default="Ulaanbaatar, Mongolia",
        verbose_name=_("duty station"),
        help_text=_("Where the work is based, e.g. “Ulaanbaatar, Mongolia”."),
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("publication date"),
        help_text=_(
            "The date the notice was first published, shown on the page. For a notice that has already "
            "closed, enter the day it was first published: the deadline cannot be before it."
        ),
    )
    deadline = models.DateTimeField(
        verbose_name=_("deadline"),
        help_text=_(
            "The closing date and time, in Ulaanbaatar time. At that minute the notice leaves the list of open "
            "ones by itself and is marked closed; nobody has to do anything."
        ),
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("summary"),
        help_text=_("One or two sentences on the position or the purchase, shown in the list and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The full notice: duties, requirements, what is being bought, built from blocks."),
    )
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("attachments"),
        help_text=_("Terms of reference and other documents to download: upload them under Documents first."),
    )
    how_to_apply = RichTextField(
        blank=True,
        features=HOW_TO_APPLY_FEATURES,
        verbose_name=_("how to apply"),
        help_text=_(
            "How to apply or submit an offer. Leave empty on a vacancy or internship to show the general "
            "instructions of Opportunities."
        ),
    )
    application_url = models.URLField(
        blank=True,
        verbose_name=_("application URL"),
        help_text=_(
            "Where applications go, e.g. this notice on IOM's careers portal. Leave empty for vacancies and "
            "internships to link the careers page set on Opportunities."
        ),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("reference_number"),
                FieldPanel("duty_station"),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("deadline")]),
            ],
            heading=_("Notice"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        MultiFieldPanel([FieldPanel("how_to_apply"), FieldPanel("application_url")], heading=_("How to apply")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("reference_number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("deadline"),
    ]

    parent_page_types = ["opportunities.OpportunityIndexPage"]
    subpage_types = []
    template = "opportunities/opportunity_page.html"
    show_in_menus_default = False
    summary_field = "summary"

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def clean(self):
        super().clean()
        if self.deadline and self.publication_date and timezone.localdate(self.deadline) < self.publication_date:
            # A notice that closed before it was entered here is recorded with its real, past
            # publication date: the form says so rather than only refusing.
            raise ValidationError(
                {
                    "deadline": _(
                        "The deadline is before the publication date. For a notice that has already closed, "
                        "set the publication date to the day it was first published."
                    )
                }
            )

    @property
    def is_open(self):
        return self.deadline > timezone.now()

    @property
    def is_job(self):
        return self.kind in self.JOB_KINDS

    def get_index(self):
        """The Opportunities page this notice is listed on (one query)."""
        return OpportunityIndexPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        general = self.get_index()
        context["index_page"] = general
        context["how_to_apply"] = self.how_to_apply or (general.how_to_apply if general and self.is_job else "")
        context["apply_url"] = self.application_url or (general.careers_url if general and self.is_job else "")
        if self.is_job:
            context["structured_data"] = structured_data.job_posting(self, request)
        return context


class EventIndexPage(RoutablePageMixin, ListingPage):
    """“Events”: upcoming events, soonest first; ?view=past shows past ones, latest first.
    feed/ is an iCalendar feed of the upcoming events."""

    feed_size = 100

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["opportunities.EventPage"]
    max_count_per_parent = 1
    template = "opportunities/event_index_page.html"
    search_fields = IntroBodyPage.search_fields

    class Meta:
        verbose_name = _("events page")
        verbose_name_plural = _("events pages")

    def get_items(self, past, request=None):
        now = timezone.now()
        items = (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .annotate(finishes=Coalesce("end", "start"))
        )
        if past:
            return items.filter(finishes__lt=now).order_by("-finishes", "-start", "-pk")
        return items.filter(finishes__gte=now).order_by("start", "pk")

    def get_cached_paths(self):
        """The page cache purges the calendar feed with the list."""
        return ["/", "/feed/"]

    @path("feed/")
    def feed(self, request):
        """The upcoming events as one iCalendar file that calendar apps can subscribe to."""
        events = self.get_items(past=False)[: self.feed_size]
        calendar = ical.calendar([ical.event(event, request) for event in events], name=self.title)
        return ical.response(calendar, f"{self.slug}.ics")


class EventPage(RoutablePageMixin, BasePage):
    """One event: when and where (a place, online, or both), what it is, the work areas it concerns."""

    start = models.DateTimeField(verbose_name=_("start"), help_text=_("When the event starts, in Ulaanbaatar time."))
    end = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("end"),
        help_text=_(
            "When it ends, in Ulaanbaatar time; for an event over several days, the end of its last day. "
            "Leave empty if only the start is known."
        ),
    )
    venue = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("venue"),
        help_text=_("The name of the place, e.g. a building or a hall. Leave empty for an online-only event."),
    )
    address = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("address"),
        help_text=_("The place's address, one line per row."),
    )
    online_url = models.URLField(
        blank=True,
        verbose_name=_("online link"),
        help_text=_("The link to join online, for an online or hybrid event."),
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("summary"),
        help_text=_("One or two sentences on the event, shown in the lists, calendars and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the event: programme, speakers, built from blocks."),
    )
    work_areas = ParentalManyToManyField(
        "pages.WorkAreaPage",
        blank=True,
        related_name="events",
        verbose_name=_("work areas"),
        help_text=_("The areas of IOM's work this event concerns; each is linked from the event."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("Where"),
            help_text=_("A place, an online link, or both for a hybrid event."),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("work_areas", widget=forms.CheckboxSelectMultiple),  # as on articles and partners
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]

    parent_page_types = ["opportunities.EventIndexPage"]
    subpage_types = []
    template = "opportunities/event_page.html"
    show_in_menus_default = False
    summary_field = "summary"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Give the place, or an online link for an online event.")
        if errors:
            raise ValidationError(errors)

    @property
    def finish(self):
        return self.end or self.start

    @property
    def is_past(self):
        return self.finish < timezone.now()

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_in_person(self):
        return bool(self.venue or self.address)

    def get_work_areas(self):
        """The tagged live work areas, each in the visitor's language where translated (two queries)."""
        areas = list(self.work_areas.live().public().order_by("path"))
        if not areas:
            return []
        language = navigation.current_language()
        translated = {
            page.translation_key: page
            for page in type(areas[0])
            .objects.live()
            .filter(locale__language_code=language, translation_key__in=[area.translation_key for area in areas])
        }
        return [translated.get(area.translation_key, area) for area in areas]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["work_areas"] = self.get_work_areas()
        context["structured_data"] = structured_data.event(self, request)
        return context

    def get_cached_paths(self):
        """The page cache purges the event's calendar file with its page."""
        return ["/", "/calendar/"]

    @path("calendar/")
    def calendar(self, request):
        """This event as an iCalendar file, to add to a calendar."""
        return ical.response(ical.calendar([ical.event(self, request)], name=self.title), f"{self.slug}.ics")
