"""Staff bios: the people index, person pages, their JSON-LD, the person chooser and the admin."""

import json
from html import unescape

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from core.blocks import BodyBlock
from pages.models import HomePage, StandardPage
from people.models import PeopleIndexPage, PersonPage
from tests.factories import PeopleIndexPageFactory, PersonPageFactory, StandardPageFactory
from tests.html_helpers import structured_data

PEOPLE_URL = "/en/about-us/staff/"


@pytest.fixture
def people_index(site_tree):
    """The factories' people index, holding one person: Ms. Saran Bold."""
    return site_tree.people_index


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_person_page_shows_name_role_and_person_json_ld(site_tree, client):
    response = client.get("/en/about-us/staff/saran-bold/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ms. Saran Bold</h1>" in html
    assert '<p class="person-role">Programme Assistant</p>' in html
    assert "Based in Darkhan, Mongolia" in html
    assert "Saran Bold joined the test mission in 2020." in html
    # No photo: the initials stand in for it.
    assert '<span class="person-initials" aria-hidden="true">SB</span>' in html

    data = structured_data(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "Saran Bold"
    assert data["honorificPrefix"] == "Ms."
    assert data["jobTitle"] == "Programme Assistant"
    assert data["workLocation"] == {"@type": "Place", "name": "Darkhan, Mongolia"}
    assert data["description"] == "Saran Bold looks after the test projects."
    assert data["url"] == "http://testserver/en/about-us/staff/saran-bold/"  # the site address (SITE_URL)
    assert data["worksFor"] == {
        "@type": "Organization",
        "name": "Example Migration Office",
        "url": "http://testserver/",
    }
    assert "image" not in data


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(people_index, client):
    person = PersonPageFactory(
        parent=people_index,
        title="Eve </script><script>alert(1)</script> & Co",
        slug="eve",
        short_biography="<b>bold</b>",
    )
    html = client.get(person.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    data = structured_data(html)
    assert data["name"] == "Eve </script><script>alert(1)</script> & Co"
    assert data["description"] == "<b>bold</b>"


@pytest.mark.django_db
def test_person_with_a_photo_shows_it_instead_of_initials(people_index, client):
    photo = wagtail_factories.ImageFactory(title="Portrait")
    person = PersonPageFactory(parent=people_index, title="Ann Photo", slug="ann-photo", photo=photo, email="")
    html = client.get(person.url).content.decode()
    assert 'class="person-photo"' in html
    assert "person-initials" not in html
    assert structured_data(html)["image"].startswith("http://testserver/media/images/")
    assert "mailto:" not in html[html.index("<main") : html.index("</main>")]  # the footer has the office's

    person.email = "ann@example.org"
    person.save_revision().publish()
    html = client.get(person.url).content.decode()
    assert '<a href="mailto:ann@example.org">ann@example.org</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "initials"),
    [("Giuseppe Crocetti", "GC"), ("Batbayar", "B"), ("Anna Maria de la Cruz", "AC"), ("Бат-Эрдэнэ Дорж", "БД")],
)
def test_initials(title, initials):
    assert PersonPage(title=title).initials == initials


@pytest.mark.django_db
def test_people_index_lists_live_people_and_paginates(people_index, client):
    PeopleIndexPage.people_per_page = 2
    try:
        for number in range(3):
            PersonPageFactory(parent=people_index, title=f"Listed Person{number}", slug=f"listed-{number}")
        draft = PersonPageFactory(parent=people_index, title="Draft Person", slug="draft-person", live=False)
        assert not draft.live
        first = client.get(PEOPLE_URL).content.decode()
        second = client.get(PEOPLE_URL, {"page": "2"}).content.decode()
        assert 'rel="next"' in first and 'rel="prev"' in second
        listed = unescape(first + second)
        assert "Ms. Saran Bold" in listed
        assert all(f"Listed Person{number}" in listed for number in range(3))
        assert "Draft Person" not in listed
        # A malformed or out-of-range page number still gives a page, never an error.
        for bad in ["abc", "999", "-1", "%00"]:
            assert client.get(f"{PEOPLE_URL}?page={bad}").status_code == 200
    finally:
        PeopleIndexPage.people_per_page = 24


@pytest.mark.django_db
def test_the_section_page_links_to_its_people_index(site_tree, client):
    html = client.get("/en/about-us/").content.decode()
    assert f'href="{PEOPLE_URL}"' in html


@pytest.mark.django_db
def test_people_block_shows_the_chosen_people_on_another_page(people_index, client):
    person = PersonPage.objects.get(slug="saran-bold", locale__language_code="en")
    other = PersonPageFactory(parent=people_index, title="Unpublished Person", slug="unpublished", live=False)
    page = StandardPageFactory(
        parent=people_index.get_parent(),
        slug="contacts",
        title="Contacts",
        body=json.dumps([{"type": "people", "value": {"heading": "Our contacts", "people": [person.pk, other.pk]}}]),
    )
    html = client.get(page.url).content.decode()
    assert "<h2>Our contacts</h2>" in html
    assert '<h3 class="person-name"><a href="/en/about-us/staff/saran-bold/">Ms. Saran Bold</a></h3>' in html
    assert "Unpublished Person" not in html


def test_people_block_chooser_is_limited_to_person_pages():
    chooser = BodyBlock().child_blocks["people"].child_blocks["people"].child_block
    assert chooser.target_model is PersonPage
    assert chooser.field.widget.model_names == ["people.personpage"]


@pytest.mark.django_db
def test_admin_person_chooser_offers_only_person_pages(people_index, admin_client):
    StandardPageFactory(parent=people_index.get_parent(), title="Saran Bold interview", slug="interview")
    search_url = reverse("wagtailadmin_choose_page_search")

    def found(page_type):
        query = {"q": "Saran", "page_type": page_type} if page_type else {"q": "Saran"}
        response = admin_client.get(search_url, query)
        assert response.status_code == 200
        return response.content.decode()

    # The chooser widget asks for page_type=people.personpage: only the person page is offered.
    limited = found("people.personpage")
    assert "Saran Bold interview" not in limited
    assert "Saran Bold" in limited
    # Without the limit, the same search finds the standard page too.
    assert "Saran Bold interview" in found(None)

    # Browsing (not searching): the people index offers its person pages to choose.
    browse = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[people_index.pk]), {"page_type": "people.personpage"}
    )
    payload = json.loads(browse.content)
    assert "Saran Bold" in payload["html"]
    assert "Our history" not in payload["html"]


@pytest.mark.django_db
def test_an_editor_creates_a_person_page_through_the_admin(people_index, admin_client, client):
    add_url = reverse("wagtailadmin_pages:add", args=("people", "personpage", people_index.pk))
    assert admin_client.get(add_url).status_code == 200
    data = nested_form_data(
        {
            "honorific": "Ms.",
            "title": "Oyunaa Bat",
            "slug": "oyunaa-bat",
            "role": "Programme Officer",
            "duty_station": "Ulaanbaatar, Mongolia",
            "short_biography": "Works on internal migration.",
            "biography": rich_text("<p>Oyunaa joined the mission recently.</p>"),
            "email": "not an e-mail address",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url, data)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not PersonPage.objects.filter(slug="oyunaa-bat").exists()

    data["email"] = "oyunaa@example.org"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302
    person = PersonPage.objects.get(slug="oyunaa-bat", locale__language_code="en")
    assert person.live and person.get_parent().pk == people_index.pk
    html = client.get(f"{PEOPLE_URL}oyunaa-bat/").content.decode()
    assert "<h1>Ms. Oyunaa Bat</h1>" in html
    assert "Oyunaa joined the mission recently." in html


class TestPeopleTreeRules(WagtailPageTestCase):
    def test_person_pages_live_only_under_a_people_index(self):
        self.assertAllowedParentPageTypes(PersonPage, {PeopleIndexPage})
        self.assertAllowedSubpageTypes(PersonPage, set())

    def test_people_index_lives_under_home_or_standard_pages_and_holds_people(self):
        self.assertAllowedParentPageTypes(PeopleIndexPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(PeopleIndexPage, {PersonPage})
        self.assertCanNotCreateAt(Page, PeopleIndexPage)


@pytest.mark.django_db
def test_people_factories_build_a_tree(site_tree):
    index = PeopleIndexPageFactory(parent=site_tree.home, slug="team")
    person = PersonPageFactory(parent=index)
    assert person.get_parent().specific == index


@pytest.mark.django_db
def test_people_index_query_count_does_not_grow_with_people(people_index, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count):
        PersonPage.objects.exclude(slug="saran-bold").delete()
        for number in range(count):
            photo = wagtail_factories.ImageFactory(title=f"Portrait {number}") if number % 2 else None
            PersonPageFactory(parent=people_index, slug=f"person-{count}-{number}", photo=photo)
        assert client.get(PEOPLE_URL).status_code == 200  # makes the photo renditions once
        caches["renditions" if "renditions" in settings.CACHES else "default"].clear()  # measure with a cold cache
        with CaptureQueriesContext(connection) as queries:
            html = client.get(PEOPLE_URL).content.decode()
        assert html.count('class="person-card"') == count + 1
        return len(queries)

    with_4, with_20 = queries_with(4), queries_with(20)
    print(f"people index queries: {with_4} with 5 people, {with_20} with 21 people")
    assert with_4 == with_20
