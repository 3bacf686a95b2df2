"""Navigation, language and URL helpers for the public templates.

Every English page has a Mongolian version at all times (core/locale_sync.py): a translation,
or, until someone translates it, an alias that shows the English content inside the Mongolian
interface. So menus, breadcrumbs and links in one language are built from that language's own
tree; `ui_url()` turns a reference to a page in another language (e.g. a block an editor filled
on the English page) into its version in the visitor's language.

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


def per_request_has(request, key):
    return request is not None and key in request.__dict__.get("_navigation_cache", {})


# What the shared cache holds depends on one or more of these; a change replaces the version of
# what it touches only, so that publishing a page leaves languages, settings and restrictions cached.
PAGES, ACCESS, SITE, LOCALES = "pages", "access", "site", "locales"
SCOPES = (PAGES, ACCESS, SITE, LOCALES)
TIMEOUT = getattr(settings, "NAVIGATION_CACHE_TIMEOUT", 3600)


def version_key(scope):
    return f"navigation:version:{scope}"


def cache_versions(request=None):
    """{scope: its current version}, read in one round trip once per request."""

    def compute():
        found = cache.get_many([version_key(scope) for scope in SCOPES])
        versions = {}
        for scope in SCOPES:
            version = found.get(version_key(scope))
            if version is None:
                cache.add(version_key(scope), uuid.uuid4().hex, None)
                version = cache.get(version_key(scope)) or uuid.uuid4().hex
            versions[scope] = version
        return versions

    return per_request(request, "navigation:versions", compute)


def invalidate(*scopes, **kwargs):
    """What depends on `scopes` (default: all) is out of date: new versions make new keys."""
    cache.set_many({version_key(scope): uuid.uuid4().hex for scope in scopes or SCOPES}, None)


def _full_key(request, key, scopes):
    versions = cache_versions(request)
    return "navigation:" + ".".join(versions[scope][:12] for scope in (*scopes, LOCALES)) + ":" + key


def shared(request, key, compute, scopes=(PAGES,)):
    """`compute()`, kept in the shared cache until what it depends on (`scopes`, and the locales)
    changes, and once per request."""

    def cached():
        full_key = _full_key(request, key, scopes)
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
    base = _full_key(request, prefix, (PAGES,))
    keys = {f"{base}:{pk}": pk for pk in ids}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({f"{base}:{pk}": value for pk, value in computed.items()}, TIMEOUT)
        found.update(computed)
    return found


def locale_codes(request=None):
    """{locale id: language code}."""
    return shared(request, "locale_codes", lambda: dict(Locale.objects.values_list("pk", "language_code")), ())


def alias_languages(request=None):
    """{locale id: the locale id it synchronises from}: an alias in a synchronised locale shows
    the content of that other locale. Read once per request."""

    def compute():
        from wagtail_localize.models import LocaleSynchronization

        return dict(LocaleSynchronization.objects.values_list("locale_id", "sync_from_id"))

    return shared(request, "alias_languages", compute, ())


def shows_copied_content(page):
    """Whether the page shows the content it was copied from, not a translation: an alias, or
    a former alias whose translation has been started but not yet published (it is live with
    drafts, and no revision of it ever went live)."""
    if getattr(page, "alias_of_id", None):
        return True
    return bool(
        getattr(page, "live", False)
        and getattr(page, "latest_revision_id", None)
        and not getattr(page, "live_revision_id", True)
    )


def language_of(page, request=None):
    """The language of a page's content, without a query per page: a page not translated yet
    (an alias, or a translation not yet published) is in the language it synchronises from."""
    locale_id = page.locale_id
    if shows_copied_content(page):
        locale_id = alias_languages(request).get(locale_id, locale_id)
    return locale_codes(request).get(locale_id)


def is_untranslated(page, request=None):
    """True for a page shown in a language it is not written in (an alias of another language's page)."""
    return language_of(page, request) != locale_codes(request).get(page.locale_id)


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


def version_in(page, language_code, request=None):
    """The live version of `page` in a language (its translation or alias), or None; one query
    per page and request, none when the page is in that language already."""
    codes = locale_codes(request)
    if codes.get(page.locale_id) == language_code:
        return page
    locale_ids = [pk for pk, code in codes.items() if code == language_code]

    def compute():
        return Page.objects.live().filter(translation_key=page.translation_key, locale_id__in=locale_ids).first()

    return per_request(request, ("version", page.translation_key, language_code), compute)


def localize(pages, request=None, language_code=None):
    """Each page's live version in the language (default: the interface's), else the page itself;
    one query for them all, remembered for `ui_url` in the same request."""
    language_code = language_code or current_language()
    pages = list(pages)
    codes = locale_codes(request)
    missing = {page.translation_key for page in pages if codes.get(page.locale_id) != language_code}
    missing = {key for key in missing if not per_request_has(request, ("version", key, language_code))}
    if missing:
        locale_ids = [pk for pk, code in codes.items() if code == language_code]
        found = {
            version.translation_key: version
            for version in Page.objects.live().filter(translation_key__in=missing, locale_id__in=locale_ids).specific()
        }
        for key in missing:
            per_request(request, ("version", key, language_code), lambda key=key: found.get(key))
    return [version_in(page, language_code, request) or page for page in pages]


def ui_url(page, request=None, language_code=None):
    """The address of the page's version in the interface language, else the page's own."""
    language_code = language_code or current_language()
    target = version_in(page, language_code, request) or page
    return target.get_url(request)


def restricted_paths(request=None):
    """The tree paths of pages with a view restriction (password, login, groups), read once per request."""
    from wagtail.models import PageViewRestriction

    return shared(
        request,
        "restricted_paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
        (PAGES, ACCESS),
    )


def alias_sources(request=None):
    """{tree path of an alias page: tree path of the page it mirrors}, read once per request."""
    return shared(
        request,
        "alias_sources",
        lambda: dict(Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path")),
    )


def may_be_restricted(page, request=None):
    """Whether a view restriction applies to the page, known without a query: Wagtail checks the
    page and its ancestors, each alias by the page it mirrors."""
    restricted = set(restricted_paths(request))
    if not restricted:
        return False
    sources = alias_sources(request)
    prefixes = (page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen))
    return any(sources.get(path, path) in restricted for path in prefixes)


def public(pages, request=None):
    """`pages` without restricted pages and their descendants: Wagtail's `.public()`, with the
    restrictions read once per request instead of once per queryset."""
    restricted = Q()
    for path in restricted_paths(request):
        restricted |= Q(path__startswith=path)
    return pages.exclude(restricted) if restricted else pages


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
    return shared(request, f"site_settings:{site.pk}", lambda: SiteSettings.for_site(site), (SITE,))


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

    return shared(request, f"site_text:{current_language()}", compute, (SITE,)) or None


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
    return shared(
        request, f"main_menu:{site_id(request)}:{current_language()}", lambda: _main_menu(request), (PAGES, ACCESS)
    )


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
    """For each language: code, name in that language, and `url`: the page's live version in
    that language (translation or alias), else None. `link` is where the language switcher goes:
    `url`, or that language's home. Views that are not pages exist in every language."""
    translations = {}
    is_page = isinstance(page, Page)
    if is_page:
        live = shared(request, f"translations:{page.pk}", lambda: list(page.get_translations(inclusive=True).live()))
        codes = locale_codes(request)
        translations = {codes.get(translated.locale_id): translated for translated in live}
    versions = []
    for code in LANGUAGE_CODES:
        if is_page:
            url = translations[code].get_url(request) if code in translations else None
        else:
            url = swap_language_prefix(request.path if request else "/", code)
        versions.append(
            {"code": code, "name": LANGUAGE_SELF_NAMES.get(code, code), "url": url, "link": url or f"/{code}/"}
        )
    return versions


def connect():
    """Called from core's AppConfig.ready(): a change replaces the versions of what it touches."""
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail_localize.models import LocaleSynchronization

    from core.models import SiteSettings, SiteText

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"navigation_{id(signal)}")
    post_save.connect(_page_saved, dispatch_uid="navigation_page_saved")
    post_delete.connect(_page_saved, dispatch_uid="navigation_page_deleted")
    touches = {
        Locale: SCOPES,
        LocaleSynchronization: SCOPES,
        Site: (PAGES, SITE),
        PageViewRestriction: (ACCESS,),
        SiteSettings: (SITE,),
        SiteText: (SITE,),
    }
    for model in touches:
        uid = model._meta.label_lower
        post_save.connect(_saved, sender=model, dispatch_uid=f"navigation_save_{uid}")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"navigation_delete_{uid}")
    _saved.touches = touches


def _saved(sender, instance, created=False, **kwargs):
    # Site settings are created with their defaults on the first page view that asks for them,
    # which is what that view cached.
    if not (created and issubclass(sender, BaseSiteSetting)):
        invalidate(*_saved.touches.get(sender, SCOPES))


def _pages_changed(**kwargs):
    invalidate(PAGES)


def _page_saved(sender, instance, **kwargs):
    # Drafts too: a save is rare next to page views, and a title or menu change shows at once.
    if isinstance(instance, Page):
        invalidate(PAGES)
