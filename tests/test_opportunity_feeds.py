"""RSS 2.0 and Atom feeds of the open opportunities (issue 22): well-formed, the open notices only,
soonest deadline first, each with its link, date, kind and deadline in Ulaanbaatar time; one per
language; absolute links on the site's address whatever the Host header says; linked from the
Opportunities page's head and body."""

import datetime
import re
import xml.etree.ElementTree as ET  # noqa: S405 (parses the site's own feeds)
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from opportunities.models import OpportunityPage
from tests.dated_pages import make_home
from tests.factories import OpportunityIndexPageFactory, OpportunityPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"
ULAANBAATAR = ZoneInfo("Asia/Ulaanbaatar")
INDEX = "/en/opportunities/"
RSS_URL = INDEX + "feeds/rss/"
ATOM_URL = INDEX + "feeds/atom/"
# 17:00 in Ulaanbaatar is 09:00 UTC: the feed must say 17:00, as the page does.
SOONEST = datetime.datetime(2031, 3, 14, 17, 0, tzinfo=ULAANBAATAR)


def get_feed(client, url, content_type, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"{url} is not well-formed: {parsed.get('bozo_exception')}"
    return ET.fromstring(response.content), parsed  # noqa: S314


@pytest.fixture
def index(db):
    return OpportunityIndexPageFactory(parent=make_home())


@pytest.fixture
def notices(index):
    """Two open notices (created latest deadline first) and a closed one."""
    OpportunityPageFactory(
        parent=index,
        title="Later internship",
        slug="later-internship",
        kind=OpportunityPage.Kind.INTERNSHIP,
        deadline=SOONEST + datetime.timedelta(days=20),
    )
    OpportunityPageFactory(
        parent=index,
        title="Data officer & analyst",
        slug="data-officer",
        kind=OpportunityPage.Kind.VACANCY,
        publication_date=datetime.date(2025, 1, 10),
        deadline=SOONEST,
        summary="Collects and checks migration data.",
    )
    OpportunityPageFactory(
        parent=index,
        title="Closed tender",
        slug="closed-tender",
        kind=OpportunityPage.Kind.PROCUREMENT,
        publication_date=datetime.date(2020, 1, 1),
        deadline=datetime.datetime(2020, 2, 1, 17, 0, tzinfo=ULAANBAATAR),
    )
    return index


def shown_deadline(client, url):
    """The deadline as the notice's own page shows it."""
    html = client.get(url).content.decode()
    return re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", html.split("Deadline", 1)[1]).group(1)


def test_the_rss_feed_lists_the_open_notices_soonest_deadline_first(notices, client):
    root, parsed = get_feed(client, RSS_URL, "application/rss+xml")
    assert parsed.version == "rss20"
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "IOM Mongolia: open opportunities"
    assert channel.findtext("link") == "http://testserver/en/opportunities/"
    assert channel.findtext("description") == "Vacancies, internships, procurement notices and calls for proposals."
    assert channel.findtext("language") == "en"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver" + RSS_URL
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Data officer & analyst", "Later internship"]
    for item in items:
        for element in ("title", "link", "description", "pubDate", "guid", "category"):
            assert item.findtext(element), f"an item lacks <{element}>"
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    first = items[0]
    assert first.findtext("link") == "http://testserver/en/opportunities/data-officer/"
    assert [category.text for category in first.findall("category")] == ["Vacancy"]
    assert [category.text for category in items[1].findall("category")] == ["Internship"]
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert published.astimezone(ULAANBAATAR).date() == datetime.date(2025, 1, 10)
    deadline = shown_deadline(client, "/en/opportunities/data-officer/")
    assert deadline == "14 March 2031, 17:00"  # Ulaanbaatar time, not UTC's 09:00
    assert first.findtext("description") == (
        f"Collects and checks migration data.\n\nDeadline: {deadline} (Ulaanbaatar time)"
    )


def test_the_atom_feed_lists_the_same_notices(notices, client):
    root, parsed = get_feed(client, ATOM_URL, "application/atom+xml")
    assert parsed.version == "atom10"
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated", "subtitle"):
        assert root.findtext(f"{ATOM}{element}"), f"the feed lacks <{element}>"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": "http://testserver/en/opportunities/", "self": "http://testserver" + ATOM_URL}
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Data officer & analyst", "Later internship"]
    for entry in entries:
        for element in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{element}"), f"an entry lacks <{element}>"
        assert (
            entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://testserver/en/opportunities/")
        )
        assert "Deadline: " in entry.findtext(f"{ATOM}summary")
    assert entries[0].findtext(f"{ATOM}published").startswith("2025-01-10")
    assert entries[0].find(f"{ATOM}category").get("term") == "Vacancy"


def test_a_notice_leaves_the_feeds_at_its_deadline(notices, client):
    with time_machine.travel(SOONEST - datetime.timedelta(minutes=1), tick=False):
        root, _parsed = get_feed(client, RSS_URL, "application/rss+xml")
        assert [item.findtext("title") for item in root.iter("item")] == ["Data officer & analyst", "Later internship"]
    with time_machine.travel(SOONEST, tick=False):
        root, _parsed = get_feed(client, RSS_URL, "application/rss+xml")
        assert [item.findtext("title") for item in root.iter("item")] == ["Later internship"]
        atom, _parsed = get_feed(client, ATOM_URL, "application/atom+xml")
        assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")] == ["Later internship"]


def test_a_closed_notice_is_in_neither_feed(notices, client):
    for url, content_type in ((RSS_URL, "application/rss+xml"), (ATOM_URL, "application/atom+xml")):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
        assert b"Closed tender" not in response.content and b"closed-tender" not in response.content


def test_an_empty_feed_is_still_valid(index, client):
    root, _parsed = get_feed(client, RSS_URL, "application/rss+xml")
    assert root.find("channel").findall("item") == []
    atom, _parsed = get_feed(client, ATOM_URL, "application/atom+xml")
    assert atom.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("path", ["feeds/", "feeds/rss/extra/", "feeds/vacancy/rss/"])
def test_unknown_feeds_are_404(notices, client, path):
    assert client.get(INDEX + path).status_code == 404


def test_the_feeds_link_to_the_site_address_whatever_the_host_header_says(notices, client, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.SITE_URL = "https://mongolia.example.org"
    forged = "localhost:9999"  # Django checks ALLOWED_HOSTS without the port: it lets this in
    for url, content_type in ((RSS_URL, "application/rss+xml"), (ATOM_URL, "application/atom+xml")):
        response = client.get(url, headers={"host": forged})
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
        body = response.content.decode()
        assert forged not in body and "testserver" not in body
        assert "https://mongolia.example.org/en/opportunities/data-officer/" in body
    root, _parsed = get_feed(client, RSS_URL, "application/rss+xml", headers={"host": forged})
    links = [item.findtext("link") for item in root.iter("item")]
    assert links and all(link.startswith("https://mongolia.example.org/en/opportunities/") for link in links)
    html = client.get(INDEX, headers={"host": forged}).content.decode()
    assert 'href="https://mongolia.example.org/en/opportunities/feeds/rss/"' in html
    assert forged not in html


def test_the_opportunities_page_links_its_feeds_in_its_head_and_body(notices, client):
    head, body = client.get(INDEX).content.decode().split("</head>")
    assert (
        '<link rel="alternate" type="application/rss+xml" title="IOM Mongolia: open opportunities (RSS)" '
        f'href="http://testserver{RSS_URL}">' in head
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="IOM Mongolia: open opportunities (Atom)" '
        f'href="http://testserver{ATOM_URL}">' in head
    )
    paragraph = re.search(r'<p class="feed-subscribe">(.*?)</p>', body).group(1)
    assert paragraph.startswith("Subscribe to the open opportunities in a feed reader:")
    assert f'<a href="http://testserver{RSS_URL}" type="application/rss+xml">RSS</a>' in paragraph
    assert f'<a href="http://testserver{ATOM_URL}" type="application/atom+xml">Atom</a>' in paragraph
    # The closed list links them too: the feeds are the page's.
    assert f'href="http://testserver{RSS_URL}"' in client.get(INDEX, {"view": "closed"}).content.decode()


def test_the_page_cache_purges_the_feeds_with_the_list(index):
    assert index.get_cached_paths() == ["/", "/feeds/rss/", "/feeds/atom/"]


def test_the_mongolian_feed_lists_the_mongolian_pages_and_says_mn(notices, client):
    from core.locale_sync import ensure_synchronisation

    mongolian = Locale.objects.get_or_create(language_code="mn")[0]
    ensure_synchronisation()  # the Mongolian site mirrors the English one, as on the real site
    english = OpportunityPage.objects.get(locale__language_code="en", slug="data-officer")
    source, _created = TranslationSource.get_or_create_from_instance(english)
    source.create_or_update_translation(mongolian, publish=True, copy_parent_pages=True, fallback=True)
    translated = english.get_translation(mongolian)
    translated.title = "Мэдээллийн ажилтан"
    translated.save_revision().publish()

    root, _parsed = get_feed(client, "/mn/opportunities/feeds/rss/", "application/rss+xml")
    channel = root.find("channel")
    assert channel.findtext("language") == "mn"
    assert channel.findtext("title") == "ОУШХБ Монгол: нээлттэй боломжууд"
    assert channel.findtext("link") == "http://testserver/mn/opportunities/"
    # The Mongolian Opportunities page is not translated yet: the site's description, in Mongolian.
    assert channel.findtext("description").startswith("Монгол дахь Олон Улсын Шилжилт Хөдөлгөөний Байгууллага")
    items = channel.findall("item")
    # The translation, then the Mongolian alias of the English notice; never the closed one.
    assert [item.findtext("title") for item in items] == ["Мэдээллийн ажилтан", "Later internship"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver/mn/opportunities/data-officer/",
        "http://testserver/mn/opportunities/later-internship/",
    ]
    assert items[0].findtext("description").split("\n\n")[1].startswith("Эцсийн хугацаа: ")
    assert items[0].findtext("description").endswith("(Улаанбаатарын цагаар)")
    assert [category.text for category in items[0].findall("category")] == ["Ажлын байр"]

    atom, _parsed = get_feed(client, "/mn/opportunities/feeds/atom/", "application/atom+xml")
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "mn"
    assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")][0] == "Мэдээллийн ажилтан"

    html = client.get("/mn/opportunities/").content.decode()
    head, body = html.split("</head>")
    assert 'type="application/rss+xml" title="ОУШХБ Монгол: нээлттэй боломжууд (RSS)" ' in head
    assert 'href="http://testserver/mn/opportunities/feeds/rss/"' in head
    assert 'href="http://testserver/mn/opportunities/feeds/atom/" type="application/atom+xml">Atom</a>' in body
    assert "Нээлттэй боломжуудыг мэдээллийн суваг уншигч программаар дагах:" in body
