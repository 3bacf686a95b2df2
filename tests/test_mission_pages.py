"""The mission's content types: work areas, 2030 Agenda, Data and Resources, Take Action."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import (
    AgendaPage,
    HomePage,
    ResourceIndexPage,
    StandardPage,
    TakeActionPage,
    WorkAreaIndexPage,
    WorkAreaPage,
)
from tests.factories import (
    AgendaPageFactory,
    HomePageFactory,
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    SustainableDevelopmentGoalFactory,
    TakeActionPageFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
)


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
        for model in (AgendaPage, ResourceIndexPage, TakeActionPage):
            self.assertAllowedSubpageTypes(model, set())


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="test-home")
    from wagtail.models import Site

    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.mark.django_db
def test_work_area_pages_render_with_their_goals_and_documents(home, client):
    index = WorkAreaIndexPageFactory(parent=home)
    goal = SustainableDevelopmentGoalFactory(number=10, title="Reduced Inequalities", colour="#DD1367")
    area = WorkAreaPageFactory(parent=index, title="Internal migration", slug="internal-migration", sdgs=[goal])
    ResourceDocumentFactory(title="Internal Migration Study", work_areas=[area])

    html = client.get("/en/our-work/").content.decode()
    assert "<h1>Our Work</h1>" in html
    assert 'href="/en/our-work/internal-migration/"' in html
    assert "What IOM does in internal migration." in html
    assert "Reduced Inequalities" in html

    ResourceIndexPageFactory(parent=home)
    html = client.get("/en/our-work/internal-migration/").content.decode()
    assert "<h1>Internal migration</h1>" in html
    assert 'fill="#DD1367"' in html
    assert "Internal Migration Study" in html
    assert 'href="/en/data-and-resources/?area=internal-migration"' in html


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
    html = client.get("/en/data-and-resources/").content.decode()
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
def test_a_work_area_shows_its_contact_person_and_accepts_only_person_pages(home, client):
    from django.core.exceptions import ValidationError

    from tests.factories import PeopleIndexPageFactory, PersonPageFactory

    people = PeopleIndexPageFactory(parent=home, slug="people")
    person = PersonPageFactory(parent=people, title="Bat Erdene", slug="bat-erdene", role="Project Officer")
    index = WorkAreaIndexPageFactory(parent=home)
    area = WorkAreaPageFactory(parent=index, slug="internal-migration", contact_person=person)

    html = client.get("/en/our-work/internal-migration/").content.decode()
    assert 'href="/en/people/bat-erdene/"' in html
    assert "Project Officer" in html

    area.contact_person = index
    with pytest.raises(ValidationError):
        area.full_clean()
