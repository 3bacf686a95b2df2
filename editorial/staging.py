"""Upload staging: where Wagtail's multiple uploader keeps a file until its document is created.

When a document needs details the uploader's first request does not send (a ResourceDocument's
publication date and type are required), Wagtail stores the file as an UploadedFile
("wagtail_uploads/" on the default storage) and creates the document when the editor presses
"Update". Such a file may belong to a restricted collection, so it is never public:

- on local disk, `MediaFileSystemStorage` keeps "wagtail_uploads/" in UPLOAD_STAGING_ROOT, outside
  MEDIA_ROOT (so neither nginx nor the development server's /media/ can serve it), with no URL;
- in object storage, the bucket policy (deploy/s3-bucket-policy.json) grants public read on
  images only, so "wagtail_uploads/" stays private like documents;
- deleting an UploadedFile row, however it happens, deletes its file (`delete_staged_file`);
- `manage.py clear_upload_staging` removes what abandoned uploads leave behind, after a day.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from storages.backends.s3 import S3Storage

from core.private_media import is_private_name, private_url

STAGING_FOLDER = "wagtail_uploads"  # UploadedFile.file's upload_to


def is_staging_name(name):
    return str(name).replace("\\", "/").lstrip("/").split("/", 1)[0] == STAGING_FOLDER


class MediaFileSystemStorage(FileSystemStorage):
    """MEDIA_ROOT, except the upload staging folder, which lives in UPLOAD_STAGING_ROOT.

    FileSystemStorage finds every file through path() (open, exists, size, times, listdir,
    delete); _save() also names the saved file relative to the storage's location, so a staged
    file is saved by a storage rooted at UPLOAD_STAGING_ROOT."""

    def staging(self):
        return FileSystemStorage(location=settings.UPLOAD_STAGING_ROOT)

    def path(self, name):
        return self.staging().path(name) if is_staging_name(name) else super().path(name)

    def _save(self, name, content):
        return self.staging()._save(name, content) if is_staging_name(name) else super()._save(name, content)

    def url(self, name):
        if is_staging_name(name):
            raise ValueError("An upload staging file has no public address.")
        if is_private_name(name):  # an image of a restricted collection: through the app's check
            return private_url(name)
        return super().url(name)


class S3MediaStorage(S3Storage):
    """The media bucket (AWS_STORAGE_BUCKET_NAME): the files of images in restricted collections
    ("restricted_images/", private in the bucket) are addressed through the app's check."""

    def url(self, name, *args, **kwargs):
        if is_private_name(name):
            return private_url(name)
        return super().url(name, *args, **kwargs)


def delete_staged_file(sender, instance, **kwargs):
    """post_delete of UploadedFile: its file goes with it (Wagtail removes it itself only from
    its own views)."""
    if instance.file:
        instance.file.storage.delete(instance.file.name)


def clear_abandoned_uploads(max_age=datetime.timedelta(days=1)):
    """Delete staged uploads older than `max_age` (their rows and files) and staging files left
    without a row; returns how many files went."""
    from wagtail.models import UploadedFile

    cutoff = timezone.now() - max_age
    storage = UploadedFile._meta.get_field("file").storage
    removed = 0
    kept = set()
    for upload in UploadedFile.objects.all():
        name = upload.file.name
        present = bool(name) and storage.exists(name)
        if present and storage.get_modified_time(name) >= cutoff:
            kept.add(name)
            continue
        upload.delete()  # delete_staged_file removes the file
        removed += present
    try:
        _folders, files = storage.listdir(STAGING_FOLDER)
    except FileNotFoundError:
        files = []
    for filename in files:
        name = f"{STAGING_FOLDER}/{filename}"
        if name not in kept and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    return removed + clear_legacy_staging_folder(storage)


def clear_legacy_staging_folder(storage):
    """Staging files saved under MEDIA_ROOT/wagtail_uploads/ before the staging folder moved out of
    public media: no upload can reach them any more, so all go."""
    if not isinstance(storage, MediaFileSystemStorage):
        return 0
    legacy = Path(storage.location) / STAGING_FOLDER
    files = [path for path in legacy.iterdir() if path.is_file()] if legacy.is_dir() else []
    for path in files:
        path.unlink(missing_ok=True)
    return len(files)
