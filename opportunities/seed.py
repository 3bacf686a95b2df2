"""Seeds the Opportunities and Events pages from opportunities/content/opportunities.toml (create-only).
No vacancy, notice or event is seeded: editors publish those."""

from pathlib import Path

from core.seed import load_content

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "opportunities.toml"


def seed(run):
    """Seeder for `load_site_content`."""
    return run.add_pages(load_content(CONTENT_FILE).get("pages", []))
