"""What search engines and link previews read: descriptions, images and JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

# Fields a page type may use for its summary, in the order they are tried.
DESCRIPTION_FIELDS = ("search_description", "intro", "summary", "short_biography", "short_bio", "description")
# Fields a page type may use for its main image, in the order they are tried.
IMAGE_FIELDS = ("og_image", "image", "photo", "hero_image", "logo")
# The characters that could end the <script> element or start markup inside it, escaped as
# JSON unicode escapes the way Django's json_script does.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def default_description():
    return _(
        "The International Organization for Migration (IOM) in Mongolia: humane and orderly migration "
        "for the benefit of all."
    )


def meta_description(page):
    """The page's own summary, plain text and at most 160 characters, else the site's description."""
    for field in DESCRIPTION_FIELDS:
        value = getattr(page, field, None)
        if isinstance(value, str) and strip_tags(value).strip():
            text = " ".join(strip_tags(value).split())
            return Truncator(text).chars(160)
    return default_description()


def has_own_description(obj):
    return any(
        isinstance(getattr(obj, field, None), str) and strip_tags(getattr(obj, field)).strip()
        for field in DESCRIPTION_FIELDS
    )


def share_image(page):
    """A Wagtail image that represents the page, if its type has one."""
    for field in IMAGE_FIELDS:
        image = getattr(page, field, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


def json_ld(data):
    """A <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


def organization_data(site_settings, home_url, logo_url, language_code):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name if site_settings else "IOM Mongolia",
        "url": home_url,
        "logo": logo_url,
        "parentOrganization": {"@type": "Organization", "name": "International Organization for Migration"},
    }
    if site_settings:
        address = site_settings.address_mn if language_code == "mn" and site_settings.address_mn else None
        address = address or site_settings.address
        if address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(address.splitlines())}
        if site_settings.phone:
            data["telephone"] = site_settings.phone
        if site_settings.email:
            data["email"] = site_settings.email
        same_as = [url for _name, url in site_settings.social_links]
        if same_as:
            data["sameAs"] = same_as
    return data


def breadcrumb_data(items):
    """items: (name, absolute URL) pairs from the home page down to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
