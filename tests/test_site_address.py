"""Host header poisoning (issue 18): every address the site writes (canonical, hreflang, og:url,
JSON-LD, the sitemap, robots.txt, the feeds, calendar files) comes from the site's address,
SITE_URL (core/site_address.py), never from the request's Host header; the Wagtail Site record
follows SITE_URL; and Varnish and nginx refuse an unknown Host before the cache can keep what was
built from it. Django checks ALLOWED_HOSTS without the port, so production's own values let
forged hosts through: `localhost` lets `localhost:9999` in, `.example.org` any sub-domain."""

import datetime
import http.client
import io
import json
import re
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.core.management import call_command
from wagtail.models import Site

from core import site_address
from tests.factories import (
    ArticlePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    build_site_tree,
)
from tests.http import request
from tests.test_settings import STRONG_KEY, run_manage

SITE = "https://mongolia.example.org"

# (ALLOWED_HOSTS as production may have it, a forged Host that Django lets through with it)
POISONED_HOSTS = [
    pytest.param(["localhost", "127.0.0.1"], "localhost:9999", id="port"),
    pytest.param([".mongolia.example.org"], "evil.mongolia.example.org:8443", id="wildcard-subdomain"),
]
START = datetime.datetime(2031, 6, 10, 9, 30, tzinfo=datetime.UTC)


def add_news_and_events(tree):
    """A Media and news page with an article that has a lead image, and an event with its
    calendar file, under the test tree's home page; the person gets a photo."""
    index = NewsIndexPageFactory(parent=tree.home)
    article = ArticlePageFactory(
        parent=index,
        title="Poisoned news",
        slug="poisoned-news",
        lead_image=wagtail_factories.ImageFactory(file__width=1200, file__height=800),
    )
    events = EventIndexPageFactory(parent=tree.home)
    event = EventPageFactory(parent=events, title="Training", slug="training", start=START, end=None)
    tree.person.photo = wagtail_factories.ImageFactory(file__width=400, file__height=400)
    tree.person.save_revision().publish()
    return index, article, event


def addresses_of(tree, index, article, event):
    """Every kind of page and file that writes absolute addresses."""
    return [
        "/en/",
        tree.child.url,
        tree.person.url,
        article.url,
        index.url + "feeds/rss/",
        index.url + "feeds/atom/",
        index.url + "feeds/news/rss/",
        event.url,
        event.url + "calendar/",
        "/sitemap.xml",
        "/robots.txt",
        "/en/no-such-page/",
    ]


@pytest.fixture
def pages(site_tree):
    index, article, event = add_news_and_events(site_tree)
    return addresses_of(site_tree, index, article, event)


def leaks(response, host):
    """Where the forged host shows in a response: its body or a header."""
    body = response.content.decode("utf-8", "replace")
    found = ["body"] if host.lower() in body.lower() else []
    found += [name for name, value in response.headers.items() if host.lower() in value.lower()]
    return found


@pytest.mark.parametrize(("allowed_hosts", "evil"), POISONED_HOSTS)
@pytest.mark.django_db
def test_a_forged_host_appears_in_no_address_the_site_writes(pages, client, settings, allowed_hosts, evil):
    settings.ALLOWED_HOSTS = allowed_hosts
    settings.SITE_URL = SITE
    for path in pages:
        response = client.get(path, headers={"host": evil})
        expected = 404 if "no-such-page" in path else 200
        assert response.status_code == expected, (path, response.status_code)  # Django let the host in
        assert not leaks(response, evil), (path, leaks(response, evil))
        if response.status_code == 200:
            assert SITE in response.content.decode(), f"{path} does not carry the site's address"


@pytest.mark.django_db
def test_head_links_json_ld_sitemap_and_feeds_are_on_the_site_address(pages, client, settings):
    """Not only is the forged host absent: every address that names the site is on SITE_URL."""
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.SITE_URL = SITE
    article = pages[3]
    html = client.get(article, headers={"host": "localhost:9999"}).content.decode()
    head = html.split("</head>", 1)[0]
    assert f'<link rel="canonical" href="{SITE}{article}">' in head
    assert f'<meta property="og:url" content="{SITE}{article}">' in head
    assert f'hreflang="en" href="{SITE}{article}"' in head
    assert re.search(rf'<meta property="og:image" content="{re.escape(SITE)}/media/images/', head)
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html):
        for url in re.findall(r'"(?:url|item|@id)":"([^"]+)"', block):
            assert url.startswith(SITE + "/") or url.startswith("https://schema.org"), url
    sitemap = client.get("/sitemap.xml", headers={"host": "localhost:9999"}).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", sitemap)
    assert locations and all((loc or href).startswith(SITE + "/") for loc, href in locations)
    rss = client.get(pages[4], headers={"host": "localhost:9999"}).content.decode()
    links = re.findall(r"<link>([^<]+)</link>|<guid[^>]*>([^<]+)</guid>|url=\"([^\"]+)\"|href=\"([^\"]+)\"", rss)
    assert links and all(next(filter(None, found)).startswith(SITE + "/") for found in links)
    robots = client.get("/robots.txt", headers={"host": "localhost:9999"}).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


@pytest.mark.django_db
def test_person_json_ld_carries_the_site_address_not_the_site_record(site_tree, client, settings):
    """The Site record still says http://localhost (the factories' tree): the site's address wins."""
    settings.SITE_URL = SITE
    add_news_and_events(site_tree)
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    html = client.get(site_tree.person.url).content.decode()
    blocks = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    [person] = [block for block in blocks if block["@type"] == "Person"]
    assert person["url"] == SITE + site_tree.person.url
    assert person["worksFor"]["url"] == SITE + "/"
    assert person["image"].startswith(SITE + "/media/images/")


@pytest.mark.django_db
def test_the_site_record_follows_the_site_address(site_tree, settings):
    settings.SITE_URL = SITE
    site = Site.objects.get(is_default_site=True)
    assert site_address.sync_site(site) == [f"site address set to {SITE}"]
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("mongolia.example.org", 443)
    assert site.root_url == SITE
    assert site_tree.person.specific.get_full_url() == SITE + site_tree.person.url
    assert site_address.sync_site(site) == []  # nothing to do a second time
    settings.SITE_URL = "http://127.0.0.1:8000"
    site_address.sync_site(site)
    assert Site.objects.get(pk=site.pk).root_url == "http://127.0.0.1:8000"


def test_site_addresses_are_parsed_strictly(settings):
    from django.core.exceptions import ImproperlyConfigured

    assert site_address.parse("https://mongolia.example.org/") == ("https", "mongolia.example.org", 443)
    assert site_address.parse("http://127.0.0.1:8000") == ("http", "127.0.0.1", 8000)
    for wrong in ["", "mongolia.example.org", "ftp://example.org", "https://example.org/en/", "https://a@b.org"]:
        with pytest.raises(ImproperlyConfigured):
            site_address.parse(wrong)
    settings.SITE_URL = "https://mongolia.example.org"
    assert site_address.absolute("/en/") == "https://mongolia.example.org/en/"
    assert site_address.absolute("https://cdn.example.net/img.jpg") == "https://cdn.example.net/img.jpg"
    assert site_address.absolute("//cdn.example.net/img.jpg") == "https://cdn.example.net/img.jpg"


def test_production_refuses_to_start_without_a_site_address():
    result = run_manage(
        "check", env_overrides={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "example.org", "SITE_URL": ""}
    )
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr
    result = run_manage(
        "check",
        env_overrides={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "example.org", "SITE_URL": "https://other.org"},
    )
    assert result.returncode != 0
    assert "is not in ALLOWED_HOSTS" in result.stderr


def test_the_seed_sets_the_site_record_to_the_site_address(seed_report, settings):
    """What `make run` and `make stack` run: load_site_content makes the Site record from SITE_URL
    (http://testserver in the test settings), and sets it back when it says something else."""
    from people.models import PersonPage

    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.SITE_URL == "http://testserver"
    person = PersonPage.objects.get(slug="giuseppe-crocetti", locale__language_code="en")
    assert person.get_full_url() == "http://testserver/en/who-we-are/people/giuseppe-crocetti/"
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)  # Wagtail's own default
    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    assert "Created site address set to http://testserver" in out.getvalue()
    assert Site.objects.get(pk=site.pk).root_url == "http://testserver"
    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    assert "site address" not in out.getvalue()  # nothing to do a second time


# Through a real Varnish and nginx


def build_live_tree():
    tree = build_site_tree()
    index, article, event = add_news_and_events(tree)
    return addresses_of(tree, index, article, event)


@pytest.mark.django_db(transaction=True)
def test_a_poisoned_request_never_reaches_the_next_visitor_through_the_cache(varnish):
    """Varnish (deploy/varnish/iom-mongolia.vcl, the `varnish` fixture, stopped at the end of the
    session whatever the tests did) serves its own host only: a forged one is refused before the
    cache, so the next visitor gets the page built for the site's address."""
    paths = [path for path in build_live_tree() if "no-such-page" not in path]
    forged = ["localhost:9999", "127.0.0.1:9999", "evil.example.org"]
    for path in paths:
        answers = {evil: request(varnish + path, headers={"Host": evil}) for evil in forged}
        normal = request(varnish + path)
        assert normal.status == 200, path
        for evil in forged:
            assert evil not in normal.text, f"{path}: the cache served what a forged Host ({evil}) built"
        for evil, answer in answers.items():
            assert answer.status == 400, (path, evil, answer.status)  # refused before the cache
            assert evil not in answer.text


@pytest.fixture
def nginx(live_server, tmp_path):
    """nginx with deploy/nginx/iom-mongolia.conf in front of the live test server, for the host
    name 127.0.0.1 (as `make stack` runs it); stopped even when the test fails."""
    from scripts import services, stack

    port = services.free_port()
    process = stack.start_nginx(tmp_path / "nginx", port, [urlsplit(live_server.url).port])
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        services.stop(process)


@pytest.mark.django_db(transaction=True)
def test_nginx_answers_only_the_site_host_name(nginx):
    build_site_tree()
    assert request(nginx + "/robots.txt").status == 200
    for evil in ["localhost:9999", "evil.example.org", "localhost"]:
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            request(nginx + "/robots.txt", headers={"Host": evil})
