"""Queries per page do not grow with content: Our Work and Data and Resources with 3 and with 30 items."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from tests.factories import (
    HomePageFactory,
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    StandardPageFactory,
    SustainableDevelopmentGoalFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
)


@pytest.fixture
def home(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warm-up: renditions made, caches filled
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def add_work_areas(index, count, goals):
    for _ in range(count):
        WorkAreaPageFactory(parent=index, image=wagtail_factories.ImageFactory(), sdgs=goals)


def test_our_work_queries_do_not_grow_with_work_areas(home, client):
    index = WorkAreaIndexPageFactory(parent=home)
    goals = [SustainableDevelopmentGoalFactory(number=number) for number in (5, 10)]
    add_work_areas(index, 3, goals)
    with_3, html = queries_for(client, "/en/our-work/")
    assert html.count('class="card work-area-card"') == 3

    add_work_areas(index, 27, goals)
    with_30, html = queries_for(client, "/en/our-work/")
    assert html.count('class="card work-area-card"') == 30
    assert html.count("<img") == 30 and html.count('class="sdg-badge"') == 60
    print(f"\nOur Work: {with_3} queries with 3 work areas, {with_30} with 30")
    assert with_3 == with_30


def test_data_and_resources_queries_do_not_grow_with_documents(home, client):
    index = WorkAreaIndexPageFactory(parent=home)
    areas = [WorkAreaPageFactory(parent=index) for _ in range(2)]
    ResourceIndexPageFactory(parent=home, per_page=50)
    for _ in range(3):
        ResourceDocumentFactory(work_areas=areas)
    with_3, html = queries_for(client, "/en/data-and-resources/documents/")
    assert html.count('<li class="document">') == 3

    for _ in range(27):
        ResourceDocumentFactory(work_areas=areas)
    with_30, html = queries_for(client, "/en/data-and-resources/documents/")
    assert html.count('<li class="document">') == 30
    print(f"\nData and Resources: {with_3} queries with 3 documents, {with_30} with 30")
    assert with_3 == with_30

    filtered_3, _html = queries_for(client, f"/en/data-and-resources/documents/?area={areas[0].slug}&page=1")
    assert filtered_3 == with_30


def test_search_queries_are_flat_from_3_to_200_results(home, client):
    index = WorkAreaIndexPageFactory(parent=home)

    def add_results(count, start):
        for number in range(start, start + count):
            if number % 2:
                StandardPageFactory(parent=home, title=f"Zebra crossing {number}", intro="Zebra facts.")
            else:
                WorkAreaPageFactory(parent=index, title=f"Zebra work {number}", summary="Zebra work.")

    def search_queries(expected_results):
        count, _html = queries_for(client, "/en/search/?q=zebra")
        assert client.get("/en/search/?q=zebra").context["result_count"] == expected_results
        return count

    add_results(3, 0)
    few = search_queries(3)
    add_results(197, 3)
    many = search_queries(200)
    # One query per page type among the results shown: at most as many as with both types in 3 results.
    assert many <= few, f"search made {few} queries for 3 results and {many} for 200"
