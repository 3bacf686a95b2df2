"""Guards of the compatibility package (docs/upgrading.md): each fails when the upstream behaviour
an entry relies on changes, so an upgrade says what to re-check."""

from pathlib import Path

import wagtail
from django.contrib.staticfiles import finders
from django.test import Client


def wagtail_static(path):
    return (Path(wagtail.__file__).parent / "admin" / "static" / path).read_text()


def test_draftail_still_saves_late_and_exposes_what_the_flush_uses():
    bundle = wagtail_static("wagtailadmin/js/draftail.js")
    assert "serialiseEditorStateToRaw" in bundle and "window.Draftail=" in bundle
    assert ".draftailEditor=" in bundle, "Wagtail no longer keeps the editor on its input"
    assert "},250)" in bundle, "the comment-enabled editor's fixed save delay changed: re-check the flush"


def test_the_flush_script_is_loaded_on_the_edit_forms(db, django_user_model):
    from tests.factories import build_site_tree

    tree = build_site_tree()
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client()
    client.force_login(admin)
    response = client.get(f"/admin/pages/{tree.home.pk}/edit/")
    assert response.status_code == 200
    assert b"compat/js/draftail-flush-on-submit" in response.content
    assert finders.find("compat/js/draftail-flush-on-submit.js")


def test_django_still_marks_assigned_uploads_uncommitted(db):
    from django.core.files.base import ContentFile
    from wagtail.images.models import Image

    from compat.files import is_stored
    from tests.test_upload_limits import image_bytes

    image = Image(title="A photo")
    image.file = ContentFile(image_bytes(), name="photo.png")
    assert not is_stored(image.file), "Django changed how an assigned upload is marked: re-check compat/files.py"
    image.save()
    assert is_stored(Image.objects.get(pk=image.pk).file)
    image.file.delete(save=False)


def test_wagtail_still_names_image_files_with_get_upload_to(db):
    """compat/images.py wraps get_upload_to of the image and rendition models: the file fields must
    still ask it, and Wagtail's own names must still be the public folders the bucket policy and
    nginx serve."""
    from wagtail.images import get_image_model
    from wagtail.images.models import AbstractImage, AbstractRendition, get_rendition_upload_to, get_upload_to

    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    assert Image._meta.get_field("file").upload_to is get_upload_to, "re-check compat/images.py"
    assert Rendition._meta.get_field("file").upload_to is get_rendition_upload_to, "re-check compat/images.py"
    image = Image(title="A photo")
    assert AbstractImage.get_upload_to(image, "photo.jpg") == "original_images/photo.jpg"
    assert (
        AbstractRendition.get_upload_to(Rendition(image=image), "photo.width-400.jpg") == "images/photo.width-400.jpg"
    )
    assert Image.get_upload_to.restricted_aware and Rendition.get_upload_to.restricted_aware


def test_django_still_commits_and_rolls_back_through_the_wrapped_methods(db):
    """compat/database.py bounds `_commit`, `_rollback`, `_set_autocommit` and `is_usable`: Django's
    public transaction methods must still go through them, and the deadline must see each call."""
    import contextlib

    from django.db import connections

    from compat.database import WRAPPED, bound_transaction_control

    wrapper = connections.create_connection("default")
    try:
        seen = []

        @contextlib.contextmanager
        def deadline(connection):
            seen.append(connection)
            yield

        wrapper.ensure_connection()
        bound_transaction_control(wrapper, deadline)
        wrapper.set_autocommit(False)
        wrapper.commit()
        wrapper.rollback()
        wrapper.set_autocommit(True)
        assert wrapper.is_usable()
        assert len(seen) == 5, f"Django no longer calls {WRAPPED} from its public methods: re-check compat/database.py"
    finally:
        wrapper.close()
