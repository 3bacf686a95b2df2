"""Build the mission's site from the content data kept in the repo.

Idempotent: a second run creates nothing and never changes what editors changed.
Each app seeds its own content (see core/seed.py).
"""

from django.core.management.base import BaseCommand

from core.seed import Notice, seed_all


class Command(BaseCommand):
    help = "Create the mission's pages, people, partners and settings from the repo's content data."

    def handle(self, *args, **options):
        report = seed_all()
        notices = [item for item in report if isinstance(item, Notice)]
        created = [item for item in report if not isinstance(item, Notice)]
        for item in created:
            self.stdout.write(f"Created {item}")
        for item in notices:
            self.stdout.write(item)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seed content: {len(created)} created."))
        else:
            self.stdout.write(self.style.SUCCESS("Seed content: nothing to create, the site is up to date."))
