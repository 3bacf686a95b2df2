"""Publications: a page per report or document with its language versions (file, size and type), listed
on Data and Resources newest first and filtered by type, year and work area (alone and together),
paginated; bad values are 404s; the Mongolian address; site search; sitemap; valid HTML; tree rules;
creation through the admin; queries that do not grow with the number of publications."""

import datetime
import re

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.locale_sync import mirror
from pages.models import HomePage, PublicationPage, ResourceIndexPage
from tests.factories import PublicationPageFactory, ResourceDocumentFactory, ResourceIndexPageFactory
from tests.html_checker import html_errors, save_pages

INDEX = "/en/data-and-resources/"

# title, type, publication date, work areas (indexes into site_tree.work_areas: 0 labour, 1 border)
PUBLICATIONS = [
    ("Alpha report", "report", datetime.date(2024, 3, 10), [0]),
    ("Bravo brief", "brief", datetime.date(2023, 11, 5), [1]),
    ("Charlie factsheet", "factsheet", datetime.date(2024, 6, 1), [0]),
    ("Delta report", "report", datetime.date(2023, 2, 1), []),
    ("Echo guide", "guide", datetime.date(2022, 1, 1), [0, 1]),
]
NEWEST_FIRST = ["Charlie factsheet", "Alpha report", "Bravo brief", "Delta report", "Echo guide"]


def slugify(title):
    return title.lower().replace(" ", "-")


def add_publication(index, title, **fields):
    page = PublicationPageFactory(parent=index, title=title, slug=slugify(title), **fields)
    mirror(page)  # its Mongolian alias, as publishing gives it on the real site
    return page


@pytest.fixture
def library(site_tree):
    site_tree.index = ResourceIndexPageFactory(parent=site_tree.home)
    mirror(site_tree.index)
    for title, kind, date, areas in PUBLICATIONS:
        add_publication(
            site_tree.index,
            title,
            publication_type=kind,
            publication_date=date,
            work_areas=[site_tree.work_areas[number] for number in areas],
        )
    return site_tree


def titles(response):
    """The publication titles listed in the page's main content, in order."""
    main = response.content.decode().split("<main", 1)[1]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', main)


def set_per_page(index, number):
    ResourceIndexPage.objects.filter(translation_key=index.translation_key).update(per_page=number)


# The list, its filters and pages


def test_lists_publications_newest_first_with_type_and_date(library, client):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert titles(response) == NEWEST_FIRST
    html = response.content.decode()
    assert '<span class="publication-type">Factsheet</span>' in html
    assert '<time datetime="2024-06-01">1 June 2024</time>' in html
    assert 'href="/en/data-and-resources/charlie-factsheet/"' in html
    assert 'class="active-filters"' not in html and 'name="robots"' not in html
    assert f'href="{INDEX}documents/"' in html  # the list of every document stays a link away


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"type": "report"}, ["Alpha report", "Delta report"]),
        ({"type": "guide"}, ["Echo guide"]),
        ({"year": "2024"}, ["Charlie factsheet", "Alpha report"]),
        ({"year": "2023"}, ["Bravo brief", "Delta report"]),
        ({"area": "labour-migration"}, ["Charlie factsheet", "Alpha report", "Echo guide"]),
        ({"area": "border-management"}, ["Bravo brief", "Echo guide"]),
        ({"type": "report", "year": "2024"}, ["Alpha report"]),
        ({"year": "2022", "area": "border-management"}, ["Echo guide"]),
        ({"type": "factsheet", "year": "2024", "area": "labour-migration"}, ["Charlie factsheet"]),
    ],
)
def test_filters_alone_and_combined(library, client, params, expected):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    assert titles(response) == expected
    html = response.content.decode()
    assert 'class="active-filters"' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    for name, value in params.items():
        # The chosen option is marked, and the links of the other filters keep it.
        assert re.search(rf'href="\?[^"]*{name}={re.escape(value)}[^"]*" aria-current="true"', html), name
    if "year" in params and "type" in params:
        assert f'href="?type=brief&amp;year={params["year"]}' in html


def test_a_filter_that_matches_nothing_says_so(library, client):
    response = client.get(INDEX, {"type": "guide", "year": "2024"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "No publications match these filters." in response.content.decode()


def test_the_filters_offer_only_years_and_work_areas_with_publications(library, client):
    html = client.get(INDEX).content.decode()
    years = re.findall(r'href="\?year=(\d{4})"', html)
    assert years == ["2024", "2023", "2022"]
    assert 'href="?area=labour-migration"' in html
    border = library.work_areas[1]
    PublicationPage.objects.filter(work_areas=border).delete()
    html = client.get(INDEX).content.decode()
    assert 'href="?area=border-management"' not in html


@pytest.mark.parametrize(
    "params,message",
    [
        ({"type": "magazine"}, "There is no such type of publication."),
        ({"year": "24"}, "A year is written with four digits"),
        ({"year": "२०२४"}, "A year is written with four digits"),
        ({"year": "0000"}, "A year is written with four digits"),
        ({"area": "no-such-area"}, "There is no such work area."),
        ({"area": "<script>alert(1)</script>"}, "There is no such work area."),
        ({"page": "0"}, "Page numbers are whole numbers from 1."),
        ({"page": "abc"}, "Page numbers are whole numbers from 1."),
        ({"page": "9" * 5000}, "Page numbers are whole numbers from 1."),
        ({"page": "2"}, "There is no page 2: this list has 1."),
        ({"type": "report", "page": "-1"}, "Page numbers are whole numbers from 1."),
    ],
)
def test_bad_values_are_404s_that_say_what_was_wrong(library, client, params, message):
    response = client.get(INDEX, params)
    assert response.status_code == 404
    html = response.content.decode()
    assert message in html
    assert f'<a href="{INDEX}">Show all publications</a>' in html
    assert titles(response) == []
    assert "<script>alert" not in html


def test_pagination_keeps_the_filters_and_says_where_it_is(library, client):
    set_per_page(library.index, 2)
    first = client.get(INDEX)
    assert titles(first) == ["Charlie factsheet", "Alpha report"]
    html = first.content.decode()
    assert "Page 1 of 3" in html and '<a rel="next" href="?page=2">' in html and 'rel="prev"' not in html
    second = client.get(INDEX, {"page": "2"})
    assert titles(second) == ["Bravo brief", "Delta report"]
    assert '<a rel="prev" href="?">' in second.content.decode()
    assert titles(client.get(INDEX, {"page": "3"})) == ["Echo guide"]
    assert client.get(INDEX, {"page": "4"}).status_code == 404

    filtered = client.get(INDEX, {"area": "labour-migration"})
    assert titles(filtered) == ["Charlie factsheet", "Alpha report"]
    assert '<a rel="next" href="?area=labour-migration&amp;page=2">' in filtered.content.decode()
    assert titles(client.get(INDEX, {"area": "labour-migration", "page": "2"})) == ["Echo guide"]


def test_an_empty_list_is_friendly(site_tree, client):
    ResourceIndexPageFactory(parent=site_tree.home)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There are no publications yet." in html
    assert "publication-filters" not in html


def test_drafts_and_other_pages_are_not_listed(library, client):
    draft = add_publication(library.index, "Foxtrot draft")
    draft.unpublish()
    assert "Foxtrot draft" not in titles(client.get(INDEX))


# A publication's page


@pytest.fixture
def report(library):
    english = ResourceDocumentFactory(title="Migration profile (English)")
    mongolian = ResourceDocumentFactory(
        title="Шилжилт хөдөлгөөний тойм",
        file=ContentFile(b"PK mongolian version\n" * 150, name="profile-mn.docx"),
    )
    page = PublicationPage.objects.get(slug="alpha-report", locale__language_code="en")
    from pages.models import PublicationLanguageVersion

    PublicationLanguageVersion.objects.create(page=page, language="en", document=english, sort_order=0)
    PublicationLanguageVersion.objects.create(page=page, language="mn", document=mongolian, sort_order=1)
    page.summary = "A profile of internal migration in 2023."
    page.cover_image = wagtail_factories.ImageFactory(file__width=600, file__height=848)
    page.cover_image_alt = "The report's cover: a family in front of a ger."
    page.save_revision().publish()
    return {"page": page, "english": english, "mongolian": mongolian}


def test_a_publication_shows_its_language_versions_with_size_and_type(report, client):
    response = client.get("/en/data-and-resources/alpha-report/")
    assert response.status_code == 200
    html = response.content.decode()
    english, mongolian = report["english"], report["mongolian"]
    assert "<h1>Alpha report</h1>" in html
    assert "A profile of internal migration in 2023." in html
    assert f'<a href="{english.url}" hreflang="en">Migration profile (English)</a>' in html
    assert f'<a href="{mongolian.url}" hreflang="mn">Шилжилт хөдөлгөөний тойм</a>' in html
    files = html.split('class="publication-files"', 1)[1].split("</ul>", 1)[0]
    assert '<span lang="en">English</span>' in files and '<span lang="mn">Монгол</span>' in files
    assert "PDF, 1.1\xa0KB" in files  # the factory's PDF
    assert "DOCX, 3.1\xa0KB" in files.split('hreflang="mn"', 1)[1]
    assert html.index("Migration profile (English)") < html.index("Шилжилт хөдөлгөөний тойм")
    assert 'alt="The report\'s cover: a family in front of a ger."' in html or (
        'alt="The report&#x27;s cover: a family in front of a ger."' in html
    )
    assert '<a href="/en/data-and-resources/?type=report">Report</a>' in html
    assert '<a href="/en/data-and-resources/?area=labour-migration">Labour migration</a>' in html


def test_a_publication_has_report_json_ld_with_its_files(report, client):
    import json

    html = client.get("/en/data-and-resources/alpha-report/").content.decode()
    blocks = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    [data] = [block for block in blocks if block.get("@type") == "Report"]
    assert data["name"] == "Alpha report" and data["description"] == "A profile of internal migration in 2023."
    assert data["inLanguage"] == "en" and data["url"] == "http://testserver/en/data-and-resources/alpha-report/"
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["image"]["url"].startswith("http://testserver/")
    assert [(file["inLanguage"], file["name"]) for file in data["encoding"]] == [
        ("en", "Migration profile (English)"),
        ("mn", "Шилжилт хөдөлгөөний тойм"),
    ]
    assert all(file["contentUrl"].startswith("http://testserver/") for file in data["encoding"])
    mongolian = client.get("/mn/data-and-resources/alpha-report/").content.decode()
    found = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', mongolian)]
    [data] = [block for block in found if block.get("@type") == "Report"]
    assert data["url"] == "http://testserver/mn/data-and-resources/alpha-report/"
    assert data["inLanguage"] == "en"  # not translated yet: the English text, under the Mongolian address


def test_a_file_in_a_restricted_collection_is_left_out(report, client):
    internal = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    report["mongolian"].collection = internal
    report["mongolian"].save()
    html = client.get("/en/data-and-resources/alpha-report/").content.decode()
    assert "Migration profile (English)" in html
    assert "Шилжилт хөдөлгөөний тойм" not in html and report["mongolian"].url not in html


def test_a_publication_without_files_says_so(library, client):
    html = client.get("/en/data-and-resources/delta-report/").content.decode()
    assert "The files of this publication are not available yet." in html


def test_a_cover_image_needs_alternative_text(library):
    page = PublicationPage.objects.get(slug="alpha-report", locale__language_code="en")
    page.cover_image = wagtail_factories.ImageFactory()
    page.cover_image_alt = " "
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "cover_image_alt" in error.value.message_dict


def test_the_contract_summary_and_share_image(report):
    page = report["page"]
    assert page.get_listing_summary() == "A profile of internal migration in 2023."
    assert page.get_meta_description() == "A profile of internal migration in 2023."
    assert page.get_share_image() == page.cover_image


# Mongolian, search, sitemap


def test_the_mongolian_addresses_work(report, client):
    index = client.get("/mn/data-and-resources/")
    assert index.status_code == 200
    assert titles(index) == NEWEST_FIRST  # aliases: the English titles until translated
    html = index.content.decode()
    assert 'href="/mn/data-and-resources/alpha-report/"' in html
    assert '<h2 id="publications-heading">Хэвлэлүүд</h2>' in html
    filtered = client.get("/mn/data-and-resources/", {"area": "labour-migration", "type": "report"})
    assert filtered.status_code == 200 and titles(filtered) == ["Alpha report"]
    page = client.get("/mn/data-and-resources/alpha-report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="mn">' in html
    assert report["english"].url in html and report["mongolian"].url in html
    assert '<a href="/mn/data-and-resources/?area=labour-migration">' in html
    assert client.get("/mn/data-and-resources/documents/").status_code == 200


def test_site_search_finds_a_publication_by_title_and_summary(report, client):
    for query in ("Alpha report", "internal migration profile"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert '<a href="/en/data-and-resources/alpha-report/">Alpha report</a>' in html, query


def test_site_search_finds_a_document_by_title_with_its_type_and_size(report, client):
    html = client.get("/en/search/", {"q": "Migration profile"}).content.decode()
    document = report["english"]
    assert f'<a href="{document.url}">Migration profile (English)</a>' in html
    assert "PDF, 1.1\xa0KB" in html


def test_site_search_never_finds_a_private_document(report, client):
    internal = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    ResourceDocumentFactory(title="Confidential migration memo", collection=internal)
    html = client.get("/en/search/", {"q": "Confidential memo"}).content.decode()
    assert "Confidential migration memo" not in html


def test_the_sitemap_lists_publications_in_both_languages(report, client):
    xml = client.get("/sitemap.xml").content.decode()
    entry = xml.split("<loc>http://testserver/en/data-and-resources/alpha-report/</loc>", 1)[1].split("</url>", 1)[0]
    assert re.search(r"<lastmod>\d{4}-\d{2}-\d{2}", entry)
    assert 'hreflang="mn" href="http://testserver/mn/data-and-resources/alpha-report/"' in entry


# Valid HTML


def test_the_pages_are_valid_html_in_both_languages(report, client, tmp_path):
    set_per_page(report["page"].get_parent(), 2)
    paths = {}
    for language in ("en", "mn"):
        base = f"/{language}/data-and-resources/"
        paths.update(
            {
                base: {200},
                base + "?type=report&year=2024&area=labour-migration": {200},
                base + "?type=guide&year=2024": {200},
                base + "?page=2": {200},
                base + "?type=magazine": {404},
                base + "alpha-report/": {200},
                base + "delta-report/": {200},
                base + "documents/": {200},
            }
        )
    files = save_pages(client, paths, tmp_path)
    report_text = html_errors(tmp_path, files)
    assert not report_text, report_text


# Tree rules, the admin


class TestTreeRules(WagtailPageTestCase):
    def test_publications_live_under_data_and_resources_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(PublicationPage, {ResourceIndexPage})
        self.assertAllowedSubpageTypes(ResourceIndexPage, {PublicationPage})
        self.assertAllowedSubpageTypes(PublicationPage, set())
        self.assertCanNotCreateAt(HomePage, PublicationPage)


def test_editors_can_add_a_publication_through_the_admin(library, admin_client):
    english, mongolian = ResourceDocumentFactory(title="Brief (EN)"), ResourceDocumentFactory(title="Brief (MN)")
    image = wagtail_factories.ImageFactory()
    url = reverse("wagtailadmin_pages:add", args=["pages", "publicationpage", library.index.pk])
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Returnee brief",
            "slug": "returnee-brief",
            "publication_type": "brief",
            "publication_date": "2024-11-20",
            "summary": "What returnees told us.",
            "cover_image": image.pk,
            "cover_image_alt": "",
            "language_versions": inline_formset(
                [{"language": "en", "document": english.pk}, {"language": "mn", "document": mongolian.pk}]
            ),
            "comments": inline_formset([]),
        }
    )
    data["work_areas"] = [library.work_areas[0].pk]  # checkboxes: one value per ticked box
    response = admin_client.post(url, data)
    assert response.status_code == 200, "without alternative text for the cover the form is refused"
    assert not PublicationPage.objects.filter(slug="returnee-brief").exists()
    data["cover_image_alt"] = "The brief's cover."
    response = admin_client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302
    page = PublicationPage.objects.get(slug="returnee-brief", locale__language_code="en")
    assert page.live and page.publication_type == "brief"
    assert list(page.work_areas.all()) == [library.work_areas[0]]
    assert [(v.language, v.document) for v in page.language_versions.all()] == [("en", english), ("mn", mongolian)]
    # Publishing gave it its Mongolian address.
    assert admin_client.get("/mn/data-and-resources/returnee-brief/").status_code == 200


def test_the_admin_offers_work_areas_in_the_page_language_only(library, admin_client):
    url = reverse("wagtailadmin_pages:add", args=["pages", "publicationpage", library.index.pk])
    html = admin_client.get(url).content.decode()
    assert html.count('name="work_areas"') == len(library.work_areas)


# Queries

QUERY_PAGES = {
    "index": INDEX,
    "index filtered": INDEX + "?type=report&year=2024&area=labour-migration",
    "index page 2": INDEX + "?page=2",
    "publication": INDEX + "publication-0/",
    "index in Mongolian": "/mn/data-and-resources/",
    "publication in Mongolian": "/mn/data-and-resources/publication-0/",
}


def add_many(index, areas, start, count):
    for number in range(start, start + count):
        add_publication(
            index,
            f"Publication {number}",
            publication_type="report" if number % 2 else "brief",
            publication_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            cover_image=wagtail_factories.ImageFactory(),
            work_areas=areas,
            language_versions=[("en", ResourceDocumentFactory()), ("mn", ResourceDocumentFactory())],
        )


def queries_for(client, url):
    client.get(url)  # warm-up: renditions made, caches filled, as after any earlier visitor
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.content.decode()


def test_queries_do_not_grow_with_the_number_of_publications(site_tree, client):
    index = ResourceIndexPageFactory(parent=site_tree.home)
    mirror(index)
    add_many(index, site_tree.work_areas, 0, 3)
    set_per_page(index, 2)  # two pages already with 3
    few = {name: queries_for(client, url)[0] for name, url in QUERY_PAGES.items()}

    add_many(index, site_tree.work_areas, 3, 57)
    assert PublicationPage.objects.live().filter(locale__language_code="en").count() == 60
    set_per_page(index, 12)
    many = {}
    for name, url in QUERY_PAGES.items():
        many[name], html = queries_for(client, url)
        if name == "index":
            assert html.count('class="card publication-card"') == 12
            assert html.count("<picture") == 12
    report = "\n".join(
        f"{name}: {few[name]} queries with 3 publications, {many[name]} with 60" for name in QUERY_PAGES
    )
    print("\n" + report)
    assert few == many, report
    # Since the second page cache went (issue 19), an uncached view makes 18-26 queries; the bar of
    # 12 is open in issue 19. This keeps today's figure from growing.
    assert max(many.values()) <= 26, report
