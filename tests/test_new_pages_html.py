"""Every new page type (opportunities, events, contact, privacy notice), in English and Mongolian, with
the contact form's errors and its confirmation, passes the Nu HTML Checker."""

import pytest

from tests.dated_pages import example_pages
from tests.html_checker import html_errors, save_pages


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
    files = save_pages(client, {path: {200} for path in paths}, tmp_path, posts=posts)
    report = html_errors(tmp_path, files)
    assert not report, report
