"""Template tags for the site's header, footer, breadcrumbs, language switcher and SEO tags."""

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import fragment_cache, menus, navigation, seo, site_address

register = template.Library()

OG_LOCALES = {"en": "en_GB", "mn": "mn_MN"}


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site, in the visitor's language when translated."""
    return navigation.site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def site_text(context):
    """The site text (address, footer line) in the visitor's language, else the default one;
    `.language` is the language it is written in. In a preview of a site text, that one."""
    previewed = context.get("previewed_site_text")
    if previewed is not None:
        return previewed
    return menus.site_text(context.get("request"))


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The site settings (contact details, social links)."""
    return menus.site_settings(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    return menus.main_menu(context.get("request"))


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """The version the menu, breadcrumb and footer fragments are cached under; empty in a
    preview, when nothing may be cached (core/fragment_cache.py)."""
    return fragment_cache.version(context.get("request"))


@register.simple_tag(takes_context=True)
def ui_url(context, page):
    """A page's address in the visitor's interface language."""
    if page is None:
        return ""
    return navigation.ui_url(page, context.get("request")) or ""


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """(page, url) pairs from the home page down to the current page; empty on the home page."""
    request = context.get("request")
    pages = menus.breadcrumb_pages(_page(context), request)
    if len(pages) < 2:
        return []
    return [(page, navigation.ui_url(page, request)) for page in pages]


@register.simple_tag(takes_context=True)
def language_versions(context):
    return navigation.language_versions(_page(context), context.get("request"))


@register.simple_tag(takes_context=True)
def content_language(context, page):
    """The language of a page's content (its locale), which may differ from the interface's."""
    if not isinstance(page, Page):
        return ""
    return navigation.language_of(page, context.get("request")) or ""


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Everything the <head> needs about the current page: title, description, canonical
    and alternate URLs, share image, and the JSON-LD blocks."""
    request = context.get("request")
    page = _page(context)
    language = navigation.current_language()
    # Addresses on the site's own address (SITE_URL), never on the request's Host header.
    absolute = site_address.absolute
    meta = {
        "title": context.get("page_title") or _("IOM Mongolia"),
        "description": seo.default_description(),
        "canonical": absolute(request.path) if request else "",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [code for lang, code in OG_LOCALES.items() if lang != language],
        "alternates": [],
        "image": None,
        "json_ld": [],  # and the Organization block: organization_json_ld, a cached fragment of base.html
    }
    if page is None:
        return meta

    meta["title"] = page.seo_title or page.title
    meta["description"] = seo.meta_description(page)
    versions = navigation.language_versions(page, request)
    meta["alternates"] = [{"code": v["code"], "url": absolute(v["url"])} for v in versions if v["url"]]
    # x-default: the address without a language, which sends each visitor to their own language.
    default_url = versions[0]["url"]
    meta["x_default"] = absolute("/" + default_url.split("/", 2)[2]) if default_url else ""
    for version in versions:
        if version["code"] == language:
            meta["canonical"] = absolute(version["url"])
    image = seo.share_image(page)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        meta["image"] = {"url": absolute(rendition.url), "width": rendition.width, "height": rendition.height}
    crumbs = menus.breadcrumb_pages(page, request)
    if len(crumbs) > 1:
        items = [(crumb.title, absolute(navigation.ui_url(crumb, request))) for crumb in crumbs]
        meta["json_ld"].append(seo.json_ld(seo.breadcrumb_data(items)))
    return meta


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    """The Organization JSON-LD of every page: the site settings, the site text and the home page."""
    request = context.get("request")
    absolute = site_address.absolute
    settings_ = menus.site_settings(request) if request is not None else None
    text = menus.site_text(request)
    home = navigation.site_root(request) if request else None
    home_url = absolute(navigation.ui_url(home, request) if home else f"/{navigation.current_language()}/")
    return seo.json_ld(seo.organization_data(settings_, text, home_url, absolute(static("img/favicon.svg"))))


@register.filter
def is_within(page, section):
    """True when `page` is a descendant of `section` in the page tree."""
    path = getattr(page, "path", None)
    return bool(path and section is not None and path.startswith(section.path) and path != section.path)


@register.simple_tag
def json_ld(data):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page."""
    return seo.json_ld(data)


@register.simple_tag(takes_context=True)
def latest_news(context, count=3):
    """The latest-news block (core.blocks.LatestNewsBlock) as a section of the current page, newest
    first, left out when there is no article: on a work area page, the articles about it."""
    from core.blocks import LatestNewsBlock

    block = LatestNewsBlock()
    value = block.to_python({"heading": "", "count": count, "featured_first": False})
    return block.render(value, context={**context.flatten(), "hide_when_empty": True})
