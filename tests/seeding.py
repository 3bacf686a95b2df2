"""Build a page tree from seed specs, as the seed loader does, for tests of the loader itself."""

from core.seed import SeedRun, ensure_locales, ensure_root, ensure_site, remove_wagtail_welcome_page


def seed_tree(specs):
    """Seed `specs` (a list of [[pages]] entries) into the database; returns what was created."""
    ensure_locales()
    ensure_root()
    remove_wagtail_welcome_page()
    run = SeedRun()
    created = run.add_pages(specs)
    run.finish()
    ensure_site()
    return created
