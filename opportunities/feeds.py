"""RSS 2.0 and Atom feeds of the open notices of an Opportunities page: those whose deadline has
not passed, soonest deadline first (as the page lists them), in the language of the address.

Addresses (routes of OpportunityIndexPage): feeds/rss/, feeds/atom/. What the site's feeds share
(absolute links on the site's address, the language, the description of an untranslated page)
is in core/feeds.py. Each item has its title, link, publication date, kind as its category, and
its summary followed by the deadline in Ulaanbaatar time as its description.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import feeds
from core.feeds import FEED_FORMATS

# As many as the events' calendar feed carries: the open notices are rarely more.
FEED_ITEMS = 100


def feed_title():
    return _("%(site)s: open opportunities") % {"site": _("IOM Mongolia")}


def feed_links(index, request):
    """[{type, title, label, url}] of the feeds of `index`, one per format."""
    return feeds.feed_links(feed_title(), {name: feeds.feed_url(index, request, name) for name in FEED_FORMATS})


def deadline_text(notice):
    """“Deadline: <date and time> (Ulaanbaatar time)”, as the notice's page shows it."""
    moment = timezone.localtime(notice.deadline, timezone.get_default_timezone())
    return _("Deadline: %(deadline)s (Ulaanbaatar time)") % {
        "deadline": formats.date_format(moment, "DATETIME_FORMAT")
    }


class OpportunityFeed(feeds.PageFeed):
    def title(self, index):
        return feed_title()

    def items(self, index):
        return index.get_notices(past=False)[:FEED_ITEMS]

    def item_description(self, notice):
        return f"{notice.summary}\n\n{deadline_text(notice)}"

    def item_pubdate(self, notice):
        return feeds.publication_moment(notice.publication_date, notice.first_published_at)

    def item_updateddate(self, notice):
        return notice.last_published_at or self.item_pubdate(notice)

    def item_categories(self, notice):
        return [str(notice.get_kind_display())]


class OpportunityRssFeed(feeds.RssFeedMixin, OpportunityFeed):
    pass


class OpportunityAtomFeed(feeds.AtomFeedMixin, OpportunityFeed):
    pass
