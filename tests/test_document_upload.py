"""Documents on every upload path an editor has: the single "Add a document" form, Wagtail's
multiple uploader (its "Update" step turns a staged upload into a document), the document chooser
inside a page, and replacing the file on the edit view. Each refusal is a form error (never a
500), a file is checked by its content as well as its name, and an upload's staging copy is kept
outside public media and removed once the upload completes or is abandoned.

Found in the probe: the "Update" step answered 500 on every upload ("'ResourceDocumentForm' has no
field named 'file'"), no document was created, and the staged file stayed under /media/
wagtail_uploads/, served to anyone."""

import datetime
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, UploadedFile

from editorial.roles import EDITORS

Document = get_document_model()

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def office_zip(entries, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:  # OpenDocument: an uncompressed "mimetype" entry first
            archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in entries:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


GOOD_FILES = {
    "report.pdf": PDF,
    "report.docx": office_zip(["word/document.xml"]),
    "figures.xlsx": office_zip(["xl/workbook.xml"]),
    "slides.pptx": office_zip(["ppt/presentation.xml"]),
    "report.odt": office_zip(["content.xml"], "application/vnd.oasis.opendocument.text"),
    "figures.ods": office_zip(["content.xml"], "application/vnd.oasis.opendocument.spreadsheet"),
    "report.doc": OLE2,
    "figures.xls": OLE2,
    "slides.ppt": OLE2,
    "figures.csv": "year,arrivals\n2024,1200\nУлаанбаатар,3\n".encode(),
    "notes.txt": "Notes from the field.\nТэмдэглэл.\n".encode(),
}

# A file whose content is not what its name says: the error names the type expected.
MISMATCHED_FILES = {
    "report.pdf": (HTML_AS_PDF, "PDF"),
    "report.docx": (PDF, "Word (.docx)"),
    "figures.xlsx": (office_zip(["word/document.xml"]), "Excel (.xlsx)"),
    "slides.pptx": (OLE2, "PowerPoint (.pptx)"),
    "report.odt": (
        office_zip(["content.xml"], "application/vnd.oasis.opendocument.spreadsheet"),
        "OpenDocument text (.odt)",
    ),
    "figures.ods": (b"PK\x03\x04 not really a zip", "OpenDocument spreadsheet (.ods)"),
    "report.doc": (PDF, "Word 97-2003 (.doc)"),
    "figures.xls": (b"year,arrivals\n", "Excel 97-2003 (.xls)"),
    "figures.csv": (b"a,b\n\x00\x01\x02\x03", "CSV"),
    "notes.txt": (b"<script>alert(1)</script>", "plain text"),
}


@pytest.fixture(autouse=True)
def staging_root(settings, tmp_path):
    """Each test's own media and staging folders (the staging one outside MEDIA_ROOT)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.UPLOAD_STAGING_ROOT = tmp_path / "upload-staging"
    return settings.UPLOAD_STAGING_ROOT


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="a-long-test-password")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def root_collection():
    return Collection.get_first_root_node()


def details(prefix="", title="Labour migration report", collection=None):
    """What the document form asks for besides the file."""
    fields = {
        "title": title,
        "collection": (collection or root_collection()).pk,
        "publication_date": "2024-05-01",
        "resource_type": "study",
        "tags": "",
    }
    return {f"{prefix}{name}": value for name, value in fields.items()}


def upload_many(client, name, content, collection=None):
    """The multiple uploader's first request: the file, as its JavaScript sends it."""
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": (collection or root_collection()).pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    return response.json()


def press_update(client, upload_id, **kwargs):
    """The multiple uploader's "Update" button under a staged upload."""
    response = client.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload_id]),
        details(prefix=f"uploaded-document-{upload_id}-", **kwargs),
    )
    assert response.status_code == 200
    return response.json()


def staged_path(upload):
    return Path(upload.file.path)


def text_of(html):
    return " ".join(html.replace("\xa0", " ").split())


# The multiple uploader: Documents > "Add a document" ------------------------------------------


@pytest.mark.django_db
def test_the_multiple_uploader_asks_for_the_details_then_update_creates_the_document(editor_client, editor):
    staged = upload_many(editor_client, "report.pdf", PDF)
    # The date and the type are required: the file waits in staging until the editor fills them in.
    assert staged["success"] and "uploaded_file_id" in staged, staged
    assert not Document.objects.exists()
    assert 'name="uploaded-document-{}-publication_date"'.format(staged["uploaded_file_id"]) in staged["form"]

    result = press_update(editor_client, staged["uploaded_file_id"])

    assert result["success"], text_of(result.get("form", ""))
    document = Document.objects.get()
    assert result["doc_id"] == document.pk
    assert (document.title, document.resource_type) == ("Labour migration report", "study")
    assert document.publication_date == datetime.date(2024, 5, 1)
    assert document.uploaded_by_user == editor
    assert document.file.read() == PDF
    assert document.file_size == len(PDF) and document.file_hash
    assert not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_update_with_a_missing_detail_shows_the_form_again(editor_client):
    staged = upload_many(editor_client, "report.pdf", PDF)
    response = editor_client.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[staged["uploaded_file_id"]]),
        {
            **details(prefix=f"uploaded-document-{staged['uploaded_file_id']}-"),
            f"uploaded-document-{staged['uploaded_file_id']}-publication_date": "",
        },
    )
    assert response.status_code == 200
    result = response.json()
    assert not result["success"]
    assert "This field is required" in text_of(result["form"])
    assert not Document.objects.exists()
    assert UploadedFile.objects.count() == 1, "the staged file waits for the corrected details"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_each_accepted_type_goes_through_the_multiple_uploader(editor_client, name):
    staged = upload_many(editor_client, name, GOOD_FILES[name])
    assert staged["success"], staged
    assert press_update(editor_client, staged["uploaded_file_id"])["success"]
    assert Document.objects.get().file.read() == GOOD_FILES[name]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MISMATCHED_FILES))
def test_the_multiple_uploader_refuses_a_file_whose_content_is_not_its_type(editor_client, name):
    content, expected = MISMATCHED_FILES[name]
    result = upload_many(editor_client, name, content)
    assert not result["success"]
    assert expected in result["error_message"]
    assert not UploadedFile.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_the_multiple_uploader_refuses_an_unsafe_type(editor_client):
    result = upload_many(editor_client, "page.html", b"<html></html>")
    assert not result["success"] and "is not allowed" in result["error_message"]
    assert not UploadedFile.objects.exists()


# The staging copy ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_staging_copy_is_outside_public_media_and_gone_after_update(editor_client, staging_root):
    staged = upload_many(editor_client, "restricted-report.pdf", PDF)
    upload = UploadedFile.objects.get(pk=staged["uploaded_file_id"])
    path = staged_path(upload)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(staging_root)
    assert not path.is_relative_to(settings.MEDIA_ROOT), "a staging copy under MEDIA_ROOT is served as /media/..."
    assert not list(Path(settings.MEDIA_ROOT).rglob("restricted-report*"))
    with pytest.raises(ValueError):
        upload.file.url  # noqa: B018 - no public address at all
    assert Client().get(settings.MEDIA_URL + upload.file.name).status_code == 404  # anyone

    assert press_update(editor_client, staged["uploaded_file_id"])["success"]
    assert not path.exists()
    assert not [p for p in staging_root.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_delete_in_the_uploader_removes_the_staging_copy(editor_client):
    staged = upload_many(editor_client, "report.pdf", PDF)
    path = staged_path(UploadedFile.objects.get())
    response = editor_client.post(reverse("wagtaildocs:delete_upload_multiple", args=[staged["uploaded_file_id"]]))
    assert response.json()["success"]
    assert not path.exists() and not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_deleting_a_staged_upload_anywhere_deletes_its_file(editor):
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(Document),
        file=ContentFile(PDF, name="report.pdf"),
        uploaded_by_user=editor,
    )
    path = staged_path(upload)
    assert path.exists()
    UploadedFile.objects.filter(pk=upload.pk).delete()
    assert not path.exists()


def age(path, days):
    then = time.time() - days * 86400
    os.utime(path, (then, then))


@pytest.mark.django_db
def test_abandoned_staging_files_are_cleared_after_a_day(editor, staging_root):
    def stage(name):
        return UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(Document),
            file=ContentFile(PDF, name=name),
            uploaded_by_user=editor,
        )

    abandoned, recent = stage("abandoned.pdf"), stage("recent.pdf")
    age(staged_path(abandoned), 2)
    orphan = staged_path(recent).parent / "orphan.pdf"  # a file whose row is gone
    orphan.write_bytes(PDF)
    age(orphan, 2)
    out = io.StringIO()

    call_command("clear_upload_staging", stdout=out)

    assert list(UploadedFile.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not staged_path(abandoned).exists() and not orphan.exists()
    assert staged_path(recent).exists()
    assert "2 abandoned" in out.getvalue()


@pytest.mark.django_db
def test_staging_files_left_in_public_media_before_the_fix_are_cleared():
    legacy = Path(settings.MEDIA_ROOT) / "wagtail_uploads"
    legacy.mkdir(parents=True)
    (legacy / "restricted-report.pdf").write_bytes(PDF)  # what the probe found, served to anyone
    (Path(settings.MEDIA_ROOT) / "documents").mkdir()
    kept = Path(settings.MEDIA_ROOT) / "documents" / "report.pdf"
    kept.write_bytes(PDF)

    call_command("clear_upload_staging", stdout=io.StringIO())

    assert not list(legacy.iterdir())
    assert kept.exists()


# The other paths: single add, the chooser inside a page, replacing the file ---------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MISMATCHED_FILES))
def test_the_add_a_document_form_refuses_a_file_whose_content_is_not_its_type(editor_client, name):
    content, expected = MISMATCHED_FILES[name]
    response = editor_client.post(reverse("wagtaildocs:add"), {**details(), "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["file"]
    assert expected in errors["file"][0]
    assert not Document.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_the_add_a_document_form_accepts_each_type(editor_client, name):
    response = editor_client.post(
        reverse("wagtaildocs:add"), {**details(), "file": SimpleUploadedFile(name, GOOD_FILES[name])}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.get().file.read() == GOOD_FILES[name]


@pytest.mark.django_db
def test_an_html_file_named_report_pdf_is_refused(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add"), {**details(), "file": SimpleUploadedFile("report.pdf", HTML_AS_PDF)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file is not a valid PDF file: its content does not match its name."
    ]
    assert not Document.objects.exists()


def chooser_upload(client, name, content):
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            **details(prefix="document-chooser-upload-"),
            "document-chooser-upload-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
def test_the_chooser_inside_a_page_uploads_a_document(editor_client):
    result = chooser_upload(editor_client, "report.pdf", PDF)
    assert result["step"] == "chosen", result
    assert Document.objects.get().file.read() == PDF


@pytest.mark.django_db
def test_the_chooser_inside_a_page_refuses_an_html_file_named_pdf(editor_client):
    result = chooser_upload(editor_client, "report.pdf", HTML_AS_PDF)
    assert result["step"] == "reshow_creation_form"
    assert "This file is not a valid PDF file" in text_of(result["htmlFragment"])
    assert not Document.objects.exists()


@pytest.fixture
def saved_document(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add"), {**details(), "file": SimpleUploadedFile("report.pdf", PDF)}
    )
    assert response.status_code == 302
    return Document.objects.get()


@pytest.mark.django_db
def test_replacing_the_file_with_a_mismatched_one_is_refused_and_keeps_the_saved_file(editor_client, saved_document):
    original = saved_document.file.name
    response = editor_client.post(
        reverse("wagtaildocs:edit", args=[saved_document.pk]),
        {**details(title="Renamed"), "file": SimpleUploadedFile("figures.xlsx", PDF)},
    )
    assert response.status_code == 200
    assert "not a valid Excel (.xlsx) file" in response.context["form"].errors["file"][0]
    saved_document.refresh_from_db()
    assert (saved_document.title, saved_document.file.name) == ("Labour migration report", original)
    assert saved_document.file.read() == PDF


@pytest.mark.django_db
def test_replacing_the_file_with_a_good_one_works(editor_client, saved_document):
    docx = GOOD_FILES["report.docx"]
    response = editor_client.post(
        reverse("wagtaildocs:edit", args=[saved_document.pk]),
        {**details(title="Renamed"), "file": SimpleUploadedFile("report.docx", docx)},
    )
    assert response.status_code == 302, response.context["form"].errors
    saved_document.refresh_from_db()
    assert saved_document.title == "Renamed" and saved_document.file.read() == docx


@pytest.mark.django_db
def test_editing_the_details_without_a_new_file_keeps_it(editor_client, saved_document):
    response = editor_client.post(reverse("wagtaildocs:edit", args=[saved_document.pk]), details(title="Renamed"))
    assert response.status_code == 302, response.context["form"].errors
    saved_document.refresh_from_db()
    assert saved_document.title == "Renamed" and saved_document.file.read() == PDF


@pytest.mark.django_db
def test_the_multiple_uploaders_edit_form_of_an_existing_document_saves(editor_client, saved_document):
    prefix = f"doc-{saved_document.pk}-"
    response = editor_client.post(
        reverse("wagtaildocs:edit_multiple", args=[saved_document.pk]), details(prefix=prefix, title="Renamed")
    )
    assert response.json()["success"]
    saved_document.refresh_from_db()
    assert saved_document.title == "Renamed"


# The deployment ------------------------------------------------------------------------------


def test_the_bucket_policy_and_nginx_never_publish_staging_files_or_documents():
    root = Path(settings.BASE_DIR)
    policy = json.loads((root / "deploy/s3-bucket-policy.json").read_text())
    public = [
        resource
        for statement in policy["Statement"]
        if statement["Effect"] == "Allow" and statement.get("Principal") in ("*", {"AWS": "*"})
        for resource in ([statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"])
    ]
    assert public and all(r.split(":::BUCKET/", 1)[1] in ("images/*", "original_images/*") for r in public), public
    nginx = (root / "deploy/nginx/iom-mongolia.conf").read_text()
    locations = dict(re.findall(r"location\s+(?:\^~\s+)?(\S+)\s*\{([^}]*)\}", nginx))
    assert locations["/media/wagtail_uploads/"].strip() == "return 404;"
    assert locations["/media/"].strip() == "return 404;"
    public_media = {path for path, body in locations.items() if path.startswith("/media/") and "alias" in body}
    assert public_media == {"/media/images/", "/media/original_images/"}


@pytest.mark.django_db
def test_in_object_storage_the_staging_copy_is_private_and_gone_after_update(s3_media, editor_client):
    from tests.http import request

    staged = upload_many(editor_client, "restricted-report.pdf", PDF)
    name = UploadedFile.objects.get().file.name
    listing = s3_media["client"].list_objects_v2(Bucket=s3_media["bucket"], Prefix="wagtail_uploads/")
    assert [item["Key"] for item in listing.get("Contents", [])] == [name]
    direct = request(f"{s3_media['endpoint']}/{s3_media['bucket']}/{name}")
    assert direct.status == 403, "a staging file in the bucket is not readable without credentials"

    assert press_update(editor_client, staged["uploaded_file_id"])["success"]
    listing = s3_media["client"].list_objects_v2(Bucket=s3_media["bucket"], Prefix="wagtail_uploads/")
    assert not listing.get("Contents")
    assert Document.objects.get().file.read() == PDF
