"""Every new page type (opportunities, events, contact, privacy notice), in English and Mongolian, with
the contact form's errors and its confirmation, passes the Nu HTML Checker."""

import pytest

from tests import nu_checker
from tests.dated_pages import example_pages


@pytest.mark.django_db
def test_every_new_page_type_is_valid_html_in_both_languages(seeded_site, client, tmp_path):
    paths, contact = example_pages()
    topic = contact.topics.first().pk
    valid = {"topic": topic, "name": "Bat", "email": "bat@example.org", "message": "Hello", "consent": "on"}
    posts = [
        ("/en/contact/", {"name": "<b>Bat</b>", "email": "not an address", "website": ""}),
        ("/mn/contact/", {"topic": topic, "message": "x" * 3001}),
        ("/en/contact/", valid),
        ("/mn/contact/", valid),
    ]
    passed, report = nu_checker.check_pages(client, paths, tmp_path, posts=posts)
    assert passed, report
