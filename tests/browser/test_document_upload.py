"""An editor adds documents with Wagtail's own "Add a document" button (the multiple uploader):
one to a collection restricted to signed-in users, one to a public collection. Each waits in
staging for its details, becomes a document on "Update", and leaves no staging copy; someone not
signed in gets neither the staging copy nor the restricted document, and downloads the public one.

Found in the probe: "Update" answered 500 every time and the staged file stayed in
media/wagtail_uploads/, served to anyone."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, UploadedFile

from editorial.roles import EDITORS
from tests.browser.conftest import DESKTOP

PASSWORD = "a-long-test-password-for-staff"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def collections(live_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.UPLOAD_STAGING_ROOT = tmp_path / "upload-staging"
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    return {"restricted": internal, "public": root.add_child(name="Public reports")}


@pytest.fixture
def editor_page(browser, live_tree, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password=PASSWORD, email="editor@example.org")
    user.groups.add(Group.objects.get(name=EDITORS))
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(live_tree.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    yield page
    context.close()


def add_a_document(page, base_url, collection, filename):
    """Documents > Add a document > the collection > the file > the details > Update; the name of
    the staging file it went through."""
    page.goto(base_url + "/admin/documents/")
    page.get_by_role("link", name="Add a document").click()
    expect(page).to_have_url(re.compile(r"/admin/documents/multiple/add/"))
    page.get_by_label("Add to collection:").select_option(value=str(collection.pk))
    page.locator("#fileupload").set_input_files({"name": filename, "mimeType": "application/pdf", "buffer": PDF})
    item = page.locator("#upload-list > li").last
    form = item.locator("form")
    expect(form.get_by_role("button", name="Update")).to_be_visible(timeout=20_000)
    staged = UploadedFile.objects.get().file.name
    form.get_by_label("Title").fill(f"Report for {collection.name}")
    form.get_by_label("Publication date").fill("2024-05-01")
    form.get_by_label("Document type").select_option(label="Study")
    form.get_by_role("button", name="Update").click()
    # Done: Wagtail says so at the top of the page and takes the upload off the list.
    expect(page.locator(".messages")).to_contain_text("Document updated.")
    expect(page.locator("#upload-list > li")).to_have_count(0)
    return staged


def test_an_editor_adds_a_restricted_and_a_public_document_with_the_add_a_document_button(
    browser, live_tree, collections, editor_page
):
    Document = get_document_model()
    staged = {}
    for kind, collection in collections.items():
        staged[kind] = add_a_document(editor_page, live_tree.url, collection, f"{kind}-report.pdf")
        document = Document.objects.get(collection=collection)
        assert document.title == f"Report for {collection.name}"
        assert (document.resource_type, str(document.publication_date)) == ("study", "2024-05-01")
        assert document.file.read() == PDF
        assert not UploadedFile.objects.exists()
        assert not (Path(settings.UPLOAD_STAGING_ROOT) / staged[kind]).exists(), "staging copy left behind"
    assert not list(Path(settings.MEDIA_ROOT).rglob("wagtail_uploads*"))

    anonymous = browser.new_context()
    try:
        for name in staged.values():
            response = anonymous.request.get(live_tree.url + settings.MEDIA_URL + name, max_redirects=0)
            assert response.status == 404, name
        restricted = Document.objects.get(collection=collections["restricted"])
        response = anonymous.request.get(live_tree.url + restricted.url, max_redirects=0)
        assert response.status in (302, 403), response.status
        assert response.body() != PDF
        public = Document.objects.get(collection=collections["public"])
        response = anonymous.request.get(live_tree.url + public.url)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body() == PDF
    finally:
        anonymous.close()
