"""Data and Resources' list of documents (documents/): newest first, filtered by work area, paginated; bad input never 500s."""

import datetime

import pytest
from wagtail.models import Page, Site

from tests.factories import (
    HomePageFactory,
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
)

URL = "/en/data-and-resources/documents/"


@pytest.fixture
def library(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    index = WorkAreaIndexPageFactory(parent=home)
    trafficking = WorkAreaPageFactory(parent=index, title="Counter-trafficking", slug="counter-trafficking")
    internal = WorkAreaPageFactory(parent=index, title="Internal migration", slug="internal-migration")
    ResourceIndexPageFactory(parent=home, per_page=2)
    start = datetime.date(2020, 1, 1)
    for number in range(5):  # documents 0-4, document 4 the newest
        ResourceDocumentFactory(
            title=f"Document {number}",
            publication_date=start + datetime.timedelta(days=30 * number),
            work_areas=[trafficking] if number % 2 == 0 else [internal],
        )
    return {"trafficking": trafficking, "internal": internal}


def titles(response):
    import re

    return re.findall(r">(Document \d)</a>", response.content.decode())


def test_lists_newest_first_two_a_page(library, client):
    assert titles(client.get(URL)) == ["Document 4", "Document 3"]
    assert titles(client.get(URL, {"page": "2"})) == ["Document 2", "Document 1"]
    page3 = client.get(URL, {"page": "3"})
    assert titles(page3) == ["Document 0"]
    assert "Page 3 of 3" in page3.content.decode()


def test_filters_by_work_area_and_keeps_the_filter_in_page_links(library, client):
    response = client.get(URL, {"area": "counter-trafficking"})
    assert titles(response) == ["Document 4", "Document 2"]
    html = response.content.decode()
    assert 'href="?area=counter-trafficking&amp;page=2"' in html
    assert '<option value="counter-trafficking" selected>' in html
    assert titles(client.get(URL, {"area": "counter-trafficking", "page": "2"})) == ["Document 0"]
    assert titles(client.get(URL, {"area": "internal-migration"})) == ["Document 3", "Document 1"]


@pytest.mark.parametrize("area", ["no-such-area", "<script>", "x" * 5000, "counter-trafficking'--"])
def test_an_unknown_work_area_shows_everything_and_says_so(library, client, area):
    response = client.get(URL, {"area": area})
    assert response.status_code == 200
    assert titles(response) == ["Document 4", "Document 3"]
    assert "There is no such work area" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("number", ["4", "99", "0", "9" * 40])
def test_a_page_number_out_of_range_gives_the_last_page(library, client, number):
    response = client.get(URL, {"page": number})
    assert response.status_code == 200
    assert titles(response) == ["Document 0"]


@pytest.mark.parametrize("number", ["abc", "-1", "1.5", "1e3", "٣"])
def test_a_page_number_that_is_not_a_number_gives_404(library, client, number):
    response = client.get(URL, {"page": number})
    assert response.status_code == 404


def test_no_documents_says_so(db, client):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    ResourceIndexPageFactory(parent=home)
    response = client.get(URL, {"page": ""})  # an empty page number is the first page
    assert response.status_code == 200
    assert "No documents yet." in response.content.decode()
