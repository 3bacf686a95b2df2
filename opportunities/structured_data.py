"""schema.org descriptions of opportunities (JobPosting) and events (Event), for JSON-LD."""

from django.utils import timezone

from core import navigation, site_address
from core.models import SiteSettings


def _organization(request):
    site_settings = SiteSettings.for_request(request) if request is not None else None
    name = site_settings.organisation_name if site_settings else "IOM Mongolia"
    data = {"@type": "Organization", "name": name}
    data["url"] = site_address.absolute("/")
    return data


def _url(page, request):
    url = navigation.ui_url(page, request)
    return site_address.absolute(url) if url else url


def _local(moment):
    return timezone.localtime(moment).isoformat()


def job_posting(page, request):
    """A vacancy or internship as a JobPosting, valid through its deadline."""
    organization = _organization(request)
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": page.title,
        "description": page.summary,
        "identifier": {"@type": "PropertyValue", "name": organization["name"], "value": page.reference_number},
        "datePosted": page.publication_date.isoformat(),
        "validThrough": _local(page.deadline),
        "hiringOrganization": organization,
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": page.duty_station},
        },
        "url": _url(page, request),
    }
    if page.kind == page.Kind.INTERNSHIP:
        data["employmentType"] = "INTERN"
    return data


def event(page, request):
    """An event with its time, place or online link, and organiser."""
    locations = []
    if page.is_in_person:
        address_lines = [line.strip() for line in page.address.splitlines() if line.strip()]
        place = {"@type": "Place", "name": page.venue or (address_lines[0] if address_lines else "")}
        if address_lines:
            place["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(address_lines)}
        locations.append(place)
    if page.is_online:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if page.is_online and page.is_in_person:
        mode = "MixedEventAttendanceMode"
    elif page.is_online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": _local(page.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": _organization(request),
        "url": _url(page, request),
    }
    if page.end:
        data["endDate"] = _local(page.end)
    return data
