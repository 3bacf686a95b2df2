"""Images in restricted collections are private like documents (core/private_media.py).

Found in the probe: collection privacy protected documents, not images: the original of an image
in a collection restricted to signed-in users, and its renditions, were readable anonymously at
guessable addresses (/media/original_images/<name>, the bucket's original_images/<name>).
The same refusals through Varnish, nginx and the bucket are in tests/test_stack.py."""

import io
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests import test_upload_limits
from tests.http import request

editor_client = test_upload_limits.editor_client  # the signed-in editor of the upload tests
Image = get_image_model()
RENDITIONS = ["fill-320x200|format-webp", "fill-320x200|format-jpeg", "width-1200|format-avif", "original"]


def picture(colour=(0, 51, 160)):
    data = io.BytesIO()
    PillowImage.new("RGB", (640, 400), colour).save(data, "JPEG")
    return data.getvalue()


def make_image(collection, title="Field visit"):
    image = Image(title=title, collection=collection)
    # A name of its own: the two test workers share the media folder, and a file the other one
    # uploads as field-visit.jpg would look like this one left behind.
    image.file = ImageFile(io.BytesIO(picture()), name=f"field-visit-{uuid.uuid4().hex[:8]}.jpg")
    image.save()
    return image


def renditions(image):
    """Every rendition the site makes: one at a time ({% image %}) and several at once ({% picture %})."""
    made = [image.get_rendition(RENDITIONS[0])]
    made += list(image.get_renditions(*RENDITIONS[1:]).values())
    return made


def stored_files(image):
    return [image.file.name] + [rendition.file.name for rendition in image.renditions.all()]


def restricted(name="Internal", kind=CollectionViewRestriction.LOGIN, groups=(), parent=None):
    collection = (parent or Collection.get_first_root_node()).add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=kind)
    restriction.groups.set(groups)
    return collection


def content(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def visitor(db, django_user_model):
    """A signed-in user with no admin access: allowed by a "signed-in users" restriction."""
    return django_user_model.objects.create_user(username="visitor", password="a-long-test-password")


def assert_refused_anonymously(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"], (url, response.status_code)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_an_image_uploaded_into_a_restricted_collection_is_private_with_every_rendition(db, editor_client, visitor):
    internal = restricted()
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("field-visit.jpg", picture()), "collection": internal.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:500]
    image = Image.objects.get(collection=internal)
    made = renditions(image)

    assert image.file.name.startswith("restricted_images/original_images/")
    assert all(rendition.file.name.startswith("restricted_images/images/") for rendition in made)
    media = Path(django_settings.MEDIA_ROOT)
    for name in stored_files(image):
        public_copy = media / name.removeprefix("restricted_images/")
        assert not public_copy.exists(), f"{public_copy} is in a public folder"
    urls = [image.file.url] + [rendition.url for rendition in made]
    assert all(url.startswith("/private-media/restricted_images/") for url in urls), urls

    anonymous = Client()
    for url in urls:
        assert_refused_anonymously(anonymous, url)

    anonymous.force_login(visitor)
    for url in urls:
        served = anonymous.get(url)
        assert served.status_code == 200, url
        assert served["Cache-Control"].startswith("private")
        with image.file.storage.open(url.removeprefix("/private-media/")) as stored:
            assert content(served) == stored.read()
    # The admin shows its editors the image (thumbnails in the listing and the chooser).
    listing = editor_client.get(reverse("wagtailimages:index"))
    assert "/private-media/restricted_images/images/" in listing.content.decode()
    assert editor_client.get(made[0].url).status_code == 200


def test_a_group_restriction_lets_in_its_group_only(db, client, django_user_model):
    group = Group.objects.create(name="Protection staff")
    image = make_image(restricted("Protection", CollectionViewRestriction.GROUPS, groups=[group]))
    url = image.get_rendition("fill-320x200|format-webp").url
    outsider = django_user_model.objects.create_user(username="outsider", password="a-long-test-password")
    member = django_user_model.objects.create_user(username="member", password="a-long-test-password")
    member.groups.add(group)

    assert_refused_anonymously(client, url)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_password_restriction_refuses_without_the_password(db, client):
    collection = Collection.get_first_root_node().add_child(name="Shared")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="a shared password"
    )
    image = make_image(collection)
    assert image.file.url.startswith("/private-media/")
    assert client.get(image.file.url).status_code == 403


def test_moving_an_image_into_and_out_of_a_restricted_collection_moves_its_files(db, client):
    root = Collection.get_first_root_node()
    image = make_image(root)
    public_files = stored_files(image) + [rendition.file.name for rendition in renditions(image)]
    storage = image.file.storage
    assert image.file.url.startswith("/media/original_images/")

    image.collection = restricted()
    image.save()  # the image's edit form
    image.refresh_from_db()
    assert image.file.name.startswith("restricted_images/original_images/")
    assert not [name for name in public_files if storage.exists(name)], "public copies left behind"
    assert not image.renditions.exists(), "renditions are made again, privately, when asked for"
    private_files = stored_files(image) + [rendition.file.name for rendition in renditions(image)]
    assert all(name.startswith("restricted_images/") for name in private_files)
    assert_refused_anonymously(client, image.file.url)

    image.collection = root
    image.save()
    image.refresh_from_db()
    assert image.file.name.startswith("original_images/")
    assert not [name for name in private_files if storage.exists(name)]
    assert client.get(image.get_rendition("fill-320x200|format-webp").url).status_code in (200, 404)
    assert image.get_rendition("fill-320x200|format-webp").url.startswith("/media/images/")


def test_restricting_a_collection_covers_the_images_it_and_its_children_hold(db):
    reports = Collection.get_first_root_node().add_child(name="Reports")
    below = reports.add_child(name="Drafts")
    images = [make_image(reports), make_image(below, "Draft photo")]
    old = [name for image in images for name in [image.file.name, image.get_rendition("width-400").file.name]]

    restriction = CollectionViewRestriction.objects.create(
        collection=reports, restriction_type=CollectionViewRestriction.LOGIN
    )
    for image in images:
        image.refresh_from_db()
        assert image.file.name.startswith("restricted_images/"), image.file.name
        assert image.get_rendition("width-400").file.name.startswith("restricted_images/")
    assert not [name for name in old if images[0].file.storage.exists(name)]

    restriction.delete()
    for image in images:
        image.refresh_from_db()
        assert image.file.name.startswith("original_images/")
        assert not image.renditions.filter(file__startswith="restricted_images/").exists()


def test_moving_a_collection_below_a_restricted_one_covers_its_images(db, admin_client):
    internal = restricted()
    photos = Collection.get_first_root_node().add_child(name="Photos")
    image = make_image(photos)
    response = admin_client.post(
        reverse("wagtailadmin_collections:edit", args=[photos.pk]), {"name": "Photos", "parent": internal.pk}
    )
    assert response.status_code == 302, response.content[:1000]
    image.refresh_from_db()
    assert image.collection.get_parent() == internal
    assert image.file.name.startswith("restricted_images/original_images/")


def test_add_to_collection_in_the_images_listing_moves_their_files(db, admin_client):
    internal = restricted()
    images = [make_image(Collection.get_first_root_node(), f"Photo {n}") for n in range(2)]
    url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "add_to_collection"])
    response = admin_client.post(
        url + "?" + "&".join(f"id={image.pk}" for image in images) + "&next=/admin/images/",
        {"collection": internal.pk},
    )
    assert response.status_code == 302, response.content[:1000]
    for image in images:
        image.refresh_from_db()
        assert image.collection == internal
        assert image.file.name.startswith("restricted_images/original_images/")


def test_public_images_keep_plain_addresses_served_by_the_proxy(db, client):
    image = make_image(Collection.get_first_root_node())
    rendition = image.get_rendition("fill-320x200|format-webp")
    assert image.file.name.startswith("original_images/") and rendition.file.name.startswith("images/")
    assert rendition.url == django_settings.MEDIA_URL + rendition.file.name


@pytest.mark.parametrize(
    "path",
    [
        "/private-media/restricted_images/original_images/none.jpg",
        "/private-media/original_images/field-visit.jpg",
        "/private-media/documents/report.pdf",
        "/private-media/restricted_images/../documents/report.pdf",
    ],
)
def test_the_private_address_serves_only_restricted_images_files(db, admin_client, path):
    make_image(Collection.get_first_root_node())
    assert admin_client.get(path).status_code == 404


def test_the_command_protects_images_stored_before_their_collection_was_restricted(db):
    collection = Collection.get_first_root_node().add_child(name="Earlier")
    image = make_image(collection)
    rendition = image.get_rendition("width-400")
    # As a restriction made before this code existed: no signal moved the files.
    CollectionViewRestriction.objects.bulk_create(
        [CollectionViewRestriction(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)]
    )
    out = io.StringIO()
    call_command("protect_restricted_images", stdout=out)
    assert "1 image" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name.startswith("restricted_images/")
    assert not image.file.storage.exists(rendition.file.name)
    out = io.StringIO()
    call_command("protect_restricted_images", stdout=out)
    assert "0 image" in out.getvalue(), "a second run changes nothing"


def bucket_keys(s3, prefix):
    listing = s3["client"].list_objects_v2(Bucket=s3["bucket"], Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_in_object_storage_restricted_images_are_private_in_the_bucket(s3_media, db, client, visitor):
    public = make_image(Collection.get_first_root_node(), "Public photo")
    image = make_image(restricted())
    made = renditions(image)
    bucket = f"{s3_media['endpoint']}/{s3_media['bucket']}/"

    names = stored_files(image)
    assert all(name in bucket_keys(s3_media, "restricted_images/") for name in names)
    for name in names:
        assert request(bucket + name).status == 403, f"{name} is readable in the bucket without credentials"
    assert request(public.get_rendition("width-400").url).status == 200
    assert request(public.file.url).status == 200

    urls = [image.file.url] + [rendition.url for rendition in made]
    assert all(url.startswith("/private-media/restricted_images/") for url in urls)
    for url in urls:
        assert_refused_anonymously(client, url)
    client.force_login(visitor)
    assert content(client.get(urls[0])) == picture_bytes(image)

    # Moved out of the restricted collection: public again, and the private copies are gone.
    image.collection = Collection.get_first_root_node()
    image.save()
    image.refresh_from_db()
    assert request(bucket + image.file.name).status == 200
    assert not [name for name in names if name in bucket_keys(s3_media, "restricted_images/")]


def picture_bytes(image):
    with image.file.storage.open(image.file.name) as stored:
        return stored.read()
