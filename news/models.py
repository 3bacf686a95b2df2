"""Media and news: the "Media and news" index page with its article pages (news, stories, press
releases), and publication pages (reports and documents with a page of their own).

Other apps' models are named by their strings only ("pages.WorkAreaPage", "people.PersonPage").
The home and work area pages show the latest articles through core's `LatestNewsBlock`, which
asks `ArticlePage.latest_for()`; feeds are in feeds.py, the index's filters in listing.py.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import navigation
from core.blocks import BodyBlock
from core.feeds import publication_moment
from core.models import BasePage, IntroBodyPage

# Renditions: the card image (16:9, cropped around the focal point) in WebP with a JPEG fallback,
# and the share image that link previews, feeds and JSON-LD use (1200x630, as Open Graph asks).
CARD_IMAGE_SPECS = ["fill-640x360|format-webp", "fill-640x360|format-jpeg"]
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"
RELATED_ARTICLES = 3


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    STORY = "story", _("Story")
    PRESS_RELEASE = "press-release", _("Press release")


# The kinds as the index's filter and the feeds name them.
KIND_PLURALS = {
    ArticleKind.NEWS: _("News"),
    ArticleKind.STORY: _("Stories"),
    ArticleKind.PRESS_RELEASE: _("Press releases"),
}


def press_contact_field(help_text):
    return models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("press contact"),
        help_text=help_text,
    )


class ArticleQuerySet(PageQuerySet):
    def with_card_images(self, specs=CARD_IMAGE_SPECS):
        """Lead images and their renditions (the cards' by default) in two queries, whatever the
        number of articles."""
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        return self.select_related("lead_image").prefetch_related(
            Prefetch("lead_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )

    def newest_first(self):
        return self.order_by("-publication_date", "-first_published_at", "-pk")

    def featured_first(self):
        return self.order_by("-featured", "-publication_date", "-first_published_at", "-pk")


class NewsIndexPage(RoutablePageMixin, IntroBodyPage):
    """“Media and news”: the articles under it, featured first then newest first, filtered by
    kind, year, work area and tag (see listing.py), a page at a time; and their feeds."""

    per_page = models.PositiveSmallIntegerField(
        default=12,
        verbose_name=_("articles per page"),
        help_text=_("How many articles one page of the list shows (at most 50)."),
    )
    press_contact = press_contact_field(
        _(
            "The person journalists should contact about the mission's news, shown under “Media contacts” on "
            "this page and on articles that name no press contact of their own. Choose their page under People."
        )
    )

    content_panels = IntroBodyPage.content_panels + [FieldPanel("per_page"), FieldPanel("press_contact")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("media and news page")
        verbose_name_plural = _("media and news pages")

    def get_cached_paths(self):
        """The page cache purges the feeds with the list (its filtered pages go with it: see
        deploy/varnish/iom-mongolia.vcl)."""
        feeds = ["/feeds/rss/", "/feeds/atom/"]
        feeds += [f"/feeds/{kind}/{format}/" for kind in ArticleKind.values for format in ("rss", "atom")]
        return ["/", *feeds]

    def get_articles(self, request=None):
        """The live, public articles of this index (in its language)."""
        return navigation.public(ArticlePage.objects.child_of(self).live(), request)

    @path("")
    def index_route(self, request):
        from .feeds import feed_directory
        from .listing import ArticleListing

        listing = ArticleListing(self, request)
        status = 404 if listing.error else 200
        context = {
            "listing": listing,
            "feeds": self.feed_links(request, listing.selected.get("kind")),
            "feed_directory": feed_directory(self, request),
        }
        response = self.render(request, context_overrides=context)
        response.status_code = status
        return response

    @path("feeds/rss/", name="rss")
    @re_path(r"^feeds/(?P<kind>[a-z-]+)/rss/$", name="kind_rss")
    def rss_feed(self, request, kind=None):
        from .feeds import ArticleRssFeed

        return ArticleRssFeed(self, kind)(request)

    @path("feeds/atom/", name="atom")
    @re_path(r"^feeds/(?P<kind>[a-z-]+)/atom/$", name="kind_atom")
    def atom_feed(self, request, kind=None):
        from .feeds import ArticleAtomFeed

        return ArticleAtomFeed(self, kind)(request)

    def feed_links(self, request, kind=None):
        """The feeds a page links to with <link rel="alternate">: all articles, then one kind's."""
        from .feeds import feed_links

        return feed_links(self, request, kind)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
        help_text=_("The article the tag belongs to."),
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticlePage(BasePage):
    """A news item, a story or a press release."""

    kind = models.CharField(
        max_length=20,
        choices=ArticleKind.choices,
        default=ArticleKind.NEWS,
        verbose_name=_("kind"),
        help_text=_(
            "News: a dated report of what happened. Story: a longer account of people IOM works with. "
            "Press release: the mission's official statement to the media."
        ),
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("publication date"),
        help_text=_("The date shown on the article; lists and feeds put the newest first."),
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("summary"),
        help_text=_(
            "One or two sentences saying what happened, shown in lists, feeds, search results and link previews."
        ),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
        help_text=_(
            "The photo at the top of the article, on its card and in link previews (cropped to 1200×630 "
            "around the image's focal point: set it in Images → edit the image → “Set focal point”)."
        ),
    )
    lead_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("lead image alternative text"),
        help_text=_(
            "Describe what the photo shows for people who cannot see it, e.g. “Families receive winter kits "
            "in Ulaanbaatar”. Required with a lead image."
        ),
    )
    lead_image_caption = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("lead image caption"),
        help_text=_("An optional line under the photo saying who or what it shows."),
    )
    lead_image_credit = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("lead image credit"),
        help_text=_("Who took the photo, in IOM's form, e.g. “Photo: IOM/2023”."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        help_text=_("The article itself, built from blocks: text, images, quotes…"),
    )
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        help_text=_(
            "A few keywords readers can follow, e.g. “dzud” or “remittances”; the same tag on several articles "
            "groups them on Media and news."
        ),
    )
    work_areas = ParentalManyToManyField(
        "pages.WorkAreaPage",
        blank=True,
        related_name="articles",
        verbose_name=_("work areas"),
        help_text=_("The work areas the article is about; each work area's page shows its latest articles."),
    )
    press_contact = press_contact_field(
        _(
            "The person journalists should contact about this article (choose their page under People). "
            "Leave empty to show the contact set on Media and news."
        )
    )
    featured = models.BooleanField(
        default=False,
        verbose_name=_("featured"),
        help_text=_(
            "Featured articles come first on Media and news and on the home page. Untick it when the news is old."
        ),
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("work_areas", widget=forms.CheckboxSelectMultiple)],
            heading=_("Tags and work areas"),
        ),
        FieldPanel("press_contact"),
        FieldPanel("featured"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]
    # wagtail-localize leaves many-to-many fields out unless told: a translation keeps the work areas.
    override_translatable_fields = [SynchronizedField("work_areas")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "news/article_page.html"
    show_in_menus_default = False
    summary_field = "summary"
    share_image_field = "lead_image"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe what the lead image shows for people who cannot see it.")}
            )

    @property
    def published_at(self):
        """The publication date as a moment: the time it was first published when that was on the
        same day, else the start of the day (Mongolian time)."""
        return publication_moment(self.publication_date, self.first_published_at)

    @property
    def kind_label(self):
        return ArticleKind(self.kind).label if self.kind in ArticleKind.values else ""

    @cached_property
    def index_page(self):
        """The Media and news page the article is under (one query), or None."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        return NewsIndexPage.objects.filter(path=self.path[: -self.steplen]).first()

    @classmethod
    def latest_news(cls, page=None, limit=3, featured_first=True, request=None):
        """What core's LatestNewsBlock shows on `page`: {"articles": the newest live articles in the
        page's language (featured first when asked; on a work area page, those about it), "index":
        the Media and news page of that language, "work_area": the work area or None}. Five queries."""
        articles = navigation.public(cls.objects.live(), request).with_card_images()
        work_area_model = cls._meta.get_field("work_areas").related_model
        locale_id = page.locale_id if page is not None else Locale.get_active().pk
        articles = articles.filter(locale_id=locale_id)
        work_area = page if isinstance(page, work_area_model) else None
        if work_area is not None:
            articles = articles.filter(work_areas__translation_key=work_area.translation_key)
        articles = articles.featured_first() if featured_first else articles.newest_first()
        return {
            "articles": list(articles.distinct()[:limit]),
            "index": NewsIndexPage.objects.live().filter(locale_id=locale_id).first(),
            "work_area": work_area,
        }

    def get_related_articles(self, limit=RELATED_ARTICLES, work_areas=None, tags=None, request=None):
        """Other articles about the same work area or with a tag in common, newest first.
        `work_areas` and `tags`: the article's own, when already fetched."""
        area_keys = [area.translation_key for area in (self.work_areas.all() if work_areas is None else work_areas)]
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags)]
        if not area_keys and not tag_ids:
            return []
        related = (
            navigation.public(ArticlePage.objects.live(), request)
            .filter(locale_id=self.locale_id)
            .filter(Q(work_areas__translation_key__in=area_keys) | Q(tags__in=tag_ids))
            .exclude(pk=self.pk)
        )
        if self.translation_key:
            related = related.exclude(translation_key=self.translation_key)
        return list(related.distinct().with_card_images().newest_first()[:limit])

    def get_press_contact(self):
        """The article's own press contact, else the one set on Media and news."""
        contact = self.press_contact
        if contact is None and self.index_page is not None:
            contact = self.index_page.press_contact
        return contact if contact is not None and contact.live else None

    def get_context(self, request, *args, **kwargs):
        from .seo import article_structured_data

        context = super().get_context(request, *args, **kwargs)
        index_page = self.index_page
        work_areas, tags = list(self.work_areas.all()), list(self.tags.all())
        context.update(
            work_areas=work_areas,
            tags=tags,
            related_articles=self.get_related_articles(work_areas=work_areas, tags=tags, request=request),
            press_contact=self.get_press_contact(),
            index_page=index_page,
            feeds=index_page.feed_links(request, self.kind) if index_page else [],
            structured_data=article_structured_data(self, request, tags),
        )
        return context
