"""Mongolian search on /mn/search/: case folding, case and plural endings, Latin transliteration,
labels people use and the words found marked (core/search_text.py, search/views.py)."""

import pytest

from core.search_text import index_text, keys, query_keys
from tests.factories import StandardPageFactory
from tests.translating import translate

TITLE = "Хүний наймаатай тэмцэх нь"
INTRO = "ОУШХБ Улаанбаатар хотод хүний наймааны хохирогчдод тусалж, виз болон шилжилт хөдөлгөөний мэдээлэл өгдөг."


@pytest.mark.parametrize(
    "inflected",
    [
        "Улаанбаатарын",  # genitive
        "Улаанбаатарт",  # dative-locative
        "Улаанбаатараас",  # ablative
        "Улаанбаатараар",  # instrumental
        "Улаанбаатартай",  # comitative
        "УЛААНБААТАР",  # upper case
    ],
)
def test_case_endings_and_capitals_share_the_stem(inflected):
    assert "улаанбаатар" in keys(inflected)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("хүний", "хун"),
        ("наймааны", "наимаа"),
        ("визийн", "виз"),
        ("байгууллагууд", "баигууллаг"),
        ("хүмүүсийн", "хумуус"),
    ],
)
def test_genitive_and_plural_endings_come_off(word, stem):
    assert stem in keys(word)


def test_short_words_keep_their_letters():
    assert keys("хүн") == ["хун"]
    assert keys("виз") == ["виз"]


def test_latin_transliteration_meets_the_cyrillic_keys():
    assert "улаанбаатар" in query_keys("Ulaanbaatar")
    assert set(query_keys("hunii")) & set(keys("хүний"))
    assert set(query_keys("khunii")) & set(keys("хүний"))
    assert set(query_keys("naimaa")) & set(keys("наймаа"))


def test_the_index_text_holds_only_keys_of_cyrillic_words():
    text = index_text("Migration <b>Улаанбаатарт</b> 2024")
    assert text.split() == ["улаанбаатарт", "улаанбаатар"]


@pytest.fixture
def mongolian_page(site_tree):
    page = StandardPageFactory(parent=site_tree.section, slug="trafficking", title="Countering trafficking")
    return translate(page, TITLE, slug="khunii-naimaa", intro=INTRO)


def found_titles(client, query):
    response = client.get("/mn/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.context["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "Улаанбаатар",
        "улаанбаатарт",
        "Улаанбаатарын",
        "Улаанбаатараас",
        "ОУШХБ",
        "оушхб",
        "виз",
        "визийн",
        "хүний наймаа",
        "хүн",
        "хүнтэй",
        "наймааг",
        "шилжилт хөдөлгөөн",
        "Ulaanbaatar",
        "hunii naimaa",
        "khunii naimaa",
    ],
)
def test_a_mongolian_page_is_found_by_what_people_type(mongolian_page, client, query):
    assert found_titles(client, query) == [TITLE]


@pytest.mark.django_db
def test_a_nonsense_word_finds_nothing(mongolian_page, client):
    assert found_titles(client, "зурвасхуурцаг") == []
    assert found_titles(client, "Улаанбаатар зурвасхуурцаг") == []


@pytest.mark.django_db
def test_results_are_labelled_as_people_name_them_and_the_words_are_marked(mongolian_page, site_tree, client):
    response = client.get("/mn/search/", {"q": "Улаанбаатарт"})
    html = response.content.decode()
    assert [str(result["kind"]) for result in response.context["results"]] == ["Хуудас"]
    assert "<mark>Улаанбаатар</mark> хотод" in html
    english = client.get("/en/search/", {"q": "migration"})
    kinds = {result["url"]: str(result["kind"]) for result in english.context["results"]}
    assert kinds["/en/our-work/labour-migration/"] == "Work area"
    assert "work area page" not in english.content.decode().lower()
