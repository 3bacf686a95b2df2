"""Build the mission's site from the content data kept in the repo.

Idempotent: a second run creates nothing and never changes what editors changed.
"""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from pages.seed import Notice

# Each seeder is a function returning a list of what it created. Order matters:
# pages first, then what refers to them.
SEEDERS = [
    "pages.seed.seed_site",
    "partners.seed.seed_partners",
    "editorial.roles.seed_roles",
]


class Command(BaseCommand):
    help = "Create the mission's pages, people, partners and settings from the repo's content data."

    def handle(self, *args, **options):
        created = []
        for dotted_path in SEEDERS:
            created += import_string(dotted_path)()
        # A seeder's notices (upgrades, pages left alone) are printed as they are.
        notices = [item for item in created if isinstance(item, Notice)]
        created = [item for item in created if not isinstance(item, Notice)]
        for item in created:
            self.stdout.write(f"Created {item}")
        for item in notices:
            self.stdout.write(item)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seed content: {len(created)} created."))
        else:
            self.stdout.write(self.style.SUCCESS("Seed content: nothing to create, the site is up to date."))
