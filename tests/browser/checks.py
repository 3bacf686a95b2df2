"""What every page loaded in Chromium is checked for: one h1, no console errors, nothing fetched
from another site, zero axe-core WCAG 2.2 A/AA violations, no sideways scrolling."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def page_problems(page, axe, expected_status=200):
    """The problems of the page loaded last (a list, empty when none); the page's watcher is reset."""
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
