"""Navigation, language and URL helpers for the public templates.

Mongolian pages are translations of English ones. Wagtail routes /mn/ from the Mongolian
home page when there is one, else from the English one. So, until the home page is
translated, every English page is also served at its /mn/ address, with the Mongolian
interface around it; `ui_url()` keeps the visitor in their interface language by giving
that address. Once Mongolian has its own tree, an untranslated page exists only at its
English address, and links to it say so.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page, Site

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The name of each language in that language, for the language switcher.
LANGUAGE_SELF_NAMES = {"en": "English", "mn": "Монгол"}


def current_language():
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def swap_language_prefix(path, language_code):
    """'/en/who-we-are/' -> '/mn/who-we-are/'; a path without a language prefix gets one."""
    parts = path.split("/", 2)
    if len(parts) > 1 and parts[1] in LANGUAGE_CODES:
        rest = parts[2] if len(parts) > 2 else ""
    else:
        rest = path.lstrip("/")
    return f"/{language_code}/{rest}"


def per_request(request, key, compute):
    """`compute()`, worked out once per request: the header, breadcrumbs and <head> ask the
    same questions about the same page."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_navigation_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def locale_codes(request=None):
    """{locale id: language code}, read once per request."""
    return per_request(request, "locale_codes", lambda: dict(Locale.objects.values_list("pk", "language_code")))


def language_of(page, request=None):
    """The language of a page's content, without a query per page."""
    if "locale" in page._state.fields_cache:
        return page.locale.language_code
    return locale_codes(request).get(page.locale_id)


def home_pages(request=None):
    """{language code: the live home page in that language}, one query per request."""

    def compute():
        site = get_site(request)
        if site is None:
            return {}
        codes = locale_codes(request)
        homes = Page.objects.live().filter(translation_key=site.root_page.translation_key)
        return {codes.get(home.locale_id): home for home in homes}

    return per_request(request, "home_pages", compute)


def has_own_tree(language_code, request=None):
    """Whether the language has its own (translated, live) home page."""
    return language_code in home_pages(request)


def restricted_paths(request=None):
    """The tree paths of pages with a view restriction (password, login, groups), read once per request."""
    from wagtail.models import PageViewRestriction

    return per_request(
        request, "restricted_paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def public(pages, request=None):
    """`pages` without restricted pages and their descendants: Wagtail's `.public()`, with the
    restrictions read once per request instead of once per queryset."""
    restricted = Q()
    for path in restricted_paths(request):
        restricted |= Q(path__startswith=path)
    return pages.exclude(restricted) if restricted else pages


def ui_url(page, request=None, language_code=None):
    """The page's address in the interface language when it is served there: always for a page
    in that language, and for any page while that language has no tree of its own (the
    fallback above). Otherwise the page's own address, in the language of its content."""
    language_code = language_code or current_language()
    url = page.get_url(request)
    if url is None or language_of(page, request) == language_code or has_own_tree(language_code, request):
        return url
    return swap_language_prefix(url, language_code)


def is_served_in(page, language_code, request=None):
    """Whether the page (in another language) is served at that language's address."""
    return language_of(page, request) == language_code or not has_own_tree(language_code, request)


def get_site(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def site_root(request):
    """The home page in the visitor's language when translated, else in the default language."""

    def compute():
        homes = home_pages(request)
        site = get_site(request)
        return homes.get(current_language()) or homes.get(settings.LANGUAGE_CODE) or (site.root_page if site else None)

    return per_request(request, "site_root", compute)


def main_menu(request):
    """The home page's children that are in the menu, each with its own in-menu children
    as `.menu_children`: two queries, whatever the number of sections."""
    root = site_root(request)
    if root is None:
        return []
    sections = list(public(root.get_children().live().in_menu(), request))
    if not sections:
        return sections
    children = public(
        Page.objects.live().in_menu().filter(depth=root.depth + 2, path__startswith=root.path).order_by("path"),
        request,
    )
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    for section in sections:
        section.menu_children = by_parent.get(section.path, [])
    return sections


def breadcrumb_pages(page, request):
    """The page's ancestors from the home page down, then the page itself."""
    root = site_root(request)
    if root is None or page is None or not isinstance(page, Page):
        return []
    ancestors = per_request(
        request, ("ancestors", page.pk), lambda: list(page.get_ancestors().filter(depth__gte=root.depth))
    )
    return [*ancestors, page]


def language_versions(page, request):
    """For each language: code, name in that language, and `url`: the page's live translation,
    else the page itself where that language serves it, else None (the page has no version
    in that language). `link` is where the language switcher goes: `url`, or that language's home."""
    versions = []
    translations = {}
    is_page = isinstance(page, Page)
    if is_page:
        live = per_request(
            request,
            ("translations", page.pk),
            lambda: list(page.get_translations(inclusive=True).live().select_related("locale")),
        )
        for translated in live:
            translations[translated.locale.language_code] = translated
    for code in LANGUAGE_CODES:
        if is_page:
            target = translations.get(code, page)
            url = ui_url(target, request, code) if is_served_in(target, code, request) else None
        else:
            url = swap_language_prefix(request.path if request else "/", code)
        versions.append(
            {"code": code, "name": LANGUAGE_SELF_NAMES.get(code, code), "url": url, "link": url or f"/{code}/"}
        )
    return versions
