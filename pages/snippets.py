"""Snippets of the pages app: key figures and the Sustainable Development Goals.

Both are translatable (an editor translates a figure's label or a goal's title into
Mongolian with wagtail-localize) and chosen from pages and blocks, so the same figure
is written once and shown wherever it is needed, always with its source.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail.search import index

from core.models import ReviewedSnippet


class KeyFigure(ReviewedSnippet, PreviewableMixin, TranslatableMixin, index.Indexed, models.Model):
    """One figure about migration in Mongolia, with where it comes from."""

    value = models.CharField(
        max_length=30,
        verbose_name=_("value"),
        help_text=_("The number as it should read, e.g. “200,000”, “536.2” or “1.5”."),
    )
    unit = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("unit"),
        help_text=_("What the number counts, shown beside it, e.g. “USD million” or “million”. Leave empty if none."),
    )
    label = models.CharField(
        max_length=200,
        verbose_name=_("label"),
        help_text=_("One line saying what the figure means, e.g. “Mongolian migrants living abroad”."),
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("year"),
        help_text=_("The year the figure refers to, if known."),
    )
    source_title = models.CharField(
        max_length=200,
        verbose_name=_("source title"),
        help_text=_("Where the figure comes from, always shown with it, e.g. “World Bank, 2020”."),
    )
    source_url = models.URLField(
        blank=True,
        verbose_name=_("source URL"),
        help_text=_("A link to the source, if it is online."),
    )
    verification_note = models.TextField(
        blank=True,
        verbose_name=_("verification note"),
        help_text=_(
            "For the communications team only, never shown publicly: what still needs checking, and where it came from."
        ),
    )

    panels = [
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("label"),
        FieldPanel("year"),
        MultiFieldPanel([FieldPanel("source_title"), FieldPanel("source_url")], heading=_("Source")),
        FieldPanel("verification_note"),
    ]
    search_fields = [
        index.SearchField("label"),
        index.SearchField("source_title"),
        index.AutocompleteField("label"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["label"]

    def __str__(self):
        return f"{self.value}{' ' + self.unit if self.unit else ''}: {self.label}"

    def get_preview_template(self, request, mode_name):
        return "pages/previews/key_figure.html"

    def get_preview_context(self, request, mode_name):
        # The preview shows the figure as a page's key figures block does.
        return {**super().get_preview_context(request, mode_name), "value": {}, "figures": [self]}


class SustainableDevelopmentGoal(ReviewedSnippet, PreviewableMixin, TranslatableMixin, models.Model):
    """One of the 17 goals of the UN's 2030 Agenda for Sustainable Development."""

    number = models.PositiveSmallIntegerField(verbose_name=_("number"), help_text=_("The goal's number, 1 to 17."))
    title = models.CharField(
        max_length=100,
        verbose_name=_("title"),
        help_text=_("The goal's official short title, e.g. “Quality Education”."),
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("description"),
        help_text=_("The goal's official statement, e.g. “Reduce inequality within and among countries”."),
    )
    colour = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as # and six hex digits, e.g. #DD1367."))],
        verbose_name=_("colour"),
        help_text=_("The goal's official colour as a hex code, e.g. #DD1367."),
    )

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("description"), FieldPanel("colour")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_sdg_number_per_locale"),
        ]

    def __str__(self):
        return _("Goal %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_preview_template(self, request, mode_name):
        return "pages/previews/sdg.html"
