"""What the site's RSS 2.0 and Atom feeds share (news/feeds.py, opportunities/feeds.py), built
with Django's syndication framework.

A feed lists pages under one index page (a RoutablePageMixin page whose routes are named "rss"
and "atom"), in the language of the address it is asked for: /mn/... gives the Mongolian pages
and says `mn`. Every link is absolute, on the site's address (core/site_address.py), never on
the request's Host header (Django's syndication framework would use it for the links it
completes). While the index of a language is not translated yet, the feed's description is the
site's, from the catalogue, in that language.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import navigation, seo, site_address
from .models import SiteSettings

# Route name: (MIME type, the format's name as links show it).
FEED_FORMATS = {"rss": ("application/rss+xml", "RSS"), "atom": ("application/atom+xml", "Atom")}


def feed_url(index, request, route, **kwargs):
    """The absolute address of the route `route` of `index` (in the interface language)."""
    return site_address.absolute(navigation.ui_url(index, request) + index.reverse_subpage(route, kwargs=kwargs))


def feed_links(title, urls):
    """[{type, title, label, url}] of one feed in each format, for <link rel="alternate"> and
    visible links: `urls` maps each format ("rss", "atom") to its address."""
    return [
        {"type": mime_type, "title": f"{title} ({label})", "label": label, "url": urls[name]}
        for name, (mime_type, label) in FEED_FORMATS.items()
    ]


def publication_moment(date, first_published_at):
    """A publication date as a moment: the time the page was first published when that was on
    the same day, else the start of the day (Mongolian time)."""
    first = first_published_at and timezone.localtime(first_published_at)
    if first and first.date() == date:
        return first
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class PageFeed(Feed):
    """A feed of pages under `index`. Subclasses give `title` and `items`, and what the items say."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

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

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return site_address.absolute(navigation.ui_url(page, self.request))

    def item_author_name(self, page):
        return self.author_name(self.index)


class RssFeedMixin:
    feed_type = Rss201rev2Feed


class AtomFeedMixin:
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
