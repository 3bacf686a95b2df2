"""What search engines and link previews read: descriptions, images and JSON-LD.

Page types answer through the page contract of core.models.BasePage."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# The characters that could end the <script> element or start markup inside it, escaped as
# JSON unicode escapes the way Django's json_script does.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def default_description():
    return _(
        "The International Organization for Migration (IOM) in Mongolia: humane and orderly migration "
        "for the benefit of all."
    )


def meta_description(page):
    """The page's own description (see BasePage.get_meta_description), else the site's."""
    own = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    return own or default_description()


def share_image(page):
    """The Wagtail image that represents the page, or None."""
    return page.get_share_image() if hasattr(page, "get_share_image") else None


def json_ld(data):
    """A <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


def organization_data(site_settings, site_text, home_url, logo_url):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site_settings.organisation_name if site_settings else "IOM Mongolia",
        "url": home_url,
        "logo": logo_url,
        "parentOrganization": {"@type": "Organization", "name": "International Organization for Migration"},
    }
    if site_settings:
        if site_text is not None and site_text.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(site_text.address.splitlines())}
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
