"""The site's address: where every address the site writes comes from.

`settings.SITE_URL` (the SITE_URL environment variable, e.g. https://mongolia.iom.int) is the
one public address of the site. Canonical links, hreflang alternates, og:url, JSON-LD,
/sitemap.xml, robots.txt, the feeds, calendar files and the admin's e-mails
(WAGTAILADMIN_BASE_URL defaults to it) are built from it, never from the request's Host header:
a visitor chooses that header, and an address built from it would be kept by the page cache and
served to everyone after them.

The default Wagtail Site record is kept at the same host name and port (`sync_site`, which
load_site_content runs), so that Wagtail's own full URLs (`page.full_url`, purges) agree.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse(url):
    """(scheme, host, port) of a site address such as https://mongolia.iom.int; raises
    ImproperlyConfigured for anything else (no scheme, a path, a query, credentials)."""
    parts = urlsplit((url or "").strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or port == -1
    ):
        raise ImproperlyConfigured(
            f"SITE_URL {url!r} is not a site address: give the scheme and host name (and a port if it is "
            "not the usual one), e.g. https://mongolia.iom.int, with no path."
        )
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def site_url():
    """The site's address without a trailing slash, e.g. https://mongolia.iom.int."""
    return settings.SITE_URL.strip().rstrip("/")


def scheme():
    return parse(site_url())[0]


def host():
    """The host name, with the port when it is not the scheme's usual one: what a visitor's
    browser sends as Host, and what the sitemap calls the domain."""
    return urlsplit(site_url()).netloc.lower()


def hostname():
    return parse(site_url())[1]


def absolute(url):
    """`url` (an address on the site, e.g. /en/about/) as an absolute address on the site.
    An address that is absolute already (media on a CDN or in a bucket) is left as it is."""
    url = url or "/"
    if url.startswith("//"):
        return f"{scheme()}:{url}"
    if urlsplit(url).scheme:
        return url
    return site_url() + (url if url.startswith("/") else "/" + url)


def sync_site(site):
    """Sets the Wagtail Site record's host name and port to the site's address; a list saying
    what changed (empty when nothing did)."""
    _scheme, name, port = parse(site_url())
    if site.hostname == name and site.port == port:
        return []
    site.hostname, site.port = name, port
    site.save(update_fields=["hostname", "port"])
    return [f"site address set to {site_url()}"]
