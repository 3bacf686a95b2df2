"""Media and news in Chromium: the index and an article at 1280 and 375 px, in English and in
Mongolian, with zero axe-core violations; the filters by keyboard and without JavaScript; and the
review loop for a new article: an editor writes it with a lead image and submits it, a moderator
publishes it, and it appears on Media and news, the home page, its work area and the feed."""

import re
from urllib.request import urlopen

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.roles import EDITORS, MODERATORS
from tests.browser.conftest import DESKTOP, page_problems
from tests.browser.test_review_loop import PASSWORD, public_text, sign_in
from tests.news.helpers import add_seeded_site_articles, translate_into_mongolian


@pytest.fixture
def news_pages(live_site):
    news, story, _release = add_seeded_site_articles()
    translated = translate_into_mongolian(story, "Туршилтын түүх", "Туршилтын хураангуй.")
    return [
        "/en/media-and-news/",
        "/en/media-and-news/?kind=story",
        news.url,
        story.url,
        "/mn/media-and-news/",
        translated.url,
    ]


def test_index_and_articles_are_accessible_in_both_languages(page, live_site, news_pages):
    axe = Axe()
    problems = {}
    for path in news_pages:
        found = page_problems(page, live_site.url + path, axe)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())
    assert page.locator("html").get_attribute("lang") == "mn"
    expect(page.locator("main h1")).to_have_text("Туршилтын түүх")


def test_filters_work_by_keyboard_and_without_javascript(browser, live_site, news_pages):
    for javascript in (True, False):
        context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(live_site.url + "/en/media-and-news/")
        stories = page.locator(".news-filters a", has_text="Stories")
        stories.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"\?kind=story$"))
        expect(page.locator(".article-list h3")).to_have_text(["Test story"])
        page.locator(".news-filters a", has_text="dzud").click()
        expect(page).to_have_url(re.compile(r"\?kind=story&tag=dzud$"))
        expect(page.locator(".news-filters a[aria-current]")).to_have_count(4)  # kind, tag, and "All" years and areas
        page.locator(".active-filters a", has_text="Show all articles").click()
        expect(page.locator(".article-list h3")).to_have_count(3)
        context.close()


@pytest.fixture
def staff(live_site, django_user_model):
    for username, group in (("editor", EDITORS), ("moderator", MODERATORS)):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, first_name=username)
        user.groups.add(Group.objects.get(name=group))


def latest_draft(title):
    """The newest revision of the English article called `title`, as a page."""
    from news.models import ArticlePage

    article = ArticlePage.objects.filter(title=title, locale__language_code="en").first()
    revision = article.latest_revision if article is not None else None
    return revision.as_object() if revision is not None else None


def area_keys(article):
    return [area.translation_key for area in article.work_areas.all()] if article is not None else []


def test_an_editor_writes_an_article_and_a_moderator_publishes_it(browser, live_site, staff, tmp_path):
    # The admin runs without autosave (docs/developer-guide.md, "Autosave is off").
    from PIL import Image

    from news.models import ArticlePage, NewsIndexPage
    from pages.models import WorkAreaPage

    photo = tmp_path / "winter.jpg"
    Image.new("RGB", (1600, 900), (40, 90, 160)).save(photo)
    index = NewsIndexPage.objects.get(locale__language_code="en")
    internal = WorkAreaPage.objects.get(slug="internal-migration", locale__language_code="en")
    title = "Winter kits reach herder families"

    editor = sign_in(browser, live_site, "editor")
    editor.goto(f"{live_site.url}/admin/pages/add/news/articlepage/{index.pk}/")
    editor.wait_for_load_state("networkidle")  # the admin's scripts have set up the choosers
    editor.locator("#id_title").fill(title)
    editor.locator("#id_kind").select_option("story")
    editor.locator("#id_publication_date").fill("2024-12-05")
    editor.locator("#id_summary").fill("Herder families received winter kits.")
    # The photo is uploaded from the image chooser, as editors do.
    editor.get_by_role("button", name="Choose an image").click()
    editor.get_by_role("tab", name="Upload").click()
    editor.locator("#id_image-chooser-upload-file").set_input_files(str(photo))
    editor.locator("#id_image-chooser-upload-title").fill("Winter distribution photo")
    editor.locator(".modal").get_by_role("button", name="Upload").click()
    expect(editor.locator("[data-chooser-title]").first).to_have_text("Winter distribution photo")
    editor.locator("#id_lead_image_alt").fill("A family unpacks a winter kit.")
    editor.locator("#id_lead_image_credit").fill("Photo: IOM/2024")
    editor.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Paragraph").click()
    body = editor.locator("[data-contents] [contenteditable='true'], .Draftail-Editor [contenteditable='true']").first
    body.click()
    editor.keyboard.type("The kits hold warm clothes and blankets.")
    editor.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')].some(i => i.value.includes('warm clothes'))"
    )
    tags = editor.locator("ul.tagit input[type=text]").first  # the tag widget's own input
    tags.fill("dzud")
    tags.press("Enter")
    expect(editor.locator("#id_tags")).to_have_value("dzud")
    editor.get_by_label("Internal migration management").check()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Communications review").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    article = ArticlePage.objects.get(title=title, locale__language_code="en")
    assert not article.live
    assert area_keys(latest_draft(title)) == [internal.translation_key], "the submitted draft keeps its work area"
    assert title not in public_text(browser, live_site.url + "/en/media-and-news/")
    editor.context.close()

    moderator = sign_in(browser, live_site, "moderator")
    moderator.goto(f"{live_site.url}/admin/pages/{article.pk}/edit/")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    moderator.context.close()

    article.refresh_from_db()
    assert article.live and article.lead_image.title == "Winter distribution photo"
    assert area_keys(article) == [internal.translation_key]
    assert [tag.name for tag in article.tags.all()] == ["dzud"]
    for path in ("/en/media-and-news/", "/en/", "/en/our-work/internal-migration/", article.url):
        assert title in public_text(browser, live_site.url + path), path
    with urlopen(live_site.url + "/en/media-and-news/feeds/rss/") as response:  # noqa: S310 (the test server)
        feed = response.read().decode()
    assert f"<title>{title}</title>" in feed and "<enclosure " in feed
