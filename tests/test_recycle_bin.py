"""The recycle bin (issue 17): a page deleted in the admin leaves the public site in both languages
(404, not in the sitemap or the menus, the page cache purged) and waits in the recycle bin, where a
moderator restores it, with its pages below it and its Mongolian versions, at the same addresses.
Editors can neither delete a published page nor restore one."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from wagtail.models import Page

from editorial.roles import EDITORS, MODERATORS
from tests.translating import translate

# The "About us" section of the factories' tree, a page below it and one two levels down.
ADDRESSES = [
    "/en/about-us/",
    "/mn/about-us/",
    "/en/about-us/history/",
    "/mn/about-us/history/",
    "/en/about-us/staff/saran-bold/",
    "/mn/about-us/staff/saran-bold/",
]


@pytest.fixture
def moderator(make_user):
    return make_user(MODERATORS, "moderator")


@pytest.fixture
def editor(make_user):
    return make_user(EDITORS, "editor")


def statuses(client, addresses=ADDRESSES):
    return {address: client.get(address).status_code for address in addresses}


def delete_in_the_admin(client, page):
    """What Wagtail's own Delete button sends (the confirmation form's POST)."""
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def refused(response):
    """Wagtail's admin answers a refused permission with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def bin_entry(page):
    from recycle_bin.models import RecycledPage

    return RecycledPage.objects.get(page=page)


def test_a_moderator_deletes_a_published_page_and_restores_it_in_both_languages(site_tree, client, moderator):
    public = type(client)()
    assert set(statuses(public).values()) == {200}
    assert 'href="/en/about-us/"' in public.get("/en/").content.decode()
    client.force_login(moderator)

    response = delete_in_the_admin(client, site_tree.section)
    assert response.status_code == 302

    # Gone from the public site, in English and in Mongolian, with the pages below it.
    assert set(statuses(public).values()) == {404}
    sitemap = public.get("/sitemap.xml").content.decode()
    assert "/about-us/" not in sitemap and "/our-work/" in sitemap
    for home in ("/en/", "/mn/"):
        assert "/about-us/" not in public.get(home).content.decode()
    # Listed in the recycle bin.
    listing = client.get(reverse("recycle_bin:index"))
    assert listing.status_code == 200
    assert "About us" in listing.content.decode() and "/home/about-us/" in listing.content.decode()

    response = client.post(reverse("recycle_bin:restore", args=[bin_entry(site_tree.section).pk]))
    assert response.status_code == 302

    # Back at every address, with its content and the pages below it.
    assert set(statuses(public).values()) == {200}
    assert "Who the test mission is." in public.get("/mn/about-us/").content.decode()
    assert "How the test mission began" in public.get("/en/about-us/history/").content.decode()
    assert "How the test mission began" in public.get("/mn/about-us/history/").content.decode()
    sitemap = public.get("/sitemap.xml").content.decode()
    for address in ADDRESSES:
        assert f"<loc>http://testserver{address}</loc>" in sitemap, address
    for home in ("/en/", "/mn/"):
        assert f'href="{home}about-us/"' in public.get(home).content.decode()
    # The pages' own addresses (menus, links, breadcrumbs use them) are the old ones.
    history = Page.objects.get(pk=site_tree.child.pk)
    assert history.get_url() == "/en/about-us/history/"
    assert Page.objects.get(pk=site_tree.person.pk).get_url() == "/en/about-us/staff/saran-bold/"
    assert "The recycle bin is empty." in client.get(reverse("recycle_bin:index")).content.decode()


def test_a_mongolian_translation_leaves_and_comes_back_with_its_english_page(site_tree, client, moderator):
    translate(site_tree.child, "Бидний түүх")
    public = type(client)()
    assert "Бидний түүх" in public.get("/mn/about-us/history/").content.decode()
    client.force_login(moderator)

    delete_in_the_admin(client, site_tree.section)
    assert statuses(public) == dict.fromkeys(ADDRESSES, 404)

    client.post(reverse("recycle_bin:restore", args=[bin_entry(site_tree.section).pk]))
    assert set(statuses(public).values()) == {200}
    assert "Бидний түүх" in public.get("/mn/about-us/history/").content.decode()


def test_deleting_and_restoring_purge_the_page_cache_in_both_languages(site_tree, client, moderator, monkeypatch):
    from core import frontend_cache

    scheduled = set()
    monkeypatch.setattr(
        frontend_cache, "schedule_purge", lambda urls: scheduled.update(urlsplit(url).path for url in urls)
    )
    client.force_login(moderator)
    for action in ("delete", "restore"):
        scheduled.clear()
        if action == "delete":
            delete_in_the_admin(client, site_tree.section)
        else:
            client.post(reverse("recycle_bin:restore", args=[bin_entry(site_tree.section).pk]))
        for path in ["/en/about-us/", "/mn/about-us/", "/en/about-us/history/", "/en/", "/mn/", "/sitemap.xml"]:
            assert path in scheduled, (action, path)


def test_a_deleted_page_leaves_the_explorer_and_frees_its_address(site_tree, client, moderator):
    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:delete", args=[site_tree.section.pk]), follow=True)  # shows the message
    explorer = client.get(reverse("wagtailadmin_explore", args=[site_tree.home.pk])).content.decode()
    assert "About us" not in explorer and "Our Work" in explorer
    assert not Page.objects.filter(slug="about-us").exists()
    # Editing it is refused: it is restored from the bin.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.section.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("recycle_bin:index")


def test_an_editor_can_neither_delete_a_published_page_nor_restore_one(site_tree, client, moderator, editor):
    client.force_login(editor)
    assert refused(delete_in_the_admin(client, site_tree.child))
    assert type(client)().get("/en/about-us/history/").status_code == 200

    client.force_login(moderator)
    delete_in_the_admin(client, site_tree.section)
    entry = bin_entry(site_tree.section)

    client.force_login(editor)
    assert refused(client.get(reverse("recycle_bin:index")))
    assert refused(client.post(reverse("recycle_bin:restore", args=[entry.pk])))
    assert set(statuses(type(client)()).values()) == {404}
    assert bin_entry(site_tree.section).pk == entry.pk


def test_a_page_in_review_that_is_deleted_cannot_be_approved_into_publication(site_tree, client, moderator, editor):
    """Found in issue 17: approving the workflow task of a binned page published it under its
    `deleted-…` slug. Deleting a page now cancels its review, and its schedule, with it."""
    from django.utils import timezone

    page = site_tree.child.specific
    page.title = "Our history, revised"
    revision = page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    state = page.current_workflow_task_state
    assert state is not None
    later = page.save_revision(user=editor, approved_go_live_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(moderator)
    assert delete_in_the_admin(client, site_tree.section).status_code == 302

    page.refresh_from_db()
    assert not page.workflow_in_progress
    later.refresh_from_db()
    assert later.approved_go_live_at is None  # the scheduler will not publish it either
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert not Page.objects.filter(live=True, slug__startswith="deleted-").exists()
    assert revision.pk  # the editor's work is kept in the page's history
