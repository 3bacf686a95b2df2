"""Private stays private: documents in restricted collections and restricted pages are never
listed, searched or put in the sitemap; document files are served only through the app's checks.

Found in the probe: a document in a collection restricted to signed-in users was listed on Data
and Resources (title and link), and its file under /media/documents/ was served to anyone when
the proxy served /media/."""

import re
from pathlib import Path

import pytest
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from tests.factories import (
    HomePageFactory,
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    StandardPageFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    area = WorkAreaPageFactory(parent=WorkAreaIndexPageFactory(parent=home), title="Labour migration")
    ResourceIndexPageFactory(parent=home)
    internal = Collection.get_first_root_node().add_child(name="Internal")
    drafts = internal.add_child(name="Drafts")  # below a restricted collection: private too
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    return {
        "home": home,
        "area": area,
        "public": ResourceDocumentFactory(title="Annual report", work_areas=[area]),
        "internal": ResourceDocumentFactory(title="Staff memo", collection=internal, work_areas=[area]),
        "draft": ResourceDocumentFactory(title="Draft budget", collection=drafts, work_areas=[area]),
    }


def test_data_and_resources_lists_only_public_documents(site, client, admin_client):
    for visitor in (client, admin_client):  # the page is the same for everyone (it is cached)
        html = visitor.get("/en/data-and-resources/documents/").content.decode()
        assert "Annual report" in html
        assert "Staff memo" not in html and "Draft budget" not in html
        assert f"/documents/{site['internal'].pk}/" not in html


def test_a_work_area_page_shows_only_public_documents(site, client):
    html = client.get(site["area"].url).content.decode()
    assert "Annual report" in html
    assert "Staff memo" not in html and "Draft budget" not in html


def test_a_document_list_block_leaves_out_private_documents(site, client):
    chosen = [site["internal"], site["public"], site["draft"]]
    page = StandardPageFactory(
        parent=site["home"],
        slug="reading",
        body=[("document_list", {"heading": "Reading", "documents": chosen})],
    )
    html = client.get(page.url).content.decode()
    assert re.findall(r'<li class="document">\s*<a href="[^"]+">([^<]+)</a>', html) == ["Annual report"]


def test_private_document_files_need_a_signed_in_user(site, client, admin_client):
    internal = site["internal"]
    response = client.get(internal.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert admin_client.get(internal.url).status_code == 200
    assert client.get(site["public"].url).status_code == 200


def test_the_proxy_configuration_never_serves_document_files():
    conf = (ROOT / "deploy" / "nginx" / "iom-mongolia.conf").read_text()
    served = re.findall(r"location\s+(\S+)\s*\{[^}]*\balias\s+(\S+);", conf)
    assert served, "the proxy serves images from disk"
    assert all(
        location.startswith(("/media/images/", "/media/original_images/", "/static/")) for location, _ in served
    )
    assert not any("documents" in alias for _location, alias in served)
    assert re.search(r"location\s+/media/\s*\{\s*return 404;", conf)
    # The client address the app sees is the real one (realip), never a forwarded list a client wrote.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf


@pytest.fixture
def private_page(site):
    page = StandardPageFactory(parent=site["home"], slug="staff-area", title="Quillfeather staff area")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=page, slug="rota", title="Quillfeather rota")
    return page


def test_restricted_pages_are_not_in_the_sitemap_search_or_menus(private_page, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "staff-area" not in sitemap and "rota" not in sitemap
    results = client.get("/en/search/", {"q": "Quillfeather"})
    assert results.context["result_count"] == 0
    home = client.get("/en/").content.decode()
    assert "Quillfeather" not in home
    assert client.get(private_page.url).status_code == 302  # to the sign-in page


def test_restricted_articles_are_not_listed_in_the_news_or_its_feeds(site, client):
    """An article under a restricted page (or restricted itself) stays out of Media and news, its
    feeds and the home page's latest news, for anonymous visitors."""
    from tests.factories import ArticlePageFactory, NewsIndexPageFactory

    index = NewsIndexPageFactory(parent=site["home"], slug="media-and-news")
    ArticlePageFactory(parent=index, title="Open Quillfeather news", slug="open-news")
    secret = ArticlePageFactory(parent=index, title="Internal Quillfeather memo", slug="internal-memo")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    listing = client.get(index.url).content.decode()
    assert "Open Quillfeather news" in listing and "Internal Quillfeather memo" not in listing
    for feed in ("rss", "atom"):
        body = client.get(f"{index.url}feeds/{feed}/").content.decode()
        assert "Open Quillfeather news" in body, feed
        assert "Internal Quillfeather memo" not in body and "internal-memo" not in body, feed
    assert "Internal Quillfeather memo" not in client.get("/en/").content.decode()
    assert client.get(secret.url).status_code == 302  # to the sign-in page
