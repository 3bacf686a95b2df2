"""Languages and addresses for the public templates and views.

Every English page has a Mongolian version at all times (core/locale_sync.py): a translation,
or, until someone translates it, an alias that shows the English content inside the Mongolian
interface. So menus, breadcrumbs and links in one language are built from that language's own
tree; `ui_url()` turns a reference to a page in another language (e.g. a block an editor filled
on the English page) into its version in the visitor's language.

Wagtail answers the site, the route and the view restrictions of each request; what the
templates ask several times about the same request (the locales, the home pages, a page's
versions) is worked out once per request (`per_request`) and forgotten with the request.
Menus, breadcrumbs and the footer are in core/menus.py; their rendered HTML is kept in Django's
template fragment cache (core/fragment_cache.py).
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

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
    same questions about the same page. Nothing outlives the request."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("navigation_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def per_request_has(request, key):
    return request is not None and key in request.__dict__.get("navigation_memo", {})


def locale_codes(request=None):
    """{locale id: language code}, one query per request."""
    return per_request(request, "locale_codes", lambda: dict(Locale.objects.values_list("pk", "language_code")))


def alias_languages(request=None):
    """{locale id: the locale id it synchronises from}: an alias in a synchronised locale shows
    the content of that other locale. One query per request."""

    def compute():
        from wagtail_localize.models import LocaleSynchronization

        return dict(LocaleSynchronization.objects.values_list("locale_id", "sync_from_id"))

    return per_request(request, "alias_languages", compute)


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


def get_site(request):
    """The request's Wagtail site (Wagtail finds it once per request), else the default site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


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


def site_root(request):
    """The home page in the visitor's language when translated, else in the default language."""

    def compute():
        homes = home_pages(request)
        site = get_site(request)
        return homes.get(current_language()) or homes.get(settings.LANGUAGE_CODE) or (site.root_page if site else None)

    return per_request(request, ("site_root", current_language()), compute)


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


def language_versions(page, request):
    """For each language: code, name in that language, and `url`: the page's live version in
    that language (translation or alias), else None. `link` is where the language switcher goes:
    `url`, or that language's home. Views that are not pages exist in every language."""
    translations = {}
    is_page = isinstance(page, Page)
    if is_page:
        live = per_request(
            request, ("translations", page.pk), lambda: list(page.get_translations(inclusive=True).live())
        )
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


def restricted_paths(request=None):
    """The tree paths of pages with a view restriction (password, login, groups), read once per request."""
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
