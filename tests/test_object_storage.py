"""Media in S3-compatible object storage (moto's S3 server standing in): images and renditions
readable by anyone at plain URLs, documents private in the bucket and served through Wagtail."""

import pytest
import wagtail_factories
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.models import Collection, CollectionViewRestriction

from pages.models import ResourceDocument
from tests.http import request


def keys(s3, prefix):
    listing = s3["client"].list_objects_v2(Bucket=s3["bucket"], Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_the_bucket_is_configured_from_the_environment(monkeypatch):
    """The settings module names S3 storage only when AWS_STORAGE_BUCKET_NAME is set."""
    import importlib

    import iom_mongolia.settings.base as base

    assert django_settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media-bucket")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9")
    try:
        configured = importlib.reload(base)
        assert configured.STORAGES["default"]["BACKEND"] == "editorial.staging.S3MediaStorage"
        assert configured.STORAGES["default"]["OPTIONS"]["bucket_name"] == "media-bucket"
        assert configured.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    finally:
        monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME")
        importlib.reload(base)


@pytest.mark.django_db
def test_images_and_renditions_are_stored_in_the_bucket_and_public(s3_media):
    assert type(storages["default"]).__name__ == "S3MediaStorage"
    image = wagtail_factories.ImageFactory(title="A bucket image")
    rendition = image.get_rendition("fill-320x200|format-webp")

    assert image.file.name in keys(s3_media, "original_images/")
    assert rendition.file.name in keys(s3_media, "images/")
    assert rendition.url.startswith(s3_media["endpoint"] + "/" + s3_media["bucket"] + "/images/")
    assert "Signature" not in rendition.url, "cached pages keep image URLs: they must not expire"
    fetched = request(rendition.url)
    assert fetched.status == 200 and fetched.headers["content-type"] == "image/webp"


@pytest.mark.django_db
def test_documents_stay_private_in_the_bucket_and_wagtail_checks_their_privacy(s3_media, client):
    document = ResourceDocument.objects.create(title="Annual report")
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4 the report"))
    assert document.file.name in keys(s3_media, "documents/")

    direct = request(f"{s3_media['endpoint']}/{s3_media['bucket']}/{document.file.name}")
    assert direct.status == 403, "a document in the bucket is not readable without credentials"

    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4 the report"

    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document.collection = private
    document.save()
    refused = client.get(document.url)
    assert refused.status_code == 302 and "login" in refused["Location"]
