"""Events: upcoming and past lists, the iCalendar file of an event and the feed of upcoming events
(parsed back with icalendar), Event JSON-LD, validation, the editors' form and flat query counts."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from opportunities.models import EventIndexPage, EventPage
from pages.models import HomePage
from tests.dated_pages import AdminTestCase, card_titles, make_home
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkAreaIndexPageFactory,
    WorkAreaPageFactory,
)

ULAANBAATAR = ZoneInfo("Asia/Ulaanbaatar")
START = datetime.datetime(2031, 6, 10, 9, 30, tzinfo=ULAANBAATAR)
END = datetime.datetime(2031, 6, 11, 17, 0, tzinfo=ULAANBAATAR)


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def index(home):
    return EventIndexPageFactory(parent=home)


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_an_event_stays_upcoming_until_it_ends_then_is_past(index, client):
    with time_machine.travel(START - datetime.timedelta(days=30), tick=False):
        EventPageFactory(parent=index, title="Dzud workshop", start=START, end=END)
        EventPageFactory(parent=index, title="Film evening", start=START, end=None)

    with time_machine.travel(START - datetime.timedelta(minutes=1), tick=False):
        assert card_titles(client.get("/en/events/").content.decode()) == ["Dzud workshop", "Film evening"]
    with time_machine.travel(START + datetime.timedelta(minutes=1), tick=False):
        # An event without an end time is past once it has started; the workshop is still on.
        assert card_titles(client.get("/en/events/").content.decode()) == ["Dzud workshop"]
        assert card_titles(client.get("/en/events/?view=past").content.decode()) == ["Film evening"]
    with time_machine.travel(END + datetime.timedelta(minutes=1), tick=False):
        assert card_titles(client.get("/en/events/").content.decode()) == []
        assert card_titles(client.get("/en/events/?view=past").content.decode()) == ["Dzud workshop", "Film evening"]
        html = client.get("/en/events/dzud-workshop/").content.decode()
        assert '<p class="kicker" lang="en">Past event</p>' in html


def test_an_event_page_shows_when_where_and_its_work_areas(home, index, client):
    our_work = WorkAreaIndexPageFactory(parent=home)
    area = WorkAreaPageFactory(parent=our_work, title="Internal migration", slug="internal-migration")
    event = EventPageFactory(
        parent=index, slug="census", start=START, end=START + datetime.timedelta(hours=2), work_areas=[area]
    )
    html = client.get(event.url).content.decode()
    assert (
        '<time datetime="2031-06-10T09:30+0800">10 June 2031, 09:30</time>–'
        '<time datetime="2031-06-10T11:30+0800">11:30</time> (Ulaanbaatar time)'
    ) in html
    assert "United Nations House" in html
    assert '<a href="/en/our-work/internal-migration/">Internal migration</a>' in html
    assert 'href="/en/events/census/calendar/"' in html


def test_the_ical_file_of_an_event_parses_and_carries_the_right_times(index, client):
    event = EventPageFactory(
        parent=index, title="Border management training", slug="training", start=START, end=END, online_url=""
    )
    response = client.get("/en/events/training/calendar/")
    assert response["Content-Disposition"] == 'attachment; filename="training.ics"'
    calendar = parse_calendar(response)
    [component] = calendar.walk("VEVENT")
    assert component.decoded("dtstart") == START
    assert component.decoded("dtend") == END
    assert component["dtstart"].params["TZID"] == "Asia/Ulaanbaatar"
    assert component.decoded("dtstart").utcoffset() == datetime.timedelta(hours=8)
    assert component.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2031, 6, 10, 1, 30, tzinfo=datetime.UTC
    )
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ulaanbaatar"]
    assert str(component["summary"]) == "Border management training"
    assert str(component["location"]) == "United Nations House, United Nations Street-14, Ulaanbaatar"
    assert str(component["url"]) == "http://testserver/en/events/training/"
    assert str(component["uid"]) == f"{event.translation_key}@testserver"
    assert "What happens at border management training." in str(component["description"])


def test_the_feed_lists_upcoming_events_only_soonest_first(index, client):
    with time_machine.travel(START - datetime.timedelta(days=1), tick=False):
        EventPageFactory(parent=index, title="Later", start=START + datetime.timedelta(days=3), end=None)
        EventPageFactory(parent=index, title="Sooner", start=START, end=END)
        EventPageFactory(parent=index, title="Over", start=START - datetime.timedelta(days=20), end=None)
        calendar = parse_calendar(client.get("/en/events/feed/"))
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Sooner", "Later"]
    assert [event.decoded("dtstart") for event in events] == [START, START + datetime.timedelta(days=3)]
    assert str(calendar["x-wr-calname"]) == "Events"
    html = client.get("/en/events/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="Upcoming events (iCalendar)" href="/en/events/feed/">'
        in html
    )


def test_event_json_ld_for_a_hybrid_event(index, client):
    event = EventPageFactory(
        parent=index, title="Forum", start=START, end=END, online_url="https://meet.example.org/forum"
    )
    html = client.get(event.url).content.decode()
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    [data] = [block for block in blocks if block["@type"] == "Event"]
    assert data["name"] == "Forum"
    assert data["startDate"] == "2031-06-10T09:30:00+08:00" and data["endDate"] == "2031-06-11T17:00:00+08:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["streetAddress"] == "United Nations Street-14, Ulaanbaatar"
    assert data["organizer"]["@type"] == "Organization"


def test_an_event_needs_a_place_or_a_link_and_ends_after_it_starts(index):
    from django.core.exceptions import ValidationError

    event = EventPageFactory(parent=index, start=START, end=END)
    event.venue = event.address = ""
    event.end = START - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert set(error.value.message_dict) >= {"venue", "end"}


def test_events_queries_do_not_grow_with_events(home, index, client):
    def count(url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        return len(context.captured_queries), response.content.decode()

    index.per_page = 60
    index.save_revision().publish()
    area = WorkAreaPageFactory(parent=WorkAreaIndexPageFactory(parent=home))
    for _ in range(3):
        EventPageFactory(parent=index, work_areas=[area])
    with_3, html = count("/en/events/")
    feed_3, feed = count("/en/events/feed/")
    assert len(card_titles(html)) == 3 and feed.count("BEGIN:VEVENT") == 3
    for _ in range(57):
        EventPageFactory(parent=index, work_areas=[area])
    with_60, html = count("/en/events/")
    feed_60, feed = count("/en/events/feed/")
    assert len(card_titles(html)) == 60 and feed.count("BEGIN:VEVENT") == 60
    detail, _html = count(EventPage.objects.first().url)
    print(f"\nEvents: {with_3} queries with 3, {with_60} with 60; feed {feed_3} and {feed_60}; an event {detail}")
    assert with_3 == with_60
    assert feed_3 == feed_60


def test_seeded_events_page_has_no_invented_events(seeded_site, client):
    assert EventIndexPage.objects.get(locale__language_code="en").get_parent().specific == seeded_site
    assert not EventPage.objects.exists()
    html = client.get("/en/events/").content.decode()
    assert "No upcoming events are listed at the moment." in html
    assert "BEGIN:VCALENDAR" in client.get("/mn/events/feed/").content.decode()


class TestEditorsPostAnEvent(AdminTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_an_online_event_through_the_admin_form(self):
        index = EventIndexPageFactory(parent=self.home)
        data = nested_form_data(
            {
                "title": "Webinar on safe migration",
                "start": "2031-06-10 09:30",
                "end": "2031-06-10 11:00",
                "venue": "",
                "address": "",
                "online_url": "https://meet.example.org/webinar",
                "summary": "An hour on safe migration.",
                "body": streamfield([("paragraph", rich_text("<p>Programme.</p>"))]),
            }
        )
        self.assertCanCreate(index, EventPage, data)
        assert EventPage.objects.get(locale__language_code="en").start == START


def test_publishing_an_event_purges_its_calendar_file_and_the_feed(index, caplog, django_capture_on_commit_callbacks):
    """The page cache keeps /calendar/ and /feed/ like any page: publishing an event purges them too
    (the purge goes out once the change is committed)."""
    event = EventPageFactory(parent=index, title="Workshop", slug="workshop", start=START, end=END)
    with caplog.at_level("INFO", logger="core.frontend_cache"), django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    purged = " ".join(record.getMessage() for record in caplog.records)
    for path in ["/en/events/workshop/", "/en/events/workshop/calendar/", "/en/events/", "/en/events/feed/"]:
        assert f"{path} " in purged + " ", path
