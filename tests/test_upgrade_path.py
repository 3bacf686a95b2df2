"""A database created by the previous version of the site upgrades cleanly: `migrate` and
`load_site_content` of this version run on it, every page of its sitemap answers in both
languages, and what the data migrations move (site settings, the Mongolian address) is kept.

The previous version is taken from git (the last commit before the architecture change), so this
test needs the repository's history, as CI's clone has it."""

import json
import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PREVIOUS_VERSION = "a7c387e5805ee2fcd36c0c83615c8e36cc99c1cf"
MONGOLIAN_ADDRESS = "НҮБ-ын Нэгдсэн байр"

SERVE_EVERY_PAGE = """
import json, xml.etree.ElementTree as ET
from urllib.parse import urlparse
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from django.contrib.auth.models import Group
setup_test_environment()
client = Client()
ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
paths = set()
for url in ET.fromstring(client.get("/sitemap.xml").content).findall("sm:url", ns):
    paths.add(urlparse(url.find("sm:loc", ns).text).path)
    for link in url.findall("xhtml:link", ns):
        if link.get("hreflang") in ("en", "mn"):
            paths.add(urlparse(link.get("href")).path)
statuses = {path: client.get(path).status_code for path in sorted(paths)}
moderators = Group.objects.get(name="Communications moderators")
print(json.dumps({
    "statuses": statuses,
    "mn_home": client.get("/mn/").content.decode(),
    "en_home": client.get("/en/").content.decode(),
    "moderator_permissions": sorted(
        f"{p.content_type.app_label}.{p.codename}" for p in moderators.permissions.all()
    ),
}))
"""


def run(args, cwd, database):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "iom_mongolia.settings.test",
        "MEDIA_ROOT": str(database.parent / "media"),
    }
    result = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def previous_version_tree(destination):
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", PREVIOUS_VERSION], cwd=BASE_DIR, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("needs the repository's git history (the previous version is read from it)")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def test_a_database_of_the_previous_version_upgrades_and_serves_every_page(tmp_path):
    old_code = previous_version_tree(tmp_path / "previous")
    database = tmp_path / "db.sqlite3"
    run(["manage.py", "migrate", "--noinput", "-v0"], old_code, database)
    run(["manage.py", "load_site_content"], old_code, database)

    run(["manage.py", "migrate", "--noinput", "-v0"], BASE_DIR, database)
    report = run(["manage.py", "load_site_content"], BASE_DIR, database)
    # The old seed made every page; this version adds the Mongolian mirror of the English tree.
    assert "Created synchronisation of mn from en" in report and "alias pages" in report
    # Pages are created only for the sections this version adds; the old seed's pages are kept.
    new_sections = (
        "/media-and-news/",
        "/opportunities/",
        "/events/",
        "/contact/",
        "/data-and-resources/data-and-api/",
    )
    created_pages = [line for line in report.splitlines() if line.startswith("Created page")]
    assert all(any(section in line for section in new_sections) for line in created_pages), created_pages
    assert "nothing to create" in run(["manage.py", "load_site_content"], BASE_DIR, database)

    result = json.loads(run(["-c", SERVE_EVERY_PAGE], BASE_DIR, database))
    statuses = result["statuses"]
    assert len(statuses) >= 30 and any(path.startswith("/mn/") for path in statuses)
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    # The Mongolian address moved from the site settings into the Mongolian site text.
    assert MONGOLIAN_ADDRESS in result["mn_home"]
    assert MONGOLIAN_ADDRESS not in result["en_home"] and "United Nations House" in result["en_home"]
    # Moderators keep the right to change the site settings, now under the core app.
    assert "core.change_sitesettings" in result["moderator_permissions"]
