"""Every page of the seeded site in Chromium, at 1280 px and 375 px: no axe-core WCAG 2.2 A/AA
violations, no console errors, no request leaving the test server, and every page can be reached
from the home page. The menu (on the factories' small site) works by keyboard, with and without
JavaScript."""

from urllib.parse import urljoin, urlparse
from urllib.request import urlopen

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, PageWatcher, page_problems
from tests.site_urls import EXTRA_PATHS, sitemap_paths


def site_paths(live_site):
    with urlopen(live_site.url + "/sitemap.xml") as response:  # noqa: S310 (the local test server)
        return sitemap_paths(response.read().decode())


def test_every_page_is_accessible_and_stays_on_the_site(page, live_site):
    paths = site_paths(live_site) + EXTRA_PATHS
    assert len(paths) > 10
    axe = Axe()
    problems = {}
    for path in paths:
        found = page_problems(page, live_site.url + path, axe, 404 if "no-such-page" in path else 200)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_phone_menu_opens_and_closes_with_the_keyboard(browser, live_tree):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(live_tree.url + "/en/")
    about = page.locator('nav.main-nav a[href="/en/about-us/history/"]')
    assert not about.is_visible()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    assert about.is_visible()
    assert page.evaluate("document.getElementById('menu').open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.press("Escape")
    assert not about.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    context.close()


def test_open_menu_fits_the_narrowest_phone(browser, live_tree):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/en/", "/mn/", "/mn/search/?q=migration"):
        page.goto(live_tree.url + path)
        page.locator("summary.menu-toggle").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def test_menu_works_without_javascript(browser, live_tree):
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto(live_tree.url + "/en/")
        section = page.locator('nav.main-nav a[href="/en/about-us/"]')
        if viewport is PHONE:
            assert not section.is_visible()
            page.locator("summary.menu-toggle").focus()
            page.keyboard.press("Enter")
        assert section.is_visible(), f"menu link hidden at {viewport['width']} px without JavaScript"
        context.close()


def test_desktop_section_menu_opens_on_focus_and_hover(desktop_page, live_tree):
    page = desktop_page
    page.goto(live_tree.url + "/en/")
    child = page.locator('nav.main-nav a[href="/en/about-us/history/"]')
    assert page.locator("summary.menu-toggle").is_hidden()
    assert not child.is_visible()
    page.locator('nav.main-nav a[href="/en/about-us/"]').focus()
    assert child.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/en/about-us/history/"
    page.keyboard.press("Escape")
    assert not child.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/en/about-us/"
    page.locator('nav.main-nav a[href="/en/our-work/"]').hover()
    page.locator('nav.main-nav a[href="/en/about-us/"]').hover()
    assert child.is_visible()


def test_every_page_is_reachable_from_the_home_page(desktop_page, live_site):
    """Following only the menu and the links in each page's main content, from the home page."""
    page = desktop_page
    all_paths = site_paths(live_site)
    for language in ("en", "mn"):
        start = f"/{language}/"
        seen, queue, broken = {start}, [start], []
        while queue:
            path = queue.pop(0)
            response = page.goto(live_site.url + path)
            if response.status != 200:
                broken.append((path, response.status))
                continue
            hrefs = page.eval_on_selector_all(
                "nav.main-nav a[href], main a[href]:not([download])",
                "links => links.map(link => link.getAttribute('href'))",
            )
            for href in hrefs:
                target = urlparse(urljoin(live_site.url + path, href))
                if target.netloc != urlparse(live_site.url).netloc or not target.path.startswith(start):
                    continue
                if target.path.startswith(f"/{language}/search/") or target.query:
                    continue
                if target.path not in seen:
                    seen.add(target.path)
                    queue.append(target.path)
        expected = {path for path in all_paths if path.startswith(start)}
        assert not broken, broken
        assert expected - seen == set(), f"not reachable in {language}: {sorted(expected - seen)}"


def test_no_request_leaves_the_site_even_below_the_fold(desktop_page, live_site):
    page = desktop_page
    watcher = PageWatcher(page, urlparse(live_site.url).netloc)
    for path in site_paths(live_site)[:6]:
        page.goto(live_site.url + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
    assert watcher.outside_requests == []
