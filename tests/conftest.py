import io
import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls
# made by tests around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language, whatever the test before it asked for
    (a request to a /mn/ address leaves Mongolian active in the thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def site_tree(db):
    """A small site built with the factories (see tests/factories/trees.py): what feature tests use."""
    from tests.factories import build_site_tree

    return build_site_tree()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests on the seeded site of one module run one after the other on one worker (xdist's
    `--dist loadgroup`), so that the module seeds once; as database tests, they run before the
    transactional ones (pytest-django's order), on the freshly migrated database."""
    for item in items:
        if "seed_report" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def clear_caches():
    """Wagtail keeps the sites' root paths and renditions in the cache; a rolled-back database leaves them stale."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="module")
def seed_report(django_db_setup, django_db_blocker):
    """The whole mission site, built once per test module by the seed loader as `make run` does, on
    the freshly migrated test database; the loader's report. Each test runs inside its own savepoint
    on top of it, and the seed is rolled back after the module's last test."""
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        clear_caches()
        out = io.StringIO()
        call_command("load_site_content", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)
        clear_caches()


@pytest.fixture
def seeded_site(seed_report, db):
    """The seeded mission site's English home page. For the tests of the seed content only:
    feature tests build their own tree (`site_tree`)."""
    from pages.models import HomePage

    return HomePage.objects.get(locale__language_code="en")
