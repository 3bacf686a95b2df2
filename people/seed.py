"""Seeds the people index and staff pages from people/content/people.toml (create-only)."""

from pathlib import Path

from core.seed import load_content

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "people.toml"


def seed(run):
    """Seeder for `load_site_content`."""
    return run.add_pages(load_content(CONTENT_FILE).get("pages", []))
