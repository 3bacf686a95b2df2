"""Page types of the site.

Every page type declares where it may live (`parent_page_types`) and what it may
hold (`subpage_types`), has a template in templates/pages/, `search_fields`, and
a factory in tests/factories.py (a test fails when one is missing).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class BasePage(Page):
    """Fields and behaviour every public page shares."""

    show_in_menus_default = True

    class Meta:
        abstract = True

    def get_menu_children(self):
        return self.get_children().live().public().in_menu().specific()


class HomePage(BasePage):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The short text under the mission's name at the top of the home page."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("The rest of the home page, built from blocks."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "people.PeopleIndexPage",
    ]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """The general page (About, IOM Global, Data and Resources...). When it has
    child pages, it lists them under its body, so it also serves as a section page."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown at the top of the page and in listings and search results."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("The page's content, built from blocks: headings, text, images, quotes and more."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = [
        "pages.StandardPage",
        "people.PeopleIndexPage",
    ]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific()
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer of the site, edited in Settings → Site settings."""

    organisation_name = models.CharField(
        max_length=200,
        default="International Organization for Migration (IOM) Mongolia",
        help_text=_("The mission's full name, shown in the footer and in search engines."),
    )
    address = models.TextField(blank=True, help_text=_("The office's postal address in English, one line per row."))
    address_mn = models.TextField(
        blank=True, help_text=_("The office's postal address in Mongolian, shown on Mongolian pages.")
    )
    phone = models.CharField(max_length=40, blank=True, help_text=_("A phone number the public may call, e.g. +976 …"))
    email = models.EmailField(blank=True, help_text=_("A public e-mail address for enquiries."))
    facebook_url = models.URLField(blank=True, help_text=_("The mission's Facebook page, if it has one."))
    x_url = models.URLField(blank=True, verbose_name="X (Twitter) URL", help_text=_("The mission's X account."))
    youtube_url = models.URLField(blank=True, help_text=_("The mission's YouTube channel."))
    linkedin_url = models.URLField(blank=True, help_text=_("The mission's LinkedIn page."))
    instagram_url = models.URLField(blank=True, help_text=_("The mission's Instagram account."))
    footer_text = models.TextField(blank=True, help_text=_("A short line at the bottom of every English page."))
    footer_text_mn = models.TextField(blank=True, help_text=_("The same line for Mongolian pages."))
    verification_note = models.TextField(
        blank=True,
        help_text=_(
            "For the communications team only, never shown publicly: what still needs checking, and where it came from."
        ),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("address_mn"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
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
        MultiFieldPanel([FieldPanel("footer_text"), FieldPanel("footer_text_mn")], heading=_("Footer")),
        FieldPanel("verification_note"),
    ]

    class Meta:
        verbose_name = _("site settings")

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
