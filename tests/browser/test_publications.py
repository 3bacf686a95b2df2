"""Publications in Chromium: Data and Resources with its filters, a publication with its language
versions, and the documents list, at 1280 and 375 px, in English and in Mongolian, with zero
axe-core violations and nothing requested off the site; the filters by keyboard."""

import datetime
import re

import pytest
import wagtail_factories
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pages.models import ResourceIndexPage
from pages.publications import PublicationType
from tests.browser.conftest import page_problems
from tests.factories import PublicationPageFactory, ResourceDocumentFactory, mirror, page_of_type


@pytest.fixture
def publication_pages(live_tree):
    tree = live_tree.tree
    resources = page_of_type(ResourceIndexPage, tree.home)
    labour = tree.work_areas[0]
    report = PublicationPageFactory(
        parent=resources,
        title="Labour migration report 2024",
        slug="labour-migration-report-2024",
        publication_type=PublicationType.REPORT,
        publication_date=datetime.date(2024, 5, 2),
        summary="What the test mission learned about labour migration in 2024.",
        cover_image=wagtail_factories.ImageFactory(title="Report cover"),
        cover_image_alt="Cover of the report: a herder on the steppe.",
        work_areas=[labour],
        language_versions=[
            ("en", ResourceDocumentFactory(title="Labour migration report (English)")),
            ("mn", ResourceDocumentFactory(title="Labour migration report (Mongolian)")),
        ],
    )
    PublicationPageFactory(
        parent=resources,
        title="Border management brief",
        slug="border-management-brief",
        publication_type=PublicationType.BRIEF,
        publication_date=datetime.date(2023, 9, 1),
        work_areas=[tree.work_areas[1]],
    )
    mirror(report)
    base = resources.url
    return {
        "index": base,
        "paths": [
            base,
            f"{base}?type=report&year=2024&area={labour.slug}",
            report.url,
            f"{base}documents/",
            base.replace("/en/", "/mn/", 1),
            report.url.replace("/en/", "/mn/", 1),
        ],
    }


def test_publications_are_accessible_in_both_languages(page, live_tree, publication_pages):
    axe = Axe()
    problems = {}
    for path in publication_pages["paths"]:
        found = page_problems(page, live_tree.url + path, axe)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())
    assert page.locator("html").get_attribute("lang") == "mn"


def test_the_publication_filters_work_by_keyboard(desktop_page, live_tree, publication_pages):
    page = desktop_page
    page.goto(live_tree.url + publication_pages["index"])
    expect(page.get_by_role("link", name="Border management brief")).to_be_visible()
    report_filter = page.locator("main").get_by_role("link", name="Reports", exact=True)
    report_filter.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=report"))
    expect(page.get_by_role("link", name="Labour migration report 2024")).to_be_visible()
    expect(page.get_by_role("link", name="Border management brief")).to_have_count(0)
