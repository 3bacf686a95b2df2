"""The seeded home page in a real browser, at desktop and phone widths."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_home_page_loads_cleanly(page, live_site):
    response = page.goto(live_site.url + "/en/")
    assert response.status == 200
    assert "IOM Mongolia" in page.title()
    assert page.locator("main h1").count() == 1
    assert page.watcher.console_errors == []
    assert page.watcher.outside_requests == []

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == [], results.generate_report()


def test_skip_link_is_first_in_keyboard_order(desktop_page, live_site):
    desktop_page.goto(live_site.url + "/en/")
    desktop_page.keyboard.press("Tab")
    focused = desktop_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
