"""Public views that are not pages: search, robots.txt and the sitemap."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from core import navigation, site_address
from core.cache_headers import never_store
from core.documents import only_public
from core.search_text import CYRILLIC_WORD, LATIN_WORD, keys, query_keys
from partners.models import Partner, PartnersPage

from .sitemaps import PageSitemap

# Control characters (C0, DEL and C1) never belong in a query; PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
WORD = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200
# Each word is one more full-text condition: a query of a hundred one-letter words cost the
# database half a second. Words beyond these limits are not searched, and the page says so.
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MAX_RESULTS = 200
RESULTS_PER_PAGE = 10
# What a result is, as people name it (not the page type's internal name); others are a "Page".
RESULT_LABELS = {
    "pages.PublicationPage": gettext_lazy("Publication"),
    "pages.HomePage": gettext_lazy("Home"),
    "pages.WorkAreaIndexPage": gettext_lazy("Work areas"),
    "pages.WorkAreaPage": gettext_lazy("Work area"),
    "pages.AgendaPage": gettext_lazy("2030 Agenda"),
    "pages.ResourceIndexPage": gettext_lazy("Data and resources"),
    "pages.TakeActionPage": gettext_lazy("Take action"),
    "people.PeopleIndexPage": gettext_lazy("People"),
    "people.PersonPage": gettext_lazy("Person"),
    "partners.PartnersPage": gettext_lazy("Partners"),
    "news.NewsIndexPage": gettext_lazy("News"),
    "news.ArticlePage": gettext_lazy("News"),
    "opportunities.OpportunityIndexPage": gettext_lazy("Opportunities"),
    "opportunities.OpportunityPage": gettext_lazy("Opportunity"),
    "opportunities.EventIndexPage": gettext_lazy("Events"),
    "opportunities.EventPage": gettext_lazy("Event"),
    "contact.ContactPage": gettext_lazy("Contact"),
    "contact.PrivacyNoticePage": gettext_lazy("Privacy notice"),
}


def clean_query(raw):
    """The query as searched: no control characters, spaces collapsed, at most 200 characters."""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words of the query, lower-cased: punctuation and the full-text engines' operators
    (SQLite FTS5 reads AND, OR, NOT and quotes as syntax) are not passed on. Repeated words
    count once; single letters are dropped when the query has longer words; at most MAX_TERMS
    words of at most MAX_TERM_LENGTH characters."""
    return " ".join(capped_terms(query)[0])


def capped_terms(query):
    """(the words searched, whether some words of the query were left out)."""
    distinct = list(dict.fromkeys(WORD.findall(query.lower())))
    words = [word for word in distinct if len(word) > 1] or distinct
    kept = [word[:MAX_TERM_LENGTH] for word in words[:MAX_TERMS]]
    return kept, len(kept) < len(distinct)


def search_query(terms):
    """The words as a full-text query: every word must match, in any of its forms (itself, its
    case folding, its Mongolian stems, its Cyrillic transliteration: core/search_text.py)."""
    return And([Or([PlainText(form) for form in query_keys(word)]) for word in terms.split()])


def highlight(text, terms):
    """The text, escaped, with the words that match the query (in any of their forms) in <mark>."""
    wanted = {form for word in terms.split() for form in query_keys(word)}

    def matches(word):
        if not (CYRILLIC_WORD.fullmatch(word.casefold()) or LATIN_WORD.fullmatch(word.casefold())):
            return word.casefold() in wanted
        forms = {word.casefold(), *keys(word)}
        return bool(forms & wanted) or any(form.startswith(key) for form in forms for key in wanted if len(key) > 2)

    parts = []
    position = 0
    for match in WORD.finditer(text or ""):
        parts.append(text[position : match.start()])
        word = match.group()
        parts.append(format_html("<mark>{}</mark>", word) if matches(word) else word)
        position = match.end()
    parts.append((text or "")[position:])
    return format_html_join("", "{}", ((part,) for part in parts))  # each part escaped unless a <mark>


def _locales(request):
    """The interface language's locale id first, then the default one (untranslated content)."""
    ids = {code: pk for pk, code in navigation.locale_codes(request).items()}
    codes = list(dict.fromkeys([navigation.current_language(), settings.LANGUAGE_CODE]))
    return [ids[code] for code in codes if code in ids]


def search_pages(query, request, locales):
    """One result per page (its version in the interface language when there is one); the
    summary is filled in by `describe` for the results shown."""
    pages = navigation.public(Page.objects.live().filter(locale_id__in=locales, depth__gt=1), request)
    preferred = {}
    for page in pages.search(search_query(query))[:MAX_RESULTS]:
        key = page.translation_key
        if key not in preferred or page.locale_id == locales[0]:
            preferred[key] = page
    return [
        {
            "title": page.title,
            "url": navigation.ui_url(page, request),
            "page": page,
            "kind": RESULT_LABELS.get(page.specific_class._meta.label, gettext_lazy("Page")),
            "lang": navigation.language_of(page, request),
        }
        for page in preferred.values()
    ]


def describe(results, request, terms=""):
    """The summaries of the results shown, from the pages' own fields (one query per page type),
    and their summaries with the words searched for highlighted."""
    pks = [result["page"].pk for result in results if "page" in result]
    summaries = {
        page.pk: page.get_meta_description() if hasattr(page, "get_meta_description") else ""
        for page in Page.objects.filter(pk__in=pks).specific()
    }
    for result in results:
        if "page" in result:
            result["summary"] = summaries.get(result.pop("page").pk, "")
        result["marked_summary"] = highlight(result.get("summary", ""), terms)


def search_partners(query, request, locales):
    """Partners are snippets, not pages: each result links to the Partners page, showing its category."""
    partners = Partner.objects.filter(live=True, locale_id__in=locales)
    found = get_search_backend().search(search_query(query), partners)[:MAX_RESULTS]
    preferred = {}
    for partner in found:
        if partner.translation_key not in preferred or partner.locale_id == locales[0]:
            preferred[partner.translation_key] = partner
    if not preferred:
        return []
    directories = {
        page.locale_id: page
        for page in navigation.public(PartnersPage.objects.live().filter(locale_id__in=locales), request)
    }
    directory = directories.get(locales[0]) or directories.get(locales[-1])
    directory_url = navigation.ui_url(directory, request) if directory else None
    results = []
    for partner in preferred.values():
        url = f"{directory_url}?{urlencode({'category': partner.category})}" if directory_url else partner.website
        results.append(
            {
                "title": str(partner),
                "url": url or "",
                "summary": partner.description,
                "kind": Partner._meta.verbose_name,
                "lang": navigation.locale_codes(request).get(partner.locale_id, ""),
            }
        )
    return results


def search_documents(query):
    """Documents by title (and tags): each result is the file itself, described by its type, date,
    format and size. Documents in a restricted collection are never found."""
    model = get_document_model()
    found = only_public(list(get_search_backend().search(search_query(query), model.objects.all())[:MAX_RESULTS]))
    results = []
    for document in found:
        details = []
        if getattr(document, "get_resource_type_display", None):
            details.append(str(document.get_resource_type_display()))
        if getattr(document, "publication_date", None):
            details.append(date_format(document.publication_date))
        file_type = document.file_extension.upper()
        if document.file_size:
            file_type = f"{file_type}, {filesizeformat(document.file_size)}"
        details.append(file_type)
        results.append(
            {
                "title": document.title,
                "url": document.url,
                "summary": " · ".join(detail for detail in details if detail),
                "kind": model._meta.verbose_name,
                "lang": "",
            }
        )
    return results


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = []
    words, words_left_out = capped_terms(query)
    terms = " ".join(words)
    if terms:
        locales = _locales(request)
        results = (
            search_pages(terms, request, locales) + search_partners(terms, request, locales) + search_documents(terms)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    # get_page() turns a missing, non-numeric or out-of-range page number into the first or last page.
    results_page = paginator.get_page(request.GET.get("page"))
    describe(results_page.object_list, request, terms)
    # One visitor's question: never kept by the page cache, nor by the browser.
    return never_store(
        TemplateResponse(
            request,
            "search/search.html",
            {
                "query": query,
                "results": results_page,
                "result_count": paginator.count,
                "words_left_out": words_left_out,
                "max_terms": MAX_TERMS,
                "page_title": _("Search"),
                "search_url": reverse("search"),
            },
        )
    )


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code in navigation.LANGUAGE_CODES:
        lines.append(f"Disallow: /{code}/search/")
    lines.append(f"Sitemap: {site_address.absolute('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """Cached like the pages (core.cache_headers), and purged with them on publish."""
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})
