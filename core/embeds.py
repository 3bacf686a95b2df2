"""Embeds without third parties: an embed block shows a link to the video or post.

Wagtail's default finder asks the provider (YouTube, Vimeo...) for a player at render time,
and the player then loads the provider's scripts in every visitor's browser. This finder
never leaves the server, and templates/wagtailembeds/embed_frontend.html renders the link
in the visitor's language.
"""

from urllib.parse import urlparse

from wagtail.embeds.finders.base import EmbedFinder


class LinkFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return urlparse(url).scheme in {"http", "https"}

    def find_embed(self, url, max_width=None, max_height=None):
        host = (urlparse(url).hostname or "").removeprefix("www.")
        return {
            "title": "",
            "author_name": "",
            "provider_name": host,
            "type": "link",
            "thumbnail_url": None,
            "width": None,
            "height": None,
            "html": "",
        }
