"""Header menu, breadcrumbs, footer, language switcher and the languages of a page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.navigation import swap_language_prefix
from tests.factories import StandardPageFactory
from tests.html_helpers import footer_of
from tests.translating import translate


def menu_html(html):
    return html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]


@pytest.mark.django_db
def test_menu_lists_sections_in_menu_with_their_children(site_tree, client):
    home = site_tree.home
    hidden = StandardPageFactory(parent=home, slug="not-in-menu", title="Not in menu", show_in_menus=False)
    draft = StandardPageFactory(parent=home, slug="draft-section", title="Draft section", live=False)
    hidden_child = StandardPageFactory(parent=site_tree.section, title="Hidden child", show_in_menus=False)
    menu = menu_html(client.get("/en/").content.decode())
    assert '<a href="/en/about-us/">About us</a>' in menu
    assert '<a href="/en/about-us/history/">Our history</a>' in menu
    assert '<a href="/en/our-work/">Our Work</a>' in menu
    assert hidden.title not in menu and draft.title not in menu and hidden_child.title not in menu
    sections = re.findall(r'<li class="nav-item[^"]*">\s*<a href="([^"]+)"', menu)
    top_level = [page.url for page in home.get_children().live().public().in_menu().order_by("path").specific()]
    assert sections == top_level == ["/en/about-us/", "/en/our-work/"]


@pytest.mark.django_db
def test_menu_marks_the_current_page_and_its_section(site_tree, client):
    menu = menu_html(client.get("/en/about-us/history/").content.decode())
    assert '<a href="/en/about-us/" aria-current="true">About us</a>' in menu
    assert '<a href="/en/about-us/history/" aria-current="page">Our history</a>' in menu
    assert '<a href="/en/our-work/">Our Work</a>' in menu


@pytest.mark.django_db
def test_menu_queries_do_not_grow_with_the_number_of_sections(site_tree, client):
    client.get("/en/")

    def count():
        client.get("/en/")  # the menu in the shared cache again after the change
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return len(queries)

    before = count()
    for number in range(4):
        section = StandardPageFactory(parent=site_tree.home, slug=f"extra-{number}", title=f"Extra {number}")
        for child in range(3):
            StandardPageFactory(parent=section, slug=f"child-{child}", title=f"Child {child}")
    after = count()
    assert after == before, f"{before} queries before, {after} after adding sections"


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(site_tree, client):
    html = client.get("/en/about-us/staff/saran-bold/").content.decode()
    crumbs = html[html.index('aria-label="Breadcrumb"') : html.index("</nav>", html.index('aria-label="Breadcrumb"'))]
    links = re.findall(r'<a href="([^"]+)"', crumbs)
    assert links == ["/en/", "/en/about-us/", "/en/about-us/staff/", "/en/about-us/staff/saran-bold/"]
    assert 'aria-current="page"' in crumbs
    assert 'aria-label="Breadcrumb"' not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_footer_shows_the_site_settings_and_the_site_text(site_tree, client):
    settings = site_tree.settings
    settings.facebook_url = "https://facebook.example/test-mission"
    settings.save()

    footer = footer_of(client.get("/en/").content.decode())
    assert "Example Migration Office" in footer
    assert "<address>12 Example Street<br>Example City 10000</address>" in footer
    assert 'href="tel:+97611002200"' in footer
    assert 'href="mailto:office@example.org"' in footer
    assert 'href="https://facebook.example/test-mission"' in footer
    assert "<p>A footer line written by the tests.</p>" in footer


@pytest.mark.django_db
def test_footer_shows_the_mongolian_site_text_on_mongolian_pages(site_tree, client):
    mongolian = site_tree.site_text.copy_for_translation(Locale.objects.get(language_code="mn"))
    mongolian.address = "Жишээ гудамж 12\nЖишээ хот"
    mongolian.footer_text = "Туршилтын хөлийн бичвэр."
    mongolian.save()
    footer = footer_of(client.get("/mn/").content.decode())
    assert "Холбоо барих" in footer  # the interface is in Mongolian
    assert "<address>Жишээ гудамж 12<br>Жишээ хот</address>" in footer
    assert "<p>Туршилтын хөлийн бичвэр.</p>" in footer
    assert "12 Example Street" not in footer
    # English pages keep the English text.
    assert "<address>12 Example Street<br>Example City 10000</address>" in footer_of(
        client.get("/en/").content.decode()
    )


@pytest.mark.django_db
def test_without_mongolian_site_text_the_footer_falls_back_to_english_marked_as_english(site_tree, client):
    footer = footer_of(client.get("/mn/about-us/").content.decode())
    assert '<address lang="en">12 Example Street<br>Example City 10000</address>' in footer
    assert '<p lang="en">A footer line written by the tests.</p>' in footer


@pytest.mark.django_db
def test_footer_without_any_site_text_shows_the_settings_only(site_tree, client):
    site_tree.site_text.delete()
    footer = footer_of(client.get("/en/").content.decode())
    assert "<address" not in footer
    assert 'href="tel:+97611002200"' in footer


@pytest.mark.django_db
def test_untranslated_page_at_mongolian_address_marks_ui_and_content_languages(site_tree, client):
    html = client.get("/mn/about-us/history/").content.decode()
    assert '<html lang="mn">' in html
    assert '<div class="content" lang="en">' in html
    assert "Цэс" in html  # the interface is in Mongolian
    # Links keep the visitor in Mongolian.
    assert '<a href="/mn/about-us/" lang="en"' in menu_html(html)
    assert 'href="/en/about-us/history/" hreflang="en" lang="en">English</a>' in html
    assert 'href="/mn/about-us/history/" hreflang="mn" lang="mn" aria-current="true">Монгол</a>' in html

    english = client.get("/en/about-us/history/").content.decode()
    assert '<html lang="en">' in english
    assert '<div class="content">' in english


@pytest.mark.django_db
def test_language_switcher_links_a_translated_page_to_its_translation(site_tree, client):
    translate(site_tree.child, "Бидний түүх", slug="bidnii-tuukh")

    html = client.get("/en/about-us/history/").content.decode()
    assert 'href="/mn/about-us/bidnii-tuukh/" hreflang="mn"' in html
    assert '<link rel="alternate" hreflang="mn" href="http://testserver/mn/about-us/bidnii-tuukh/">' in html
    translated = client.get("/mn/about-us/bidnii-tuukh/").content.decode()
    assert "<h1>Бидний түүх</h1>" in translated
    assert '<div class="content">' in translated  # content and interface are both Mongolian
    assert 'href="/en/about-us/history/" hreflang="en"' in translated


@pytest.mark.django_db
def test_a_translated_page_under_an_untranslated_section_is_marked_mongolian_in_the_menu(site_tree, client):
    # Found by the bilingual browser loop: the child's link took its section's language.
    translate(site_tree.child, "Бидний түүх", slug="bidnii-tuukh")
    menu = menu_html(client.get("/mn/").content.decode())
    assert '<a href="/mn/about-us/" lang="en"' in menu
    assert '<a href="/mn/about-us/bidnii-tuukh/">Бидний түүх</a>' in menu


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
