"""The Mongolian site is whole at all times (wagtail-localize's locale synchronisation): every
live English page has a Mongolian address, menu entry and sitemap entry before and after any
page is translated, and new, moved, unpublished and deleted English pages are mirrored."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from core.locale_sync import ensure_synchronisation
from tests.factories import HomePageFactory, StandardPageFactory, WorkAreaIndexPageFactory, WorkAreaPageFactory
from tests.translating import translate


@pytest.fixture
def tree(db):
    Locale.objects.get_or_create(language_code="mn")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home", title="Home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    about_us = StandardPageFactory(parent=home, slug="who", title="Who we are", show_in_menus=True)
    about = StandardPageFactory(parent=about_us, slug="about", title="About", intro="About us in English.")
    work = WorkAreaIndexPageFactory(parent=home, slug="work", title="Work", show_in_menus=True)
    area = WorkAreaPageFactory(parent=work, slug="area", title="An area", summary="English summary.")
    ensure_synchronisation()
    return {"home": home, "who": about_us, "about": about, "work": work, "area": area}


MONGOLIAN_PATHS = ["/mn/", "/mn/who/", "/mn/who/about/", "/mn/work/", "/mn/work/area/"]


def menu_links(html):
    header = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]
    return re.findall(r'href="([^"]+)"', header)


def assert_mongolian_site_whole(client):
    for path in MONGOLIAN_PATHS:
        assert client.get(path).status_code == 200, path
    links = menu_links(client.get("/mn/").content.decode())
    assert "/mn/who/" in links and "/mn/work/" in links
    assert not [link for link in links if link.startswith("/en/")]


def test_every_english_page_has_a_mongolian_address_with_an_untranslated_notice(tree, client):
    assert_mongolian_site_whole(client)
    html = client.get("/mn/who/about/").content.decode()
    assert '<html lang="mn">' in html
    assert 'class="notice untranslated-notice"' in html and "хараахан орчуулаагүй" in html
    assert re.search(r'<div class="content" lang="en">', html)
    assert "About us in English." in html
    # English pages carry no notice.
    assert "untranslated-notice" not in client.get("/en/who/about/").content.decode()


def test_translating_one_page_keeps_the_rest_of_the_mongolian_site(tree, client):
    translate(tree["about"], "Бидний тухай")
    assert_mongolian_site_whole(client)
    html = client.get("/mn/who/about/").content.decode()
    assert "Бидний тухай" in html and "untranslated-notice" not in html
    # The other Mongolian pages are still there, still marked untranslated.
    assert "untranslated-notice" in client.get("/mn/work/area/").content.decode()


def test_the_sitemap_lists_every_page_in_both_languages(tree, client):
    translate(tree["about"], "Бидний тухай")
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in MONGOLIAN_PATHS:
        assert f"<loc>http://testserver{path}</loc>" in sitemap, path
        assert f"<loc>http://testserver{path.replace('/mn/', '/en/', 1)}</loc>" in sitemap
    assert 'hreflang="mn" href="http://testserver/mn/who/about/"' in sitemap


def test_a_new_english_page_is_mirrored_when_published(tree, client):
    page = StandardPageFactory.build(slug="new", title="New page")
    tree["who"].add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/mn/who/new/").status_code == 200


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 12)
    client.force_login(admin)
    return client


def test_a_page_moved_in_the_admin_moves_in_mongolian_too(tree, admin_client):
    url = reverse("wagtailadmin_pages:move_confirm", args=[tree["about"].pk, tree["home"].pk])
    assert admin_client.post(url).status_code == 302
    assert admin_client.get("/mn/about/").status_code == 200
    # The old Mongolian address sends visitors to the new one (Wagtail's automatic redirect).
    old = admin_client.get("/mn/who/about/")
    assert old.status_code == 301 and old["Location"].endswith("/mn/about/")


def test_an_unpublished_english_page_leaves_the_mongolian_site(tree, admin_client):
    url = reverse("wagtailadmin_pages:unpublish", args=[tree["about"].pk])
    assert admin_client.post(url).status_code == 302
    assert admin_client.get("/mn/who/about/").status_code == 404


def test_a_page_deleted_in_the_admin_is_deleted_in_mongolian_unless_translated(tree, admin_client):
    url = reverse("wagtailadmin_pages:delete", args=[tree["area"].pk])
    assert admin_client.post(url).status_code == 302
    assert not Page.objects.filter(slug="area").exists()
    # A translated page is Mongolian work: deleting its English page keeps it.
    translated = translate(tree["about"], "Бидний тухай")
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[tree["about"].pk]))
    assert Page.objects.filter(pk=translated.pk).exists()


def test_a_page_created_and_published_at_once_in_the_admin_gets_its_mongolian_alias(tree, admin_client):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    add_url = reverse("wagtailadmin_pages:add", args=("pages", "standardpage", tree["who"].pk))
    data = nested_form_data(
        {
            "title": "Published at once",
            "slug": "at-once",
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>New.</p>"))]),
            "action-publish": "action-publish",
        }
    )
    assert admin_client.post(add_url, data).status_code == 302
    page = Page.objects.get(slug="at-once", locale__language_code="en")
    assert page.live
    assert Page.objects.filter(alias_of=page, locale__language_code="mn").count() == 1
    assert admin_client.get("/mn/who/at-once/").status_code == 200
