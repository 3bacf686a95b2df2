"""Fixtures of the news tests: a small site with a Media and news page and two work areas, and
five articles to filter (ARTICLES in helpers.py)."""

from types import SimpleNamespace

import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, NewsIndexPageFactory, WorkAreaIndexPageFactory, WorkAreaPageFactory

from .helpers import ARTICLES, add_article


@pytest.fixture
def news_site(db):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    index = NewsIndexPageFactory(parent=home)
    areas = WorkAreaIndexPageFactory(parent=home)
    internal = WorkAreaPageFactory(parent=areas, title="Internal migration", slug="internal-migration")
    trafficking = WorkAreaPageFactory(parent=areas, title="Counter-trafficking", slug="counter-trafficking")
    return SimpleNamespace(home=home, index=index, internal=internal, trafficking=trafficking)


@pytest.fixture
def articles(news_site):
    """The five ARTICLES; the expected order on the index is E (featured), C, A, B, D."""
    for title, kind, date, areas, tags, featured in ARTICLES:
        add_article(
            news_site.index,
            title,
            kind=kind,
            publication_date=date,
            work_areas=[getattr(news_site, name) for name in areas],
            tags=tags,
            featured=featured,
        )
    return news_site
