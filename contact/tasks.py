"""Forwarding contact messages by e-mail, in the background.

The message is stored first (ContactPage.process_form_submission), then this task is queued on the
"mail" task backend: django-tasks' database backend (settings.TASKS), run by `manage.py db_worker
--backend mail` (make run, make stack, deploy/systemd/iom-mongolia-worker.service). When the mail
server does not answer, the task marks the message "trying again", queues itself again for later
(1, 2, 4 … minutes, then every hour) and fails; after RETRY_FOR it gives up and marks the message
failed, where staff read it in the admin. A mail outage delays messages; it loses none.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAIL_BACKEND = "mail"
RETRY_FOR = datetime.timedelta(hours=24)
FIRST_DELAY = datetime.timedelta(minutes=1)
LONGEST_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempt):
    """How long to wait after the `attempt`-th failure: doubling from a minute, at most an hour."""
    return min(FIRST_DELAY * 2 ** (attempt - 1), LONGEST_DELAY)


@task(backend=MAIL_BACKEND)
def forward_contact_message(submission_id, recipients, attempt=1):
    """Send one stored message to `recipients`; on a mail failure, queue a later attempt."""
    from .models import ContactSubmission

    Status = ContactSubmission.MailStatus
    submission = ContactSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:  # deleted meanwhile (the retention command)
        return "deleted"
    if submission.mail_status == Status.SENT:  # never twice
        return "already sent"
    page = submission.page.specific
    try:
        page.send_message(submission, recipients)
    except Exception:
        retry_at = timezone.now() + retry_delay(attempt)
        can_wait = forward_contact_message.get_backend().supports_defer  # an immediate backend cannot
        if can_wait and retry_at <= submission.submit_time + RETRY_FOR:
            ContactSubmission.objects.filter(pk=submission_id).update(mail_status=Status.RETRYING)
            forward_contact_message.using(run_after=retry_at).enqueue(submission_id, recipients, attempt + 1)
            logger.warning(
                "Forwarding contact message %s by e-mail failed (attempt %s); trying again at %s.",
                submission_id,
                attempt,
                retry_at.isoformat(timespec="seconds"),
            )
            raise  # this attempt is recorded as failed; the next one is queued
        ContactSubmission.objects.filter(pk=submission_id).update(mail_status=Status.FAILED)
        logger.exception(
            "Contact message %s was stored, but forwarding it by e-mail failed (attempt %s, the last); "
            "read it in the admin.",
            submission_id,
            attempt,
        )
        return "failed"
    ContactSubmission.objects.filter(pk=submission_id).update(mail_status=Status.SENT)
    return "sent"
