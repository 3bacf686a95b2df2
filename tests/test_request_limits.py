"""Numeric parameters are bounded and long query strings never make an oversized redirect.

Found in the probe: `?page=` with 4,301 digits on Data and Resources raised a 500 (Python's
int() refuses more than 4,300 digits), and a 4,000-character query on `/` made the language
redirect too long for nginx's default 4 KB header buffer (502)."""

import pytest
from wagtail.models import Page, Site

from operations.middleware import MAX_QUERY_STRING, MAX_REDIRECT_LOCATION
from tests.factories import HomePageFactory, ResourceDocumentFactory, ResourceIndexPageFactory

URL = "/en/data-and-resources/documents/"


@pytest.fixture
def library(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    ResourceIndexPageFactory(parent=home, per_page=2)
    for number in range(3):
        ResourceDocumentFactory(title=f"Document {number}")


@pytest.mark.parametrize("digits", [4301, 5000, 8000])
def test_a_page_number_with_thousands_of_digits_is_the_last_page(library, client, digits):
    response = client.get(URL, {"page": "9" * digits})
    assert response.status_code == 200
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/search/", "/en/people/", "/en/no-such-page/"])
def test_other_page_numbers_with_thousands_of_digits_are_not_errors(client, path):
    assert client.get(path, {"q": "migration", "page": "9" * 4301}).status_code < 500


@pytest.mark.django_db
def test_a_long_query_on_the_root_redirects_without_it(client):
    response = client.get("/?" + "q=" + "a" * 4000)
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert len(response["Location"]) <= MAX_REDIRECT_LOCATION


@pytest.mark.django_db
def test_a_short_query_on_the_root_is_kept_by_the_redirect(client):
    response = client.get("/?q=migration")
    assert response["Location"] == "/en/?q=migration"


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "heading"), [("/en/", "Address too long"), ("/mn/", "Хаяг хэт урт байна")])
def test_a_query_string_beyond_the_limit_gets_a_clear_414_in_the_visitors_language(client, prefix, heading):
    response = client.get(prefix + "search/?q=" + "a" * (MAX_QUERY_STRING + 1))
    assert response.status_code == 414
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "aaaaaaaaaa" not in html
