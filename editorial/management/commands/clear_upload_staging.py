"""Remove the staging files of uploads nobody finished (Documents > Add a document, then no
"Update"), after a day by default. Run it daily (docs/deployment.md)."""

import datetime

from django.core.management.base import BaseCommand

from editorial.staging import clear_abandoned_uploads


class Command(BaseCommand):
    help = "Delete upload staging files (Wagtail's UploadedFile) older than --hours (24 by default)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24, help="Age after which an upload counts as abandoned.")

    def handle(self, *args, hours, **options):
        removed = clear_abandoned_uploads(datetime.timedelta(hours=hours))
        self.stdout.write(f"Removed {removed} abandoned upload staging file(s).")
