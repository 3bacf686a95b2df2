"""iCalendar (.ics) files for events, built with the icalendar library.

Times are written in Ulaanbaatar time with its VTIMEZONE definition, so calendar apps show them
at the right moment wherever the reader is."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from core import navigation, site_address

PRODUCT_ID = "-//IOM Mongolia//Events//EN"


def event(page, request):
    """The VEVENT of an event page."""
    local = ZoneInfo(settings.TIME_ZONE)
    url = site_address.absolute(navigation.ui_url(page, request))
    component = Event()
    component.add("uid", f"{page.translation_key}@{site_address.hostname()}")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", page.start.astimezone(local))
    if page.end:
        component.add("dtend", page.end.astimezone(local))
    component.add("summary", page.title)
    component.add("description", f"{page.summary}\n\n{url}")
    location = [page.venue, *page.address.splitlines()] if page.is_in_person else []
    if page.online_url:
        location.append(page.online_url)
    if location:
        component.add("location", ", ".join(part.strip() for part in location if part.strip()))
    component.add("url", url)
    if page.last_published_at:
        component.add("last-modified", page.last_published_at)
    return component


def calendar(events, name):
    """A calendar holding `events`, with the time zone definitions they use."""
    result = Calendar()
    result.add("prodid", PRODUCT_ID)
    result.add("version", "2.0")
    result.add("calscale", "GREGORIAN")
    result.add("method", "PUBLISH")
    result.add("x-wr-calname", name)
    result.add("x-wr-timezone", settings.TIME_ZONE)
    for component in events:
        result.add_component(component)
    result.add_missing_timezones()
    return result


def response(calendar, filename, download=True):
    """The calendar as a text/calendar response; `download` makes browsers save it as `filename`."""
    result = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'{"attachment" if download else "inline"}; filename="{filename}"'
    return result
