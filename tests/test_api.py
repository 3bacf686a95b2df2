"""The open data API (api/, docs/api.md): every endpoint in both languages; only live, public
content (a draft change, a restricted page, a restricted document and private fields never
appear); the list filters and bad parameters (400 with a message); CORS, cache headers, the rate
limit, purges on publish, and query counts that do not grow with the number of items."""

import datetime
from datetime import timedelta

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction

from core import frontend_cache
from core.locale_sync import mirror
from news.models import ArticlePage
from opportunities.models import EventPage, OpportunityPage
from pages.models import WorkAreaPage
from pages.publications import PublicationPage
from people.models import PersonPage
from tests.factories.news import ArticlePageFactory
from tests.factories.opportunities import EventPageFactory, OpportunityPageFactory
from tests.factories.pages import KeyFigureFactory
from tests.factories.trees import page_of_type

ENDPOINTS = {
    "articles": ArticlePage,
    "events": EventPage,
    "opportunities": OpportunityPage,
    "publications": PublicationPage,
    "work-areas": WorkAreaPage,
    "people": PersonPage,
}


@pytest.fixture
def content(site_tree):
    """A page of each type the API lists, with its Mongolian version."""
    pages = {name: page_of_type(model, site_tree.home) for name, model in ENDPOINTS.items()}
    article = pages["articles"]
    article.work_areas.set([site_tree.work_areas[0]])
    article.save_revision().publish()
    return pages


def get(client, url, **params):
    response = client.get(url, params)
    if response.status_code != 404:
        assert response["Content-Type"] == "application/json"
    return response


def items(client, url, **params):
    response = get(client, url, **params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


@pytest.mark.parametrize("language", ["en", "mn"])
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_every_page_endpoint_lists_its_type_in_both_languages(content, client, name, language):
    found = items(client, f"/api/v2/{name}/", locale=language)
    page = Page.objects.get(translation_key=content[name].translation_key, locale__language_code=language)
    assert page.pk in [item["id"] for item in found]
    item = next(item for item in found if item["id"] == page.pk)
    assert item["meta"]["locale"] == language
    assert item["meta"]["html_url"] == "http://localhost" + page.get_url()
    assert f"/{language}/" in item["meta"]["html_url"]
    assert item["meta"]["detail_url"] == f"http://localhost/api/v2/{name}/{page.pk}/"
    other = "mn" if language == "en" else "en"
    assert [t["locale"] for t in item["translations"]] == [other]
    assert {item["meta"]["type"] for item in found} == {ENDPOINTS[name]._meta.label}
    detail = get(client, f"/api/v2/{name}/{page.pk}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == page.title


def test_pages_images_documents_and_downloads_answer(content, client):
    image = wagtail_factories.ImageFactory(title="A public photo")
    document = get_document_model().objects.create(title="A public report", file=image.file.name)
    KeyFigureFactory(label="Mongolian migrants living abroad", value="200,000", year=2020)
    assert {item["meta"]["locale"] for item in items(client, "/api/v2/pages/")} == {"en", "mn"}
    assert {item["meta"]["locale"] for item in items(client, "/api/v2/pages/", locale="mn")} == {"mn"}
    [found] = items(client, "/api/v2/images/")
    assert found["id"] == image.pk
    assert "fill-640x360.format-jpeg" in found["card"]["url"]
    assert [item["id"] for item in items(client, "/api/v2/documents/")] == [document.pk]
    figures = get(client, "/api/v2/key-figures.json").json()
    assert figures["items"][0]["label_en"] == "Mongolian migrants living abroad"
    assert figures["items"][0]["label_mn"] == ""
    csv = client.get("/api/v2/key-figures.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "value,unit_en,unit_mn,year,label_en,label_mn,source_title,source_url"
    assert lines[1].startswith('"200,000",,,2020,Mongolian migrants living abroad,,A public source,')


def test_a_key_figures_mongolian_label_is_in_its_column_and_a_draft_figure_is_not_listed(content, client):
    figure = KeyFigureFactory(label="Migrants abroad", value="200,000")
    mongolian = figure.copy_for_translation(Locale.objects.get(language_code="mn"))
    mongolian.label = "Гадаадад амьдардаг иргэд"
    mongolian.save()
    KeyFigureFactory(label="Not yet published", live=False)
    [row] = get(client, "/api/v2/key-figures.json").json()["items"]
    assert row["label_mn"] == "Гадаадад амьдардаг иргэд"


def test_a_draft_change_and_a_draft_page_never_appear(content, client):
    article = content["articles"]
    article.title = "A title still in draft"
    article.save_revision()
    draft = ArticlePageFactory(parent=article.get_parent(), title="A page never published", live=False)
    listed = items(client, "/api/v2/articles/", fields="*")
    assert "A title still in draft" not in str(listed) and "A page never published" not in str(listed)
    assert get(client, f"/api/v2/articles/{article.pk}/").json()["title"] != "A title still in draft"
    assert get(client, f"/api/v2/articles/{draft.pk}/").status_code == 404
    assert get(client, f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_restricted_page_never_appears_even_to_a_signed_in_editor(content, client, django_user_model, signed_in):
    article = content["articles"]
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    if signed_in:
        client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    for url in ("/api/v2/articles/", "/api/v2/pages/"):
        ids = [item["id"] for item in items(client, url)]
        assert article.pk not in ids
    # Asking for its translations answers as for a page that never existed.
    refused = get(client, "/api/v2/pages/", translation_of=article.pk)
    assert refused.status_code == 400
    assert refused.json() == get(client, "/api/v2/pages/", translation_of=999999).json()
    for url in (f"/api/v2/articles/{article.pk}/", f"/api/v2/pages/{article.pk}/"):
        assert get(client, url).status_code == 404
    # Its Mongolian version does not name it among its translations.
    [mongolian] = items(client, "/api/v2/articles/", locale="mn")
    assert mongolian["translations"] == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_restricted_collections_document_and_image_never_appear(db, site_tree, client, django_user_model, signed_in):
    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    inner = private.add_child(name="Internal drafts")
    hidden_image = wagtail_factories.ImageFactory(title="A private photo", collection=inner)
    public_image = wagtail_factories.ImageFactory(title="A public photo")
    Document = get_document_model()
    hidden = Document.objects.create(title="A private memo", file=hidden_image.file.name, collection=private)
    public = Document.objects.create(title="A public report", file=public_image.file.name)
    if signed_in:
        client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    assert [item["id"] for item in items(client, "/api/v2/documents/")] == [public.pk]
    assert [item["id"] for item in items(client, "/api/v2/images/")] == [public_image.pk]
    assert get(client, f"/api/v2/documents/{hidden.pk}/").status_code == 404
    assert get(client, f"/api/v2/images/{hidden_image.pk}/").status_code == 404
    assert get(client, "/api/v2/documents/", search="memo").json()["items"] == []


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/v2/work-areas/", "verification_note"),
        ("/api/v2/people/", "email"),
        ("/api/v2/opportunities/", "verification_note"),
        ("/api/v2/pages/", "verification_note"),
    ],
)
def test_private_fields_cannot_be_asked_for(content, client, url, field):
    response = get(client, url, fields=field)
    assert response.status_code == 400
    assert response.json() == {"message": f"unknown fields: {field}"}


def test_private_fields_are_not_in_any_answer(content, client):
    area, person = content["work-areas"], content["people"]
    area.verification_note = "Check the figures with the chief of mission"
    area.save_revision().publish()
    person.email = "saran@example.org"
    person.save_revision().publish()
    for url in ("/api/v2/work-areas/", "/api/v2/people/", "/api/v2/pages/"):
        text = client.get(url, {"fields": "*"}).content.decode()
        text += client.get(url + f"{area.pk if 'work' in url else person.pk}/").content.decode()
        assert "Check the figures" not in text and "saran@example.org" not in text


def test_the_list_filters(content, client, site_tree):
    article = content["articles"]
    index = article.get_parent()
    story = ArticlePageFactory(parent=index, kind="story", publication_date=datetime.date(2022, 3, 1))
    mirror(story)
    ids = lambda url, **params: [item["id"] for item in items(client, url, **params)]  # noqa: E731
    assert ids("/api/v2/articles/", kind="story", locale="en") == [story.pk]
    assert ids("/api/v2/articles/", year="2022", locale="en") == [story.pk]
    assert ids("/api/v2/articles/", area="labour-migration", locale="en") == [article.pk]
    # A translation keeps the work areas of the page it was translated from.
    mongolian = article.get_translation(Locale.objects.get(language_code="mn"))
    assert ids("/api/v2/articles/", area="labour-migration", locale="mn") == [mongolian.pk]
    assert ids("/api/v2/articles/", area="border-management") == []

    now = timezone.now()
    opportunities = content["opportunities"].get_parent()
    closed = OpportunityPageFactory(parent=opportunities, kind="procurement", deadline=now - timedelta(days=2))
    open_one = content["opportunities"]
    assert ids("/api/v2/opportunities/", status="closed") == [closed.pk]
    assert open_one.pk in ids("/api/v2/opportunities/", status="open")
    assert ids("/api/v2/opportunities/", kind="procurement") == [closed.pk]
    day = timezone.localdate(closed.deadline).isoformat()
    assert ids("/api/v2/opportunities/", deadline_after=day, deadline_before=day) == [closed.pk]
    [item] = items(client, "/api/v2/opportunities/", kind="procurement")
    assert item["status"] == "closed"

    events = content["events"].get_parent()
    past = EventPageFactory(parent=events, start=now - timedelta(days=3), end=None)
    assert ids("/api/v2/events/", status="past") == [past.pk]
    assert past.pk not in ids("/api/v2/events/", status="upcoming")
    assert ids("/api/v2/publications/", publication_type="report", locale="en") == [content["publications"].pk]


@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/v2/articles/?kind=gossip", "kind must be one of: news, story, press-release"),
        ("/api/v2/articles/?year=24", "year is written with four digits, e.g. 2024"),
        ("/api/v2/publications/?year=0000", "year is written with four digits, e.g. 2024"),
        ("/api/v2/articles/?area=nowhere", "there is no such work area"),
        ("/api/v2/opportunities/?status=maybe", "status must be open or closed"),
        ("/api/v2/events/?status=open", "status must be upcoming or past"),
        ("/api/v2/opportunities/?deadline_after=31/12/2026", "deadline_after is a date written YYYY-MM-DD"),
        ("/api/v2/opportunities/?deadline_before=2026-02-31", "deadline_before is a date written YYYY-MM-DD"),
        ("/api/v2/publications/?publication_type=novel", "publication_type must be one of"),
        ("/api/v2/articles/?locale=fr", "locale must be one of: en, mn"),
        ("/api/v2/pages/?locale=fr", "locale must be one of: en, mn"),
        ("/api/v2/articles/?type=pages.StandardPage", "query parameter is not an operation"),
        ("/api/v2/pages/?type=pages.NoSuchPage", "type doesn't exist"),
        ("/api/v2/pages/?site=elsewhere.example", "query parameter is not an operation"),
        ("/api/v2/articles/?colour=red", "query parameter is not an operation"),
        ("/api/v2/articles/?fields=nonsense", "unknown fields: nonsense"),
        ("/api/v2/articles/?limit=1000", "limit cannot be higher than 100"),
        ("/api/v2/articles/?offset=-1", "offset must be a positive integer"),
        ("/api/v2/articles/?order=password", "cannot order by 'password'"),
        ("/api/v2/articles/?child_of=banana", "child_of must be a positive integer"),
        ("/api/v2/articles/?title=%00", "null characters are not allowed"),
    ],
)
def test_bad_parameters_are_a_400_with_a_message(content, client, url, message):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert message in response.json()["message"]
    assert response["Cache-Control"] == "private, no-cache"


def test_an_unknown_item_is_a_404_and_an_unknown_download_too(content, client):
    assert get(client, "/api/v2/articles/999999/").status_code == 404
    # Found by schemathesis: an id past the database's integers, and an address no endpoint has.
    for url in ("/api/v2/publications/10000000000000000000/", "/api/v2/pages/null,null/", "/api/v2/nothing/"):
        response = get(client, url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["message"]
    assert client.get("/api/v2/key-figures.xlsx").status_code == 404


def test_cors_and_cache_headers(content, client):
    response = client.get("/api/v2/articles/", HTTP_ORIGIN="https://un.org.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        response["Cache-Control"]
        == "public, max-age=60, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400"
    )
    preflight = client.options(
        "/api/v2/articles/", HTTP_ORIGIN="https://un.org.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    # Nothing else of the site is opened to other origins.
    assert not client.get("/en/", HTTP_ORIGIN="https://un.org.example").has_header("Access-Control-Allow-Origin")


def test_the_rate_limit_is_a_429_with_retry_after(content, client, settings):
    settings.RATE_LIMITS = {"api": "3/m"}
    for _number in range(3):
        assert client.get("/api/v2/articles/", REMOTE_ADDR="203.0.113.9").status_code == 200
    refused = client.get("/api/v2/articles/", REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "asked the API many times" in refused.json()["message"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "private, no-cache"
    assert client.get("/api/v2/key-figures.csv", REMOTE_ADDR="203.0.113.9").status_code == 429
    assert client.get("/api/v2/articles/", REMOTE_ADDR="198.51.100.3").status_code == 200


@pytest.fixture
def purged(monkeypatch):
    """The addresses scheduled for purging from the page cache, as one string."""
    urls = []
    monkeypatch.setattr(frontend_cache, "schedule_purge", lambda batch: urls.extend(batch))
    return lambda: " ".join(sorted(urls)) + " "


def test_publishing_purges_the_api_listing_and_the_items(content, purged):
    article = content["articles"]
    mongolian = article.get_translation(Locale.objects.get(language_code="mn"))
    article.save_revision().publish()
    for path in (
        "/api/v2/articles/",
        f"/api/v2/articles/{article.pk}/",
        f"/api/v2/articles/{mongolian.pk}/",
        "/api/v2/pages/",
        f"/api/v2/pages/{article.pk}/",
    ):
        assert f"http://localhost{path} " in purged()


def test_a_view_restriction_purges_every_listing(content, purged):
    PageViewRestriction.objects.create(page=content["people"], restriction_type=PageViewRestriction.LOGIN)
    for name in [*ENDPOINTS, "pages", "images", "documents"]:
        assert f"http://localhost/api/v2/{name}/ " in purged()
    assert "http://localhost/api/v2/key-figures.csv" in purged()


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warm-up: renditions made
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.json()["meta"]["total_count"]


def test_list_queries_do_not_grow_from_3_to_60_items(content, client, site_tree):
    index = content["articles"].get_parent()
    image = wagtail_factories.ImageFactory()
    ArticlePage.objects.exclude(pk=content["articles"].pk).delete()

    def add(count):
        for _number in range(count):
            page = ArticlePageFactory(parent=index, lead_image=image, work_areas=site_tree.work_areas, tags=["dzud"])
            mirror(page)

    add(2)
    url = "/api/v2/articles/?limit=100&fields=*"
    few, total = queries_for(client, url)
    assert total == 5  # 3 articles, 2 of them with their Mongolian alias
    add(57)
    many, total = queries_for(client, url)
    assert total == 119
    assert many == few, (few, many)
    for name in ("pages", "events", "people", "work-areas"):
        assert queries_for(client, f"/api/v2/{name}/?limit=100")[0] <= few
