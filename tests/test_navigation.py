"""Header menu, breadcrumbs, footer, language switcher and the languages of a page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.models import SiteSettings
from core.navigation import swap_language_prefix
from tests.factories import StandardPageFactory


def menu_html(html):
    return html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]


@pytest.mark.django_db
def test_menu_lists_sections_in_menu_with_their_children(seeded_site, client):
    hidden = StandardPageFactory(parent=seeded_site, slug="not-in-menu", title="Not in menu", show_in_menus=False)
    draft = StandardPageFactory(parent=seeded_site, slug="draft-section", title="Draft section", live=False)
    menu = menu_html(client.get("/en/").content.decode())
    assert '<a href="/en/who-we-are/">Who We Are</a>' in menu
    assert '<a href="/en/who-we-are/about/">About</a>' in menu
    assert hidden.title not in menu and draft.title not in menu
    sections = re.findall(r'<li class="nav-item[^"]*">\s*<a href="([^"]+)"', menu)
    top_level = [page.url for page in seeded_site.get_children().live().public().in_menu().order_by("path").specific()]
    assert sections == top_level


@pytest.mark.django_db
def test_menu_marks_the_current_page_and_its_section(seeded_site, client):
    menu = menu_html(client.get("/en/who-we-are/about/").content.decode())
    assert '<a href="/en/who-we-are/" aria-current="true">Who We Are</a>' in menu
    assert '<a href="/en/who-we-are/about/" aria-current="page">About</a>' in menu


@pytest.mark.django_db
def test_menu_queries_do_not_grow_with_the_number_of_sections(seeded_site, client):
    client.get("/en/")

    def count():
        client.get("/en/")  # the menu in the shared cache again after the change
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return len(queries)

    before = count()
    for number in range(4):
        section = StandardPageFactory(parent=seeded_site, slug=f"extra-{number}", title=f"Extra {number}")
        for child in range(3):
            StandardPageFactory(parent=section, slug=f"child-{child}", title=f"Child {child}")
    after = count()
    assert after == before, f"{before} queries before, {after} after adding sections"


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(seeded_site, client):
    html = client.get("/en/who-we-are/about/").content.decode()
    crumbs = html[html.index('aria-label="Breadcrumb"') : html.index("</nav>", html.index('aria-label="Breadcrumb"'))]
    links = re.findall(r'<a href="([^"]+)"', crumbs)
    assert links == ["/en/", "/en/who-we-are/", "/en/who-we-are/about/"]
    assert 'aria-current="page"' in crumbs
    assert 'aria-label="Breadcrumb"' not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_footer_shows_the_editable_site_settings(seeded_site, client):
    settings = SiteSettings.objects.get()
    settings.email = "public-enquiries@example.org"
    settings.facebook_url = "https://facebook.example/iom-mongolia"
    settings.footer_text = "Footer words in English."
    settings.footer_text_mn = "Монгол хөлийн бичвэр."
    settings.save()

    english = client.get("/en/").content.decode()
    footer = english[english.index('<footer class="site-footer">') :]
    assert "United Nations House" in footer
    assert 'href="tel:+97670143100"' in footer
    assert 'href="mailto:public-enquiries@example.org"' in footer
    assert 'href="https://facebook.example/iom-mongolia"' in footer
    assert "Footer words in English." in footer

    mongolian = client.get("/mn/").content.decode()
    footer = mongolian[mongolian.index('<footer class="site-footer">') :]
    assert "НҮБ-ын Нэгдсэн байр" in footer
    assert "Монгол хөлийн бичвэр." in footer
    assert "Холбоо барих" in footer


@pytest.mark.django_db
def test_untranslated_page_at_mongolian_address_marks_ui_and_content_languages(seeded_site, client):
    html = client.get("/mn/who-we-are/about/").content.decode()
    assert '<html lang="mn">' in html
    assert '<div class="content" lang="en">' in html
    assert "Цэс" in html  # the interface is in Mongolian
    # Links keep the visitor in Mongolian.
    assert '<a href="/mn/who-we-are/" lang="en"' in menu_html(html)
    assert 'href="/en/who-we-are/about/" hreflang="en" lang="en">English</a>' in html
    assert 'href="/mn/who-we-are/about/" hreflang="mn" lang="mn" aria-current="true">Монгол</a>' in html

    english = client.get("/en/who-we-are/about/").content.decode()
    assert '<html lang="en">' in english
    assert '<div class="content">' in english


@pytest.mark.django_db
def test_language_switcher_links_a_translated_page_to_its_translation(seeded_site, client):
    mongolian = Locale.objects.get(language_code="mn")
    about = seeded_site.get_children().get(slug="who-we-are").get_children().get(slug="about").specific
    home_mn = seeded_site.copy_for_translation(mongolian)
    home_mn.save_revision().publish()
    who_mn = about.get_parent().specific.copy_for_translation(mongolian)
    who_mn.save_revision().publish()
    about_mn = about.copy_for_translation(mongolian)
    about_mn.title = "Бидний тухай"
    about_mn.slug = "bidnii-tukhai"
    about_mn.save_revision().publish()

    html = client.get("/en/who-we-are/about/").content.decode()
    assert 'href="/mn/who-we-are/bidnii-tukhai/" hreflang="mn"' in html
    assert '<link rel="alternate" hreflang="mn" href="http://testserver/mn/who-we-are/bidnii-tukhai/">' in html
    translated = client.get("/mn/who-we-are/bidnii-tukhai/").content.decode()
    assert '<div class="content">' in translated  # content and interface are both Mongolian
    assert 'href="/en/who-we-are/about/" hreflang="en"' in translated


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/en/who-we-are/", "mn", "/mn/who-we-are/"),
        ("/mn/", "en", "/en/"),
        ("/en/", "en", "/en/"),
        ("/search/", "mn", "/mn/search/"),
        ("/", "mn", "/mn/"),
    ],
)
def test_swap_language_prefix(path, language, expected):
    assert swap_language_prefix(path, language) == expected


@pytest.mark.django_db
def test_once_mongolian_has_its_own_home_untranslated_pages_keep_their_english_address(seeded_site, client):
    mongolian = Locale.objects.get(language_code="mn")
    seeded_site.copy_for_translation(mongolian).save_revision().publish()
    about = seeded_site.get_children().get(slug="who-we-are").get_children().get(slug="about")

    # The English page is no longer served at /mn/, so nothing links there.
    assert client.get("/mn/who-we-are/about/").status_code == 404
    html = client.get(about.url).content.decode()
    assert 'hreflang="mn" href=' not in html
    assert 'href="/mn/" hreflang="mn" lang="mn">Монгол</a>' in html  # the switcher offers the Mongolian home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/mn/who-we-are/about/" not in sitemap
    assert "http://testserver/mn/</loc>" in sitemap
    for path in re.findall(r"<loc>http://testserver(/[^<]*)</loc>", sitemap):
        assert client.get(path).status_code == 200, path
