"""What the tests of opportunities, events and the contact form share: a home page of their own,
an administrator's admin session, and readers for the listings' titles and the JSON-LD."""

import json
import re

from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Collection, Page, Site
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


def example_pages():
    """On the seeded site: one page of each new type, open and closed, upcoming and past, with a
    document and a work area. Returns every address to check, in English and in Mongolian."""
    from datetime import timedelta

    from django.utils import timezone

    from contact.models import ContactPage
    from opportunities.models import EventIndexPage, OpportunityIndexPage
    from pages.models import WorkAreaPage
    from tests.factories import EventPageFactory, OpportunityPageFactory, ResourceDocumentFactory

    cache.clear()  # the contact form's rate limit counts in the cache: start from zero
    if Collection.get_first_root_node() is None:  # a flushed database (browser tests) has none
        Collection.add_root(name="Root")
    opportunities = OpportunityIndexPage.objects.get(locale__language_code="en")
    events = EventIndexPage.objects.get(locale__language_code="en")
    now = timezone.now()
    OpportunityPageFactory(
        parent=opportunities,
        title="Migration data assistant",
        slug="migration-data-assistant",
        attachments=[("document", ResourceDocumentFactory(title="Terms of reference"))],
        body=[("paragraph", "<p>Duties and requirements.</p>")],
    )
    OpportunityPageFactory(
        parent=opportunities,
        title="Office furniture",
        slug="office-furniture",
        kind="procurement",
        publication_date=(now - timedelta(days=40)).date(),
        deadline=now - timedelta(days=10),
    )
    EventPageFactory(
        parent=events,
        title="Workshop on internal migration",
        slug="workshop",
        online_url="https://meet.example.org/workshop",
        work_areas=[WorkAreaPage.objects.filter(locale__language_code="en").first()],
    )
    EventPageFactory(parent=events, title="Past forum", slug="past-forum", start=now - timedelta(days=30))
    contact = ContactPage.objects.get(locale__language_code="en")
    # Factories save pages without publishing them through Wagtail: mirror them in Mongolian as
    # publishing does on the real site.
    from core.locale_sync import ensure_synchronisation

    ensure_synchronisation()
    paths = [
        "/opportunities/",
        "/opportunities/?view=closed&kind=procurement",
        "/opportunities/migration-data-assistant/",
        "/opportunities/office-furniture/",
        "/events/",
        "/events/?view=past",
        "/events/workshop/",
        "/events/past-forum/",
        "/contact/",
        "/contact/privacy-notice/",
    ]
    return [f"/{language}{path}" for language in ("en", "mn") for path in paths], contact
