"""No typed word and no ticked box is lost: an editor writes an article in Chromium as a person
does (typing with pauses, then quickly, ticking a box last and submitting at once), and every word
and box is in the submitted revision and, once a moderator approves, on the published page. The
history holds the editor's own saves, not a revision per keystroke burst.

The project runs the admin without Wagtail's autosave (WAGTAIL_AUTOSAVE_INTERVAL = 0 in
iom_mongolia/settings/base.py); docs/developer-guide.md says why. This test runs with the project's
own setting, so switching autosave back on is checked by it."""

import pytest
from django.conf import settings as project_settings
from playwright.sync_api import expect

from tests.browser import test_review_loop
from tests.browser.test_review_loop import public_text, sign_in

staff = test_review_loop.staff  # the fixture of an editor and a moderator

TITLE = "Herders return to the steppe after the dzud"
SUMMARY = "Families who lost their herds came back to Arkhangai with IOM support."
SENTENCES = [
    "The first families arrived in March.",
    "Each household received seed money for new animals.",
    "Local officials helped them find pasture.",
]


@pytest.fixture
def news_index(live_tree):
    from tests.factories.news import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=live_tree.tree.home, title="Media and news", slug="media-and-news")


def article_text(article):
    return " ".join([article.title, article.summary, *(str(block.value) for block in article.body)])


def test_every_typed_word_and_ticked_box_reaches_the_submitted_and_published_article(
    browser, live_tree, staff, news_index
):
    from news.models import ArticlePage

    assert project_settings.WAGTAIL_AUTOSAVE_INTERVAL == 0
    area = live_tree.tree.work_areas[1]
    editor = sign_in(browser, live_tree, "editor")
    editor.goto(f"{live_tree.url}/admin/pages/add/news/articlepage/{news_index.pk}/")
    editor.wait_for_load_state("networkidle")
    # The title slowly, a pause longer than an autosave interval, then the summary quickly.
    editor.locator("#id_title").press_sequentially(TITLE, delay=40)
    editor.wait_for_timeout(1200)
    editor.locator("#id_summary").press_sequentially(SUMMARY, delay=5)
    editor.locator("#id_publication_date").fill("2025-03-20")
    editor.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Paragraph").click()
    body = editor.locator(".Draftail-Editor [contenteditable='true']").first
    body.click()
    for number, sentence in enumerate(SENTENCES):
        editor.keyboard.type(sentence + " ", delay=10 if number % 2 else 60)
        editor.wait_for_timeout(700 * (number % 2))  # a pause after every other sentence
    # The last box is ticked and the article submitted at once, as people do.
    editor.get_by_label(area.title).check()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Communications review").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    editor.context.close()

    articles = ArticlePage.objects.filter(locale__language_code="en")
    assert articles.count() == 1, "one article, not one per autosave"
    article = articles.get()
    assert not article.live
    submitted = article.get_latest_revision_as_object()
    for words in [TITLE, SUMMARY, *SENTENCES]:
        assert words in article_text(submitted), words
    assert [a.pk for a in submitted.work_areas.all()] == [area.pk]
    assert article.revisions.count() == 1, "the history shows the editor's submit, not autosaves"

    moderator = sign_in(browser, live_tree, "moderator")
    moderator.goto(f"{live_tree.url}/admin/pages/{article.pk}/edit/")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    moderator.context.close()

    article.refresh_from_db()
    assert article.live and [a.pk for a in article.work_areas.all()] == [area.pk]
    published = public_text(browser, live_tree.url + article.url)
    for words in [TITLE, SUMMARY, *SENTENCES]:
        assert words in published, words


def test_an_edit_saved_right_after_typing_keeps_every_word(browser, live_tree, staff, news_index):
    from tests.factories.news import ArticlePageFactory

    article = ArticlePageFactory(parent=news_index, title="Seed money for herders", summary="A first summary.")
    article.save_revision().publish()
    editor = sign_in(browser, live_tree, "editor")
    editor.goto(f"{live_tree.url}/admin/pages/{article.pk}/edit/")
    editor.wait_for_load_state("networkidle")
    summary = editor.locator("#id_summary")
    summary.click()
    summary.press("End")
    summary.press_sequentially(" Each household chose its own animals.", delay=30)
    editor.wait_for_timeout(900)
    summary.press_sequentially(" Typed fast, saved at once.", delay=2)
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messages")).to_contain_text("has been updated")
    editor.context.close()

    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert draft.summary == "A first summary. Each household chose its own animals. Typed fast, saved at once."
    assert article.revisions.count() == 2, "published version and the editor's one save"
    assert article.summary == "A first summary.", "the live page waits for review"
