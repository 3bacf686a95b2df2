from django import template

from pages.seo import json_ld as json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page."""
    return json_ld_script(data)
