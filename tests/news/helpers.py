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


def add_seeded_site_articles():
    """Articles for the seeded site (the mission's Media and news page and work areas), as an
    editor would write them: lead images with credits, tags, work areas, a press contact, one
    featured. Returns them, newest first."""
    import wagtail_factories

    from news.models import NewsIndexPage
    from pages.models import WorkAreaPage
    from people.models import PersonPage

    index = NewsIndexPage.objects.get(locale__language_code="en")
    internal = WorkAreaPage.objects.get(slug="internal-migration", locale__language_code="en")
    emergencies = WorkAreaPage.objects.get(slug="emergencies-and-crisis-response", locale__language_code="en")
    contact = PersonPage.objects.filter(locale__language_code="en").first()
    specs = [
        ("Test news item", ArticleKind.NEWS, datetime.date(2024, 6, 1), [internal], ["data"], True),
        ("Test story", ArticleKind.STORY, datetime.date(2024, 3, 1), [internal, emergencies], ["dzud"], False),
        ("Test press release", ArticleKind.PRESS_RELEASE, datetime.date(2023, 12, 1), [emergencies], ["dzud"], False),
    ]
    articles = []
    for title, kind, date, areas, tags, featured in specs:
        article = add_article(
            index,
            title,
            kind=kind,
            publication_date=date,
            work_areas=areas,
            tags=tags,
            featured=featured,
            press_contact=contact,
            lead_image=wagtail_factories.ImageFactory(file__width=1600, file__height=900, title=f"Photo for {title}"),
            lead_image_caption="A caption for the test photo.",
        )
        article.save_revision().publish()
        articles.append(article)
    return articles


def translate_into_mongolian(article, title, summary):
    """The article's Mongolian translation (its parents are copied as wagtail-localize does), published."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    mongolian = Locale.objects.get(language_code="mn")
    source, _created = TranslationSource.get_or_create_from_instance(article)
    source.create_or_update_translation(mongolian, publish=True, copy_parent_pages=True, fallback=True)
    translated = article.get_translation(mongolian)
    translated.title, translated.summary = title, summary
    translated.lead_image_alt = "Туршилтын зураг."
    translated.save_revision().publish()
    return translated
