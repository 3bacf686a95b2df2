"""Uploads: images are JPEG, PNG, WebP or AVIF, at most 10 MB and 40 megapixels; documents are
of a safe type and at most 20 MB. Each refusal is a form error, and nothing saved is lost."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images.models import Image

from editorial.roles import EDITORS
from tests.test_document_upload import GOOD_FILES

MB = 1024 * 1024
Document = get_document_model()


def image_bytes(size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 90, 160)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def editor_client(db, client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="a-long-test-password")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"), {"title": "A photo", "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def upload_document(client, name, content):
    data = {"title": "A report", "file": SimpleUploadedFile(name, content), "collection": 1}
    data.update(publication_date="2024-05-01", resource_type="report")
    return client.post(reverse("wagtaildocs:add"), data)


def form_errors(response):
    assert response.status_code == 200, "a refused upload shows the form again"
    errors = response.context["form"].errors
    return " ".join(str(error) for field_errors in errors.values() for error in field_errors).replace("\xa0", " ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,fmt", [("photo.jpg", "JPEG"), ("photo.png", "PNG"), ("photo.webp", "WEBP"), ("photo.avif", "AVIF")]
)
def test_an_editor_uploads_each_accepted_image_format(editor_client, name, fmt):
    response = upload_image(editor_client, name, image_bytes(fmt=fmt))
    assert response.status_code == 302, form_errors(response)
    assert Image.objects.filter(title="A photo").count() == 1


@pytest.mark.django_db
def test_an_oversized_image_is_refused(editor_client):
    # A real JPEG padded past 10 MB (image readers ignore bytes after the end of the image).
    content = image_bytes(fmt="JPEG") + b"\0" * (10 * MB)
    errors = form_errors(upload_image(editor_client, "big.jpg", content))
    assert "too big" in errors and "10.0 MB" in errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_image_of_more_than_forty_megapixels_is_refused(editor_client):
    content = image_bytes(size=(8000, 5001))  # 40,008,000 pixels, a few kilobytes as a PNG
    assert len(content) < MB
    errors = form_errors(upload_image(editor_client, "huge.png", content))
    assert "too many pixels" in errors and "40000000" in errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_renamed_non_image_is_refused(editor_client):
    errors = form_errors(upload_image(editor_client, "photo.jpg", b"This is a text file, not a photo.\n" * 20))
    assert "Upload a valid image" in errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_image_whose_content_does_not_match_its_name_is_refused(editor_client):
    errors = form_errors(upload_image(editor_client, "photo.jpg", image_bytes(fmt="GIF")))
    assert "Not a valid .jpeg image" in errors or "Not a supported image format" in errors
    assert not Image.objects.exists()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.mark.django_db
@pytest.mark.parametrize("name,content", [("logo.svg", SVG), ("anim.gif", image_bytes(fmt="GIF"))])
def test_svg_and_other_image_formats_are_refused(editor_client, name, content):
    errors = form_errors(upload_image(editor_client, name, content))
    assert "Not a supported image format" in errors or "Upload a valid image" in errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_refused_replacement_keeps_the_saved_image(editor_client):
    assert upload_image(editor_client, "photo.png", image_bytes()).status_code == 302
    image = Image.objects.get()
    original_file = image.file.name
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Renamed", "file": SimpleUploadedFile("logo.svg", SVG), "collection": 1},
    )
    assert "Not a supported image format" in form_errors(response)
    image.refresh_from_db()
    assert image.title == "A photo"
    assert image.file.name == original_file
    assert image.file.storage.exists(original_file)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["report.pdf", "report.docx", "figures.xlsx", "slides.pptx", "figures.csv", "notes.txt", "report.odt"]
)
def test_an_editor_uploads_each_safe_document_type(editor_client, name):
    # Real content of each type: documents are checked by content too (tests/test_document_upload.py).
    response = upload_document(editor_client, name, GOOD_FILES[name])
    assert response.status_code == 302, form_errors(response)
    assert Document.objects.filter(title="A report").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["setup.exe", "page.html", "logo.svg", "macro.js", "archive.zip"])
def test_unsafe_document_types_are_refused(editor_client, name):
    errors = form_errors(upload_document(editor_client, name, b"anything"))
    assert "File extension" in errors and "is not allowed" in errors
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_document_over_twenty_megabytes_is_refused(editor_client):
    errors = form_errors(upload_document(editor_client, "report.pdf", b"%PDF-1.4\n" + b"0" * (20 * MB)))
    assert errors == "This file is too big (20.0 MB). Maximum filesize 20.0 MB."
    assert not Document.objects.exists()
