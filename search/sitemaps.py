"""sitemap.xml: every live page in every language, each with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from core import navigation


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = navigation.LANGUAGE_CODES

    def __init__(self, request):
        self.request = request
        self._translations = {}

    def items(self):
        """The pages of the default language's tree (untranslated pages are served from it in
        every language); a page's translations are looked up in one query for the whole tree."""
        root = navigation.get_site(self.request).root_page
        pages = list(
            root.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(locale_id=root.locale_id)
            .order_by("path")
            .defer_streamfields()
        )
        keys = [page.translation_key for page in pages]
        translations = Page.objects.live().filter(translation_key__in=keys).exclude(locale_id=root.locale_id)
        for translated in translations.select_related("locale"):
            self._translations[(translated.translation_key, translated.locale.language_code)] = translated
        return pages

    def get_languages_for_item(self, page):
        """The languages the page is served in: its translations', and every language that
        has no tree of its own yet (the English page is served at that language's address)."""
        return [
            code
            for code in self.languages
            if (page.translation_key, code) in self._translations or navigation.is_served_in(page, code, self.request)
        ]

    def location(self, page):
        language = translation.get_language()
        target = self._translations.get((page.translation_key, language), page)
        return navigation.ui_url(target, self.request, language)

    def lastmod(self, page):
        return page.last_published_at
