"""Queries and time per request of the Media and news pages with 3 and with 60 articles.

Builds a throw-away SQLite database (migrate + load_site_content), adds 3 articles (each with a
lead image, two tags and a work area; every seventh featured), measures with 2 articles a page,
adds 57 more, measures again with 12 a page. For each address it asks twice through Django's test client and reports the queries of
the second request (the first makes image renditions and fills caches, as any earlier visitor
would have) and the median time of five more. Figures are printed, never asserted: the test
tests/news/test_news_queries.py asserts that the counts stay equal.

Run with: .venv/bin/python scripts/news_query_counts.py [--redis redis://host:6379/N]
(--redis measures with the production cache backend, django-redis, on that database; it is
emptied first, so give it a database of its own.)
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAGES = {
    "Media and news": "/en/media-and-news/",
    "Media and news, filtered": "/en/media-and-news/?kind=news&year=2024&area=internal-migration&tag=dzud",
    "Media and news, page 2": "/en/media-and-news/?page=2",
    "Media and news (mn)": "/mn/media-and-news/",
    "an article": "/en/media-and-news/article-0/",
    "home page": "/en/",
    "home page (mn)": "/mn/",
    "work area page": "/en/our-work/internal-migration/",
    "RSS feed": "/en/media-and-news/feeds/rss/",
    "Atom feed": "/en/media-and-news/feeds/atom/",
    "RSS feed of one kind": "/en/media-and-news/feeds/news/rss/",
}


def setup(redis_url):
    workdir = tempfile.mkdtemp(prefix="news-query-counts-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/db.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom_mongolia.settings.test")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.conf import settings

    if redis_url:
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "news-query-counts",
                "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            }
        }
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    cache.clear()


def make_image(number):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), (number * 37 % 256, 90, 160)).save(buffer, "JPEG")
    return Image.objects.create(title=f"Photo {number}", file=ImageFile(buffer, name=f"photo-{number}.jpg"))


def add_articles(start, count):
    import datetime

    from news.models import ArticlePage, NewsIndexPage
    from pages.models import WorkAreaPage

    index = NewsIndexPage.objects.get(locale__language_code="en")
    area = WorkAreaPage.objects.get(slug="internal-migration", locale__language_code="en")
    for number in range(start, start + count):
        article = ArticlePage(
            title=f"Article {number}",
            slug=f"article-{number}",
            summary=f"The summary of article {number}.",
            publication_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            body='[{"type": "paragraph", "value": "<p>Text.</p>"}]',
            lead_image=make_image(number),
            lead_image_alt="A photo.",
            lead_image_credit="Photo: IOM/2024",
            featured=number % 7 == 0,
        )
        index.add_child(instance=article)
        article.work_areas.set([area])
        article.tags.add("dzud", f"tag-{number % 5}")
        article.save_revision().publish()


def measure():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, path in PAGES.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count = len(queries.captured_queries)  # now: the next request empties the log
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(path)
            timings.append(time.perf_counter() - started)
        results[name] = (count, statistics.median(timings) * 1000, len(response.content))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis", help="measure with django-redis on this database (emptied first)")
    args = parser.parse_args()
    setup(args.redis)
    from news.models import NewsIndexPage

    add_articles(0, 3)
    NewsIndexPage.objects.update(per_page=2)  # so that 3 articles make a page 2 as well
    few = measure()
    add_articles(3, 57)
    NewsIndexPage.objects.update(per_page=12)
    many = measure()
    cache = "django-redis" if args.redis else "local memory"
    print(f"Queries per request (second request; cache: {cache}), median time of five, response size:")
    print(f"{'page':28} {'3 articles':>22} {'60 articles':>22}")
    for name in PAGES:
        (q3, t3, s3), (q60, t60, s60) = few[name], many[name]
        flag = "" if q3 == q60 else "   <- grows"
        print(
            f"{name:28} {q3:4d} q {t3:6.1f} ms {s3 // 1024:3d} KB {q60:4d} q {t60:6.1f} ms {s60 // 1024:3d} KB{flag}"
        )


if __name__ == "__main__":
    main()
