"""RSS 2.0 and Atom feeds of Media and news: well-formed, with the elements each format requires,
absolute links, dates, summaries and the lead image; one per kind and per language; linked from
the pages with <link rel="alternate">; and the Mongolian translation of an article."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 (parses the site's own feeds)
from email.utils import parsedate_to_datetime

import feedparser
import pytest
import wagtail_factories
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from news.feeds import FEED_ITEMS
from news.models import ArticleKind, ArticlePage, NewsIndexPage
from tests.factories import ArticlePageFactory

from .helpers import INDEX, titles

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_URL = INDEX + "feeds/rss/"
ATOM_URL = INDEX + "feeds/atom/"


def get_feed(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    body = response.content
    parsed = feedparser.parse(body)
    assert not parsed.bozo, f"{url} is not well-formed: {parsed.get('bozo_exception')}"
    return ET.fromstring(body), parsed  # noqa: S314


@pytest.fixture
def illustrated(articles):
    """The articles' newest item has a lead image; one title needs escaping."""
    article = ArticlePage.objects.get(title="Charlie release")
    article.lead_image = wagtail_factories.ImageFactory(file__width=2400, file__height=1600)
    article.lead_image_alt = "A press conference."
    article.title = "Charlie release & more"
    article.save_revision().publish()
    return articles


def test_rss_feed_is_valid_rss_2(illustrated, client):
    root, parsed = get_feed(client, RSS_URL, "application/rss+xml")
    assert parsed.version == "rss20"
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "IOM Mongolia: media and news"
    assert channel.findtext("link") == "http://testserver/en/media-and-news/"
    assert channel.findtext("description") == "News, stories and press releases."
    assert channel.findtext("language") == "en"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver" + RSS_URL
    items = channel.findall("item")
    # Newest first (a feed is a timeline: featured articles are not moved up).
    assert [item.findtext("title") for item in items] == [
        "Charlie release & more",
        "Alpha news",
        "Bravo story",
        "Delta news",
        "Echo story",
    ]
    for item in items:
        for element in ("title", "link", "description", "pubDate", "guid"):
            assert item.findtext(element), f"an item lacks <{element}>"
        assert item.findtext("link").startswith("http://testserver/en/media-and-news/")
        assert parsed_date(item.findtext("pubDate")).tzinfo is not None
    first = items[0]
    assert first.findtext("description") == "What happened in charlie release."
    assert parsed_date(first.findtext("pubDate")).date() == datetime.date(2024, 6, 1)
    assert [c.text for c in first.findall("category")] == ["Press release", "data"]
    enclosure = first.find("enclosure")
    assert enclosure.get("url").startswith("http://testserver/media/images/")
    assert "fill-1200x630" in enclosure.get("url")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    assert items[1].find("enclosure") is None  # no lead image, no enclosure


def parsed_date(text):
    return parsedate_to_datetime(text)


def test_atom_feed_is_valid_atom(illustrated, client):
    root, parsed = get_feed(client, ATOM_URL, "application/atom+xml")
    assert parsed.version == "atom10"
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{element}"), f"the feed lacks <{element}>"
    assert (
        root.find(f"{ATOM}author").findtext(f"{ATOM}name") == "International Organization for Migration (IOM) Mongolia"
    )
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": "http://testserver/en/media-and-news/", "self": "http://testserver" + ATOM_URL}
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 5
    for entry in entries:
        for element in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{element}"), f"an entry lacks <{element}>"
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://testserver/en/")
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Charlie release & more"
    assert first.findtext(f"{ATOM}published").startswith("2024-06-01")
    enclosure = first.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("href").startswith("http://testserver/media/images/")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    assert parsed.entries[0].enclosures[0]["type"] == "image/jpeg"


@pytest.mark.parametrize(
    "kind,expected",
    [
        ("news", ["Alpha news", "Delta news"]),
        ("story", ["Bravo story", "Echo story"]),
        ("press-release", ["Charlie release"]),
    ],
)
def test_one_feed_per_kind(articles, client, kind, expected):
    root, _parsed = get_feed(client, f"{INDEX}feeds/{kind}/rss/", "application/rss+xml")
    assert [item.findtext("title") for item in root.iter("item")] == expected
    atom, _parsed = get_feed(client, f"{INDEX}feeds/{kind}/atom/", "application/atom+xml")
    assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")] == expected
    label = {"news": "News", "story": "Stories", "press-release": "Press releases"}[kind]
    assert root.find("channel").findtext("title") == f"IOM Mongolia: {label}"


@pytest.mark.parametrize("path", ["feeds/opinion/rss/", "feeds/opinion/atom/", "feeds/rss/extra/", "feeds/"])
def test_unknown_feeds_are_404(articles, client, path):
    assert client.get(INDEX + path).status_code == 404


def test_an_empty_feed_is_still_valid(news_site, client):
    root, _parsed = get_feed(client, RSS_URL, "application/rss+xml")
    assert root.find("channel").findall("item") == []
    atom, _parsed = get_feed(client, ATOM_URL, "application/atom+xml")
    assert atom.findtext(f"{ATOM}updated")


def test_feeds_carry_the_newest_twenty(news_site, client):
    for number in range(FEED_ITEMS + 2):
        ArticlePageFactory(
            parent=news_site.index, publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(number)
        )
    root, _parsed = get_feed(client, RSS_URL, "application/rss+xml")
    dates = [parsed_date(item.findtext("pubDate")).date() for item in root.iter("item")]
    assert len(dates) == FEED_ITEMS
    assert dates[0] == datetime.date(2020, 1, 22) and dates == sorted(dates, reverse=True)


def test_pages_link_their_feeds(articles, client):
    index_html = client.get(INDEX).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="IOM Mongolia: media and news (RSS)" '
        f'href="http://testserver{RSS_URL}">' in index_html
    )
    assert (
        f'type="application/atom+xml" title="IOM Mongolia: media and news (Atom)" href="http://testserver{ATOM_URL}"'
        in (index_html)
    )
    filtered = client.get(INDEX, {"kind": "story"}).content.decode()
    assert f'href="http://testserver{INDEX}feeds/story/rss/"' in filtered.split("</head>")[0]
    article_html = client.get(ArticlePage.objects.get(title="Bravo story").url).content.decode()
    head = article_html.split("</head>")[0]
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="IOM Mongolia: Stories (RSS)" href="http://testserver{INDEX}feeds/story/rss/">'
        in head
    )
    assert f'href="http://testserver{RSS_URL}"' in head


def test_the_mongolian_address_gives_a_feed_declared_mongolian_even_before_the_articles_are_translated(
    articles, client
):
    from core.locale_sync import ensure_synchronisation

    Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()  # the Mongolian site mirrors the English one, as on the real site
    root, _parsed = get_feed(client, "/mn/media-and-news/feeds/rss/", "application/rss+xml")
    channel = root.find("channel")
    assert channel.findtext("title") == "ОУШХБ Монгол: хэвлэл мэдээлэл, мэдээ"
    assert channel.findtext("language") == "mn"  # the feed's titles and description are Mongolian
    assert channel.findtext("description").startswith("Монгол дахь Олон Улсын Шилжилт Хөдөлгөөний Байгууллага")
    links = [item.findtext("link") for item in channel.iter("item")]
    assert links and all(link.startswith("http://testserver/mn/media-and-news/") for link in links)


def test_a_translated_article_keeps_its_work_areas_and_tags_and_feeds_in_mongolian(articles, client):
    mongolian = Locale.objects.get_or_create(language_code="mn")[0]
    english = ArticlePage.objects.get(title="Alpha news")
    source, _created = TranslationSource.get_or_create_from_instance(english)
    source.create_or_update_translation(mongolian, publish=True, copy_parent_pages=True, fallback=True)
    translated = english.get_translation(mongolian)
    translated.title = "Альфа мэдээ"
    translated.save_revision().publish()

    assert [area.pk for area in translated.work_areas.all()] == [articles.internal.pk]
    assert [tag.name for tag in translated.tags.all()] == ["dzud"]
    mn_index = NewsIndexPage.objects.get(locale=mongolian)
    assert translated.get_parent().pk == mn_index.pk

    response = client.get("/mn/media-and-news/")
    assert titles(response) == ["Альфа мэдээ"]
    root, _parsed = get_feed(client, "/mn/media-and-news/feeds/rss/", "application/rss+xml")
    assert root.find("channel").findtext("language") == "mn"
    assert [item.findtext("title") for item in root.iter("item")] == ["Альфа мэдээ"]
    html = client.get(translated.url).content.decode()
    assert '"inLanguage":"mn"' in html
    assert 'hreflang="en" href="http://testserver/en/media-and-news/alpha-news/"' in html
    # The English articles stay where they are.
    assert "Alpha news" in titles(client.get(INDEX))
    assert ArticleKind(translated.kind) == ArticleKind.NEWS
