"""The page cache: Cache-Control headers, and a real Varnish (deploy/varnish/iom-mongolia.vcl) in
front of the live test server, purged by Wagtail's frontend cache when content changes."""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from core.models import SiteSettings
from pages.models import HomePage, KeyFigure, StandardPage
from partners.models import Partner
from tests.conftest import VARNISH_PURGE_SECRET
from tests.http import request

PUBLIC = re.compile(r"public.*s-maxage=\d+|s-maxage=\d+.*public")


def is_private(cache_control):
    return "private" in [directive.strip() for directive in cache_control.split(",")]


def seed():
    call_command("load_site_content", stdout=open(os.devnull, "w"))


def editor_client():
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long test password")
    client = Client()
    client.force_login(user)
    return client


# Cache-Control, without a cache in front


@pytest.mark.django_db
def test_anonymous_pages_are_public_with_s_maxage_and_stale_directives(seeded_site, client):
    for path in ["/en/", "/en/who-we-are/about/", "/mn/our-work/", "/sitemap.xml", "/en/no-such-page/"]:
        response = client.get(path)
        control = response["Cache-Control"]
        assert PUBLIC.search(control), (path, control)
        assert "stale-while-revalidate=" in control and "stale-if-error=" in control


@pytest.mark.django_db
def test_search_results_are_never_stored(seeded_site, client):
    response = client.get("/en/search/", {"q": "migration"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_editors_previews_and_the_admin_are_private(seeded_site):
    editor = editor_client()
    for path in ["/en/", "/en/who-we-are/about/", "/admin/"]:
        response = editor.get(path)
        assert response.status_code == 200
        assert is_private(response["Cache-Control"]), (path, response["Cache-Control"])
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    preview_url = f"/admin/pages/{about.pk}/edit/preview/"
    form = {"title": "Previewed title", "slug": "about", "intro": "", "body-count": "0"}
    editor.post(preview_url, form)
    preview = editor.get(preview_url, {"mode": ""})
    assert preview.status_code == 200
    assert is_private(preview["Cache-Control"])


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_private(seeded_site, client):
    response = client.get("/admin/login/")  # a form with a CSRF token and cookie
    assert response.status_code == 200
    assert is_private(response["Cache-Control"])


@pytest.mark.django_db
def test_errors_and_redirects_are_not_shared(seeded_site, client):
    assert client.get("/").status_code == 302
    assert is_private(client.get("/")["Cache-Control"])


# Through a real Varnish


def warm(varnish, paths):
    """Each path fetched until the cache answers it (a second request is a hit)."""
    for path in paths:
        request(varnish + path)
        response = request(varnish + path)
        assert response.status == 200, path
        assert response.cache == "HIT", (path, response.headers)


@pytest.mark.django_db(transaction=True)
def test_publishing_purges_the_page_in_both_languages_and_every_page_listing_it(purging_to):
    seed()
    varnish = purging_to
    listing = ["/en/who-we-are/about/", "/mn/who-we-are/about/", "/en/who-we-are/", "/en/", "/mn/", "/sitemap.xml"]
    unrelated = "/en/take-action/"
    warm(varnish, [*listing, unrelated])

    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the mission, revised"
    about.save_revision().publish()

    for path in listing:
        response = request(varnish + path)
        assert response.status == 200
        assert response.cache == "MISS", f"{path} was not purged"
    assert "About the mission, revised" in request(varnish + "/en/who-we-are/about/").text
    assert "About the mission, revised" in request(varnish + "/en/who-we-are/").text  # the section lists it
    assert request(varnish + unrelated).cache == "HIT", "a page that does not show the change stays cached"


@pytest.mark.django_db(transaction=True)
def test_unpublishing_moving_and_deleting_purge_the_old_addresses(purging_to):
    seed()
    varnish = purging_to
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    warm(varnish, ["/en/who-we-are/about/", "/en/who-we-are/"])
    about.unpublish()
    assert request(varnish + "/en/who-we-are/about/").status == 404
    assert "/en/who-we-are/about/" not in request(varnish + "/en/who-we-are/").text

    about.save_revision().publish()
    warm(varnish, ["/en/who-we-are/about/", "/en/take-action/"])
    take_action = Page.objects.get(slug="take-action", locale__language_code="en")
    about.refresh_from_db()
    # Take Action may not hold pages; Who we are's parent (the home page) may hold standard pages.
    about.move(HomePage.objects.get(locale__language_code="en"), pos="last-child")
    moved = request(varnish + "/en/who-we-are/about/")
    assert moved.status == 301 and moved.headers["location"].endswith("/en/about/")  # Wagtail's redirect
    assert request(varnish + "/en/about/").status == 200

    warm(varnish, ["/en/about/"])
    Page.objects.get(pk=about.pk).delete()
    assert request(varnish + "/en/about/").status == 404
    assert request(varnish + take_action.url).cache == "HIT"


@pytest.mark.django_db(transaction=True)
def test_a_snippet_change_purges_the_pages_that_show_it(purging_to):
    seed()
    varnish = purging_to
    figure = KeyFigure.objects.filter(locale__language_code="en").first()
    home_html = request(varnish + "/en/").text
    assert figure.label in home_html, "the home page shows the seeded key figures"
    warm(varnish, ["/en/", "/en/who-we-are/partners/", "/en/take-action/"])

    figure.label = "Mongolians living abroad, revised figure"
    figure.save()
    response = request(varnish + "/en/")
    assert response.cache == "MISS" and "Mongolians living abroad, revised figure" in response.text
    assert request(varnish + "/en/take-action/").cache == "HIT"

    warm(varnish, ["/en/"])
    partner = Partner.objects.filter(live=True, locale__language_code="en").first()
    partner.name = "A renamed partner"
    partner.save_revision().publish()
    response = request(varnish + "/en/who-we-are/partners/")
    assert response.cache == "MISS" and "A renamed partner" in response.text

    # Site settings show in every page's footer: every page is purged.
    warm(varnish, ["/en/", "/en/take-action/", "/mn/who-we-are/about/"])
    settings = SiteSettings.objects.get()
    settings.phone = "+976 7000 0000"
    settings.save()
    for path in ["/en/", "/en/take-action/", "/mn/who-we-are/about/"]:
        response = request(varnish + path)
        assert response.cache == "MISS" and "+976 7000 0000" in response.text, path


@pytest.mark.django_db(transaction=True)
def test_signed_in_editors_and_previews_never_get_or_fill_the_shared_cache(varnish):
    seed()
    editor = editor_client()
    session = f"sessionid={editor.cookies['sessionid'].value}; csrftoken=abc"
    warm(varnish, ["/en/"])

    signed_in = request(varnish + "/en/", headers={"Cookie": session})
    assert signed_in.status == 200 and signed_in.cache == "MISS"
    assert is_private(signed_in.headers["cache-control"])
    assert "wagtail-userbar" in signed_in.text, "the editor sees their own page, with the edit bar"

    anonymous = request(varnish + "/en/")
    assert anonymous.cache == "HIT" and "wagtail-userbar" not in anonymous.text
    # A visitor's other cookies (a CSRF token left by a form) do not keep them from the cache.
    assert request(varnish + "/en/", headers={"Cookie": "csrftoken=abc"}).cache == "HIT"

    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    preview = request(varnish + f"/admin/pages/{about.pk}/edit/preview/?mode=", headers={"Cookie": session})
    assert preview.cache == "MISS" and is_private(preview.headers["cache-control"])
    assert request(varnish + "/en/search/?q=migration").headers["cache-control"] == "private, no-store"
    assert request(varnish + "/en/search/?q=migration").cache == "MISS"


@pytest.mark.django_db(transaction=True)
def test_only_the_app_servers_may_purge(varnish):
    seed()
    warm(varnish, ["/en/"])
    secret = {"X-Purge-Secret": VARNISH_PURGE_SECRET}
    refused = request(varnish + "/en/", method="PURGE", headers=secret, source_address="127.0.0.2")
    assert refused.status == 405
    # From the app servers' address, but without the secret or with another one.
    assert request(varnish + "/en/", method="PURGE").status == 403
    assert request(varnish + "/en/", method="PURGE", headers={"X-Purge-Secret": "guess"}).status == 403
    assert request(varnish + "/en/").cache == "HIT"
    assert request(varnish + "/en/", method="PURGE", headers=secret).status == 200
    assert request(varnish + "/en/").cache == "MISS"


def test_the_cache_shows_the_bilingual_503_page_when_the_site_is_down(services_dir):
    """A Varnish whose origin does not answer: nothing cached, so the static 503 page."""
    from scripts import services

    port, dead = services.free_port(), services.free_port()
    process = services.start_varnish(services_dir / "varnish-down", port, dead)
    try:
        response = request(f"http://127.0.0.1:{port}/en/")
    finally:
        services.stop(process)
    assert response.status == 503
    assert response.headers["cache-control"] == "no-store"
    assert "The site is temporarily unavailable" in response.text
    assert 'lang="mn"' in response.text and "Вэб сайт түр ажиллахгүй байна" in response.text


@pytest.mark.django_db(transaction=True)
def test_publishing_an_article_purges_its_work_areas_filtered_lists_and_feeds(purging_to):
    """An article shows on more than its own address: the work area pages it is about, every
    filtered or later page of Media and news (?kind=, ?page=) and the feeds."""
    from news.models import ArticleKind, NewsIndexPage
    from pages.models import WorkAreaPage
    from tests.news.helpers import add_article

    seed()
    varnish = purging_to
    index = NewsIndexPage.objects.get(locale__language_code="en")
    internal = WorkAreaPage.objects.get(slug="internal-migration", locale__language_code="en")
    earlier = add_article(index, "An earlier story", kind=ArticleKind.STORY, work_areas=[internal])
    earlier.save_revision().publish()
    showing = [
        "/en/our-work/internal-migration/",
        "/mn/our-work/internal-migration/",
        "/en/media-and-news/?kind=story",
        "/en/media-and-news/?area=internal-migration&kind=story",
        "/en/media-and-news/feeds/rss/",
        "/en/media-and-news/feeds/atom/",
        "/en/media-and-news/feeds/story/rss/",
        "/mn/media-and-news/feeds/rss/",
    ]
    unrelated = "/en/our-work/counter-trafficking/"
    warm(varnish, [*showing, unrelated])

    article = add_article(index, "Winter kits reach herder families", kind=ArticleKind.STORY, work_areas=[internal])
    article.save_revision().publish()

    for path in showing:
        response = request(varnish + path)
        assert response.cache == "MISS", f"{path} was not purged"
        if path.startswith("/en/"):
            assert "Winter kits reach herder families" in response.text, path
    assert request(varnish + unrelated).cache == "HIT", "a work area the article is not about stays cached"


@pytest.mark.django_db(transaction=True)
def test_publishing_purges_the_api_listings_and_items_through_varnish(purging_to):
    """The open data API (api/purge.py) is cached like the pages: a publish takes the article's
    listing (with its filtered variants), its item and the pages listing out of the cache, in both
    languages, while another type's listing stays cached."""
    from news.models import NewsIndexPage
    from tests.news.helpers import add_article

    seed()
    varnish = purging_to
    index = NewsIndexPage.objects.get(locale__language_code="en")
    article = add_article(index, "Border posts get new scanners")
    article.save_revision().publish()
    showing = [
        "/api/v2/articles/",
        "/api/v2/articles/?locale=mn",
        f"/api/v2/articles/{article.pk}/",
        "/api/v2/pages/",
    ]
    unrelated = "/api/v2/events/"
    warm(varnish, [*showing, unrelated])
    assert "Border posts get new scanners" in request(varnish + "/api/v2/articles/").text

    article.title = "Border posts get new scanners and training"
    article.save_revision().publish()

    for path in showing:
        response = request(varnish + path)
        assert response.status == 200, path
        assert response.cache == "MISS", f"{path} was not purged"
    assert "scanners and training" in request(varnish + "/api/v2/articles/").text
    assert "scanners and training" in request(varnish + f"/api/v2/articles/{article.pk}/").text
    assert request(varnish + unrelated).cache == "HIT", "another type's listing stays cached"
