"""The contact form: a message is stored, then mailed to its topic's mailbox; spam and abuse get a
clear refusal and store nothing; a broken mail server loses nothing; staff read and export messages
only with the permission; only administrators see the addresses; the page is never cached; old
messages are deleted by the retention command; the privacy notice says what the software does."""

import datetime
import logging
import socket

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contact.models import ContactPage, ContactSubmission, PrivacyNoticePage
from editorial.roles import EDITORS, MODERATORS
from pages.models import HomePage
from tests.dated_pages import AdminTestCase, make_home
from tests.factories import ContactMailboxFactory, ContactPageFactory, ContactTopicFactory, PrivacyNoticePageFactory

URL = "/en/contact/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the cache; every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def mail_sent_in_the_request(settings):
    """These tests are about the form, the routing and the admin: the forwarding task runs at once,
    in the request (an immediate task backend, which cannot retry). The background worker, its
    retries and a real mail server are in test_contact_delivery.py."""
    settings.TASKS = {**settings.TASKS, "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def contact_page(db):
    page = ContactPageFactory(parent=make_home(), to_address="fallback@iom.example.org")
    page.privacy_notice = PrivacyNoticePageFactory(parent=page)
    desk = ContactMailboxFactory(name="Front desk", addresses="desk@iom.example.org")
    procurement = ContactMailboxFactory(
        name="Procurement unit", addresses="procurement@iom.example.org, finance@iom.example.org"
    )
    ContactTopicFactory(page=page, label="General enquiry", mailbox=desk, sort_order=0)
    ContactTopicFactory(page=page, label="Procurement", mailbox=procurement, sort_order=1)
    page.save_revision().publish()
    return page


def message(page, topic="Procurement", **changes):
    data = {
        "topic": page.topics.get(label=topic).pk,
        "name": "Bat-Erdene",
        "email": "bat@example.org",
        "message": "When is the next call for proposals?",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def assert_refused(response, status, text):
    assert response.status_code == status
    html = response.content.decode()
    assert "Your message was not sent" in html and text in html
    assert response["Cache-Control"] == "private, no-store"
    assert ContactSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_valid_message_is_stored_and_mailed_to_its_topics_addresses(contact_page, client):
    response = client.post(URL, message(contact_page))
    assert response.status_code == 200
    assert "Thank you: your message has been received." in response.content.decode()

    [submission] = ContactSubmission.objects.all()
    assert submission.page_id == contact_page.pk
    assert submission.form_data == {
        "topic": "Procurement",
        "name": "Bat-Erdene",
        "email": "bat@example.org",
        "message": "When is the next call for proposals?",
        "consent": True,
    }
    assert submission.mail_status == ContactSubmission.MailStatus.SENT

    [email] = mail.outbox
    assert email.to == ["procurement@iom.example.org", "finance@iom.example.org"]
    assert email.reply_to == ["bat@example.org"]
    assert email.subject == "Website message: Procurement"
    assert "When is the next call for proposals?" in email.body and "Name: Bat-Erdene" in email.body


def test_each_topic_goes_to_its_own_mailbox_and_a_topic_without_one_to_the_default(contact_page, client):
    client.post(URL, message(contact_page, topic="General enquiry"))
    assert mail.outbox[-1].to == ["desk@iom.example.org"]
    contact_page.topics.filter(label="General enquiry").update(mailbox=None)
    client.post(URL, message(contact_page, topic="General enquiry"))
    assert mail.outbox[-1].to == ["fallback@iom.example.org"]


def test_the_visitor_sees_the_confirmation_in_mongolian(contact_page, client):
    response = client.post("/mn/contact/", message(contact_page))
    html = response.content.decode()
    assert "Баярлалаа: таны зурвасыг хүлээн авлаа." in html
    assert "Бид bat@example.org хаягаар хариу өгнө." in html
    assert ContactSubmission.objects.count() == 1


def test_the_form_page_is_never_cached_with_a_visitors_csrf_token(contact_page, client):
    for url in (URL, "/mn/contact/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store"
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert client.post(URL, message(contact_page))["Cache-Control"] == "private, no-store"
    assert client.post(URL, message(contact_page, name=""))["Cache-Control"] == "private, no-store"


def test_a_honeypot_hit_is_refused_and_nothing_is_stored(contact_page, client):
    response = client.post(URL, message(contact_page, website="https://spam.example.com"))
    assert_refused(response, 400, "looks as if it was sent automatically")


def test_a_sixth_quick_message_from_one_address_is_refused(contact_page, client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            assert client.post(URL, message(contact_page)).status_code == 200
        assert ContactSubmission.objects.count() == 5

        response = client.post(URL, message(contact_page, message="A sixth message"))
        assert response.status_code == 429
        html = response.content.decode()
        assert "You have sent several messages in a short time" in html
        assert "A sixth message</textarea>" in html  # the visitor's text is kept for them
        assert ContactSubmission.objects.count() == 5 and len(mail.outbox) == 5

        # Another address is not affected; ten minutes later this one may write again.
        assert client.post(URL, message(contact_page), REMOTE_ADDR="203.0.113.7").status_code == 200
        clock.shift(datetime.timedelta(minutes=10, seconds=6))
        assert client.post(URL, message(contact_page)).status_code == 200
    assert ContactSubmission.objects.count() == 7


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_the_visitors_own_address(contact_page, client):
    with time_machine.travel(timezone.now(), tick=False):
        for number in range(6):
            # The proxy's own address is the same for everyone; the visitors differ.
            response = client.post(URL, message(contact_page), HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
            assert response.status_code == 200
        for _ in range(5):
            client.post(URL, message(contact_page), HTTP_X_FORWARDED_FOR="192.0.2.1")
        refused = client.post(URL, message(contact_page), HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert refused.status_code == 429


def test_the_limit_works_in_the_shared_redis_cache(contact_page, client):
    location = "redis://127.0.0.1:6379/8"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("Redis is not running on 127.0.0.1:6379 (production's shared cache)")
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "test-contact-rate-limit",
        }
    }
    with override_settings(CACHES=redis_cache), time_machine.travel(timezone.now(), tick=False):
        from django.core.cache import caches

        caches["default"].clear()
        try:
            statuses = [client.post(URL, message(contact_page)).status_code for _ in range(6)]
        finally:
            caches["default"].clear()
    assert statuses == [200] * 5 + [429]


def test_an_oversized_message_is_refused_and_nothing_is_stored(contact_page, client):
    response = client.post(URL, message(contact_page, message="x" * 3001))
    assert_refused(response, 400, "Ensure this value has at most 3000 characters (it has 3001).")


@pytest.mark.parametrize(
    "field,value",
    [
        ("message", 'Cheap <a href="https://spam.example.com">pills</a>'),
        ("message", "<script>alert(1)</script>"),
        ("message", "Hello <!-- hidden -->"),
        ("name", "<b>Bat</b>"),
    ],
)
def test_html_is_refused_and_nothing_is_stored(contact_page, client, field, value):
    response = client.post(URL, message(contact_page, **{field: value}))
    assert_refused(response, 400, "Please write plain text: HTML and other markup are not accepted.")
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_plain_text_with_angle_brackets_is_accepted(contact_page, client):
    assert client.post(URL, message(contact_page, message="Costs < 5,000 MNT and I <3 it")).status_code == 200
    assert ContactSubmission.objects.get().form_data["message"] == "Costs < 5,000 MNT and I <3 it"


def test_missing_fields_get_clear_errors(contact_page, client):
    response = client.post(URL, {"website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    for error in ("Choose the topic of your message.", "Enter your name.", "Write your message.", "Tick the box"):
        assert error in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="contact-name_error"' in html
    assert ContactSubmission.objects.count() == 0


def test_without_a_worker_a_broken_mail_server_still_stores_the_message_and_logs_the_failure(
    contact_page, client, caplog
):
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": closed_port,
        "EMAIL_TIMEOUT": 5,
    }
    with override_settings(**smtp), caplog.at_level(logging.ERROR, logger="contact.tasks"):
        response = client.post(URL, message(contact_page))
    assert response.status_code == 200
    assert "Thank you: your message has been received." in response.content.decode()
    [submission] = ContactSubmission.objects.all()
    assert submission.form_data["message"] == "When is the next call for proposals?"
    assert submission.mail_status == ContactSubmission.MailStatus.FAILED
    [record] = caplog.records
    assert f"Contact message {submission.pk} was stored" in record.getMessage()
    assert record.exc_info and isinstance(record.exc_info[1], OSError)


# Staff and the admin ------------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    def make(group_name=None, superuser=False):
        if superuser:
            return django_user_model.objects.create_superuser("admin-user", password="a-long-test-password")
        user = django_user_model.objects.create_user(group_name.split()[-1], password="a-long-test-password")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_moderators_read_and_export_messages_as_csv(contact_page, client, staff):
    client.post(URL, message(contact_page, message='=HYPERLINK("https://evil.example")'))
    client.force_login(staff(MODERATORS))
    listing = client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]))
    assert listing.status_code == 200
    assert "Bat-Erdene" in listing.content.decode() and "Sent" in listing.content.decode()

    export = client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]) + "?export=csv")
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    header, row = csv_text.strip().splitlines()
    assert header == "Submission date,Topic,Name,E-mail,Message,Agreed to the privacy notice,E-mail forwarding"
    assert "Procurement,Bat-Erdene,bat@example.org" in row and row.endswith(",True,Sent")
    # A formula typed by a visitor reaches the spreadsheet as text.
    assert "'=HYPERLINK" in row


def test_editors_see_messages_only_when_given_the_permission(contact_page, client, staff):
    client.post(URL, message(contact_page))
    editor = staff(EDITORS)
    client.force_login(editor)
    submissions_url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    refused = client.get(submissions_url, follow=True)
    assert refused.redirect_chain == [("/admin/", 302)] and "Bat-Erdene" not in refused.content.decode()
    assert submissions_url not in client.get(reverse("wagtailforms:index")).content.decode()

    editor.user_permissions.add(Permission.objects.get(codename="view_contactsubmission"))
    assert client.get(submissions_url).status_code == 200
    assert "Bat-Erdene" in client.get(submissions_url).content.decode()
    assert submissions_url in client.get(reverse("wagtailforms:index")).content.decode()


def test_only_administrators_see_or_set_the_addresses(contact_page, client, staff):
    mailboxes_url = reverse("contact_mailboxes:index")
    edit_url = reverse("wagtailadmin_pages:edit", args=[contact_page.pk])
    for group in (EDITORS, MODERATORS):
        client.force_login(staff(group))
        assert client.get(mailboxes_url).status_code in {302, 403}
        html = client.get(edit_url).content.decode()
        assert "Procurement unit" in html  # editors route topics to mailboxes by their name...
        for hidden in (
            "procurement@iom.example.org",
            "desk@iom.example.org",
            "fallback@iom.example.org",
            'name="to_address"',
        ):
            assert hidden not in html  # ...and never see an address
    client.force_login(staff(superuser=True))
    assert "procurement@iom.example.org" in client.get(mailboxes_url).content.decode()
    assert 'name="to_address"' in client.get(edit_url).content.decode()


def test_an_editors_change_to_the_page_keeps_the_administrators_addresses(contact_page, client, staff):
    client.force_login(staff(EDITORS))
    topics = [
        {"id": topic.pk, "label": topic.label + " (edited)", "mailbox": topic.mailbox_id, "ORDER": str(order)}
        for order, topic in enumerate(contact_page.topics.all())
    ]
    data = nested_form_data(
        {
            "title": contact_page.title,
            "slug": contact_page.slug,
            "intro": "New introduction.",
            "topics": inline_formset(topics, initial=len(topics)),
            "privacy_notice": contact_page.privacy_notice_id,
            "thank_you_text": "",
            "subject": contact_page.subject,
            "to_address": "attacker@example.com",  # not in an editor's form: ignored
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[contact_page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ContactPage.objects.get(pk=contact_page.pk).get_latest_revision_as_object()
    assert draft.intro == "New introduction."
    assert draft.to_address == "fallback@iom.example.org"
    assert [(topic.label, topic.mailbox.name) for topic in draft.topics.all()] == [
        ("General enquiry (edited)", "Front desk"),
        ("Procurement (edited)", "Procurement unit"),
    ]


def test_the_retention_command_deletes_only_old_messages(contact_page, client):
    for _ in range(3):
        client.post(URL, message(contact_page))
    old, recent, new = ContactSubmission.objects.order_by("pk")
    ContactSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - datetime.timedelta(days=181))
    ContactSubmission.objects.filter(pk=recent.pk).update(submit_time=timezone.now() - datetime.timedelta(days=179))

    call_command("delete_old_contact_messages", "--dry-run", stdout=open("/dev/null", "w"))
    assert ContactSubmission.objects.count() == 3
    call_command("delete_old_contact_messages", stdout=open("/dev/null", "w"))
    assert set(ContactSubmission.objects.values_list("pk", flat=True)) == {recent.pk, new.pk}
    with override_settings(CONTACT_SUBMISSION_RETENTION_DAYS=30):
        call_command("delete_old_contact_messages", stdout=open("/dev/null", "w"))
    assert list(ContactSubmission.objects.values_list("pk", flat=True)) == [new.pk]


@override_settings(CONTACT_SUBMISSION_RETENTION_DAYS=90)
def test_the_privacy_notice_states_what_the_software_does(contact_page, client):
    html = client.get(contact_page.privacy_notice.url).content.decode()
    assert "Messages are deleted 90 days after they were sent." in html
    assert "at most 5 in 10 minutes" in html
    assert "<code>csrftoken</code>" in html and "<code>sessionid</code>" in html
    assert "no analytics" in html
    mongolian = client.get("/mn/contact/privacy-notice/").content.decode()
    assert "Зурвасыг илгээснээс хойш 90 хоногийн дараа устгана." in mongolian
    # The consent box links to the notice.
    assert (
        f'<a href="{contact_page.privacy_notice.url}">Read the privacy notice</a>' in client.get(URL).content.decode()
    )


def test_the_seeded_contact_page_shows_the_office_and_its_topics(seeded_site, client):
    page = ContactPage.objects.get(locale__language_code="en")
    assert page.get_parent().specific == seeded_site
    assert [topic.label for topic in page.topics.all()] == ["General enquiry", "Feedback about this website"]
    assert isinstance(page.privacy_notice, PrivacyNoticePage) and page.privacy_notice.live
    html = client.get(URL).content.decode()
    assert "United Nations House, United Nations Street-14<br>Ulaanbaatar 14201, Mongolia" in html
    assert '<a href="tel:+97670143100">+976 701 43100</a>' in html
    mongolian = client.get("/mn/contact/").content.decode()
    assert "НҮБ-ын Нэгдсэн байр" in mongolian and "Бидэнд зурвас илгээх" in mongolian
    # No mailbox is seeded: a message is stored, and says why it was not forwarded.
    client.post(URL, message(page, topic="General enquiry"))
    assert ContactSubmission.objects.get().mail_status == ContactSubmission.MailStatus.NO_ADDRESS
    assert mail.outbox == []


class TestAdministratorsBuildTheContactPage(AdminTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedParentPageTypes(PrivacyNoticePage, {HomePage, ContactPage})
        self.assertAllowedSubpageTypes(ContactPage, {PrivacyNoticePage})

    def test_a_contact_page_with_a_topic_through_the_admin_form(self):
        mailbox = ContactMailboxFactory(name="Front desk")
        data = nested_form_data(
            {
                "title": "Contact us",
                "intro": "Write to us.",
                "topics": inline_formset([{"label": "General enquiry", "mailbox": mailbox.pk}]),
                "privacy_notice": "",
                "thank_you_text": "",
                "subject": "Website message",
                "to_address": "desk@iom.example.org",
                "from_address": "",
            }
        )
        self.assertCanCreate(self.home, ContactPage, data)
        page = ContactPage.objects.child_of(self.home).get(locale__language_code="en")
        assert page.to_address == "desk@iom.example.org"
        assert [(topic.label, topic.mailbox.name) for topic in page.topics.all()] == [
            ("General enquiry", "Front desk")
        ]


def test_a_mongolian_translation_of_the_contact_page_routes_like_the_english_one(contact_page, client):
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, TranslationSource

    # Translators are never shown the addresses.
    source, _created = TranslationSource.get_or_create_from_instance(contact_page)
    segments = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {"General enquiry", "Procurement"} <= segments
    assert not any("@" in text for text in segments)

    from tests.translating import translate

    mongolian, _created = Locale.objects.get_or_create(language_code="mn")
    translated = translate(contact_page, "Холбоо барих")
    topic = translated.topics.get(label="Procurement")
    assert topic.locale == mongolian
    response = client.post("/mn/contact/", message(translated))
    assert "Баярлалаа" in response.content.decode()
    assert ContactSubmission.objects.get().page_id == translated.pk
    assert mail.outbox[0].to == ["procurement@iom.example.org", "finance@iom.example.org"]


# Messages that would go nowhere, and the export ---------------------------------------------


def test_a_topic_without_a_mailbox_is_flagged_on_the_dashboard(
    contact_page, client, staff, django_assert_max_num_queries
):
    client.force_login(staff(EDITORS))
    assert "Contact topics without a mailbox" not in client.get(reverse("wagtailadmin_home")).content.decode()

    contact_page.topics.filter(label="General enquiry").update(mailbox=None)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Contact topics without a mailbox" in html
    assert "“General enquiry”" in html and "“Procurement”" not in html
    assert "Their messages go to the page’s default address." in html
    assert reverse("wagtailadmin_pages:edit", args=[contact_page.pk]) in html

    # Without a default address on the page, nobody receives them: the panel says so.
    ContactPage.objects.filter(pk=contact_page.pk).update(to_address="")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Their messages are kept under Forms in the admin, but nobody receives them by e-mail." in html
    assert "Ask an administrator to choose a mailbox for each topic (Settings → Contact mailboxes)." in html


def test_the_dashboard_check_costs_one_query(contact_page, rf, django_assert_num_queries):
    from contact.wagtail_hooks import add_topics_without_mailbox_panel

    contact_page.topics.update(mailbox=None)
    panels = []
    with django_assert_num_queries(1):
        add_topics_without_mailbox_panel(rf.get("/admin/"), panels)
        [panel] = panels
        panel.render_html({})


def test_a_topic_without_a_mailbox_is_flagged_on_the_edit_screen(contact_page, client, staff):
    client.force_login(staff(EDITORS))
    edit_url = reverse("wagtailadmin_pages:edit", args=[contact_page.pk])
    assert "Topics without a mailbox:" not in client.get(edit_url).content.decode()

    contact_page.topics.filter(label="Procurement").update(mailbox=None)
    ContactPage.objects.get(pk=contact_page.pk).save_revision()  # the edit screen shows the latest revision
    html = client.get(edit_url).content.decode()
    assert "Topics without a mailbox:" in html and "“Procurement”." in html
    assert "Their messages go to the page’s default address." in html


def test_the_csv_has_the_sites_time_zone_without_microseconds(contact_page, client, staff):
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, 5, 0, 123456, tzinfo=datetime.UTC), tick=False):
        client.post(URL, message(contact_page))
    client.force_login(staff(MODERATORS))
    export = client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]) + "?export=csv")
    _header, row = b"".join(export.streaming_content).decode().strip().splitlines()
    assert row.startswith("2026-12-02T18:05:00+08:00,Procurement,")


def test_download_csv_is_a_button_beside_the_title(contact_page, client, staff):
    client.force_login(staff(MODERATORS))
    listing_url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    html = client.get(listing_url).content.decode()
    header_buttons = html[html.index('id="w-slim-header-buttons"') : html.index('data-controller="w-dropdown"')]
    assert f'<a href="{listing_url}?export=csv" class="w-header-button button"' in header_buttons
    assert "Download CSV" in header_buttons
    assert html.count("?export=csv") == 1  # not in the ⋯ menu as well; XLSX stays there
    assert "?export=xlsx" in html
