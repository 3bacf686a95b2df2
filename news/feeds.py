"""RSS 2.0 and Atom feeds of the articles under a "Media and news" page, built with Django's
syndication framework: all articles, or one kind, in the language of the index they are under.

Addresses (routes of NewsIndexPage): feeds/rss/, feeds/atom/, feeds/<kind>/rss/, feeds/<kind>/atom/.
Every link is absolute, on the site's address (core/site_address.py), never on the request's
Host header (Django's syndication framework would use it for the links it completes); each item has its date, summary, tags and its lead image as an enclosure
(the 1200x630 JPEG that link previews use).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from core import navigation, seo, site_address
from core.models import SiteSettings

from .models import KIND_PLURALS, SHARE_IMAGE_SPEC, ArticleKind

FEED_ITEMS = 20
FEED_FORMATS = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom")}


def feed_title(kind=None):
    site = _("IOM Mongolia")
    if kind:
        return _("%(site)s: %(kind)s") % {"site": site, "kind": KIND_PLURALS[kind]}
    return _("%(site)s: media and news") % {"site": site}


def feed_url(index, request, name, kind=None):
    """The absolute address of one feed of `index`: name "rss" or "atom", all articles or one kind."""
    route = index.reverse_subpage(f"kind_{name}", kwargs={"kind": kind}) if kind else index.reverse_subpage(name)
    return site_address.absolute(navigation.ui_url(index, request) + route)


def feed_links(index, request, kind=None):
    """[{type, title, url}] of the feeds of `index` for <link rel="alternate">: all articles,
    then the articles of `kind` when given."""
    return [
        {
            "type": mime_type,
            "title": f"{feed_title(feed_kind)} ({label})",
            "url": feed_url(index, request, name, feed_kind),
        }
        for feed_kind in ([None, kind] if kind else [None])
        for name, (mime_type, label) in FEED_FORMATS.items()
    ]


def feed_directory(index, request):
    """The feeds a reader can subscribe to: all articles, then each kind; {label, rss, atom}."""
    rows = [{"label": _("All articles"), "kind": None}]
    rows += [{"label": label, "kind": kind} for kind, label in KIND_PLURALS.items()]
    for row in rows:
        row["rss"] = feed_url(index, request, "rss", row["kind"])
        row["atom"] = feed_url(index, request, "atom", row["kind"])
    return rows


class ArticleFeed(Feed):
    def __init__(self, index, kind=None):
        super().__init__()
        if kind is not None and kind not in ArticleKind.values:
            raise Http404(_("There is no such kind of article."))
        self.index = index
        self.kind = kind

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return feed_title(self.kind)

    def link(self, index):
        return site_address.absolute(navigation.ui_url(index, self.request))

    def feed_url(self, index):
        return site_address.absolute(self.request.path)

    def description(self, index):
        """The index page's own description; the site's, from the catalogue, while the page of
        this language is not translated yet (its own text is still another language's)."""
        if navigation.is_untranslated(index, self.request):
            return seo.default_description()
        return index.get_meta_description() or seo.default_description()

    @property
    def language(self):
        """The language of the address (`mn` under /mn/), as the feed's titles are."""
        return navigation.locale_codes(self.request).get(self.index.locale_id)

    def author_name(self, index):
        return SiteSettings.for_request(self.request).organisation_name

    def items(self, index):
        articles = index.get_articles(self.request).with_card_images([SHARE_IMAGE_SPEC])
        if self.kind:
            articles = articles.filter(kind=self.kind)
        return articles.newest_first().prefetch_related("tagged_items__tag")[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return site_address.absolute(navigation.ui_url(article, self.request))

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_published_at or article.published_at

    def item_author_name(self, article):
        return self.author_name(self.index)

    def item_categories(self, article):
        return [str(article.kind_label)] + [item.tag.name for item in article.tagged_items.all()]

    def item_enclosures(self, article):
        if article.lead_image is None:
            return []
        rendition = article.lead_image.get_rendition(SHARE_IMAGE_SPEC)
        try:
            length = rendition.file.size
        except OSError:
            length = 0
        return [Enclosure(site_address.absolute(rendition.url), str(length), "image/jpeg")]


class ArticleRssFeed(ArticleFeed):
    feed_type = Rss201rev2Feed


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
