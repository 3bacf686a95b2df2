"""The admin's main screens, as an editor uses them, request nothing off the site's own host
(no avatar service, no guide or release notes from another site)."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.roles import EDITORS
from tests.browser.conftest import DESKTOP, PageWatcher

PASSWORD = "a-long-test-password-for-staff"


@pytest.fixture
def editor(live_tree, django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", password=PASSWORD, first_name="Editor", email="editor@example.org"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_the_admins_main_screens_stay_on_the_site(browser, live_tree, editor):
    about = live_tree.tree.child
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    watcher = PageWatcher(page, urlparse(live_tree.url).netloc)
    page.goto(live_tree.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    screens = [
        "/admin/",
        f"/admin/pages/{about.get_parent().pk}/",
        f"/admin/pages/{about.pk}/edit/",
        "/admin/snippets/pages/keyfigure/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/mongolian-translations/",
        "/admin/editor-guide/",
        "/admin/account/",
    ]
    for screen in screens:
        response = page.goto(live_tree.url + screen)
        assert response.status == 200, screen
        page.wait_for_load_state("networkidle")
    context.close()
    assert watcher.outside_requests == []
