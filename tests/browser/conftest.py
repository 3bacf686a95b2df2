"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Every page load is watched: a request to any host but the live server fails the test.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed: run scripts/ensure-chromium.sh (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_site(transactional_db, live_server):
    """The seeded mission site served by the live test server: for the tests that go through
    every page of the real site (its sitemap)."""
    call_command("load_site_content", stdout=open(os.devnull, "w"))
    return live_server


@pytest.fixture
def live_tree(transactional_db, live_server):
    """The factories' small site (tests/factories/trees.py) served by the live test server, with
    the editorial groups and workflow (which an earlier test's flush may have removed);
    `.url` is the server's address, `.tree` the pages."""
    from django.apps import apps

    from editorial.roles import ensure_roles
    from tests.factories import build_site_tree

    live_server.tree = build_site_tree()
    ensure_roles(apps)  # after the tree: page permissions hang on its root
    return live_server


class PageWatcher:
    """Collects console errors and requests that leave the live server."""

    def __init__(self, page, allowed_netloc):
        self.console_errors = []
        self.outside_requests = []
        self.allowed_netloc = allowed_netloc
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._on_request)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in {"data", "blob", "about"}:
            return
        if parsed.netloc != self.allowed_netloc:
            self.outside_requests.append(request.url)


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, live_server, viewport):
    """A browser tab at the viewport's width (each test runs at desktop and phone widths)."""
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.watcher = PageWatcher(page, urlparse(live_server.url).netloc)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.watcher = PageWatcher(page, urlparse(live_server.url).netloc)
    yield page
    context.close()


def page_problems(page, url, axe, expected_status=200):
    """What is wrong with the page at `url` (a list, empty when nothing): its status, then what
    `loaded_page_problems` finds. `page` carries a PageWatcher as `page.watcher`."""
    page.watcher.console_errors.clear()
    page.watcher.outside_requests.clear()
    response = page.goto(url)
    found = [] if response.status == expected_status else [f"status {response.status}"]
    return found + loaded_page_problems(page, axe, expected_status)


def loaded_page_problems(page, axe, expected_status=200):
    """What is wrong with the page the browser shows now (e.g. after sending a form): its h1,
    console errors, requests off the site, axe-core WCAG 2.2 A/AA violations, sideways scrolling.
    The watcher is reset for the next page."""
    found = []
    if page.locator("main h1").count() != 1:
        found.append("not exactly one h1 in main")
    # A 4xx response is itself reported as a console error by Chromium.
    errors = [e for e in page.watcher.console_errors if not (expected_status != 200 and str(expected_status) in e)]
    if errors:
        found.append(f"console errors: {errors}")
    if page.watcher.outside_requests:
        found.append(f"requests off the site: {page.watcher.outside_requests}")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.response["violations"]:
        found.append(results.generate_report())
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append("scrolls sideways")
    page.watcher.console_errors.clear()
    page.watcher.outside_requests.clear()
    return found
