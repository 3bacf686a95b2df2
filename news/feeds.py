"""RSS 2.0 and Atom feeds of the articles under a "Media and news" page, built with Django's
syndication framework: all articles, or one kind, in the language of the index they are under.

Addresses (routes of NewsIndexPage): feeds/rss/, feeds/atom/, feeds/<kind>/rss/, feeds/<kind>/atom/.
Every link is absolute, on the site's address (core/site_address.py), never on the request's
Host header (core/feeds.py holds what the site's feeds share); each item has its date, summary,
tags and its lead image as an enclosure (the 1200x630 JPEG that link previews use).
"""

from django.http import Http404
from django.utils.feedgenerator import Enclosure
from django.utils.translation import gettext as _

from core import feeds, site_address
from core.feeds import FEED_FORMATS

from .models import KIND_PLURALS, SHARE_IMAGE_SPEC, ArticleKind

FEED_ITEMS = 20


def feed_title(kind=None):
    site = _("IOM Mongolia")
    if kind:
        return _("%(site)s: %(kind)s") % {"site": site, "kind": KIND_PLURALS[kind]}
    return _("%(site)s: media and news") % {"site": site}


def feed_url(index, request, name, kind=None):
    """The absolute address of one feed of `index`: name "rss" or "atom", all articles or one kind."""
    if kind:
        return feeds.feed_url(index, request, f"kind_{name}", kind=kind)
    return feeds.feed_url(index, request, name)


def feed_links(index, request, kind=None):
    """[{type, title, label, url}] of the feeds of `index` for <link rel="alternate">: all articles,
    then the articles of `kind` when given."""
    return [
        link
        for feed_kind in ([None, kind] if kind else [None])
        for link in feeds.feed_links(
            feed_title(feed_kind), {name: feed_url(index, request, name, feed_kind) for name in FEED_FORMATS}
        )
    ]


def feed_directory(index, request):
    """The feeds a reader can subscribe to: all articles, then each kind; {label, rss, atom}."""
    rows = [{"label": _("All articles"), "kind": None}]
    rows += [{"label": label, "kind": kind} for kind, label in KIND_PLURALS.items()]
    for row in rows:
        row["rss"] = feed_url(index, request, "rss", row["kind"])
        row["atom"] = feed_url(index, request, "atom", row["kind"])
    return rows


class ArticleFeed(feeds.PageFeed):
    def __init__(self, index, kind=None):
        super().__init__(index)
        if kind is not None and kind not in ArticleKind.values:
            raise Http404(_("There is no such kind of article."))
        self.kind = kind

    def title(self, index):
        return feed_title(self.kind)

    def items(self, index):
        articles = index.get_articles(self.request).with_card_images([SHARE_IMAGE_SPEC])
        if self.kind:
            articles = articles.filter(kind=self.kind)
        return articles.newest_first().prefetch_related("tagged_items__tag")[:FEED_ITEMS]

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_published_at or article.published_at

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


class ArticleRssFeed(feeds.RssFeedMixin, ArticleFeed):
    pass


class ArticleAtomFeed(feeds.AtomFeedMixin, ArticleFeed):
    pass
