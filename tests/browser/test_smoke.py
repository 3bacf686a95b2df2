"""A home page in a real browser, at desktop and phone widths (the factories' small site; every
page of the seeded site is checked in test_every_page.py)."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_home_page_loads_cleanly(page, live_tree):
    response = page.goto(live_tree.url + "/en/")
    assert response.status == 200
    assert page.title() == "Test Mission | IOM Mongolia"
    assert page.locator("main h1").count() == 1
    assert page.watcher.console_errors == []
    assert page.watcher.outside_requests == []

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == [], results.generate_report()


def test_skip_link_is_first_in_keyboard_order(desktop_page, live_tree):
    desktop_page.goto(live_tree.url + "/en/")
    desktop_page.keyboard.press("Tab")
    focused = desktop_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
