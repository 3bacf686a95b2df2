"""Contact messages are forwarded by the background worker (django-tasks' database backend, as in
production), through a real SMTP server: a mail outage delays a message and loses none."""

import datetime
import logging
import signal
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contact.models import ContactSubmission
from contact.tasks import MAIL_BACKEND, RETRY_FOR, forward_contact_message, retry_delay
from core.seed import ensure_locales, ensure_root
from tests.dated_pages import make_home
from tests.factories import ContactMailboxFactory, ContactPageFactory, ContactTopicFactory

URL = "/en/contact/"


class Inbox(Message):
    """What the SMTP server received."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a port of its own, down until the test starts it; always stopped."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    started = []

    def start():
        controller.start()
        started.append(controller)

    inbox.start = start
    try:
        yield inbox
    finally:
        if started:
            controller.stop()


def run_worker():
    """`manage.py db_worker --backend mail --batch`: what systemd runs, until no task is due. The
    command sets up its own signal handlers and log levels; the test process gets its own back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    levels = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    try:
        call_command(
            "db_worker", "--backend", MAIL_BACKEND, "--batch", "--no-startup-delay", "--no-reload", verbosity=0
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
def contact_page():
    cache.clear()  # the rate limit's counts
    # A transactional test before this one may have emptied the database (flush): the locales and
    # the root page the migrations made are put back first. (serialized_rollback cannot: after a
    # flush, the content types are made again and its copy of them then collides.)
    ensure_locales()
    ensure_root()
    page = ContactPageFactory(parent=make_home(), to_address="")
    desk = ContactMailboxFactory(name="Front desk", addresses="desk@iom.example.org")
    ContactTopicFactory(page=page, label="General enquiry", mailbox=desk, sort_order=0)
    page.save_revision().publish()
    return page


def message(page):
    return {
        "topic": page.topics.get().pk,
        "name": "Bat-Erdene",
        "email": "bat@example.org",
        "message": "When is the next call for proposals?",
        "consent": "on",
        "website": "",
    }


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_a_message_sent_during_a_mail_outage_is_delivered_once_when_the_server_is_back(smtp, contact_page, client):
    response = client.post(URL, message(contact_page))
    assert response.status_code == 200
    assert "Thank you: your message has been received." in response.content.decode()
    [submission] = ContactSubmission.objects.all()  # stored before anything is sent
    assert submission.mail_status == ContactSubmission.MailStatus.PENDING
    [queued] = DBTaskResult.objects.all()
    assert queued.backend_name == MAIL_BACKEND and queued.status == TaskResultStatus.READY

    # The mail server is down: the attempt fails and the next one is queued for later.
    run_worker()
    submission.refresh_from_db()
    assert submission.mail_status == ContactSubmission.MailStatus.RETRYING
    assert submission.get_mail_status_display() == "Not sent yet: the mail server did not answer, trying again"
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED and "ConnectionRefusedError" in first.exception_class_path
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)
    run_worker()  # not due yet: nothing is tried
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.READY

    # The mail server is back; once the retry is due, the worker delivers the message.
    smtp.start()
    with time_machine.travel(retry.run_after + datetime.timedelta(seconds=1)):
        run_worker()
        run_worker()  # a second pass finds nothing more to send
    submission.refresh_from_db()
    assert submission.mail_status == ContactSubmission.MailStatus.SENT
    [delivered] = smtp.messages
    assert delivered["To"] == "desk@iom.example.org" and delivered["Reply-To"] == "bat@example.org"
    assert "When is the next call for proposals?" in delivered.get_payload()
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.exclude(status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]).count() == 0


@pytest.mark.django_db(transaction=True)
def test_after_a_day_of_outage_the_message_is_marked_failed_and_kept(smtp, contact_page, client):
    client.post(URL, message(contact_page))
    submission = ContactSubmission.objects.get()
    with time_machine.travel(submission.submit_time + RETRY_FOR - retry_delay(30) / 2):
        DBTaskResult.objects.all().delete()  # as if 29 attempts had failed: the 30th is queued
        forward_contact_message.enqueue(submission.pk, ["desk@iom.example.org"], 30)
        run_worker()
    submission.refresh_from_db()
    assert submission.mail_status == ContactSubmission.MailStatus.FAILED
    assert submission.form_data["message"] == "When is the next call for proposals?"
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()  # no more attempts
    assert smtp.messages == []


def test_the_retries_back_off_to_an_hour():
    assert [retry_delay(attempt).total_seconds() / 60 for attempt in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
