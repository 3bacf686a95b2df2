"""The bilingual loop as the communications team does it, in a real browser on the seeded mission
site: an editor translates About into Mongolian in wagtail-localize's translation editor and
submits it for review; the public Mongolian page does not change until a moderator approves;
then every Mongolian address of the sitemap still answers with the full Mongolian menu. When the
English introduction changes (and is approved), the report marks About out of date; the
translator syncs and submits; after approval the Mongolian page keeps its Mongolian text and
the new English sentence waits for translation."""

import os
import re
from urllib.request import urlopen

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from editorial.roles import EDITORS, MODERATORS, ensure_roles
from tests.site_urls import sitemap_paths

PASSWORD = "a-long-test-password-for-staff"
DESKTOP = {"width": 1280, "height": 900}
ABOUT = "/who-we-are/about/"

ENGLISH_INTRO = "Mongolia joined IOM as a member state in 2008 and opened an office in Ulaanbaatar in 2011."
ENGLISH_BODY = (
    "Mongolia joined IOM as a member state in 2008 and opened an office in Ulaanbaatar in 2011. Since then, "
    "the mission has worked to address the full scope of migration issues, supporting and developing "
    "government capacity to manage migration."
)
MONGOLIAN = {
    "About": "Бидний тухай",
    ENGLISH_INTRO: "Монгол Улс 2008 онд ОУШХБ-д гишүүн орноор элсэж, 2011 онд Улаанбаатар хотод оффис нээсэн.",
    ENGLISH_BODY: (
        "Монгол Улс 2008 онд ОУШХБ-д гишүүн орноор элсэж, 2011 онд Улаанбаатар хотод оффис нээсэн. "
        "Түүнээс хойш төлөөлөгчийн газар шилжилт хөдөлгөөний асуудлыг бүх талаас нь шийдвэрлэхийн төлөө "
        "ажиллаж, шилжилт хөдөлгөөнийг зохицуулах засгийн газрын чадавхыг дэмжин хөгжүүлж ирсэн."
    ),
}
NEW_SENTENCE = "Today the mission also helps migrants who return to Mongolia."


@pytest.fixture
def mission_site(transactional_db, live_server, django_user_model):
    """The seeded mission site with the editorial groups, an editor and a moderator."""
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    ensure_roles(apps)  # an earlier test's flush may have removed the groups
    for username, group in (("editor", EDITORS), ("moderator", MODERATORS)):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, first_name=username)
        user.groups.add(Group.objects.get(name=group))
    return live_server


def sign_in(browser, server, username):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def get(url):
    with urlopen(url) as response:  # noqa: S310 (the local test server)
        return response.status, response.read().decode()


def public_view(browser, url):
    """What a visitor sees of the public page: the text of its main element, the language its
    content is marked in (None: the page's own) and whether it says it is not translated yet."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200, url
    view = {
        "text": page.locator("main .content").inner_text(),
        "lang": page.locator("main .content").get_attribute("lang"),
        "untranslated notice": page.locator(".untranslated-notice").count() == 1,
    }
    context.close()
    return view


def menu_links(html):
    """(href, lang, text) of every link of the main menu."""
    nav = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]
    return re.findall(r'<a href="([^"]+)"((?: lang="[^"]+")?)[^>]*>([^<]*)</a>', nav)


def mongolian_about():
    mongolian = Locale.objects.get(language_code="mn")
    english = Page.objects.get(url_path__endswith="/who-we-are/about/", locale__language_code="en")
    return english, Page.objects.get(translation_key=english.translation_key, locale=mongolian)


def approve_from_dashboard(browser, server, title, language):
    """The moderator approves `title` (in `language`) from "Awaiting your review" on their dashboard."""
    moderator = sign_in(browser, server, "moderator")
    row = moderator.locator("#awaiting-review-content tbody tr", has_text=title).filter(has_text=language)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0, timeout=15000)  # the dashboard reloads without it
    moderator.context.close()


def translate_segments(editor, translations):
    """In the translation editor: each English segment's "Translate", the Mongolian typed, "Save"."""
    for english, mongolian in translations.items():
        segment = editor.locator(
            "li.incomplete", has=editor.locator("p", has_text=re.compile("^" + re.escape(english) + "$"))
        )
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill("")
        segment.locator("textarea").press_sequentially(mongolian)
        segment.get_by_role("button", name="Save").click()
        done = editor.locator("li", has=editor.locator("p", has_text=re.compile("^" + re.escape(english) + "$")))
        expect(done.first).to_contain_text(mongolian)
        expect(done.first).not_to_have_class("incomplete")


def submit_from_translation_editor(editor):
    """The translation editor's header: Submit translation for review."""
    editor.locator("#w-slim-header-buttons").get_by_role("link", name="Submit translation for review").click()
    expect(editor.locator(".messages")).to_contain_text("was submitted for review")


def check_mongolian_sitemap(server, about_title):
    """Every /mn/ address of the sitemap answers 200 with the whole menu, in Mongolian addresses."""
    status, english_home = get(server.url + "/en/")
    english_menu = menu_links(english_home)
    expected = [href.replace("/en/", "/mn/", 1) for href, _lang, _text in english_menu]
    assert len(expected) > 10
    _status, sitemap = get(server.url + "/sitemap.xml")
    paths = [path for path in sitemap_paths(sitemap) if path.startswith("/mn/")]
    assert "/mn" + ABOUT in paths and len(paths) > 10
    problems = {}
    for path in paths:
        status, html = get(server.url + path)
        links = menu_links(html)
        if status != 200 or [href for href, _lang, _text in links] != expected:
            problems[path] = (status, links)
        # About's link is in Mongolian; the others, not translated yet, are marked as English.
        about = [(lang, text) for href, lang, text in links if href == "/mn" + ABOUT]
        if about != [("", about_title)]:
            problems[path] = ("About in the menu", about)
        if any(lang != ' lang="en"' for href, lang, _text in links if href != "/mn" + ABOUT):
            problems[path] = ("languages in the menu", links)
    assert not problems, problems


def test_a_translation_is_published_only_after_review_and_survives_an_english_change(browser, mission_site):
    server = mission_site
    english, mongolian = mongolian_about()
    mn_url = server.url + "/mn" + ABOUT
    before = public_view(browser, mn_url)
    assert before["untranslated notice"] and before["lang"] == "en" and ENGLISH_INTRO in before["text"]

    # The editor finds About "Not translated" in Reports → Mongolian translations and translates it.
    editor = sign_in(browser, server, "editor")
    editor.goto(server.url + "/admin/reports/mongolian-translations/")
    row = editor.locator("tr", has=editor.locator("td", has_text=re.compile(r"^About$")))
    expect(row).to_contain_text("Not translated")
    row.get_by_role("link", name="Translate").click()
    editor.get_by_label("Mongolian").check()
    editor.get_by_role("button", name="Submit").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for translation into Mongolian")
    assert public_view(browser, mn_url) == before  # starting a translation publishes nothing
    translate_segments(editor, MONGOLIAN)
    assert public_view(browser, mn_url) == before
    # An editor is offered no "Publish" in the translation editor: they submit for review, from
    # its header. "Convert to alias page" is not the footer's main button but a secondary one in
    # the header, behind wagtail-localize's confirmation.
    expect(editor.get_by_role("button", name=re.compile("^Publish"))).to_have_count(0)
    expect(editor.locator("footer").get_by_text("Convert to alias page")).to_have_count(0)
    header = editor.locator("#w-slim-header-buttons")
    expect(header.get_by_role("link", name="Convert to alias page")).to_have_count(1)
    expect(header).to_contain_text("3 of 3 texts not translated")  # (counted when the editor opened)
    editor.reload()
    expect(header).not_to_contain_text("texts not translated")
    submit_from_translation_editor(editor)
    assert public_view(browser, mn_url) == before

    # The moderator approves; the Mongolian page is in Mongolian, and the whole Mongolian site answers.
    approve_from_dashboard(browser, server, MONGOLIAN["About"], "Mongolian")
    after = public_view(browser, mn_url)
    assert not after["untranslated notice"] and after["lang"] is None
    for text in MONGOLIAN.values():
        assert text in after["text"]
    assert ENGLISH_INTRO not in after["text"]
    check_mongolian_sitemap(server, MONGOLIAN["About"])

    # The English introduction gains a sentence, which a moderator approves.
    editor.goto(f"{server.url}/admin/pages/{english.pk}/edit/")
    intro = editor.locator("[contenteditable='true']", has_text=ENGLISH_INTRO).first
    intro.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.press("Enter")
    editor.keyboard.type(NEW_SENTENCE)
    editor.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')].some(input => input.value.includes(text))",
        arg=NEW_SENTENCE,
    )
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Communications review").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    approve_from_dashboard(browser, server, "About", "English")
    assert NEW_SENTENCE in public_view(browser, server.url + "/en" + ABOUT)["text"]

    # The report shows About out of date; the translator syncs (no "publish immediately" for an
    # editor) and submits the translation; the public Mongolian page waits for the review.
    editor.goto(server.url + "/admin/reports/mongolian-translations/")
    row = editor.locator("tr", has=editor.locator("td", has_text=re.compile(r"^About$")))
    expect(row).to_contain_text("Out of date")
    row.get_by_role("link", name="Sync").click()
    expect(editor.locator("[name=publish_translations]")).to_have_count(0)
    editor.get_by_role("button", name="Submit").click()
    expect(editor.locator(".messages")).to_contain_text("Successfully updated")
    # The sync leads into the translation editor of the Mongolian page, which says what is left.
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{mongolian.pk}/edit/$"))
    expect(editor.locator("section#tab-content li.incomplete > p").first).to_have_text(NEW_SENTENCE)
    header = editor.locator("#w-slim-header-buttons")
    expect(header).to_contain_text("1 of ")
    expect(header).to_contain_text("texts not translated")
    # Submitting a half-translated page warns first; the editor submits anyway.
    header.get_by_role("link", name="Submit translation for review").click()
    expect(editor.locator("main")).to_contain_text("texts is not translated yet")
    expect(editor.get_by_role("link", name="Back to the translation editor")).to_have_count(1)
    editor.get_by_role("button", name="Submit anyway").click()
    expect(editor.locator(".messages")).to_contain_text("was submitted for review")
    assert public_view(browser, mn_url) == after

    # After approval the Mongolian page keeps its Mongolian text and shows the new sentence,
    # which the translation editor offers for translation.
    approve_from_dashboard(browser, server, "Бидний тухай", "Mongolian")
    final = public_view(browser, mn_url)
    for text in MONGOLIAN.values():
        assert text in final["text"]
    assert NEW_SENTENCE in final["text"]
    # The English sentence is marked as English; the report says the page is partly translated.
    _status, html = get(mn_url)
    assert re.search(r'<p[^>]* lang="en"[^>]*>' + re.escape(NEW_SENTENCE), html)
    editor.goto(server.url + "/admin/reports/mongolian-translations/")
    row = editor.locator("tr", has=editor.locator("td", has_text=re.compile(r"^About$")))
    expect(row).to_contain_text(re.compile(r"Partly translated \(\d+ of \d+\)"))
    editor.goto(f"{server.url}/admin/pages/{mongolian.pk}/edit/")
    pending = editor.locator("section#tab-content li.incomplete > p")
    # (and the slug, left in English: the address stays /mn/who-we-are/about/)
    expect(pending).to_have_text([NEW_SENTENCE, "about"])
    editor.context.close()
