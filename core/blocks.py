"""The shared StreamField block library: every page body is built from these blocks.

To add a block: define it here, add it to `BodyBlock`, give it a template in
templates/blocks/, and a test in tests/test_blocks.py.
"""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .documents import only_public


def first_of(field, model_label, count, **filters):
    """A preview value for a block that lists chosen objects: `field` holds the first `count`
    objects of a model named by its string (so the block library imports no feature app).
    A callable, so the block picker shows what the database holds when it opens."""

    def preview_value(*_meta):
        from django.apps import apps

        return {field: list(apps.get_model(model_label).objects.filter(**filters)[:count])}

    return preview_value


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2 (section)")), ("h3", _("Level 3 (sub-section)"))],
        default="h2",
        help_text=_("Use level 2 for a new section and level 3 inside a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        group = _("Text")
        description = _("A heading that starts a section or a sub-section of the page.")
        preview_value = {"text": _("Return and reintegration"), "level": "h2"}


class ImageStructValue(blocks.StructValue):
    def alt(self):
        """The image's alternative text; empty (so screen readers skip it) when decorative."""
        if self.get("decorative"):
            return ""
        image = self.get("image")
        return self.get("alt_text") or (getattr(image, "description", "") if image else "")


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alternative text, caption and credit (Wagtail's own `ImageBlock` has no caption or credit)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it, e.g. “IOM staff hand out winter kits "
            "in Ulaanbaatar”. Leave empty to use the image's “Description” from the image library. "
            "Required unless the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_(
            "Tick only if the image carries no information (a pattern, a background): screen readers skip it."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=120, help_text=_("Photographer or source, e.g. © IOM 2024")
    )

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("decorative") and not value.alt().strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Describe what the image shows (here or in the image's description in the library), "
                            "or tick “decorative” if it carries no information."
                        )
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        group = _("Media")
        description = _(
            "An image from the library with its alternative text, an optional caption and the photographer's credit."
        )
        value_class = ImageStructValue


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        group = _("Text")
        description = _("A quotation set apart from the text, with who said it.")
        preview_value = {
            "quote": _("Migration works best when it is safe, orderly and regular."),
            "attribution": "IOM",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_text = blocks.CharBlock(
        label=_("Button text"), max_length=60, help_text=_("The words on the button, e.g. “Read the report”.")
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False, help_text=_("Link to a page of this site…"))
    external_url = blocks.URLBlock(label=_("Web address"), required=False, help_text=_("…or to another website."))

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a web address."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        group = _("Links and people")
        description = _("A heading, a sentence and a button that leads to a page of this site or another website.")
        preview_value = {
            "heading": _("Find reports and data"),
            "text": _("Reports, studies and data on migration in Mongolia."),
            "link_text": _("Data and resources"),
            "external_url": "https://example.org/",
        }


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A document in a restricted collection is never shown on a public page.
        context["documents"] = only_public(value["documents"])
        return context

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "blocks/document_list_block.html"
        group = _("Media")
        description = _("A list of documents from the library, each with its type and size.")


class KeyFiguresBlock(blocks.StructBlock):
    """Figures chosen from the key figures snippets; each is shown with its source."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    figures = blocks.ListBlock(
        SnippetChooserBlock("pages.KeyFigure", label=_("Key figure")),
        label=_("Figures"),
        min_num=1,
        help_text=_("Choose figures from Snippets → Key figures, or create one there first."),
    )

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        group = _("Data")
        description = _("Figures chosen from Snippets → Key figures, each shown with its source.")
        preview_value = first_of("figures", "pages.KeyFigure", 3)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = live_or_default_language(value.get("figures") or [])
        return context


def live_or_default_language(snippets):
    """The snippets to show: each one that is live; for one that is not (a translation still in
    review), its live version in the default language, marked with that language
    (`shown_in_language`), as an untranslated page is shown; else nothing."""
    shown = []
    for snippet in snippets:
        if snippet is None:
            continue
        if snippet.live:
            shown.append(snippet)
            continue
        fallback = (
            type(snippet)
            .objects.filter(
                translation_key=snippet.translation_key, locale__language_code=settings.LANGUAGE_CODE, live=True
            )
            .exclude(pk=snippet.pk)
            .first()
        )
        if fallback is not None:
            fallback.shown_in_language = settings.LANGUAGE_CODE
            shown.append(fallback)
    return shown


class ChartStructValue(blocks.StructValue):
    """Geometry of the bar chart, worked out on the server so the page needs no JavaScript.

    Each row has its label above its bar and the value after the bar, so that a narrow
    chart (the SVG scales to its container) stays legible on a phone."""

    WIDTH = 400
    ROW_HEIGHT = 48
    BAR_HEIGHT = 20
    BAR_AREA = 320  # the longest bar; the rest of the width holds its value

    def chart_id(self):
        key = "|".join([str(self.get("title"))] + [f"{row['label']}={row['value']}" for row in self.get("series")])
        return "chart-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8]

    def height(self):
        return self.ROW_HEIGHT * len(self.get("series"))

    def bars(self):
        series = list(self.get("series"))
        largest = max((row["value"] for row in series), default=Decimal(0)) or Decimal(1)
        bars = []
        for index, row in enumerate(series):
            top = index * self.ROW_HEIGHT
            length = round(float(row["value"] / largest) * self.BAR_AREA, 1)
            bars.append(
                {
                    "label": row["label"],
                    "value": row["value"],
                    "display": format(Decimal(row["value"]).normalize(), "f"),
                    "label_y": top + 15,
                    "y": top + 20,
                    "width": length,
                    "value_x": length + 6,
                    "value_y": top + 35,
                }
            )
        return bars


class ChartBlock(blocks.StructBlock):
    """A small bar chart: an editor types the values, the page shows an SVG chart and the same numbers in a table."""

    title = blocks.CharBlock(
        label=_("Title"), max_length=150, help_text=_("What the chart shows, e.g. “Remittances to Mongolia”.")
    )
    unit = blocks.CharBlock(
        label=_("Unit"), required=False, max_length=40, help_text=_("The unit of the values, e.g. “USD million”.")
    )
    series = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("label", blocks.CharBlock(label=_("Label"), max_length=60, help_text=_("e.g. a year or a place"))),
                ("value", blocks.DecimalBlock(label=_("Value"), min_value=0, max_digits=14, decimal_places=2)),
            ],
            label=_("Bar"),
            icon="list-ul",
        ),
        label=_("Bars"),
        min_num=1,
        max_num=20,
        help_text=_("One row per bar, in the order they should appear."),
    )
    source = blocks.CharBlock(
        label=_("Source"), required=False, max_length=200, help_text=_("Where the numbers come from.")
    )

    class Meta:
        icon = "table"
        label = _("Chart")
        template = "blocks/chart_block.html"
        group = _("Data")
        description = _("A small bar chart drawn from the values you type, with the same numbers as a table.")
        preview_value = {
            "title": _("Example chart"),
            "unit": "",
            "series": [{"label": "2019", "value": Decimal(3)}, {"label": "2020", "value": Decimal(5)}],
            "source": "",
        }
        value_class = ChartStructValue


class WorkAreasBlock(blocks.StructBlock):
    """Chosen work areas as cards, e.g. on the home page."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    work_areas = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="pages.WorkAreaPage", label=_("Work area")),
        label=_("Work areas"),
        min_num=1,
    )

    def get_context(self, value, parent_context=None):
        """The chosen live work areas, each in the visitor's language where translated, with their
        card images (the rendition templates/pages/work_area_card.html uses) in a fixed number of queries."""
        from django.db.models import Prefetch
        from wagtail.images import get_image_model
        from wagtail.models import Locale

        context = super().get_context(value, parent_context=parent_context)
        chosen = [area for area in value["work_areas"] if area is not None and area.live]
        work_area_model = self.child_blocks["work_areas"].child_block.target_model
        active = Locale.get_active()
        images = get_image_model().objects.prefetch_renditions("fill-640x360")
        found = work_area_model.objects.live().filter(
            translation_key__in=[area.translation_key for area in chosen],
            locale_id__in={active.pk} | {area.locale_id for area in chosen},
        )
        by_key_and_locale = {
            (area.translation_key, area.locale_id): area
            for area in found.prefetch_related(Prefetch("image", queryset=images))
        }
        context["areas"] = [
            by_key_and_locale.get((area.translation_key, active.pk))
            or by_key_and_locale.get((area.translation_key, area.locale_id), area)
            for area in chosen
        ]
        return context

    class Meta:
        icon = "list-ul"
        label = _("Work areas")
        template = "blocks/work_areas_block.html"
        group = _("Links and people")
        description = _("Cards linking to the work areas you choose, e.g. on the home page.")
        preview_value = first_of("work_areas", "pages.WorkAreaPage", 3, live=True)


class PeopleBlock(blocks.StructBlock):
    """A few people, chosen among the person pages only, shown as cards."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, help_text=_("E.g. “Contacts”. Optional.")
    )
    people = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="people.PersonPage", label=_("Person")),
        label=_("People"),
        min_num=1,
        help_text=_("Choose person pages; their photo, name, role and short biography are shown."),
    )

    class Meta:
        icon = "group"
        label = _("People")
        template = "people/blocks/people_block.html"
        group = _("Links and people")
        description = _("Cards of the people you choose among the person pages, e.g. the contacts of a work area.")
        preview_value = first_of("people", "people.PersonPage", 2, live=True)


class LatestNewsBlock(blocks.StructBlock):
    """The newest articles of “Media and news” as cards. On a work area page it shows only the
    articles about that work area. The news app answers through `news.ArticlePage.latest_news()`;
    without it, the block shows nothing."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("E.g. “Latest news”. Leave empty for “Latest news”."),
    )
    count = blocks.IntegerBlock(
        label=_("Number of articles"),
        default=3,
        min_value=1,
        max_value=12,
        help_text=_("How many articles to show, from 1 to 12."),
    )
    featured_first = blocks.BooleanBlock(
        label=_("Featured articles first"),
        required=False,
        default=True,
        help_text=_("Show the articles marked “featured” first, then the newest."),
    )

    def get_context(self, value, parent_context=None):
        from django.apps import apps

        context = super().get_context(value, parent_context=parent_context)
        context["news"] = None
        if apps.is_installed("news"):
            page = (parent_context or {}).get("page")
            context["news"] = apps.get_model("news", "ArticlePage").latest_news(
                page if hasattr(page, "locale_id") else None,
                limit=value.get("count") or 3,
                featured_first=bool(value.get("featured_first")),
                request=(parent_context or {}).get("request"),
            )
        return context

    class Meta:
        icon = "date"
        label = _("Latest news")
        group = _("Links and people")
        description = _("The newest articles of Media and news, featured ones first.")
        preview_value = {"heading": "Latest news", "count": 3, "featured_first": True}
        template = "news/blocks/latest_news_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        group=_("Text"),
        description=_("Paragraphs of text with bold, italic, links, lists and sub-headings."),
        preview_value="<p>In Mongolia, IOM supports migrants through resettlement, support and protection activities.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document_list = DocumentListBlock()
    embed = EmbedBlock(
        label=_("Video or post"),
        help_text=_("A video or post from YouTube, Vimeo and similar sites."),
        icon="media",
        group=_("Media"),
        description=_("A link to a video or post on another site, shown without loading that site's player."),
    )
    table = TableBlock(
        label=_("Table"),
        template="blocks/table_block.html",
        group=_("Data"),
        description=_("A table of figures or text with a header row."),
        preview_value={"data": [["Year", "Value"], ["2019", "3"], ["2020", "5"]], "first_row_is_table_header": True},
    )
    key_figures = KeyFiguresBlock()
    chart = ChartBlock()
    work_areas = WorkAreasBlock()
    people = PeopleBlock()
    latest_news = LatestNewsBlock()
