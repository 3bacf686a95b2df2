"""Previews of every page type and snippet, scheduled publishing, revision history and comparison."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import PreviewableMixin

import tests.factories as factories
from core.models import SiteText
from editorial.roles import MODERATORS
from tests.factories import StandardPageFactory, page_of_type
from tests.project import project_page_models, project_snippet_models


def model_factories():
    found = {}
    for name in dir(factories):
        candidate = getattr(factories, name)
        if isinstance(candidate, type) and issubclass(candidate, DjangoModelFactory) and candidate._meta.model:
            found.setdefault(candidate._meta.model, candidate)
    return found


def snippet_models():
    """Every snippet of the project."""
    yield from project_snippet_models()


@pytest.mark.django_db
@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_has_a_working_preview(site_tree, model):
    page = page_of_type(model, site_tree.home)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", snippet_models(), ids=lambda m: m.__name__)
def test_every_snippet_has_a_working_preview(site_tree, model):
    assert issubclass(model, PreviewableMixin), f"{model.__name__} needs PreviewableMixin and a preview template"
    instance = model_factories()[model]()
    response = instance.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    shown = [getattr(instance, field, None) for field in ("title", "label", "name", "footer_text")]
    assert any(value and str(value) in html for value in shown), f"the preview of {model.__name__} shows nothing of it"


@pytest.mark.django_db
def test_a_site_text_preview_shows_the_draft_in_the_footer(site_tree):
    """The live site text stays in the footer of every page; the preview shows the edited one."""
    draft = site_tree.site_text
    draft.footer_text = "A footer line not yet approved."
    draft.address = "1 Draft Avenue"
    html = draft.make_preview_request().content.decode()
    footer = html.split("<footer", 1)[1]
    assert "A footer line not yet approved." in footer and "1 Draft Avenue" in footer
    assert "A footer line written by the tests." not in html
    live = SiteText.objects.get(pk=draft.pk)
    assert live.footer_text == "A footer line written by the tests."


@pytest.mark.django_db
def test_publish_scheduled_publishes_a_page_when_its_time_comes(site_tree, client):
    page = StandardPageFactory(parent=site_tree.home, title="Scheduled news", slug="scheduled-news", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live, "a page scheduled for later is not live yet"
    assert client.get("/en/scheduled-news/").status_code == 404

    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live, "publish_scheduled leaves a page whose time has not come"

    # Two hours later: the same schedule, seen from after its time.
    revision = page.scheduled_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert client.get("/en/scheduled-news/").status_code == 200


@pytest.mark.django_db
def test_revision_history_and_comparison(site_tree, client, django_user_model):
    moderator = django_user_model.objects.create_user(username="moderator", password="a-long-test-password")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    page = StandardPageFactory(parent=site_tree.home, title="First version", slug="versions")
    first = page.save_revision(user=moderator)
    first.publish()
    page.title = "Second version"
    second = page.save_revision(user=moderator)

    client.force_login(moderator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    compare_url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    compare = client.get(compare_url)
    assert compare.status_code == 200
    html = compare.content.decode()
    assert '<span class="deletion">First</span><span class="addition">Second</span> version' in html


@pytest.mark.django_db
def test_the_accessibility_checker_runs_in_the_editor_with_the_alt_text_rules(site_tree, client, django_user_model):
    moderator = django_user_model.objects.create_user(username="moderator", password="a-long-test-password")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    page = StandardPageFactory(parent=site_tree.home, title="Checked page")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    config = json.loads(re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S).group(1))
    rules = config["options"]["runOnly"]
    for rule in ("image-alt", "alt-text-quality", "empty-heading", "link-name", "color-contrast"):
        assert rule in rules
    # The checker needs the userbar in the page's template; only signed-in staff see it.
    assert "<wagtail-userbar" in client.get("/en/").content.decode()
    client.logout()
    assert "<wagtail-userbar" not in client.get("/en/").content.decode()
