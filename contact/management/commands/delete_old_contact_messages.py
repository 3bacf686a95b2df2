"""Delete contact messages older than the retention period (run it daily, e.g. from cron).

The period is settings.CONTACT_SUBMISSION_RETENTION_DAYS (the CONTACT_RETENTION_DAYS environment
variable), which the privacy notice states; --days overrides it for one run."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contact.models import ContactSubmission


class Command(BaseCommand):
    help = "Delete contact form messages older than the retention period (CONTACT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Delete messages older than this many days (default: CONTACT_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be deleted.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.CONTACT_SUBMISSION_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = ContactSubmission.objects.filter(submit_time__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{old.count()} contact messages are older than {days} days (dry run: none deleted).")
            return
        deleted, _by_model = old.delete()
        self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
