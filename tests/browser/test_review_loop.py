"""The review loop as the communications team does it, in a real browser through the real admin:
an editor changes a person's biography, previews it and submits it for review; the public page
keeps the old text until a moderator approves; the history shows both versions."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.roles import EDITORS, MODERATORS

PASSWORD = "a-long-test-password-for-staff"
OLD_SENTENCE = "Saran Bold joined the test mission in 2020."
NEW_SENTENCE = "This sentence was added in the review-loop test."
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def staff(live_tree, django_user_model):
    users = {}
    for username, group in (("editor", EDITORS), ("moderator", MODERATORS)):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, first_name=username)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def sign_in(browser, live_server, username):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_role("heading", name="Sign in to IOM Mongolia")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def public_text(browser, url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200
    text = page.locator("main").inner_text()
    context.close()
    return text


def test_an_edit_is_published_only_after_a_moderator_approves_it(browser, live_tree, staff):
    target = live_tree.tree.person
    target.save_revision().publish()  # as published before: the history starts there
    public_url = live_tree.url + target.url
    edit_url = f"{live_tree.url}/admin/pages/{target.pk}/edit/"
    assert OLD_SENTENCE in public_text(browser, public_url)

    # The editor changes the biography and saves a draft.
    editor = sign_in(browser, live_tree, "editor")
    editor.goto(edit_url)
    biography = editor.locator("[contenteditable='true']", has_text=OLD_SENTENCE).first
    biography.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.press("Enter")
    editor.keyboard.type(NEW_SENTENCE)
    # Draftail writes its content to the form's hidden field a moment after typing.
    editor.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')].some(input => input.value.includes(text))",
        arg=NEW_SENTENCE,
    )
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messages")).to_contain_text("has been updated")

    # The preview shows the new text.
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text(NEW_SENTENCE)).to_be_visible(timeout=15000)

    # The accessibility checker runs on the preview and finds nothing to fix.
    editor.get_by_role("button", name="Toggle checks").click()
    checks = editor.locator("[data-side-panel='checks']")
    expect(checks).to_contain_text("Issues found")
    expect(checks.locator("[data-content-checker-count]")).to_have_text("0")

    # It is submitted for review; the public page still shows the published text only.
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Communications review").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    text = public_text(browser, public_url)
    assert OLD_SENTENCE in text and NEW_SENTENCE not in text
    editor.context.close()

    # The moderator approves; the public page shows the new text.
    moderator = sign_in(browser, live_tree, "moderator")
    moderator.goto(edit_url)
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    text = public_text(browser, public_url)
    assert OLD_SENTENCE in text and NEW_SENTENCE in text

    # The history lists the editor's draft and both publications, and compares the versions.
    moderator.goto(f"{live_tree.url}/admin/pages/{target.pk}/history/")
    history = moderator.locator("main").inner_text()
    assert "editor" in history and "moderator" in history
    assert "Draft saved" in history and "'Communications review' started" in history
    assert "Approved at 'Approval by a communications moderator'" in history
    assert history.count("Published") >= 2, history
    revisions = target.revisions.order_by("created_at")
    first, last = revisions.first(), revisions.last()
    moderator.goto(f"{live_tree.url}/admin/pages/{target.pk}/revisions/compare/{first.pk}...{last.pk}/")
    expect(moderator.locator(".comparison .addition", has_text="added in the review-loop test")).to_be_visible()
    moderator.context.close()
