"""What the header, the breadcrumbs and the footer show: the main menu, a page's ancestors,
the site settings and the site text. Each is read from the database when its template fragment
is rendered; the rendered HTML is kept in Django's template fragment cache under a version
bumped on publish (core/fragment_cache.py), never for a preview."""

from wagtail.models import Page

from .models import SiteSettings, SiteText
from .navigation import current_language, get_site, locale_codes, per_request, public, site_root


def main_menu(request):
    """The home page's children that are in the menu, each with its own in-menu children
    as `.menu_children`: two queries, whatever the number of sections."""
    return per_request(request, ("main_menu", current_language()), lambda: _main_menu(request))


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
    ancestors = per_request(
        request, ("ancestors", page.pk, root.pk), lambda: list(page.get_ancestors().filter(depth__gte=root.depth))
    )
    return [*ancestors, page]


def site_settings(request):
    """The site settings (contact details, social links) of the request's site."""
    site = get_site(request)
    if site is None:
        return None
    return per_request(request, ("site_settings", site.pk), lambda: SiteSettings.for_site(site))


def site_text(request):
    """The site text (address, footer line) in the visitor's language, else the default one;
    `.language` is the language it is written in."""

    def compute():
        codes = locale_codes(request)
        text = SiteText.for_language(current_language(), {code: pk for pk, code in codes.items()})
        if text is not None:
            text.language = codes.get(text.locale_id, "")
        return text

    return per_request(request, ("site_text", current_language()), compute)
