"""Page types of the site.

Every page type declares where it may live (`parent_page_types`) and what it may
hold (`subpage_types`), has a template in templates/pages/, `search_fields`, and
a factory in tests/factories.py (a test fails when one is missing).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
    subpage_types = ["pages.StandardPage"]
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
    subpage_types = ["pages.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific()
        return context
