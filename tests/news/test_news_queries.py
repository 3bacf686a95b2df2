"""Queries per page do not grow with the number of articles: Media and news (plain and filtered),
an article, the home page and a work area page, and the feeds, each with 3 and with 60 articles
(every one with a lead image, tags and a work area). scripts/news_query_counts.py prints the figures."""

import json

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import ArticlePage
from pages.models import HomePage

from .helpers import INDEX, add_article

PAGES = {
    "index": INDEX,
    "index filtered": INDEX + "?kind=news&year=2024&area=internal-migration&tag=dzud",
    "index page 2": INDEX + "?page=2",
    "home": "/en/",
    "work area": "/en/our-work/internal-migration/",
    "article": INDEX + "article-0/",
    "rss": INDEX + "feeds/rss/",
    "atom": INDEX + "feeds/atom/",
    "rss of a kind": INDEX + "feeds/news/rss/",
    "index in Mongolian": "/mn/media-and-news/",
}


def add_articles(site, start, count):
    for number in range(start, start + count):
        add_article(
            site.index,
            f"Article {number}",
            lead_image=wagtail_factories.ImageFactory(),
            work_areas=[site.internal, site.trafficking],
            tags=["dzud", f"tag-{number % 5}"],
            featured=number % 7 == 0,
        )


def queries_for(client, url):
    client.get(url)  # warm-up: renditions made, caches filled, as after any earlier visitor
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_articles(news_site, client):
    home = HomePage.objects.get(pk=news_site.home.pk)
    home.body = json.dumps([{"type": "latest_news", "value": {"heading": "", "count": 3, "featured_first": True}}])
    home.save()
    add_articles(news_site, 0, 3)
    from news.models import NewsIndexPage

    NewsIndexPage.objects.filter(pk=news_site.index.pk).update(per_page=2)  # two pages already with 3
    few = {name: queries_for(client, url)[0] for name, url in PAGES.items()}

    add_articles(news_site, 3, 57)
    assert ArticlePage.objects.live().count() == 60
    NewsIndexPage.objects.filter(pk=news_site.index.pk).update(per_page=12)
    many = {}
    for name, url in PAGES.items():
        many[name], html = queries_for(client, url)
        if name == "index":
            assert html.count('class="card article-card') == 12
        if name in ("rss", "atom"):
            assert html.count("<item>") + html.count("<entry>") == 20
    report = "\n".join(f"{name}: {few[name]} queries with 3 articles, {many[name]} with 60" for name in PAGES)
    print("\n" + report)
    assert few == many, report
