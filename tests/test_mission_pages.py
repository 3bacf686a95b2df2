"""The mission's content types: work areas, 2030 Agenda, Data and Resources, Take Action."""

import json
import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import (
    AgendaPage,
    HomePage,
    KeyFigure,
    ResourceIndexPage,
    StandardPage,
    SustainableDevelopmentGoal,
    TakeActionPage,
    WorkAreaIndexPage,
    WorkAreaPage,
)
from people.models import PersonPage
from tests.factories import (
    AgendaPageFactory,
    HomePageFactory,
    KeyFigureFactory,
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    SustainableDevelopmentGoalFactory,
    TakeActionPageFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
    add_every_page_type,
    mirror,
)
from tests.translating import translate


class TestTreeRules(WagtailPageTestCase):
    def test_sections_live_under_the_home_page_only(self):
        for model in (WorkAreaIndexPage, AgendaPage, ResourceIndexPage, TakeActionPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertCanCreateAt(HomePage, model)
            self.assertCanNotCreateAt(StandardPage, model)

    def test_work_areas_live_under_our_work_only(self):
        self.assertAllowedParentPageTypes(WorkAreaPage, {WorkAreaIndexPage})
        self.assertAllowedSubpageTypes(WorkAreaIndexPage, {WorkAreaPage})
        self.assertAllowedSubpageTypes(WorkAreaPage, set())
        self.assertCanNotCreateAt(HomePage, WorkAreaPage)

    def test_leaf_sections_hold_no_pages(self):
        for model in (AgendaPage, TakeActionPage):
            self.assertAllowedSubpageTypes(model, set())


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="test-home")
    from wagtail.models import Site

    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.mark.django_db
def test_work_area_pages_render_with_their_goals_and_documents(site_tree, client):
    goal = SustainableDevelopmentGoalFactory(number=10, title="Reduced Inequalities", colour="#DD1367")
    area = WorkAreaPageFactory(
        parent=site_tree.work_index, title="Internal migration", slug="internal-migration", sdgs=[goal]
    )
    ResourceDocumentFactory(title="Internal Migration Study", work_areas=[area])

    html = client.get("/en/our-work/").content.decode()
    assert "<h1>Our Work</h1>" in html
    assert 'href="/en/our-work/internal-migration/"' in html
    assert "What IOM does in internal migration." in html
    assert "Reduced Inequalities" in html

    resources = ResourceIndexPageFactory(parent=site_tree.home)
    html = client.get("/en/our-work/internal-migration/").content.decode()
    assert "<h1>Internal migration</h1>" in html
    assert 'fill="#DD1367"' in html
    assert "Internal Migration Study" in html
    assert 'href="/en/data-and-resources/documents/?area=internal-migration"' in html
    # On the Mongolian address, the link keeps the visitor in Mongolian.
    mirror(area)
    mirror(resources)
    html = client.get("/mn/our-work/internal-migration/").content.decode()
    assert 'href="/mn/data-and-resources/documents/?area=internal-migration"' in html


@pytest.mark.django_db
def test_agenda_page_lists_only_the_goals_work_areas_serve_linking_to_them(home, client):
    index = WorkAreaIndexPageFactory(parent=home)
    served = SustainableDevelopmentGoalFactory(number=5, title="Gender Equality")
    SustainableDevelopmentGoalFactory(number=14, title="Life Below Water")
    WorkAreaPageFactory(parent=index, title="Counter-trafficking", slug="counter-trafficking", sdgs=[served])
    AgendaPageFactory(parent=home)

    html = client.get("/en/2030-agenda/").content.decode()
    assert "Gender Equality" in html
    assert 'href="/en/our-work/counter-trafficking/"' in html
    assert "Life Below Water" not in html


@pytest.mark.django_db
def test_take_action_page_renders_its_calls_to_action(home, client):
    target = WorkAreaIndexPageFactory(parent=home)
    TakeActionPageFactory(
        parent=home,
        actions=[
            {
                "type": "call_to_action",
                "value": {"heading": "Read about our work", "text": "", "link_text": "Our work", "page": target.pk},
            }
        ],
    )
    html = client.get("/en/take-action/").content.decode()
    assert "Read about our work" in html
    assert 'href="/en/our-work/"' in html


@pytest.mark.django_db
def test_data_and_resources_lists_documents_newest_first_with_type_and_size(home, client):
    import datetime

    ResourceIndexPageFactory(parent=home)
    ResourceDocumentFactory(title="Older study", publication_date=datetime.date(2018, 5, 1), resource_type="study")
    ResourceDocumentFactory(title="Newer report", publication_date=datetime.date(2023, 2, 1))
    html = client.get("/en/data-and-resources/documents/").content.decode()
    assert html.index("Newer report") < html.index("Older study")
    assert "Study" in html and "1 May 2018" in html
    assert "PDF, 1.1\xa0KB" in html


class TestEditorsCreateEachPageTypeInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("chief-editor", password="x" * 12))
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")

    def body(self, text="A paragraph."):
        return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])

    def test_sections_under_the_home_page(self):
        for model, title in [
            (WorkAreaIndexPage, "Our Work"),
            (AgendaPage, "2030 Agenda"),
            (ResourceIndexPage, "Data and Resources"),
        ]:
            extra = {"per_page": "10"} if model is ResourceIndexPage else {}
            data = nested_form_data({"title": title, "intro": "An introduction.", "body": self.body(), **extra})
            self.assertCanCreate(self.home, model, data)
        self.assertTrue(WorkAreaIndexPage.objects.filter(title="Our Work").exists())

    def test_take_action_page_with_a_call_to_action(self):
        target = WorkAreaIndexPageFactory(parent=self.home)
        cta = {"heading": "Read about our work", "text": "", "link_text": "Our work", "page": target.pk}
        data = nested_form_data(
            {
                "title": "Take Action",
                "intro": "Ways to help.",
                "actions": streamfield([("call_to_action", {**cta, "external_url": ""})]),
                "body": self.body(),
            }
        )
        self.assertCanCreate(self.home, TakeActionPage, data)
        self.assertEqual(TakeActionPage.objects.get().actions[0].value["page"].pk, target.pk)

    def test_work_area_page_with_goals(self):
        index = WorkAreaIndexPageFactory(parent=self.home)
        goals = [SustainableDevelopmentGoalFactory(number=number) for number in (5, 16)]
        data = nested_form_data(
            {
                "title": "Counter-trafficking",
                "summary": "Protection of victims.",
                "body": self.body(),
                "verification_note": "",
            }
        )
        data["sdgs"] = [str(goal.pk) for goal in goals]  # a multiple choice: one key, several values
        self.assertCanCreate(index, WorkAreaPage, data)
        self.assertEqual(sorted(WorkAreaPage.objects.get().sdgs.values_list("number", flat=True)), [5, 16])

    def test_the_admin_refuses_a_work_area_without_a_summary(self):
        index = WorkAreaIndexPageFactory(parent=self.home)
        data = nested_form_data({"title": "No summary", "summary": "", "body": self.body()})
        with self.assertRaises(AssertionError):
            self.assertCanCreate(index, WorkAreaPage, data)


@pytest.mark.django_db
def test_a_work_area_shows_its_contact_person_chosen_among_person_pages(site_tree, client):
    area = site_tree.work_areas[0]
    area.contact_person = site_tree.person
    area.save_revision().publish()

    html = client.get("/en/our-work/labour-migration/").content.decode()
    assert 'href="/en/about-us/staff/saran-bold/"' in html
    assert "Programme Assistant" in html
    # The relation is typed: only a person page can be the contact.
    assert WorkAreaPage._meta.get_field("contact_person").related_model is PersonPage
    with pytest.raises(ValueError):
        area.contact_person = site_tree.work_index


def json_body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.mark.django_db
def test_home_page_features_work_areas_in_the_visitors_language(site_tree, client):
    labour, border = site_tree.work_areas
    home = site_tree.home
    home.body = json_body(("work_areas", {"heading": "Featured", "work_areas": [labour.pk, border.pk]}))
    home.save_revision().publish()
    translate(labour, "Хөдөлмөрийн шилжилт хөдөлгөөн", slug="khudulmur")

    english = client.get("/en/").content.decode()
    assert 'href="/en/our-work/labour-migration/"' in english and 'href="/en/our-work/border-management/"' in english
    assert "Хөдөлмөрийн" not in english
    mongolian = client.get("/mn/").content.decode()
    assert 'href="/mn/our-work/khudulmur/"' in mongolian and "Хөдөлмөрийн шилжилт хөдөлгөөн" in mongolian
    assert 'href="/mn/our-work/border-management/"' in mongolian  # not translated: its Mongolian alias
    assert 'href="/mn/our-work/khudulmur/"' in client.get("/mn/our-work/").content.decode()


@pytest.mark.django_db
def test_call_to_action_keeps_the_visitors_language(site_tree, client):
    home = site_tree.home
    cta = {
        "heading": "Read more",
        "text": "",
        "link_text": "Our history",
        "page": site_tree.child.pk,
        "external_url": "",
    }
    home.body = json_body(("call_to_action", cta))
    home.save_revision().publish()
    # Mongolian has no pages of its own yet, so the English page is served at its /mn/ address.
    assert re.search(
        r'<a class="button" href="/en/about-us/history/">\s*Our history', client.get("/en/").content.decode()
    )
    html = client.get("/mn/").content.decode()
    assert re.search(r'<a class="button" href="/mn/about-us/history/">', html)
    assert 'class="button" href="/en/' not in html


@pytest.mark.django_db
def test_editors_can_open_every_mission_page_snippet_and_document_form(site_tree, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.create_superuser("chief-editor", password="x" * 12))
    SustainableDevelopmentGoalFactory(number=10)
    pages = add_every_page_type(
        site_tree, [WorkAreaIndexPage, WorkAreaPage, AgendaPage, ResourceIndexPage, TakeActionPage, HomePage]
    )
    for model, page in pages.items():
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, model.__name__
    html = client.get(reverse("wagtailadmin_pages:edit", args=[pages[WorkAreaPage].pk])).content.decode()
    assert "verification_note" in html and 'name="sdgs"' in html and 'name="contact_person"' in html
    for model in (KeyFigure, SustainableDevelopmentGoal):
        response = client.get(reverse(model.snippet_viewset.get_url_name("list")))
        assert response.status_code == 200, model.__name__
    figure = KeyFigureFactory(verification_note="Check the source again.")
    response = client.get(reverse(KeyFigure.snippet_viewset.get_url_name("edit"), args=[figure.pk]))
    assert "Check the source again." in response.content.decode()
    html = client.get(reverse("wagtaildocs:add")).content.decode()
    assert 'name="publication_date"' in html and 'name="resource_type"' in html and 'name="work_areas"' in html
