"""Dates as each language writes them: "2 December 2026" in English (not Django's American
"Dec. 2, 2026"), "2026 оны 12-р сарын 2" in Mongolian (not "02 12-р сар 2026"), on the site and in
the admin (iom_mongolia/formats/)."""

import datetime

import pytest
from django.utils import formats, translation

from tests.factories import ArticlePageFactory, build_site_tree
from tests.factories.news import NewsIndexPageFactory

DAY = datetime.date(2026, 12, 2)
MOMENT = datetime.datetime(2026, 12, 2, 14, 5)


@pytest.mark.parametrize(
    ("language", "date", "date_and_time", "short"),
    [
        ("en", "2 December 2026", "2 December 2026, 14:05", "2 Dec 2026, 14:05"),
        ("mn", "2026 оны 12-р сарын 2", "2026 оны 12-р сарын 2, 14:05", "2026.12.02 14:05"),
    ],
)
def test_each_language_writes_dates_its_own_way(language, date, date_and_time, short):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == date_and_time
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short


@pytest.mark.django_db
def test_an_article_shows_its_date_in_the_readers_language(client):
    tree = build_site_tree()
    index = NewsIndexPageFactory(parent=tree.home, title="Media and news", slug="media-and-news")
    article = ArticlePageFactory(parent=index, title="Winter kits", slug="winter-kits", publication_date=DAY)
    article.save_revision().publish()
    english = client.get("/en/media-and-news/winter-kits/")
    assert english.status_code == 200
    assert '<time datetime="2026-12-02">2 December 2026</time>' in english.content.decode()
    mongolian = client.get("/mn/media-and-news/winter-kits/")
    assert mongolian.status_code == 200
    assert '<time datetime="2026-12-02">2026 оны 12-р сарын 2</time>' in mongolian.content.decode()


def test_the_account_pages_time_zones_are_real_zone_names(settings):
    """Account → Locale → Current time zone: each zone offered is one the browser knows (the
    account page's script stopped at Wagtail's default, which includes `localtime`; the browser
    check is tests/browser/test_admin_small_items.py)."""
    import zoneinfo

    assert settings.TIME_ZONE in settings.WAGTAIL_USER_TIME_ZONES
    assert set(settings.WAGTAIL_USER_TIME_ZONES) <= zoneinfo.available_timezones() - {"localtime"}
