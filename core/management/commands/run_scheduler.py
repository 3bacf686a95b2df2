"""Publish what is scheduled, every minute, for as long as it runs (`make run` starts it beside
the server; production runs `publish_scheduled` from a systemd timer, see docs/deployment.md)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every --interval seconds (default 60)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between two runs.")
        parser.add_argument("--iterations", type=int, default=0, help="Stop after this many runs (0: never).")

    def handle(self, *args, interval, iterations, **options):
        done = 0
        while True:
            call_command("publish_scheduled", stdout=self.stdout, stderr=self.stderr)
            done += 1
            if iterations and done >= iterations:
                return
            time.sleep(interval)
