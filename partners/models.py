"""The partner directory: a translatable `Partner` snippet with drafts, revisions and
preview, and the `PartnersPage` that lists the live partners by category."""

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Locale, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import navigation
from core.forms import SnippetForm
from core.models import VERIFICATION_HELP, IntroBodyPage, ReviewedSnippet
from core.search_text import NormalisedSearchText

LOGO_FILTER = "max-240x120"

WEB_ADDRESS_MESSAGE = _("Enter a full web address starting with https:// or http://, e.g. https://www.example.org.")
web_address_validator = URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)


class WebAddressFormField(forms.URLField):
    default_validators = [web_address_validator]
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class WebAddressField(models.URLField):
    """A URL field that accepts only http and https addresses (no javascript:, ftp: or data:)."""

    default_validators = [web_address_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})


class PartnerForm(SnippetForm):
    """A partner's form. A translation's work areas follow the English partner's (a synchronised
    field, copied on every sync): its form has no work areas field, which would offer only the
    pages of its own language and, saved, clear the English ones it lists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.form_locale_id() != Locale.get_default().pk:
            self.fields.pop("work_areas", None)

    def save(self, commit=True):
        partner = super().save(commit=False)
        if "work_areas" not in self.fields and partner.pk:
            source = partner.get_translations().filter(locale=Locale.get_default()).first()
            if source is not None:
                partner.work_areas = list(source.work_areas.all())
        if commit:
            partner.save()
            self.save_m2m()
        return partner


class PartnerCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government of Mongolia")
    UN_SYSTEM = "un-system", _("UN system")
    INTERNATIONAL = "international", _("International organisations")
    CIVIL_SOCIETY = "civil-society", _("Civil society and NGOs")
    DONOR = "donor", _("Donors")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private-sector", _("Private sector")


class PartnerQuerySet(models.QuerySet):
    def with_logos_and_work_areas(self):
        """Logos (with their renditions) and live work areas in a fixed number of queries."""
        work_areas = self.model._meta.get_field("work_areas").related_model  # no import of another feature app
        return self.prefetch_related(
            Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LOGO_FILTER)),
            Prefetch("work_areas", queryset=work_areas.objects.live().public().order_by("path")),
        )

    def for_display(self):
        """The live partners in the visitor's language: each partner once, in its translation
        for the active language when there is one, else in the default language. A list."""
        active, default = Locale.get_active(), Locale.get_default()
        partners = {}
        for partner in self.filter(live=True, locale__in=[active.pk, default.pk]).order_by("name"):
            if partner.translation_key not in partners or partner.locale_id == active.pk:
                partners[partner.translation_key] = partner
        return sorted(partners.values(), key=lambda partner: partner.name.casefold())


class Partner(
    NormalisedSearchText, ReviewedSnippet, TranslatableMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    name = models.CharField(
        max_length=200,
        verbose_name=_("name"),
        help_text=_("The organisation's full name, e.g. “Ministry of Justice”."),
    )
    acronym = models.CharField(
        max_length=30,
        blank=True,
        verbose_name=_("acronym"),
        help_text=_("The short form people know, e.g. “SDC”. Leave empty for none."),
    )
    category = models.CharField(
        max_length=20,
        choices=PartnerCategory.choices,
        verbose_name=_("category"),
        help_text=_("The group the partner is listed under on the Partners page."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("The partner's logo, on a transparent or white background. Without one, the name is shown."),
    )
    website = WebAddressField(
        blank=True,
        verbose_name=_("website"),
        help_text=_("The partner's website, starting with https:// or http://. Leave empty for none."),
    )
    description = models.TextField(
        max_length=600,
        blank=True,
        verbose_name=_("description"),
        help_text=_("One or two sentences on how IOM and the partner work together."),
    )
    work_areas = ParentalManyToManyField(
        "pages.WorkAreaPage",
        blank=True,
        related_name="partners",
        verbose_name=_("work areas"),
        help_text=_("The work areas IOM and this partner work on together; each work area's page lists its partners."),
    )
    verification_note = models.TextField(blank=True, verbose_name=_("verification note"), help_text=VERIFICATION_HELP)

    objects = PartnerQuerySet.as_manager()

    base_form_class = PartnerForm  # its work areas in its own language, or the English partner's
    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("acronym"), FieldPanel("category")], heading=_("Partner")),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("work_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("verification_note"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("acronym"),
        index.SearchField("normalised_search_text"),
        index.FilterField("category"),
        index.FilterField("live"),
        index.FilterField("locale"),
    ]

    # What translators translate in wagtail-localize; the rest is copied from the source partner,
    # on translating and on every sync (work areas too: a translation lists the same ones).
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("acronym"),
        TranslatableField("description"),
        SynchronizedField("category"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("work_areas"),
        SynchronizedField("verification_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_preview_template(self, request, mode_name):
        return "partners/partner_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["partner"] = self
        return context


class PartnersPage(IntroBodyPage):
    """“Partners”: the page's text, then the live partners grouped by category; `?category=`
    shows one group. An unknown category shows a friendly empty result, not an error."""

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "partners/partners_page.html"
    lists_models = ("partners.Partner",)

    class Meta:
        verbose_name = _("partners page")
        verbose_name_plural = _("partners pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = Partner.objects.with_logos_and_work_areas().for_display()
        # Each partner's work areas in the visitor's language, in one query for the whole directory.
        areas = [area for partner in partners for area in partner.work_areas.all()]
        localized = dict(zip([area.pk for area in areas], navigation.localize(areas, request), strict=True))
        for partner in partners:
            partner.display_work_areas = [localized[area.pk] for area in partner.work_areas.all()]
        categories = dict(PartnerCategory.choices)
        groups = [
            {"category": value, "label": label, "partners": [p for p in partners if p.category == value]}
            for value, label in categories.items()
        ]
        groups = [group for group in groups if group["partners"]]
        selected = request.GET.get("category", "")
        context.update(
            category_links=[(group["category"], group["label"]) for group in groups],
            selected_category=selected if selected in categories else "",
            unknown_category=bool(selected) and selected not in categories,
            groups=[group for group in groups if not selected or group["category"] == selected],
        )
        return context
