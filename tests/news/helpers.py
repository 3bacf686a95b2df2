"""Helpers of the news tests."""

import datetime
import json
import re

from news.models import ArticleKind
from tests.factories import ArticlePageFactory

INDEX = "/en/media-and-news/"

# title, kind, publication date, work areas (attribute names of the news_site fixture), tags, featured
ARTICLES = [
    ("Alpha news", ArticleKind.NEWS, datetime.date(2024, 3, 10), ["internal"], ["dzud"], False),
    ("Bravo story", ArticleKind.STORY, datetime.date(2023, 11, 5), ["trafficking"], ["return"], False),
    ("Charlie release", ArticleKind.PRESS_RELEASE, datetime.date(2024, 6, 1), ["internal"], ["data"], False),
    ("Delta news", ArticleKind.NEWS, datetime.date(2023, 2, 1), [], ["dzud", "data"], False),
    ("Echo story", ArticleKind.STORY, datetime.date(2022, 1, 1), ["internal"], [], True),
]


def add_article(index, title, **fields):
    return ArticlePageFactory(parent=index, title=title, slug=title.lower().replace(" ", "-"), **fields)


def titles(response):
    """The article titles listed in the page's main content, in order."""
    main = response.content.decode().split("<main", 1)[1]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', main)


def structured_data(html, type_name):
    blocks = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    return next(block for block in blocks if block.get("@type") == type_name)
