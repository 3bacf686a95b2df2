"""The partner directory: the Partner snippet, its admin, the Partners page and the partners seeder.
(The mission's seeded partners are checked in test_mission_seed.py.)"""

import re
from html import unescape

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from pages.models import HomePage, StandardPage, WorkAreaPage
from partners.models import Partner, PartnerCategory, PartnersPage
from people.models import PersonPage
from tests.factories import PartnerFactory, PartnersPageFactory, WorkAreaPageFactory
from tests.html_helpers import group_headings, partner_names

PARTNERS_URL = "/en/about-us/partners/"
BAD_WEBSITE_MESSAGE = "Enter a full web address starting with https:// or http://"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture
def partners_page(site_tree):
    """The partners page of the factories' site, without any partner yet."""
    return site_tree.partners_page


def text_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


# Filtering, drafts and query counts ------------------------------------------------------------------------


@pytest.mark.django_db
def test_category_filter_shows_one_group(partners_page, client):
    PartnerFactory(name="Donor One", category=PartnerCategory.DONOR)
    PartnerFactory(name="Ministry One", category=PartnerCategory.GOVERNMENT)

    html = text_of(client.get(PARTNERS_URL, {"category": "donor"}))
    assert group_headings(html) == ["Donors"]
    assert partner_names(html) == ["Donor One"]
    assert f'<a href="{PARTNERS_URL}?category=donor" aria-current="page">Donors</a>' in html
    # The filter still offers every category that has partners.
    assert f'href="{PARTNERS_URL}?category=government"' in html

    html = text_of(client.get(PARTNERS_URL))
    assert group_headings(html) == ["Government of Mongolia", "Donors"]


@pytest.mark.django_db
@pytest.mark.parametrize("category", ["nonsense", "DONOR", "<script>", "%00", "x" * 5000])
def test_unknown_category_gives_a_friendly_empty_result(partners_page, client, category):
    PartnerFactory(name="Donor One", category=PartnerCategory.DONOR)
    html = text_of(client.get(PARTNERS_URL, {"category": category}))
    assert partner_names(html) == []
    assert "There is no such category of partners." in html
    assert f'<a href="{PARTNERS_URL}">See all partners</a>' in html
    assert "<script>" not in html.split("<main", 1)[1].replace("&lt;script&gt;", "")


@pytest.mark.django_db
def test_known_category_without_partners_says_so(partners_page, client):
    PartnerFactory(name="Donor One", category=PartnerCategory.DONOR)
    html = text_of(client.get(PARTNERS_URL, {"category": "academia"}))
    assert partner_names(html) == []
    assert "No partners are listed here yet." in html


@pytest.mark.django_db
def test_a_draft_partner_is_hidden_until_published(partners_page, client):
    draft = PartnerFactory(name="Draft Partner", live=False)
    draft.save_revision()
    live = PartnerFactory(name="Live Partner")
    live.save_revision().publish()
    assert partner_names(text_of(client.get(PARTNERS_URL))) == ["Live Partner"]

    # An unpublished edit of a live partner is not shown either.
    live.name = "Live Partner, renamed in a draft"
    live.save_revision()
    assert partner_names(text_of(client.get(PARTNERS_URL))) == ["Live Partner"]

    draft.save_revision().publish()
    Partner.objects.get(pk=live.pk).latest_revision.publish()
    assert partner_names(text_of(client.get(PARTNERS_URL))) == ["Draft Partner", "Live Partner, renamed in a draft"]


@pytest.mark.django_db
def test_partner_links_out_and_shows_logo_and_work_areas(site_tree, client):
    work_area = site_tree.work_areas[0]
    logo = wagtail_factories.ImageFactory(title="SDC logo")
    partner = PartnerFactory(name="Swiss Agency", acronym="SDC", website="https://sdc.example.org/", logo=logo)
    partner.work_areas = [work_area]
    partner.save()
    PartnerFactory(name="Plain Partner", website="", logo=None)

    html = text_of(client.get(PARTNERS_URL))
    assert re.search(r'<a href="https://sdc.example.org/" rel="external noopener">\s*<img alt="Swiss Agency"', html)
    assert "Plain Partner" in partner_names(html)
    assert f'Works with IOM on:\n                <a href="{work_area.url}">Labour migration</a>' in html

    # The work area's page lists its live partners only.
    PartnerFactory(name="Draft Partner", live=False).work_areas.set([work_area])
    work_area_html = text_of(client.get(work_area.url))
    assert "Swiss Agency (SDC)" in work_area_html
    assert "Draft Partner" not in work_area_html


def render_directory_queries(client, index, count):
    work_areas = [WorkAreaPageFactory(parent=index) for _ in range(3)]
    logos = [wagtail_factories.ImageFactory(title=f"Logo {n}") for n in range(3)]
    categories = list(PartnerCategory.values)
    for number in range(count):
        partner = PartnerFactory(
            category=categories[number % len(categories)], logo=logos[number % 3] if number % 2 else None
        )
        partner.work_areas = work_areas[: 1 + number % 3]
        partner.save()
    assert client.get(PARTNERS_URL).status_code == 200  # makes the logo renditions once
    caches["renditions" if "renditions" in settings.CACHES else "default"].clear()  # measure with a cold cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PARTNERS_URL)
    assert len(partner_names(text_of(response))) == count
    return len(queries)


@pytest.mark.django_db
def test_partners_page_query_count_does_not_grow_with_partners(site_tree, client):
    with_5 = render_directory_queries(client, site_tree.work_index, 5)
    Partner.objects.all().delete()
    with_50 = render_directory_queries(client, site_tree.work_index, 50)
    print(f"partners page queries: {with_5} with 5 partners, {with_50} with 50 partners")
    assert with_5 == with_50


# The Mongolian directory -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mongolian_page_shows_a_partners_translation_and_falls_back_to_english(partners_page, client):
    translated = PartnerFactory(name="Ministry of Justice and Home Affairs")
    PartnerFactory(name="Mercy Corps")
    mongolian = translated.copy_for_translation(Locale.objects.get(language_code="mn"))
    mongolian.name = "Хууль зүй, дотоод хэргийн яам"
    mongolian.save()

    names = partner_names(text_of(client.get("/mn/about-us/partners/")))
    assert names == ["Mercy Corps", "Хууль зүй, дотоод хэргийн яам"]
    assert partner_names(text_of(client.get(PARTNERS_URL))) == ["Mercy Corps", "Ministry of Justice and Home Affairs"]


# The admin ----------------------------------------------------------------------------------------------------


def partner_form(**overrides):
    data = {
        "name": "Ulaanbaatar University",
        "acronym": "",
        "category": "academia",
        "website": "https://university.example.org/",
        "description": "Studies migration with IOM.",
        "verification_note": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return data


def add_url():
    return reverse("wagtailsnippets_partners_partner:add") + "?locale=en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "not a website", "ftp://files.example.org/", "data:text/html,hi"]
)
def test_admin_refuses_a_website_that_is_not_http_or_https(partners_page, admin_client, website):
    response = admin_client.post(add_url(), partner_form(website=website))
    assert response.status_code == 200
    assert BAD_WEBSITE_MESSAGE in text_of(response)
    assert not Partner.objects.exists()


@pytest.mark.django_db
def test_an_editor_creates_a_partner_through_the_admin(partners_page, admin_client, client):
    assert admin_client.get(add_url()).status_code == 200
    # A draft first: saved, not public.
    draft = partner_form(name="Draft University")
    del draft["action-publish"]
    assert admin_client.post(add_url(), draft).status_code == 302
    assert not Partner.objects.get(name="Draft University").live

    response = admin_client.post(add_url(), partner_form(website="university.example.org"))
    assert response.status_code == 302
    partner = Partner.objects.get(name="Ulaanbaatar University")
    assert partner.live and partner.website == "https://university.example.org"
    assert partner.locale.language_code == "en"
    names = partner_names(text_of(client.get(PARTNERS_URL)))
    assert names == ["Ulaanbaatar University"]


@pytest.mark.django_db
def test_admin_listing_has_its_menu_item_filters_by_category_and_searches_by_name(partners_page, admin_client):
    PartnerFactory(name="Ministry of Health", category=PartnerCategory.GOVERNMENT)
    PartnerFactory(name="Mercy Corps", category=PartnerCategory.INTERNATIONAL)
    PartnerFactory(name="Swiss Agency", acronym="SDC", category=PartnerCategory.DONOR)
    list_url = reverse("wagtailsnippets_partners_partner:list")

    dashboard = text_of(admin_client.get("/admin/"))
    assert '"label": "Partners", "icon_name": "group"' in dashboard
    assert f'"url": "{list_url}"' in dashboard

    def listed(**query):
        html = text_of(admin_client.get(list_url, query))
        return sorted(name for name in ("Ministry of Health", "Mercy Corps", "Swiss Agency") if name in html)

    assert listed() == ["Mercy Corps", "Ministry of Health", "Swiss Agency"]
    assert listed(category="donor") == ["Swiss Agency"]
    assert listed(q="Mercy") == ["Mercy Corps"]
    assert listed(q="SDC") == ["Swiss Agency"]
    assert listed(q="Mercy", category="donor") == []


@pytest.mark.django_db
def test_partner_preview_renders_the_directory_entry(partners_page, admin_client):
    partner = PartnerFactory(name="Preview Partner", description="Seen in the preview.")
    response = partner.make_preview_request()
    html = text_of(response)
    assert "Preview Partner" in html and "Seen in the preview." in html
    edit_html = text_of(admin_client.get(reverse("wagtailsnippets_partners_partner:edit", args=[partner.pk])))
    assert reverse("wagtailsnippets_partners_partner:preview_on_edit", args=[partner.pk]) in edit_html


# Work areas choose their contact among person pages ---------------------------------------------------------


@pytest.mark.django_db
def test_work_area_contact_chooser_offers_person_pages_only(site_tree, admin_client):
    work_area = site_tree.work_areas[0]
    form_class = WorkAreaPage.get_edit_handler().get_form_class()
    widget = form_class.base_fields["contact_person"].widget
    assert widget.target_models == [PersonPage]
    edit_html = text_of(admin_client.get(reverse("wagtailadmin_pages:edit", args=[work_area.pk])))
    assert "people.personpage" in edit_html


class TestPartnersPageTreeRules(WagtailPageTestCase):
    def test_partners_page_lives_under_home_or_standard_pages_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(PartnersPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(PartnersPage, set())


@pytest.mark.django_db
def test_partners_page_factory_builds_a_page(site_tree):
    page = PartnersPageFactory(parent=site_tree.home, slug="our-partners")
    assert page.get_parent().specific_class is HomePage


@pytest.mark.django_db
def test_partner_seed_links_the_work_areas_that_exist_and_skips_the_others(site_tree):
    from partners.seed import seed_partners

    labour = site_tree.work_areas[0]
    content = {
        "verification_note": "To be verified by the communications team.",
        "partners": [
            {
                "name": "Seeded Partner",
                "category": "donor",
                "work_areas": ["our-work/labour-migration", "our-work/not-built-yet"],
            }
        ],
    }
    assert seed_partners(content) == ["partner Seeded Partner"]
    partner = Partner.objects.get(name="Seeded Partner")
    assert list(partner.work_areas.all()) == [labour]
    assert partner.verification_note == "To be verified by the communications team."
    assert partner.live_revision is not None
    assert seed_partners(content) == []


@pytest.mark.django_db
def test_wagtail_localize_translates_the_public_text_and_copies_the_rest(partners_page):
    from wagtail_localize.models import TranslationSource

    partner = PartnerFactory(
        name="Mercy Corps", acronym="MC", description="Works with IOM.", verification_note="Check."
    )
    source, _created = TranslationSource.get_or_create_from_instance(partner)
    segments = {segment.context.path: segment.string.data for segment in source.stringsegment_set.all()}
    assert segments == {"name": "Mercy Corps", "acronym": "MC", "description": "Works with IOM."}

    mongolian = Locale.objects.get(language_code="mn")
    source.create_or_update_translation(mongolian, fallback=True)
    translation = partner.get_translation(mongolian)
    assert (translation.category, translation.website, translation.verification_note) == (
        partner.category,
        partner.website,
        "Check.",
    )


@pytest.mark.django_db
def test_a_translated_partner_keeps_its_work_areas(site_tree, client):
    """A partner's Mongolian translation has the work areas of the English one: the Mongolian
    directory shows them, and the Mongolian work area page lists the partner by its Mongolian name."""
    from wagtail_localize.models import Translation, TranslationSource

    work_area = site_tree.work_areas[0]
    partner = PartnerFactory(name="Swiss Agency", acronym="SDC")
    partner.work_areas = [work_area]
    partner.save()
    mongolian = Locale.objects.get(language_code="mn")
    source, _created = TranslationSource.get_or_create_from_instance(partner)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=mongolian)
    translation.save_target(publish=True)
    translated = partner.get_translation(mongolian)
    translated.name = "Швейцарын агентлаг"
    translated.save_revision().publish()

    assert [area.translation_key for area in translated.work_areas.all()] == [work_area.translation_key]
    html = text_of(client.get(PARTNERS_URL.replace("/en/", "/mn/")))
    assert "Швейцарын агентлаг" in html
    assert f'href="{work_area.url.replace("/en/", "/mn/")}"' in html, (
        "the partner's work area, at its Mongolian address"
    )
    work_area_html = text_of(client.get(work_area.url.replace("/en/", "/mn/")))
    assert "Швейцарын агентлаг" in work_area_html


@pytest.mark.django_db
def test_a_work_area_added_to_a_partner_reaches_its_translation_on_sync(site_tree):
    from wagtail_localize.models import Translation, TranslationSource

    first, second = site_tree.work_areas[0], site_tree.work_areas[1]
    partner = PartnerFactory(name="Swiss Agency")
    partner.work_areas = [first]
    partner.save()
    mongolian = Locale.objects.get(language_code="mn")
    source, _created = TranslationSource.get_or_create_from_instance(partner)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=mongolian)
    translation.save_target(publish=True)

    partner.work_areas = [first, second]
    partner.save_revision().publish()
    source.update_from_db()  # "Sync translated snippets"
    translation.save_target(publish=True)
    translated = partner.get_translation(mongolian)
    keys = {area.translation_key for area in translated.work_areas.all()}
    assert keys == {first.translation_key, second.translation_key}


@pytest.mark.django_db
def test_saving_a_mongolian_partner_in_its_edit_form_keeps_its_work_areas(site_tree, admin_client):
    """The ordinary edit form of a Mongolian partner (its translation no longer synced) offers the
    Mongolian work areas only; the partner's work areas follow the English partner's, so saving
    the form (with a new Mongolian name) must not clear them."""
    from wagtail_localize.models import Translation, TranslationSource

    work_area = site_tree.work_areas[0]
    partner = PartnerFactory(name="Swiss Agency", acronym="SDC")
    partner.work_areas = [work_area]
    partner.save()
    mongolian = Locale.objects.get(language_code="mn")
    source, _created = TranslationSource.get_or_create_from_instance(partner)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=mongolian)
    translation.save_target(publish=True)
    translation.enabled = False  # "Stop Synced translation": its own edit form
    translation.save()
    translated = partner.get_translation(mongolian)
    edit_url = reverse(translated.snippet_viewset.get_url_name("edit"), args=[translated.pk])
    form_html = admin_client.get(edit_url).content.decode()
    assert 'name="name"' in form_html
    response = admin_client.post(
        edit_url,
        {
            "name": "Швейцарын агентлаг",
            "acronym": "SDC",
            "category": partner.category,
            "website": "",
            "description": "",
            "verification_note": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    translated = Partner.objects.get(pk=translated.pk)
    assert translated.name == "Швейцарын агентлаг"
    assert [area.translation_key for area in translated.work_areas.all()] == [work_area.translation_key]
