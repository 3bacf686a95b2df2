"""Staff bios: a people index page holding one person page per member of staff.

A person page's title is the person's name (shown to editors as "Name"); the page
carries schema.org `Person` structured data for search engines.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.search import index

from core import site_address
from core.models import BasePage

CARD_PHOTO_FILTER = "fill-160x160"  # the photo on a person's card: templates/people/includes/person_card.html
BIOGRAPHY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class PeopleIndexPage(BasePage):
    """Lists the person pages under it, a page of cards at a time."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences shown at the top of the page and in listings."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["people.PersonPage"]
    template = "people/people_index_page.html"
    summary_field = "intro"
    people_per_page = 24

    class Meta:
        verbose_name = _("people index page")
        verbose_name_plural = _("people index pages")

    def get_people(self):
        """The live person pages, with their photos' card renditions, in a fixed number of queries."""
        photos = get_image_model().objects.prefetch_renditions(CARD_PHOTO_FILTER)
        return PersonPage.objects.child_of(self).live().public().prefetch_related(Prefetch("photo", queryset=photos))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a missing, malformed or out-of-range ?page= into a valid page.
        context["people"] = Paginator(self.get_people(), self.people_per_page).get_page(request.GET.get("page"))
        return context


class PersonPage(BasePage):
    """One member of staff. The page title is the person's name."""

    honorific = models.CharField(
        max_length=20,
        blank=True,
        verbose_name=_("honorific"),
        help_text=_("Shown before the name, e.g. “Mr.”, “Ms.” or “Dr.”. Leave empty for none."),
    )
    role = models.CharField(
        max_length=120,
        verbose_name=_("role"),
        help_text=_("The person's job title, e.g. “Chief of Mission”."),
    )
    duty_station = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("duty station"),
        help_text=_("Where the person is based, e.g. “Ulaanbaatar, Mongolia”."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A portrait, square if possible. Without one, the person's initials are shown."),
    )
    short_biography = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("short biography"),
        help_text=_("One or two sentences shown in listings and search results."),
    )
    biography = RichTextField(
        features=BIOGRAPHY_FEATURES,
        blank=True,
        verbose_name=_("biography"),
        help_text=_("The full biography shown on the person's page."),
    )
    email = models.EmailField(
        blank=True,
        verbose_name=_("email"),
        help_text=_("A public e-mail address, shown on the page. Leave empty to show none."),
    )

    content_panels = [
        FieldPanel("honorific"),
        TitleFieldPanel("title", heading=_("Name"), help_text=_("The person's full name, without the honorific.")),
        MultiFieldPanel([FieldPanel("role"), FieldPanel("duty_station")], heading=_("Position")),
        FieldPanel("photo"),
        FieldPanel("short_biography"),
        FieldPanel("biography"),
        FieldPanel("email"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("role"),
        index.SearchField("short_biography"),
        index.SearchField("biography"),
        index.AutocompleteField("role"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []
    template = "people/person_page.html"
    show_in_menus_default = False
    summary_field = "short_biography"
    share_image_field = "photo"

    class Meta:
        verbose_name = _("person page")
        verbose_name_plural = _("person pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.get_structured_data(request)
        return context

    @property
    def name(self):
        return self.title

    @property
    def display_name(self):
        return f"{self.honorific} {self.title}" if self.honorific else self.title

    @property
    def initials(self):
        """The first letters of the first and last words of the name, e.g. "GC"."""
        words = [word for word in self.title.split() if word[:1].isalpha()]
        if not words:
            return ""
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
        return letters.upper()

    def get_structured_data(self, request=None):
        """The schema.org Person description of this page, as a dict ready for JSON-LD."""
        from wagtail.models import Site

        from core.models import SiteSettings

        # Addresses on the site's address (SITE_URL), not the Site record's or the request's Host.
        site = Site.find_for_request(request) if request else self.get_site()
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "jobTitle": self.role,
            "url": site_address.absolute(self.get_url(request)),
        }
        if site is not None:
            data["worksFor"] = {
                "@type": "Organization",
                "name": (
                    SiteSettings.for_request(request) if request else SiteSettings.for_site(site)
                ).organisation_name,
                "url": site_address.absolute("/"),
            }
        if self.honorific:
            data["honorificPrefix"] = self.honorific
        if self.duty_station:
            data["workLocation"] = {"@type": "Place", "name": self.duty_station}
        if self.short_biography:
            data["description"] = self.short_biography
        if self.email:
            data["email"] = self.email
        if self.photo_id:
            url = self.photo.get_rendition("fill-400x400").url
            data["image"] = site_address.absolute(url)
        return data
