"""Seeds the contact page, its topics and the privacy notice from contact/content/contact.toml (create-only)."""

from pathlib import Path

from core.seed import find_page_by_path, load_content

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "contact.toml"


def seed(run):
    """Seeder for `load_site_content`. Topics and the privacy notice link are given to the contact
    page only in the run that creates it: afterwards the page is the editors'."""
    from .models import ContactTopic

    content = load_content(CONTENT_FILE)
    created = run.add_pages(content.get("pages", []))
    contact_path = content["contact_page"]
    if not any(line.startswith(f"page /{contact_path}/ ") for line in created):
        return created
    page = find_page_by_path(contact_path).specific
    page.topics = [ContactTopic(label=label, locale=page.locale) for label in content.get("topics", [])]
    privacy = find_page_by_path(content["privacy_notice"])
    page.privacy_notice = privacy.specific if privacy else None
    page.save_revision(log_action=True).publish()
    return created + [f"{len(page.topics.all())} contact topics"]
