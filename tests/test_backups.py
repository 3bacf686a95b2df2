"""`manage.py backup_site DIR` and `manage.py restore_site ARCHIVE`: a round trip brings back every
page, revision, translation, image, rendition, document and snippet identical, with every media
file, into an empty database and media store (on PostgreSQL in CI, and on SQLite).

Found in the probe: no backup or restore at all."""

import hashlib
import sqlite3
import tarfile
from pathlib import Path

import pytest
import wagtail_factories
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from partners.models import Partner
from tests.factories import PartnerFactory, ResourceDocumentFactory, StandardPageFactory
from tests.test_settings import STRONG_KEY, run_manage

# Tables whose rows are not content: sessions and sign-in records may differ in a restore drill.
NOT_CONTENT = {"django_session"}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def content(site_tree, media_root):
    """A site built with the factories (a transactional test can't sit on the module's seed, which
    is one open transaction), plus a partner, an image with a rendition, a document, a draft
    revision and a translation."""
    PartnerFactory()
    image = wagtail_factories.ImageFactory(title="Steppe", file__width=640, file__height=400)
    image.get_rendition("fill-320x200")
    ResourceDocumentFactory(title="Annual report 2024")
    page = StandardPageFactory(parent=site_tree.home, slug="backup-test", title="Backup test")
    page.title = "Backup test, draft"
    page.save_revision()
    mongolian = Locale.objects.get(language_code="mn")
    if not page.has_translation(mongolian):
        page.copy_for_translation(mongolian, copy_parents=True)
    assert Partner.objects.exists() and get_image_model().get_rendition_model().objects.exists()
    return page


def rows_of(cursor, table):
    """Every row of the table, in a form that does not depend on the driver's type conversions
    (PostgreSQL prints each row as text, JSON included)."""
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        cursor.execute(f"SELECT t::text FROM {quoted} AS t")  # noqa: S608 (table names from introspection)
    else:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
    return sorted(cursor.fetchall(), key=repr)


def checksums(folder):
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and "health_check_storage_test" not in path.parts
    }


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same vendor as the test database: (DATABASE_URL, connect())."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        # The same type conversions as Django's own SQLite connections.
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path, detect_types=types)
        return
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = f"{server['user']}:{server['password']}@" if server["password"] else f"{server['user']}@"
    yield (
        f"postgres://{credentials}{server['host']}:{server['port']}/{name}",
        lambda: psycopg.connect(dbname=name, **server),
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_elsewhere(archive, database_url, media):
    return run_manage(
        "restore_site",
        str(archive),
        env_overrides={
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media),
        },
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_identically_into_an_empty_database(content, media_root, empty_database, tmp_path):
    call_command("backup_site", str(tmp_path / "backups"))
    [archive] = (tmp_path / "backups").glob("iom-mongolia-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(name.startswith("media/documents/") for name in names)
    assert any(name.startswith("media/images/") for name in names)  # renditions included by default

    database_url, connect = empty_database
    restored_media = tmp_path / "restored-media"
    result = restore_elsewhere(archive, database_url, restored_media)
    assert result.returncode == 0, result.stderr
    assert "Restored the" in result.stdout

    tables = [table for table in connection.introspection.table_names() if table not in NOT_CONTENT]
    assert {"wagtailcore_page", "wagtailcore_revision", "wagtailimages_image", "pages_resourcedocument"} <= set(tables)
    target = connect()
    try:
        with connection.cursor() as source_cursor:
            target_cursor = target.cursor()
            for table in tables:
                assert rows_of(target_cursor, table) == rows_of(source_cursor, table), table
    finally:
        target.close()
    assert checksums(restored_media) == checksums(media_root)
    assert Page.objects.filter(slug="backup-test").count() == 2  # English and its Mongolian translation


@pytest.mark.django_db(transaction=True)
def test_renditions_can_be_left_out(content, media_root, empty_database, tmp_path):
    rendition_files = set(get_image_model().get_rendition_model().objects.values_list("file", flat=True))
    archive = tmp_path / "backups"
    call_command("backup_site", str(archive), "--without-renditions")
    [archive] = archive.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert not {f"media/{name}" for name in rendition_files} & names
    database_url, connect = empty_database
    result = restore_elsewhere(archive, database_url, tmp_path / "restored-media")
    assert result.returncode == 0, result.stderr
    target = connect()
    try:
        cursor = target.cursor()
        cursor.execute("SELECT COUNT(*) FROM wagtailimages_rendition")
        assert cursor.fetchone()[0] == 0  # made again when the images are next shown
        cursor.execute("SELECT COUNT(*) FROM wagtailimages_image")
        assert cursor.fetchone()[0] == get_image_model().objects.count()
    finally:
        target.close()


@pytest.mark.django_db(transaction=True)  # a backup runs outside any transaction
def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path):
    call_command("backup_site", str(tmp_path))
    [archive] = tmp_path.glob("*.tar.gz")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_site", str(archive))


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError):
        call_command("restore_site", str(bogus))
