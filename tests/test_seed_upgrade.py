"""The seed upgrades pages whose type or place changed in the content data, but only the
pages nobody has touched since the seed made them."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from pages.models import StandardPage
from pages.seed import Notice, load_content
from people.models import PeopleIndexPage, PersonPage
from tests.seeding import seed_tree

KEPT_REASON = (
    "it was edited or holds pages a PeopleIndexPage cannot, so it was not upgraded to PeopleIndexPage; "
    "change it by hand if wanted"
)
OLD_CHIEF_OF_MISSION = {
    "path": "who-we-are/chief-of-mission",
    "type": "pages.StandardPage",
    "title": "Chief of Mission",
    "intro": "Mr. Giuseppe Crocetti, IOM Chief of Mission.",
}


def old_site_content():
    """The content data as the first seed had it: the Chief of Mission as a standard page."""
    specs = [spec for spec in load_content()["pages"] if not spec["path"].startswith("who-we-are/people")]
    position = next(i for i, spec in enumerate(specs) if spec["path"] == "who-we-are/partners")
    return specs[:position] + [OLD_CHIEF_OF_MISSION] + specs[position:]


def run_seed():
    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    return out.getvalue()


def titles_under(path):
    parent = Page.objects.get(url_path=f"/home/{path}/")
    return list(parent.get_children().values_list("title", flat=True))


@pytest.mark.django_db
def test_an_unedited_old_chief_of_mission_page_moves_to_the_person_page(client):
    seed_tree(old_site_content())
    assert client.get("/en/who-we-are/chief-of-mission/").status_code == 200

    report = run_seed()

    assert "Created page /who-we-are/people/giuseppe-crocetti/ (PersonPage)" in report
    assert "Created redirect /en/who-we-are/chief-of-mission/ → /who-we-are/people/giuseppe-crocetti/" in report
    assert not StandardPage.objects.filter(slug="chief-of-mission").exists()
    assert PersonPage.objects.count() == 1
    response = client.get("/en/who-we-are/chief-of-mission/")
    assert response.status_code == 301
    assert response["Location"] == "/en/who-we-are/people/giuseppe-crocetti/"
    # The people index takes the place the content data gives it, before Partners.
    assert titles_under("who-we-are") == ["About", "IOM Global", "People", "Partners"]
    assert "nothing to create" in run_seed()
    assert Redirect.objects.count() == 1


@pytest.mark.django_db
def test_an_edited_old_chief_of_mission_page_is_kept():
    seed_tree(old_site_content())
    editor = get_user_model().objects.create_superuser("editor", password="a-long-test-password")
    old = StandardPage.objects.get(slug="chief-of-mission")
    old.intro = "Edited by the communications team."
    old.save_revision(user=editor).publish(user=editor)

    run_seed()

    old.refresh_from_db()
    assert old.live and old.intro == "Edited by the communications team."
    assert PersonPage.objects.count() == 1
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_a_new_page_type_replaces_an_unedited_page_in_place(client):
    section = {"path": "section", "type": "pages.StandardPage", "title": "Section"}
    home = {"path": "", "type": "pages.HomePage", "title": "Home"}
    first = [home, section] + [
        {"path": f"section/{slug}", "type": "pages.StandardPage", "title": slug.title()} for slug in ("a", "b", "c")
    ]
    seed_tree(first)
    b_before = StandardPage.objects.get(slug="b")

    upgraded = [dict(spec) for spec in first]
    upgraded[3].update(type="people.PeopleIndexPage", title="B people")
    created = seed_tree(upgraded)

    assert created == ["page /section/b/ (PeopleIndexPage, replacing an unedited StandardPage)"]
    assert titles_under("section") == ["A", "B people", "C"]
    # Upgraded in place: the same page (id, so links to it keep working), now of the new type.
    assert type(Page.objects.get(pk=b_before.pk).specific) is PeopleIndexPage
    assert client.get("/en/section/b/").status_code == 200
    assert PeopleIndexPage.objects.get().url_path == "/home/section/b/"
    assert seed_tree(upgraded) == []


@pytest.mark.django_db
@pytest.mark.parametrize("touch", ["edited", "has a child", "unpublished"])
def test_a_page_someone_touched_keeps_its_type(touch):
    home = {"path": "", "type": "pages.HomePage", "title": "Home"}
    first = [home, {"path": "b", "type": "pages.StandardPage", "title": "B"}]
    seed_tree(first)
    page = StandardPage.objects.get(slug="b")
    if touch == "edited":
        page.title = "B, edited"
        page.save_revision().publish()
    elif touch == "has a child":
        page.add_child(instance=StandardPage(title="Child", slug="child"))
    else:
        page.unpublish()

    created = seed_tree([home, {"path": "b", "type": "people.PeopleIndexPage", "title": "B people"}])

    assert [item for item in created if not isinstance(item, Notice)] == []
    assert created == [Notice(f"Kept page /b/ as StandardPage: {KEPT_REASON}")]
    assert StandardPage.objects.filter(pk=page.pk).exists()
    assert not PeopleIndexPage.objects.exists()
