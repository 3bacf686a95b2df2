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
    first_of_module = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(getattr(item, "module", None), index)
        if uses_seed(item):
            item.add_marker(pytest.mark.django_db)
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    # The seed stays in place until the module's last test: a module's other tests run before its
    # seeded ones, so that they never see the seed under the tree they build themselves.
    items.sort(key=lambda item: (first_of_module[getattr(item, "module", None)], uses_seed(item)))


def uses_seed(item):
    return "seed_report" in getattr(item, "fixturenames", ())


def clear_caches():
    """Wagtail keeps the sites' root paths and renditions in the cache; a rolled-back database leaves them stale."""
    for cache in caches.all():
        cache.clear()


# The module's seed transaction while it is open (see seed_report).
_open_seed = []


def end_seed_transaction():
    """Roll the module's seed back, once. A transactional test (live server, real commits) must not
    run inside it: its commits would only be savepoints, its purges would wait for a commit that
    never comes, and PostgreSQL would refuse the flush after it ("pending trigger events"),
    leaving its rows to the next tests of the worker."""
    while _open_seed:
        seeded = _open_seed.pop()
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)
        clear_caches()


@pytest.fixture(scope="module")
def seed_report(django_db_setup, django_db_blocker):
    """The whole mission site, built once per test module by the seed loader as `make run` does, on
    the freshly migrated test database; the loader's report. Each test runs inside its own savepoint
    on top of it, and the seed is rolled back after the module's last test, or before the module's
    first transactional test, whichever comes first."""
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        _open_seed.append(seeded)
        clear_caches()
        out = io.StringIO()
        call_command("load_site_content", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        end_seed_transaction()


@pytest.fixture(autouse=True)
def _no_seed_under_other_tests(request, django_db_blocker):
    """A test that does not ask for the seed never runs on top of it (its module's seeded tests
    come last, see pytest_collection_modifyitems; a transactional test needs it gone too)."""
    if not uses_seed(request.node):
        if _open_seed:
            with django_db_blocker.unblock():
                end_seed_transaction()
    else:
        assert _open_seed, "the module's seed was rolled back before this seeded test: check the test order"


@pytest.fixture
def seeded_site(seed_report, db):
    """The seeded mission site's English home page. For the tests of the seed content only:
    feature tests build their own tree (`site_tree`)."""
    from pages.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture(autouse=True)
def _fresh_shared_cache():
    """Each test starts with an empty cache (template fragments, rate-limit counts): ids repeat
    between tests whose data was rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def services_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("services")


# The shared secret the test Varnish asks purges for (FRONTEND_CACHE_PURGE_SECRET in production).
VARNISH_PURGE_SECRET = "test-purge-secret"


@pytest.fixture(scope="session")
def varnish(live_server, services_dir):
    """A real varnishd running deploy/varnish/iom-mongolia.vcl in front of the live test server."""
    from urllib.parse import urlsplit

    from scripts import services

    port = services.free_port()
    process = services.start_varnish(
        services_dir / "varnish", port, urlsplit(live_server.url).port, purge_secret=VARNISH_PURGE_SECRET
    )
    yield f"http://127.0.0.1:{port}"
    services.stop(process)


@pytest.fixture
def purging_to(varnish, settings):
    """Purges go to the test Varnish, as FRONTEND_CACHE_VARNISH_URL makes them in production."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "core.varnish_purge.VarnishBackend",
            "LOCATION": varnish,
            "PURGE_SECRET": VARNISH_PURGE_SECRET,
        }
    }
    return varnish


@pytest.fixture(scope="session")
def moto_s3(services_dir):
    """moto's S3 server, with the media bucket and its policy (deploy/s3-bucket-policy.json)."""
    from scripts import services

    port = services.free_port()
    process = services.start_moto(services_dir, port)
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test-secret")
    client = services.create_bucket(endpoint, "iom-media")
    yield {"endpoint": endpoint, "bucket": "iom-media", "client": client}
    services.stop(process)


@pytest.fixture
def s3_media(moto_s3, settings):
    """Media stored in the bucket, configured as AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL do."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "editorial.staging.S3MediaStorage",
            "OPTIONS": {
                "bucket_name": moto_s3["bucket"],
                "endpoint_url": moto_s3["endpoint"],
                "region_name": "us-east-1",
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    return moto_s3


@pytest.fixture
def make_user(django_user_model):
    """make_user(group name, username): a staff member in one of the Communications groups."""
    from django.contrib.auth.models import Group

    def make(group_name, username):
        user = django_user_model.objects.create_user(username=username, password="a-long-test-password")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make
