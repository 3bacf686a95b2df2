import os

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls
# made by tests around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate-limit counts must not carry over between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded_site(db):
    """The whole mission site, built by the seed loader as `make run` does."""
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    from pages.models import HomePage

    return HomePage.objects.get(locale__language_code="en")
