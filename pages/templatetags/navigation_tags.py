from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site, in the visitor's language when translated."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def menu_pages(context):
    root = site_root(context)
    if root is None:
        return []
    return root.get_children().live().public().in_menu()
