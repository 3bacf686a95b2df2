"""Titles, descriptions, canonical and alternate links, Open Graph, JSON-LD, sitemap.xml and robots.txt."""

import json
import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.factories import StandardPageFactory, add_every_page_type
from tests.project import project_page_models
from tests.site_urls import sitemap_entries, sitemap_paths


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta = {}
        self.links = []
        self.json_ld = []
        self.html_lang = None
        self._in_title = False
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_json_ld:
            self.json_ld[-1] += data

    def link(self, rel, hreflang=None):
        for link in self.links:
            if link.get("rel") == rel and link.get("hreflang") == hreflang:
                return link.get("href")
        return None


def parse_head(html):
    parser = HeadParser()
    parser.feed(html)
    parser.json_ld = [json.loads(block) for block in parser.json_ld]
    return parser


def json_ld_of_type(head, type_name):
    return [block for block in head.json_ld if block.get("@type") == type_name]


@pytest.fixture
def every_page_type(site_tree):
    """The factories' site with a page of every page type."""
    add_every_page_type(site_tree, project_page_models())
    return site_tree


@pytest.fixture
def sitemap(every_page_type, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_every_live_page_in_both_languages(every_page_type, client, sitemap):
    home = every_page_type.home
    live_pages = Page.objects.live().public().descendant_of(home, inclusive=True).specific()
    assert {type(page) for page in live_pages} == set(project_page_models())
    paths = set(sitemap_paths(sitemap))
    assert len(paths) == 2 * live_pages.count()
    for page in live_pages:
        english = page.get_url()
        assert english in paths, f"{english} is missing from the sitemap"
        assert "/mn/" + english.removeprefix("/en/") in paths
    for path, alternates in sitemap_entries(sitemap):
        assert set(alternates) == {"en", "mn", "x-default"}
        assert path in alternates.values()
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_private_pages(site_tree, client):
    draft = StandardPageFactory(parent=site_tree.home, title="Draft", slug="a-draft", live=False)
    private = StandardPageFactory(parent=site_tree.home, title="Private", slug="private-page")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret-words")
    paths = sitemap_paths(client.get("/sitemap.xml").content.decode())
    assert draft.get_url() is not None
    assert not [path for path in paths if "a-draft" in path or "private-page" in path]
    assert "/en/about-us/" in paths


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_admin_and_search(site_tree, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /en/search/" in lines and "Disallow: /mn/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


@pytest.mark.django_db
def test_every_page_has_title_description_canonical_social_tags_and_json_ld(every_page_type, client, sitemap):
    home = every_page_type.home
    page_types = set()
    for path, alternates in sitemap_entries(sitemap):
        response = client.get(path)
        assert response.status_code == 200, path
        head = parse_head(response.content.decode())
        page = response.context["page"]
        page_types.add(type(page).__name__)
        language = path.split("/")[1]

        assert head.html_lang == language
        assert head.title.strip().startswith(page.seo_title or page.title), path
        description = head.meta["description"]
        assert 20 <= len(description) <= 160, (path, description)
        assert "<" not in description
        canonical = head.link("canonical")
        assert canonical == f"http://testserver{path}"
        for code in ("en", "mn"):
            assert head.link("alternate", code) == f"http://testserver{alternates[code]}"
        assert head.link("alternate", "x-default") == f"http://testserver{alternates['x-default']}"
        assert head.meta["og:url"] == canonical
        assert head.meta["og:title"] == (page.seo_title or page.title)
        assert head.meta["og:description"] == description
        assert head.meta["og:locale"] == {"en": "en_GB", "mn": "mn_MN"}[language]
        assert head.meta["twitter:card"] in {"summary", "summary_large_image"}

        (organization,) = json_ld_of_type(head, "Organization")
        assert organization["name"] == "Example Migration Office"
        assert organization["url"] == f"http://testserver/{language}/"
        assert organization["telephone"] == "+976 1100 2200"
        assert organization["address"]["streetAddress"] == "12 Example Street, Example City 10000"
        breadcrumbs = json_ld_of_type(head, "BreadcrumbList")
        if page.translation_key == home.translation_key:
            assert breadcrumbs == []
        else:
            (crumbs,) = breadcrumbs
            items = crumbs["itemListElement"]
            assert items[0]["item"] == f"http://testserver/{language}/"
            assert items[-1]["item"] == canonical
            assert items[-1]["name"] == page.title
            assert [item["position"] for item in items] == list(range(1, len(items) + 1))
            assert len(items) == page.depth - home.depth + 1
    assert page_types == {model.__name__ for model in project_page_models()}


@pytest.mark.django_db
def test_description_falls_back_from_search_description_to_intro_to_the_site_default(site_tree, client):
    home = site_tree.home
    own = StandardPageFactory(parent=home, slug="own", search_description="Chosen words for search engines.")
    intro = StandardPageFactory(parent=home, slug="intro-only", intro="An intro " + "long " * 60)
    bare = StandardPageFactory(parent=home, slug="bare", intro="")

    assert parse_head(client.get(own.url).content.decode()).meta["description"] == "Chosen words for search engines."
    from_intro = parse_head(client.get(intro.url).content.decode()).meta["description"]
    assert from_intro.startswith("An intro long") and len(from_intro) <= 160
    fallback = parse_head(client.get(bare.url).content.decode()).meta["description"]
    assert fallback.startswith("The International Organization for Migration (IOM) in Mongolia")
    mongolian = parse_head(client.get("/mn/bare/").content.decode()).meta["description"]
    assert re.search("[а-яөү]", mongolian), "the fallback description is translated on Mongolian pages"


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of_by_a_page_title(site_tree, client):
    page = StandardPageFactory(parent=site_tree.home, slug="tricky", title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    head = parse_head(html)
    (crumbs,) = json_ld_of_type(head, "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_favicon_is_linked(site_tree, client):
    head = parse_head(client.get("/en/").content.decode())
    assert head.link("icon") == "/static/img/favicon.svg"
