"""An editor choosing work areas (for an article, an event or a partner) sees each work area once,
in the language of what they edit: not the English page beside its Mongolian alias under the same
title.

Found in the browser: the article form listed every work area twice, and a click on a label chose
one of two boxes of the same name."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from news.models import NewsIndexPage
from opportunities.models import EventIndexPage
from tests.factories import page_of_type


def work_area_choices(html):
    """The (value, label) of each work area box or option of the form."""
    boxes = re.findall(r'<input[^>]+name="work_areas"[^>]+value="(\d+)"|value="(\d+)"[^>]+name="work_areas"', html)
    values = [first or second for first, second in boxes]
    if not values:  # a multiple select
        select = re.search(r'<select name="work_areas".*?</select>', html, re.S).group(0)
        values = re.findall(r'<option value="(\d+)"', select)
    return sorted(int(value) for value in values)


def ids(pages):
    return sorted(page.pk for page in pages)


@pytest.mark.django_db
@pytest.mark.parametrize("index_model,page_model", [(NewsIndexPage, "articlepage"), (EventIndexPage, "eventpage")])
def test_a_new_page_offers_the_work_areas_of_its_language(site_tree, admin_client, index_model, page_model):
    english_index = page_of_type(index_model, site_tree.home)
    mongolian = Locale.objects.get(language_code="mn")
    english_areas = site_tree.work_areas
    mongolian_areas = [area.get_translation(mongolian) for area in english_areas]

    app = index_model._meta.app_label
    form = admin_client.get(reverse("wagtailadmin_pages:add", args=[app, page_model, english_index.pk]))
    assert form.status_code == 200
    assert work_area_choices(form.content.decode()) == ids(english_areas)

    mongolian_index = english_index.get_translation(mongolian)
    form = admin_client.get(reverse("wagtailadmin_pages:add", args=[app, page_model, mongolian_index.pk]))
    assert work_area_choices(form.content.decode()) == ids(mongolian_areas)


@pytest.mark.django_db
def test_a_partner_offers_the_work_areas_of_its_language(site_tree, admin_client):
    form = admin_client.get(reverse("wagtailsnippets_partners_partner:add"))
    assert form.status_code == 200
    assert work_area_choices(form.content.decode()) == ids(site_tree.work_areas)


def work_area_forms(home):
    """The add form of each model that chooses work areas, found from the models themselves so
    that a new one is checked too: {model label: admin address}."""
    from django.apps import apps
    from wagtail.models import Page

    from pages.models import WorkAreaPage

    forms = {}
    for model in apps.get_models():
        if not any(field.related_model is WorkAreaPage for field in model._meta.many_to_many):  # its own fields
            continue
        if issubclass(model, Page):
            parent = page_of_type(model.allowed_parent_page_models()[0], home)
            url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
        elif model._meta.label == "pages.ResourceDocument":
            url = reverse("wagtaildocs:add")
        else:
            url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")
        forms[model._meta.label] = url
    return forms


@pytest.mark.django_db
def test_work_areas_are_checkboxes_wherever_they_are_chosen(site_tree, admin_client):
    forms = work_area_forms(site_tree.home)
    assert {"news.ArticlePage", "opportunities.EventPage", "partners.Partner"} <= set(forms)
    for label, url in forms.items():
        html = admin_client.get(url).content.decode()
        assert not re.search(r'<select[^>]+name="work_areas"', html), f"{label}: a multiple select"
        boxes = re.findall(r'<input[^>]+type="checkbox"[^>]+name="work_areas"', html)
        assert len(boxes) == len(site_tree.work_areas), label
