"""What the tests of opportunities, events and the contact form share: a home page of their own,
an administrator's admin session, and readers for the listings' titles and the JSON-LD."""

import json
import re

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import HomePageFactory


def make_home():
    """A home page of its own, as the default site's root."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


def card_titles(html):
    """The titles of the cards of a listing, in order."""
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def json_ld_of_type(html, kind):
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    return [block for block in blocks if block.get("@type") == kind]


class AdminTestCase(WagtailPageTestCase):
    """Signed in as an administrator, with a home page to build under."""

    def setUp(self):
        self.client.force_login(get_user_model().objects.create_superuser("chief-editor", password="x" * 12))
        self.home = make_home()
