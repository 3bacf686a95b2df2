"""Five wrong passwords typed into the admin's sign-in form lock the address with a clear page."""

import pytest
from playwright.sync_api import expect

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def officer(transactional_db, django_user_model):
    return django_user_model.objects.create_user(username="officer", password="the-right-password-123")


def test_five_wrong_passwords_show_the_lockout_page(browser, live_server, officer):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    for _attempt in range(4):
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".messages")).to_contain_text("didn't match")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("wrong-password")
    with page.expect_response(lambda response: response.request.method == "POST") as fifth:
        page.get_by_role("button", name="Sign in").click()
    assert fifth.value.status == 429
    expect(page.get_by_role("heading", name="Sign-in is locked for 15 minutes")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("There were 5 failed sign-in attempts")

    # The right password is refused too while the lock lasts.
    page.get_by_role("link", name="Back to the sign-in page").click()
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("the-right-password-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign-in is locked for 15 minutes")).to_be_visible()
    context.close()
