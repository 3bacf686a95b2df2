"""Navigation, language and URL helpers for the public templates.

Mongolian pages are translations of English ones. Wagtail routes /mn/ from the Mongolian
home page when there is one, else from the English one. So, until the home page is
translated, every English page is also served at its /mn/ address, with the Mongolian
interface around it; `ui_url()` keeps the visitor in their interface language by giving
that address. Once Mongolian has its own tree, an untranslated page exists only at its
English address, and links to it say so.

What every page asks (languages, home pages, menu, restrictions, breadcrumbs, translations,
site settings and text) is worked out once per request (`per_request`) and kept in the shared
cache (Redis in production) for every later request (`shared`), under a version that any change
to pages, restrictions, locales, sites, settings or site text replaces (`connect`).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.contrib.settings.models import BaseSiteSetting
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


VERSION_KEY = "navigation:version"
TIMEOUT = getattr(settings, "NAVIGATION_CACHE_TIMEOUT", 3600)


def cache_version(request=None):
    """The current version of what the shared cache holds for navigation (read once per request)."""

    def compute():
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.add(VERSION_KEY, version, None)
            version = cache.get(VERSION_KEY) or version
        return version

    return per_request(request, VERSION_KEY, compute)


def invalidate(**kwargs):
    """Everything `shared` cached is out of date: a new version makes every key new."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def shared(request, key, compute):
    """`compute()`, kept in the shared cache until the content changes, and once per request."""

    def cached():
        full_key = f"navigation:{cache_version(request)}:{key}"
        value = cache.get(full_key)
        if value is None:
            value = compute()
            if value is not None:  # None: nothing worth keeping (e.g. an unknown address)
                cache.set(full_key, value, TIMEOUT)
        return value

    return per_request(request, key, cached)


def shared_many(request, prefix, ids, compute_missing):
    """{id: value} for `ids`, from the shared cache in one round trip; `compute_missing(ids)`
    works out the others at once (a dict), and they are kept for later requests."""
    version = cache_version(request)
    keys = {f"navigation:{version}:{prefix}:{pk}": pk for pk in ids}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({f"navigation:{version}:{prefix}:{pk}": value for pk, value in computed.items()}, TIMEOUT)
        found.update(computed)
    return found


def locale_codes(request=None):
    """{locale id: language code}."""
    return shared(request, "locale_codes", lambda: dict(Locale.objects.values_list("pk", "language_code")))


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

    return shared(request, f"home_pages:{site_id(request)}", compute)


def has_own_tree(language_code, request=None):
    """Whether the language has its own (translated, live) home page."""
    return language_code in home_pages(request)


def restricted_paths(request=None):
    """The tree paths of pages with a view restriction (password, login, groups), read once per request."""
    from wagtail.models import PageViewRestriction

    return shared(
        request, "restricted_paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def alias_paths(request=None):
    """The tree paths of alias pages (pages that mirror another), read once per request."""
    return shared(
        request,
        "alias_paths",
        lambda: list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


def may_be_restricted(page, request=None):
    """False when neither the page nor any of its ancestors has a view restriction, known without a query."""
    paths = restricted_paths(request) + alias_paths(request)
    return any(page.path.startswith(path) for path in paths)


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
    if request is not None and not hasattr(request, "_wagtail_site"):
        from .routing import find_site

        request._wagtail_site = find_site(request)
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def site_id(request):
    site = get_site(request)
    return site.pk if site else None


def site_settings(request):
    """The site settings (contact details, social links) of the request's site."""
    from core.models import SiteSettings

    site = get_site(request)
    if site is None:
        return None
    return shared(request, f"site_settings:{site.pk}", lambda: SiteSettings.for_site(site))


def site_text(request):
    """The site text (address, footer line) in the visitor's language, else the default one;
    `.language` is the language it is written in."""
    from core.models import SiteText

    def compute():
        codes = locale_codes(request)
        text = SiteText.for_language(current_language(), {code: pk for pk, code in codes.items()})
        if text is not None:
            text.language = codes.get(text.locale_id, "")
        return text or ""  # "" rather than None, which the cache cannot tell from a miss

    return shared(request, f"site_text:{current_language()}", compute) or None


def site_root(request):
    """The home page in the visitor's language when translated, else in the default language."""

    def compute():
        homes = home_pages(request)
        site = get_site(request)
        return homes.get(current_language()) or homes.get(settings.LANGUAGE_CODE) or (site.root_page if site else None)

    return per_request(request, "site_root", compute)


def main_menu(request):
    """The home page's children that are in the menu, each with its own in-menu children
    as `.menu_children`: two queries, whatever the number of sections (none once cached)."""
    return shared(request, f"main_menu:{site_id(request)}:{current_language()}", lambda: _main_menu(request))


def _main_menu(request):
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
    ancestors = shared(
        request, f"ancestors:{page.pk}:{root.pk}", lambda: list(page.get_ancestors().filter(depth__gte=root.depth))
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
        live = shared(
            request,
            f"translations:{page.pk}",
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


def connect():
    """Called from core's AppConfig.ready(): any change to what navigation shows makes a new version."""
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.models import SiteSettings, SiteText

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"navigation_{id(signal)}")
    for model in (Locale, Site, PageViewRestriction, SiteSettings, SiteText):
        post_save.connect(_saved, sender=model, dispatch_uid=f"navigation_save_{model._meta.label_lower}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"navigation_delete_{model._meta.label_lower}")
    post_save.connect(_page_saved, dispatch_uid="navigation_page_saved")
    post_delete.connect(_page_saved, dispatch_uid="navigation_page_deleted")


def _saved(sender, instance, created=False, **kwargs):
    # Site settings are created with their defaults on the first page view that asks for them,
    # which is what that view cached.
    if not (created and issubclass(sender, BaseSiteSetting)):
        invalidate()


def _page_saved(sender, instance, **kwargs):
    # Drafts too: a save is rare next to page views, and a title or menu change shows at once.
    if isinstance(instance, Page):
        invalidate()
