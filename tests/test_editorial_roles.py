"""The communications team's roles: editors draft and submit, moderators approve and publish.

Everything goes through the real admin views as a signed-in editor or moderator.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from editorial.roles import EDITORS, MODERATORS, WORKFLOW_NAME, ensure_roles
from tests.factories import StandardPageFactory


@pytest.fixture
def editor(site_tree, make_user):
    return make_user(EDITORS, "editor")


@pytest.fixture
def moderator(site_tree, make_user):
    return make_user(MODERATORS, "moderator")


def edit_form(page, **changes):
    """The page editor's form as a browser would post it (a page with an empty body)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_the_migration_gives_every_database_the_groups_and_the_review_workflow():
    # No seeding here: what the test database has comes from the migrations alone.
    root = Page.get_first_root_node()
    assert set(Group.objects.filter(name__in=[EDITORS, MODERATORS]).values_list("name", flat=True)) == {
        EDITORS,
        MODERATORS,
    }
    assignment = WorkflowPage.objects.get(page=root)
    assert assignment.workflow.name == WORKFLOW_NAME
    [task] = [task.specific for task in assignment.workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]


@pytest.mark.django_db
def test_the_roles_are_created_once():
    from django.apps import apps

    assert ensure_roles(apps) == []  # the migrations made them
    assert Group.objects.filter(name=EDITORS).count() == 1


@pytest.mark.django_db
def test_the_workflow_applies_to_every_page_of_the_site(site_tree):
    page = StandardPageFactory(parent=site_tree.child, title="Any page")
    assert page.get_workflow().name == WORKFLOW_NAME
    assert site_tree.home.get_workflow().name == WORKFLOW_NAME


@pytest.mark.django_db
def test_an_editor_can_edit_but_not_publish(site_tree, editor, client):
    page = StandardPageFactory(parent=site_tree.home, title="Old title", slug="a-page")
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    client.force_login(editor)

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, edit_form(page, title="New title", **{"action-publish": "action-publish"}))

    page.refresh_from_db()
    assert page.title == "Old title", "an editor's publish request must not publish"
    assert client.get("/en/a-page/").content.decode().count("Old title") >= 1

    # What an editor can do: save a draft and submit it for review.
    client.post(edit_url, edit_form(page, title="New title", **{"action-submit": "action-submit"}))
    page.refresh_from_db()
    assert page.title == "Old title"
    assert page.has_unpublished_changes
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"


@pytest.mark.django_db
def test_a_moderator_can_publish(site_tree, moderator, client):
    page = StandardPageFactory(parent=site_tree.home, title="Old title", slug="a-page")
    client.force_login(moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, edit_form(page, title="New title", **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "New title"
    assert "New title" in client.get("/en/a-page/").content.decode()


ADMIN_ONLY_VIEWS = ["wagtailusers_users:index", "wagtailusers_groups:index"]


@pytest.mark.django_db
@pytest.mark.parametrize("view_name", ADMIN_ONLY_VIEWS)
def test_neither_editors_nor_moderators_manage_accounts(editor, moderator, client, view_name):
    for user in (editor, moderator):
        client.force_login(user)
        response = client.get(reverse(view_name))
        assert response.status_code in (302, 403), f"{user} reached {view_name}"


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])


def site_text_url(name, *args):
    from core.models import SiteText

    return reverse(SiteText.snippet_viewset.get_url_name(name), args=args)


@pytest.mark.django_db
def test_an_editor_cannot_reach_the_site_settings(site_tree, editor, client):
    client.force_login(editor)
    response = client.get(settings_url(site_tree.site))
    assert response.status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/settings/" not in home


def site_text_form(**fields):
    return {"address": "12 Example Street\nExample City 10000", "footer_text": "", **fields}


@pytest.mark.django_db
def test_an_editors_change_to_the_site_text_waits_for_a_moderator(site_tree, editor, client):
    client.force_login(editor)
    edit_url = site_text_url("edit", site_tree.site_text.pk)
    assert client.get(edit_url).status_code == 200
    # A publish request from an editor publishes nothing; a submission waits for review.
    client.post(edit_url, {**site_text_form(address="1 Editor Street"), "action-publish": "action-publish"})
    client.post(edit_url, {**site_text_form(address="1 Editor Street"), "action-submit": "action-submit"})
    site_tree.site_text.refresh_from_db()
    assert site_tree.site_text.address == "12 Example Street\nExample City 10000"
    assert site_tree.site_text.workflow_in_progress
    assert "1 Editor Street" not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_a_moderator_edits_the_site_settings(site_tree, moderator, client):
    from core.models import SiteSettings

    client.force_login(moderator)
    site = site_tree.site
    response = client.get(settings_url(site))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Contact details", "Social media", "Snippets → Site text"):
        assert label in html

    settings = SiteSettings.for_site(site)
    data = {field: getattr(settings, field) for field in ("organisation_name", "phone", "email")}
    data.update(phone="+976 9999 0000", facebook_url="https://www.facebook.com/example")
    response = client.post(settings_url(site), data)
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.phone == "+976 9999 0000"
    assert settings.facebook_url == "https://www.facebook.com/example"
    assert 'href="tel:+97699990000"' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_a_moderator_publishes_the_site_text_of_each_language(site_tree, moderator, client):
    from core.models import SiteText

    client.force_login(moderator)
    text = site_tree.site_text
    assert client.get(site_text_url("list")).status_code == 200
    form = site_text_form(address="1 New Street\nExample City", footer_text="A new footer line.")
    response = client.post(site_text_url("edit", text.pk), {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    text.refresh_from_db()
    assert (text.address, text.footer_text) == ("1 New Street\nExample City", "A new footer line.")
    assert "<address>1 New Street<br>Example City</address>" in client.get("/en/").content.decode()

    # The Mongolian site text: written in the admin for Mongolian, shown on Mongolian pages only.
    form = site_text_form(address="Шинэ гудамж 1")
    response = client.post(site_text_url("add") + "?locale=mn", {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert SiteText.objects.get(locale__language_code="mn").address == "Шинэ гудамж 1"
    assert "<address>Шинэ гудамж 1</address>" in client.get("/mn/").content.decode()
    assert "Шинэ гудамж 1" not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_editors_draft_partners_and_moderators_publish_them(editor, moderator, client):
    from partners.models import Partner

    add_url = reverse(Partner.snippet_viewset.get_url_name("add"))
    client.force_login(editor)
    editor_form = client.get(add_url)
    assert editor_form.status_code == 200
    assert 'name="action-publish"' not in editor_form.content.decode()
    assert editor.has_perm("partners.change_partner") and not editor.has_perm("partners.publish_partner")

    client.force_login(moderator)
    moderator_form = client.get(add_url)
    assert 'name="action-publish"' in moderator_form.content.decode()
    assert moderator.has_perm("partners.publish_partner")
