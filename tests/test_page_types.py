"""Every page type: where it may live, what it may hold, and that it renders from its real URL."""

import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages.models import HomePage, StandardPage
from tests.factories import PAGE_FACTORIES, HomePageFactory, StandardPageFactory

PROJECT_APPS = {"pages", "people", "partners", "opportunities", "contact"}


def project_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in PROJECT_APPS
    ]


def test_every_page_type_has_a_factory():
    missing = [model.__name__ for model in project_page_models() if model not in PAGE_FACTORIES]
    assert not missing, f"Add a factory to tests/factories.py for: {', '.join(missing)}"


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_declares_its_tree_rules_and_search(model):
    assert "parent_page_types" in model.__dict__, f"{model.__name__} must declare parent_page_types"
    assert "subpage_types" in model.__dict__, f"{model.__name__} must declare subpage_types"
    assert model.search_fields, f"{model.__name__} needs search_fields"
    for field in model._meta.get_fields():
        if getattr(field, "model", None) is model and field.concrete and not field.auto_created:
            if field.name.endswith("_ptr"):
                continue
            assert field.help_text, f"{model.__name__}.{field.name} needs help text for editors"


class TestTreeRules(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_lives_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_home_page_holds_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, HomePage)


@pytest.mark.django_db
def test_home_and_standard_pages_render_from_their_real_urls(seeded_site, client):
    child = StandardPageFactory(parent=seeded_site, title="A new page", slug="a-new-page")
    grandchild = StandardPageFactory(parent=child, title="Deeper", slug="deeper")

    home = client.get("/en/")
    assert home.status_code == 200
    assert "IOM Mongolia" in home.content.decode()

    response = client.get("/en/a-new-page/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>A new page</h1>" in html
    # A standard page with children lists them, so it also works as a section page.
    assert 'href="/en/a-new-page/deeper/"' in html
    assert client.get(grandchild.url).status_code == 200


@pytest.mark.django_db
def test_home_page_factory_builds_a_page_under_the_root():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="another-home")
    assert home.get_parent().pk == root.pk
