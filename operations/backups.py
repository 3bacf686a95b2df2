"""Backups of the whole site: the database (PostgreSQL or SQLite) and the media store (images,
their renditions unless left out, documents) in one dated archive; restore into an empty
database and an empty media store. See docs/deployment.md for the schedule and the drill.

Archive layout (a .tar.gz):
    manifest.json       what is inside: format, date, database vendor, renditions, media files
    database.dump       PostgreSQL: pg_dump's custom format (restored with pg_restore)
    database.sqlite3    SQLite: a consistent copy made with SQLite's backup API
    media/<name>        every file of the media store, under its storage name
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
# Files that the health check writes and deletes: never part of a backup.
SKIPPED_FOLDERS = {"health_check_storage_test"}


class BackupError(Exception):
    pass


def _walk(storage, folder=""):
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        if not folder and sub in SKIPPED_FOLDERS:
            continue
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def media_files(include_renditions=True):
    """The storage names of the media files to back up."""
    try:
        names = list(_walk(default_storage))
    except FileNotFoundError:  # no media folder yet
        return []
    if include_renditions:
        return names
    from wagtail.images import get_image_model

    renditions = set(get_image_model().get_rendition_model().objects.values_list("file", flat=True))
    return [name for name in names if name not in renditions]


def _pg_env_and_args():
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [option, str(params[key])]
    return env, args, params["NAME"]


def dump_database(target_dir):
    """Writes the database into target_dir; returns the file name."""
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        path = Path(target_dir) / "database.dump"
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(path), name]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return path.name
    if connection.vendor == "sqlite":
        path = Path(target_dir) / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
        return path.name
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def backup_site(directory, include_renditions=True, now=None):
    """Writes iom-mongolia-<date>-<time>.tar.gz into `directory`; returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    archive = directory / f"iom-mongolia-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        database_file = dump_database(work)
        files = media_files(include_renditions)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "file": database_file},
            "renditions": include_renditions,
            "media": files,
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2))
            tar.add(Path(work) / "manifest.json", "manifest.json")
            tar.add(Path(work) / database_file, database_file)
            for name in files:
                with default_storage.open(name, "rb") as source:
                    local = Path(work) / "media-file"
                    with open(local, "wb") as copy:
                        shutil.copyfileobj(source, copy)
                tar.add(local, f"media/{name}")
        partial.rename(archive)  # a backup is either complete or absent
    return archive


def database_is_empty():
    return not connection.introspection.table_names()


def restore_site(archive):
    """Restores the archive into the empty database and media store; returns the manifest."""
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was not written by backup_site (or by an incompatible version).")
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(f"The archive holds a {vendor} database; this site uses {connection.vendor}.")
        if not database_is_empty():
            raise BackupError("The database is not empty: restore into a new, empty database.")
        existing = [name for name in manifest["media"] if default_storage.exists(name)]
        if existing:
            raise BackupError(f"The media store is not empty (e.g. {existing[0]}): restore into an empty one.")

        tar.extract(manifest["database"]["file"], work, filter="data")
        restore_database(Path(work) / manifest["database"]["file"])
        for name in manifest["media"]:
            member = tar.extractfile(f"media/{name}")
            saved = default_storage.save(name, File(member, name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}.")
    if not manifest["renditions"]:
        from wagtail.images import get_image_model

        get_image_model().get_rendition_model().objects.all().delete()  # made again when next shown
    return manifest


def restore_database(path):
    if connection.vendor == "postgresql":
        connection.close()
        env, args, name = _pg_env_and_args()
        command = [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            *args,
            "--dbname",
            name,
            str(path),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
