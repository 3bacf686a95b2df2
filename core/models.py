"""The foundation's models: the abstract page bases with the page contract, and site settings.

Every public page type of every feature app inherits `BasePage`. Its contract is what
the shared code (SEO tags, cards, feeds, search results) asks of any page:

- `get_listing_summary()`: one or two plain-text sentences for cards, listings and results;
- `get_meta_description()`: what search engines show (the promote tab's description, else the summary);
- `get_share_image()`: the Wagtail image that stands for the page in link previews, or None.

A page type names the fields that answer these with `summary_field` and `share_image_field`,
or overrides the methods.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .blocks import BodyBlock
from .forms import PageForm
from .search_text import NormalisedSearchText

VERIFICATION_HELP = _(
    "For the communications team only, never shown publicly: what still needs checking, and where it came from."
)
META_DESCRIPTION_LENGTH = 160


def plain_text(value):
    """Rich text or plain text as one line of plain text."""
    return " ".join(strip_tags(value or "").split())


class BasePage(NormalisedSearchText, Page):
    """Fields and behaviour every public page shares, and the page contract (see the module)."""

    show_in_menus_default = True
    base_form_class = PageForm  # choices of pages in the language of the page (core/forms.py)
    # The name of the field holding the page's short summary (plain or rich text), if any.
    summary_field = None
    # The name of the image field that represents the page, if any.
    share_image_field = None
    # Models ("app.Model") this page type lists besides its own children: when one of them is
    # published, saved or deleted, the page cache purges every page of this type (core.frontend_cache).
    lists_models = ()
    # The Mongolian search keys of the page's other search fields (core/search_text.py).
    search_fields = Page.search_fields + [index.SearchField("normalised_search_text")]

    class Meta:
        abstract = True

    def get_listing_summary(self):
        if self.summary_field:
            return plain_text(getattr(self, self.summary_field, ""))
        return ""

    def get_meta_description(self):
        """At most 160 characters of plain text; empty when the page has nothing of its own."""
        text = plain_text(self.search_description) or self.get_listing_summary()
        return Truncator(text).chars(META_DESCRIPTION_LENGTH) if text else ""

    def get_share_image(self):
        if self.share_image_field:
            return getattr(self, self.share_image_field, None)
        return None


class IntroBodyPage(BasePage):
    """A page with a plain-text introduction and a body built from the block library."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences shown at the top of the page and in listings and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The page's content, built from blocks: headings, text, images, quotes and more."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    summary_field = "intro"

    class Meta:
        abstract = True


class ReviewedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet that goes through the review workflow like a page: editors save drafts and
    submit them, a moderator publishes (only published snippets are shown on the site), with
    revisions, locking and scheduled publishing. Public code shows only `live` ones."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer of the site, edited in Settings → Site settings."""

    shown_on_every_page = True  # a change purges every page from the page cache

    organisation_name = models.CharField(
        max_length=200,
        default="International Organization for Migration (IOM) Mongolia",
        verbose_name=_("organisation name"),
        help_text=_("The mission's full name, shown in the footer and in search engines."),
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("phone"),
        help_text=_("A phone number the public may call, e.g. +976 …"),
    )
    email = models.EmailField(
        blank=True, verbose_name=_("email"), help_text=_("A public e-mail address for enquiries.")
    )
    facebook_url = models.URLField(
        blank=True, verbose_name=_("Facebook URL"), help_text=_("The mission's Facebook page, if it has one.")
    )
    x_url = models.URLField(blank=True, verbose_name=_("X (Twitter) URL"), help_text=_("The mission's X account."))
    youtube_url = models.URLField(
        blank=True, verbose_name=_("YouTube URL"), help_text=_("The mission's YouTube channel.")
    )
    linkedin_url = models.URLField(
        blank=True, verbose_name=_("LinkedIn URL"), help_text=_("The mission's LinkedIn page.")
    )
    instagram_url = models.URLField(
        blank=True, verbose_name=_("Instagram URL"), help_text=_("The mission's Instagram account.")
    )
    verification_note = models.TextField(blank=True, verbose_name=_("verification note"), help_text=VERIFICATION_HELP)

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
            help_text=_("The office's address and the footer line are in Snippets → Site text, one per language."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("verification_note"),
    ]

    class Meta:
        # The table the model had when it lived in the pages app (moved without copying data).
        db_table = "pages_sitesettings"
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in links if url]


class SiteText(ReviewedSnippet, TranslatableMixin, PreviewableMixin, models.Model):
    """What the site says outside its pages that differs by language: the office's address and
    the footer line. One per language: the English one is translated with "Translate" like a page."""

    shown_on_every_page = True  # a change purges every page from the page cache

    address = models.TextField(
        blank=True, verbose_name=_("address"), help_text=_("The office's postal address, one line per row.")
    )
    footer_text = models.TextField(
        blank=True, verbose_name=_("footer text"), help_text=_("A short line at the bottom of every page.")
    )

    panels = [FieldPanel("address"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site text")

    def __str__(self):
        return str(_("Site text (%(language)s)") % {"language": self.locale.get_display_name()})

    def get_preview_template(self, request, mode_name):
        return "core/previews/site_text.html"

    def get_preview_context(self, request, mode_name):
        # The footer of the preview shows this text (core.templatetags.navigation_tags.site_text).
        self.language = self.locale.language_code
        return {**super().get_preview_context(request, mode_name), "previewed_site_text": self}

    @classmethod
    def for_language(cls, language_code, locale_ids):
        """The site text in that language, else in the default language, else None (one query).
        `locale_ids`: {language code: locale id}, as core.navigation reads it once per request."""
        from django.conf import settings

        wanted = [locale_ids.get(language_code), locale_ids.get(settings.LANGUAGE_CODE)]
        texts = {
            text.locale_id: text for text in cls.objects.filter(live=True, locale_id__in=[pk for pk in wanted if pk])
        }
        return next((texts[pk] for pk in wanted if pk in texts), None)
