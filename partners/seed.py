"""Seeds the partner directory page and the partners from partners/content/partners.toml (create-only)."""

import uuid
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from core.seed import find_page_by_path, load_content

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "partners.toml"
# Seeded partners get a translation key derived from their name, so a partner an editor
# renamed is still recognised and never created twice.
PARTNER_KEYS = uuid.UUID("0f3a7c2e-5d1b-4e7a-9c1d-2b6f8e4a9d10")


def partner_key(name):
    return uuid.uuid5(PARTNER_KEYS, name)


def seed(run):
    """Seeder for `load_site_content`: the directory page, then the partners."""
    content = load_content(CONTENT_FILE)
    return run.add_pages(content.get("pages", [])) + seed_partners(content)


@transaction.atomic
def seed_partners(content=None):
    from .models import Partner

    content = content or load_content(CONTENT_FILE)
    locale = Locale.get_default()
    created = []
    for spec in content.get("partners", []):
        fields = dict(spec)
        key = partner_key(fields["name"])
        if Partner.objects.filter(translation_key=key, locale=locale).exists():
            continue
        work_area_paths = fields.pop("work_areas", [])
        fields.setdefault("verification_note", content.get("verification_note", ""))
        partner = Partner(translation_key=key, locale=locale, **fields)
        partner.full_clean()
        partner.work_areas = [page.specific for page in map(find_page_by_path, work_area_paths) if page is not None]
        partner.save()
        partner.save_revision(log_action=True).publish()
        created.append(f"partner {partner}")
    return created
