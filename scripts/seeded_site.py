"""The seeded site in a throw-away SQLite database, for the scripts that measure it."""

import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def build(prefix):
    """Set Django up on a new SQLite file and media folder in a temporary folder (test settings,
    test environment), migrate it and load the site's content, as `make run` does."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/db.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom_mongolia.settings.test")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_site_content", stdout=open(os.devnull, "w"))
