"""Opportunities: open ones by deadline, closed ones leaving the list at their deadline by themselves,
the kind filter, a notice's page, JobPosting data, the editors' form, and flat query counts."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from opportunities.models import OpportunityIndexPage, OpportunityPage
from pages.models import HomePage
from tests.dated_pages import AdminTestCase, card_titles, json_ld_of_type, make_home
from tests.factories import OpportunityIndexPageFactory, OpportunityPageFactory

ULAANBAATAR = ZoneInfo("Asia/Ulaanbaatar")
DEADLINE = datetime.datetime(2031, 3, 14, 17, 0, tzinfo=ULAANBAATAR)


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def index(home):
    return OpportunityIndexPageFactory(parent=home)


def test_a_vacancy_leaves_the_open_list_at_its_deadline_minute_without_any_command(index, client):
    with time_machine.travel(DEADLINE - datetime.timedelta(days=10), tick=False):
        OpportunityPageFactory(parent=index, title="Data officer", slug="data-officer", deadline=DEADLINE)
        OpportunityPageFactory(
            parent=index, title="Later one", slug="later-one", deadline=DEADLINE + datetime.timedelta(days=5)
        )

    with time_machine.travel(DEADLINE - datetime.timedelta(minutes=1), tick=False):
        assert card_titles(client.get("/en/opportunities/").content.decode()) == ["Data officer", "Later one"]
        assert card_titles(client.get("/en/opportunities/?view=closed").content.decode()) == []

    with time_machine.travel(DEADLINE, tick=False):
        assert card_titles(client.get("/en/opportunities/").content.decode()) == ["Later one"]
        closed = client.get("/en/opportunities/?view=closed").content.decode()
        assert card_titles(closed) == ["Data officer"]
        assert '<strong class="status-closed">Closed</strong>' in closed
        page = client.get("/en/opportunities/data-officer/").content.decode()
        assert re.search(r'<strong class="status-closed">Closed</strong>.\s*Deadline: <time', page)
        assert "Apply online" not in page and "Applications are closed." in page


def test_open_list_is_soonest_deadline_first_and_closed_list_latest_first(index, client):
    for title, days in [("C", 20), ("A", 3), ("B", 9)]:
        OpportunityPageFactory(parent=index, title=title, deadline=DEADLINE + datetime.timedelta(days=days))
    assert card_titles(client.get("/en/opportunities/").content.decode()) == ["A", "B", "C"]
    with time_machine.travel(datetime.datetime(2032, 1, 1, tzinfo=ULAANBAATAR), tick=False):
        assert card_titles(client.get("/en/opportunities/?view=closed").content.decode()) == ["C", "B", "A"]


def test_the_list_is_filtered_by_kind_and_says_so_for_an_unknown_kind(index, client):
    OpportunityPageFactory(parent=index, title="Driver", kind="vacancy")
    OpportunityPageFactory(parent=index, title="Office supplies", kind="procurement")
    OpportunityPageFactory(parent=index, title="Research intern", kind="internship")

    html = client.get("/en/opportunities/?kind=procurement").content.decode()
    assert card_titles(html) == ["Office supplies"]
    assert '<a href="?kind=procurement" aria-current="page">Procurement notices</a>' in html
    # The open/closed switch keeps the kind.
    assert 'href="?kind=procurement&amp;view=closed"' in html

    html = client.get("/en/opportunities/?kind=%3Cscript%3E&page=abc").content.decode()
    assert sorted(card_titles(html)) == ["Driver", "Office supplies", "Research intern"]
    assert "There is no such kind of opportunity" in html
    assert "<script>" not in html


def test_a_long_list_is_paginated(index, client):
    index.per_page = 2
    index.save_revision().publish()
    for _ in range(5):
        OpportunityPageFactory(parent=index)
    html = client.get("/en/opportunities/?page=3").content.decode()
    assert len(card_titles(html)) == 1
    assert "Page 3 of 3" in html and 'href="?page=2" rel="prev"' in html
    assert client.get("/en/opportunities/?page=99").status_code == 200


def test_a_vacancy_shows_its_notice_documents_and_carries_job_posting_data(index, client):
    from tests.factories import ResourceDocumentFactory

    terms = ResourceDocumentFactory(title="Terms of reference")
    vacancy = OpportunityPageFactory(
        parent=index,
        title="Migration data officer",
        slug="migration-data-officer",
        reference_number="SVN 2031/07",
        deadline=DEADLINE,
        publication_date=datetime.date(2031, 3, 1),
        attachments=[("document", terms)],
    )
    html = client.get(vacancy.url).content.decode()
    assert "SVN 2031/07" in html and "Ulaanbaatar, Mongolia" in html
    assert '<time datetime="2031-03-14T17:00+0800">14 March 2031, 17:00</time> (Ulaanbaatar time)' in html
    assert "Terms of reference" in html and terms.url in html
    # The index page's general instructions and careers link stand in for the vacancy's own.
    assert "Apply through the careers portal." in html
    assert '<a class="button" href="https://careers.example.org/">Apply online</a>' in html

    [posting] = json_ld_of_type(html, "JobPosting")
    assert posting["title"] == "Migration data officer"
    assert posting["validThrough"] == "2031-03-14T17:00:00+08:00"
    assert posting["datePosted"] == "2031-03-01"
    assert posting["identifier"]["value"] == "SVN 2031/07"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Ulaanbaatar, Mongolia"
    assert posting["url"] == "http://testserver/en/opportunities/migration-data-officer/"


def test_a_procurement_notice_has_no_job_posting_and_no_careers_link(index, client):
    notice = OpportunityPageFactory(
        parent=index, kind="procurement", how_to_apply="<p>Send sealed offers.</p>", application_url=""
    )
    html = client.get(notice.url).content.decode()
    assert json_ld_of_type(html, "JobPosting") == []
    assert "careers.example.org" not in html and "Apply through the careers portal." not in html
    assert "Send sealed offers." in html and "How to submit" in html


def test_the_mongolian_interface_shows_mongolian_labels(index, client):
    vacancy = OpportunityPageFactory(parent=index, slug="driver", deadline=DEADLINE)
    html = client.get("/mn/opportunities/driver/").content.decode()
    assert "Эцсийн хугацаа" in html  # "Deadline"
    assert "(Улаанбаатарын цагаар)" in html
    assert 'lang="en"' in html  # the notice itself is still in English
    assert client.get("/mn/opportunities/").status_code == 200
    assert vacancy.title in client.get("/mn/opportunities/").content.decode()


def test_the_deadline_cannot_come_before_publication(index):
    from django.core.exceptions import ValidationError

    vacancy = OpportunityPageFactory(parent=index, publication_date=datetime.date(2031, 3, 1), deadline=DEADLINE)
    vacancy.publication_date = datetime.date(2031, 3, 20)
    with pytest.raises(ValidationError) as error:
        vacancy.full_clean()
    assert "deadline" in error.value.message_dict


def test_opportunities_queries_do_not_grow_with_opportunities(index, client):
    def count(url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as context:
            html = client.get(url).content.decode()
        return len(context.captured_queries), html

    for _ in range(3):
        OpportunityPageFactory(parent=index)
    index.per_page = 60
    index.save_revision().publish()
    with_3, html = count("/en/opportunities/")
    assert len(card_titles(html)) == 3
    for _ in range(57):
        OpportunityPageFactory(parent=index)
    with_60, html = count("/en/opportunities/")
    assert len(card_titles(html)) == 60
    filtered, _html = count("/en/opportunities/?kind=vacancy&view=closed")
    detail, _html = count(OpportunityPage.objects.first().url)
    print(f"\nOpportunities: {with_3} queries with 3, {with_60} with 60; closed view {filtered}; a vacancy {detail}")
    assert with_3 == with_60


def test_seeded_opportunities_page_and_take_action_link(seeded_site, client):
    index = OpportunityIndexPage.objects.get(locale__language_code="en")
    assert index.get_parent().specific == seeded_site
    assert not OpportunityPage.objects.exists()  # nothing invented
    assert "There are no open opportunities at the moment." in client.get("/en/opportunities/").content.decode()
    take_action = client.get("/en/take-action/").content.decode()
    assert re.search(r"<h2>Work with us</h2>.*?<a class=\"button\" href=\"/en/opportunities/\">", take_action, re.S)
    assert 'href="/mn/opportunities/"' in client.get("/mn/take-action/").content.decode()


class TestEditorsPostAnOpportunity(AdminTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(OpportunityIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(OpportunityPage, {OpportunityIndexPage})
        self.assertAllowedSubpageTypes(OpportunityPage, set())

    def test_a_vacancy_through_the_admin_form(self):
        index = OpportunityIndexPageFactory(parent=self.home)
        data = nested_form_data(
            {
                "title": "Project assistant",
                "kind": "vacancy",
                "reference_number": "SVN 2031/01",
                "duty_station": "Ulaanbaatar, Mongolia",
                "publication_date": "2031-03-01",
                "deadline": "2031-03-14 17:00",
                "summary": "Supports the project team.",
                "body": streamfield([("paragraph", rich_text("<p>Duties.</p>"))]),
                "attachments": streamfield([]),
                "how_to_apply": rich_text(""),
                "application_url": "",
            }
        )
        self.assertCanCreate(index, OpportunityPage, data)
        vacancy = OpportunityPage.objects.get(locale__language_code="en")
        # Typed in the admin as Ulaanbaatar time.
        assert vacancy.deadline == DEADLINE

    def closed_notice_data(self, publication_date):
        return nested_form_data(
            {
                "title": "Driver (closed)",
                "slug": "driver-closed",
                "kind": "vacancy",
                "reference_number": "SVN 2024/02",
                "duty_station": "Ulaanbaatar, Mongolia",
                "publication_date": publication_date,
                "deadline": "2024-02-20 17:00",
                "summary": "A notice that closed before the site existed.",
                "body": streamfield([]),
                "attachments": streamfield([]),
                "how_to_apply": rich_text(""),
                "application_url": "",
            }
        )

    @time_machine.travel(datetime.datetime(2026, 12, 3, 12, 0, tzinfo=ULAANBAATAR), tick=False)
    def test_a_closed_notice_is_recorded_by_back_dating_its_publication(self):
        from django.urls import reverse

        index = OpportunityIndexPageFactory(parent=self.home)
        add_url = reverse("wagtailadmin_pages:add", args=("opportunities", "opportunitypage", index.pk))
        # The publication date starts at today: a deadline in the past is a form error that says
        # what to do, not a 500, and nothing is created.
        form = self.client.get(add_url).context["form"]
        assert form["publication_date"].value() == datetime.date(2026, 12, 3)
        response = self.client.post(add_url, self.closed_notice_data("2026-12-03"))
        assert response.status_code == 200
        errors = response.context["form"].errors["deadline"]
        assert errors == [
            "The deadline is before the publication date. For a notice that has already closed, set "
            "the publication date to the day it was first published."
        ]
        assert not OpportunityPage.objects.exists()
        # Back-dated, it saves, and it is listed as closed at once.
        response = self.client.post(add_url, self.closed_notice_data("2024-02-01"))
        assert response.status_code == 302
        notice = OpportunityPage.objects.get(slug="driver-closed")
        assert notice.publication_date == datetime.date(2024, 2, 1)
        assert not notice.is_open
        # The deadline may fall on the publication date itself.
        response = self.client.post(add_url, {**self.closed_notice_data("2024-02-20"), "slug": "same-day"})
        assert response.status_code == 302
