"""Publications: a report, brief, factsheet or guide of the mission with a page of its own under
Data and Resources, holding its title, summary, cover image, date, type, work areas and its
language versions (one document per language, e.g. the English and the Mongolian PDF).

Data and Resources lists them newest first and filters them (listing.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import navigation, site_address
from core.documents import only_public
from core.models import BasePage

# Each language named in itself, as language menus do, whatever the language of the page.
NATIVE_LANGUAGE_NAMES = {"en": "English", "mn": "Монгол"}

# The cover on a card of Data and Resources and at the top of the publication's page (A4-ish, portrait).
COVER_SPECS = ["fill-300x424|format-webp", "fill-300x424|format-jpeg"]


class PublicationType(models.TextChoices):
    REPORT = "report", _("Report")
    BRIEF = "brief", _("Brief")
    FACTSHEET = "factsheet", _("Factsheet")
    GUIDE = "guide", _("Guide")
    STUDY = "study", _("Study")


# The types as the filter of Data and Resources names them.
TYPE_PLURALS = {
    PublicationType.REPORT: _("Reports"),
    PublicationType.BRIEF: _("Briefs"),
    PublicationType.FACTSHEET: _("Factsheets"),
    PublicationType.GUIDE: _("Guides"),
    PublicationType.STUDY: _("Studies"),
}


class PublicationQuerySet(PageQuerySet):
    def with_covers(self, specs=COVER_SPECS):
        """Cover images and their renditions in two queries, whatever the number of publications."""
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        return self.select_related("cover_image").prefetch_related(
            Prefetch("cover_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )

    def newest_first(self):
        return self.order_by("-publication_date", "-first_published_at", "-pk")


class PublicationPage(BasePage):
    """A report, brief, factsheet, guide or study, with its files in each language."""

    publication_type = models.CharField(
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.REPORT,
        verbose_name=_("type"),
        help_text=_(
            "Report: a full account of research or activities. Brief: a short paper on one question. "
            "Factsheet: key facts on one or two pages. Guide: practical advice. Study: research findings."
        ),
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("publication date"),
        help_text=_("When the publication came out; Data and Resources lists the newest first."),
    )
    summary = models.TextField(
        max_length=400,
        verbose_name=_("summary"),
        help_text=_(
            "Two or three sentences on what the publication covers, shown on Data and Resources, "
            "in search results and in link previews."
        ),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("The publication's cover (its first page as an image), shown on its card and its page."),
    )
    cover_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("cover image alternative text"),
        help_text=_(
            "Describe the cover for people who cannot see it, e.g. “Cover of the report, showing herders "
            "moving their livestock”. Required with a cover image."
        ),
    )
    work_areas = ParentalManyToManyField(
        "pages.WorkAreaPage",
        blank=True,
        related_name="publications",
        verbose_name=_("work areas"),
        help_text=_("The work areas the publication is about; Data and Resources can be filtered by them."),
    )

    objects = PageManager.from_queryset(PublicationQuerySet)()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("publication_type"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover")),
        FieldPanel("work_areas", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "language_versions",
            heading=_("Language versions"),
            label=_("Language version"),
            help_text=_(
                "The publication's file in each language it exists in, e.g. the English and the Mongolian PDF."
            ),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.FilterField("publication_type"),
        index.FilterField("publication_date"),
    ]
    # wagtail-localize leaves many-to-many fields out unless told: a translation keeps the work areas.
    override_translatable_fields = [SynchronizedField("work_areas")]

    parent_page_types = ["pages.ResourceIndexPage"]
    subpage_types = []
    template = "pages/publication_page.html"
    show_in_menus_default = False
    summary_field = "summary"
    share_image_field = "cover_image"

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError({"cover_image_alt": _("Describe the cover for people who cannot see it.")})

    @property
    def type_label(self):
        return PublicationType(self.publication_type).label if self.publication_type in PublicationType.values else ""

    def get_language_versions(self):
        """The language versions whose document the public may see, in the editor's order."""
        versions = list(self.language_versions.select_related("document"))
        visible = {document.pk for document in only_public([version.document for version in versions])}
        return [version for version in versions if version.document_id in visible]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language_versions = self.get_language_versions()
        context.update(
            # In the page's language: a Mongolian publication keeps the English page's work areas.
            work_areas=navigation.localize(self.work_areas.all(), request),
            language_versions=language_versions,
            index_page=self.get_parent(),
            structured_data=self.structured_data(request, language_versions),
        )
        return context

    def structured_data(self, request, language_versions):
        """schema.org data for search engines: a Report (or a CreativeWork of the other types),
        with its date, publisher, cover and a link to the file in each language."""
        from core.models import SiteSettings

        absolute = site_address.absolute
        url = absolute(navigation.ui_url(self, request) or self.url or "")
        publisher = {"@type": "Organization", "name": SiteSettings.for_request(request).organisation_name}
        data = {
            "@context": "https://schema.org",
            "@type": "Report" if self.publication_type == PublicationType.REPORT else "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "datePublished": self.publication_date.isoformat(),
            "genre": str(self.type_label),
            "inLanguage": navigation.language_of(self, request) or self.locale.language_code,
            "url": url,
            "publisher": publisher,
            "author": publisher,
        }
        if self.cover_image is not None:
            rendition = self.cover_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = {"@type": "ImageObject", "url": absolute(rendition.url)}
        if language_versions:
            data["encoding"] = [
                {
                    "@type": "MediaObject",
                    "contentUrl": absolute(version.document.url),
                    "inLanguage": version.language,
                    "name": version.document.title,
                }
                for version in language_versions
            ]
        return data


class PublicationLanguageVersion(Orderable):
    """One file of a publication: the document in one language."""

    page = ParentalKey(
        PublicationPage,
        on_delete=models.CASCADE,
        related_name="language_versions",
        help_text=_("The publication this file belongs to."),
    )
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        verbose_name=_("language"),
        help_text=_("The language the document is written in."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("The file in this language: choose it in Documents, or upload it here."),
    )

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("document")])]

    class Meta(Orderable.Meta):
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")

    @property
    def native_language_name(self):
        return NATIVE_LANGUAGE_NAMES.get(self.language) or dict(settings.LANGUAGES).get(self.language, self.language)
