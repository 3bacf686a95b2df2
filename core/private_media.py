"""Images in restricted collections: stored privately, served only through the app's check.

A collection with a view restriction (signed-in users, groups or a password), or a collection
below one, keeps its documents private (core/documents.py) and its images too:

- the files of such an image (its original and every rendition) are stored under
  "restricted_images/" instead of "original_images/" and "images/": in object storage the bucket
  policy (deploy/s3-bucket-policy.json) grants public read on those two folders only; on local
  disk nginx (deploy/nginx/iom-mongolia.conf) and the development server's /media/ serve those
  two folders only, so MEDIA_ROOT/restricted_images/ is never served directly;
- their address is /private-media/<name> (the storage's url()), served by `serve` below after the
  collection's view restrictions (Wagtail's own `accept_request`) or the viewer's admin permission
  on the image; an anonymous visitor is sent to sign in, anyone else refused, and no cache keeps
  the answer;
- a new image or rendition of a restricted image is written there at once (compat/images.py);
  `sync_image_files` moves the original of an image whose collection changed privacy (moved to
  another collection, a restriction added or removed, the collection moved) and deletes the
  renditions stored on the wrong side, which Wagtail makes again on the next request.

Images in public collections are untouched: plain URLs, served by the bucket or nginx and kept by
caches.
"""

import mimetypes

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, CollectionViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

PRIVATE_FOLDER = "restricted_images"
URL_PREFIX = "/private-media/"


def is_private_name(name):
    return str(name).replace("\\", "/").lstrip("/").split("/", 1)[0] == PRIVATE_FOLDER


def private_name(name):
    return name if is_private_name(name) else f"{PRIVATE_FOLDER}/{name}"


def public_name(name):
    return name.split("/", 1)[1] if is_private_name(name) else name


def private_url(name):
    return URL_PREFIX + name


def is_restricted(collection):
    """Whether the collection, or one above it, has a view restriction."""
    return collection is not None and collection.get_view_restrictions().exists()


def restricted_upload_to(image, name):
    """The storage name of a new file of `image` (its original or a rendition)."""
    return private_name(name) if is_restricted(image.collection) else name


def move_file(storage, name, new_name):
    with storage.open(name) as source:
        saved = storage.save(new_name, source)
    storage.delete(name)
    return saved


def sync_image_files(image):
    """Put the image's files on the side its collection's privacy asks for; returns whether any
    file moved or went."""
    restricted = is_restricted(image.collection)
    changed = False
    name = image.file.name
    wanted = private_name(name) if restricted else public_name(name)
    if name and wanted != name:
        image.file.name = move_file(image.file.storage, name, wanted)
        type(image).objects.filter(pk=image.pk).update(file=image.file.name)
        changed = True
    for rendition in image.renditions.all():
        if is_private_name(rendition.file.name) != restricted:
            # At once, not after the commit like Wagtail's own clean-up: the file must not stay public.
            rendition.file.storage.delete(rendition.file.name)
            rendition.delete()
            changed = True
    return changed


def images_below(collections):
    """The images in these collections or below them."""
    condition = Q()
    for collection in collections:
        condition |= Q(collection__path__startswith=collection.path)
    return get_image_model().objects.filter(condition).select_related("collection") if collections else []


def sync_collections(collections):
    return sum(sync_image_files(image) for image in images_below(collections))


def sync_all_images():
    """Every image's files on the right side (`manage.py protect_restricted_images`)."""
    return sum(sync_image_files(image) for image in get_image_model().objects.select_related("collection"))


def owner_of(name):
    """The image a stored private file belongs to (as its original or a rendition), or None."""
    Image = get_image_model()
    image = Image.objects.select_related("collection").filter(file=name).first()
    if image is None:
        rendition = Image.get_rendition_model().objects.select_related("image__collection").filter(file=name).first()
        image = rendition.image if rendition else None
    return image


def may_view(request, image):
    from wagtail.images.permissions import permission_policy

    user = request.user
    if user.is_authenticated and permission_policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], image
    ):
        return True
    return all(restriction.accept_request(request) for restriction in image.collection.get_view_restrictions())


def serve(request, name):
    """/private-media/<name>: a file of a restricted image, to those who may view its collection."""
    image = owner_of(name) if is_private_name(name) else None
    if image is None:
        raise Http404("No such image file.")
    if not may_view(request, image):
        if (
            not request.user.is_authenticated
            and CollectionViewRestriction.objects.filter(
                collection__in=image.collection.get_ancestors(inclusive=True),
                restriction_type__in=[BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS],
            ).exists()
        ):
            response = require_wagtail_login(next=request.get_full_path())
            response["Cache-Control"] = "private, no-store"
            return response
        raise PermissionDenied
    storage = image.file.storage
    try:
        stored = storage.open(name)
    except FileNotFoundError:
        raise Http404("No such image file.") from None
    response = FileResponse(stored, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response["Cache-Control"] = "private, no-cache"
    return response


def image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_image_files(instance)


def restriction_changed(sender, instance, raw=False, **kwargs):
    from wagtail.models import Collection

    try:
        collection = instance.collection
    except Collection.DoesNotExist:  # the collection itself is being deleted (only an empty one can be)
        return
    if not raw:
        sync_collections([collection])


def collection_moved(sender, new_path, **kwargs):
    """treebeard's path_updated: a collection (and what is below it) moved in the tree, maybe
    below a restricted collection or out from under one."""
    sync_collections(list(sender.objects.filter(path=new_path)))


def connect():
    from django.db.models.signals import post_delete, post_save
    from treebeard.mp_tree import path_updated
    from wagtail.models import Collection

    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="private_media_image")
    post_save.connect(restriction_changed, sender=CollectionViewRestriction, dispatch_uid="private_media_restrict")
    post_delete.connect(restriction_changed, sender=CollectionViewRestriction, dispatch_uid="private_media_open")
    path_updated.connect(collection_moved, sender=Collection, dispatch_uid="private_media_collection")
