"""sitemap.xml: every live page in every language, each with its hreflang alternates, on the
site's address (core/site_address.py), never on the request's Host header, which Django's
sitemap framework would use."""

from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from core import navigation, site_address


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = navigation.LANGUAGE_CODES

    def __init__(self, request):
        self.request = request
        self._versions = {}

    def get_protocol(self, protocol=None):
        return site_address.scheme()

    def get_domain(self, site=None):
        return site_address.host()

    def items(self):
        """The pages of the default language's tree; their versions in the other languages
        (translations and aliases) are looked up in one query for the whole tree."""
        root = navigation.get_site(self.request).root_page
        pages = list(
            navigation.public(root.get_descendants(inclusive=True), self.request)
            .live()
            .filter(locale_id=root.locale_id)
            .order_by("path")
            .defer_streamfields()
        )
        keys = [page.translation_key for page in pages]
        codes = navigation.locale_codes(self.request)
        versions = navigation.public(Page.objects.live().filter(translation_key__in=keys), self.request)
        for version in versions.defer_streamfields():
            self._versions[(version.translation_key, codes.get(version.locale_id))] = version
        return pages

    def get_languages_for_item(self, page):
        return [code for code in self.languages if (page.translation_key, code) in self._versions]

    def location(self, page):
        version = self._versions.get((page.translation_key, translation.get_language()), page)
        return version.get_url(self.request)

    def lastmod(self, page):
        version = self._versions.get((page.translation_key, translation.get_language()), page)
        return version.last_published_at
