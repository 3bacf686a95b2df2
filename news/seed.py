"""Seeds the "Media and news" index page from news/content/news.toml (create-only; no articles)."""

from pathlib import Path

from core.seed import load_content

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "news.toml"


def seed(run):
    """Seeder for `load_site_content`."""
    return run.add_pages(load_content(CONTENT_FILE).get("pages", []))
