"""Seeds the mission's pages, key figures, goals and site settings from pages/content/ (create-only)."""

import uuid
from pathlib import Path

from wagtail.models import Site

from core.seed import ensure_site, load_content

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# Seeded key figures get translation keys derived from their seed `key`, so a second run finds them
# again even after an editor has changed every visible field.
SEED_NAMESPACE = uuid.UUID("6c1e3c53-3f5f-4b53-9d8e-2f1a1e0b7a11")


def figure_translation_key(key):
    return uuid.uuid5(SEED_NAMESPACE, f"pages.KeyFigure:{key}")


def seed_figures_and_goals(content, locale):
    """The 17 goals (found again by number) and the key figures (by their seed key), create-only."""
    from .models import KeyFigure, SustainableDevelopmentGoal

    created = []
    new_goals = 0
    for spec in content.get("sdgs", []):
        fields = {key: value for key, value in spec.items() if key != "number"}
        _goal, was_created = SustainableDevelopmentGoal.objects.get_or_create(
            number=spec["number"], locale=locale, defaults=fields
        )
        new_goals += was_created
    if new_goals:
        created.append(f"{new_goals} sustainable development goals")
    for spec in content.get("key_figures", []):
        fields = {key: value for key, value in spec.items() if key != "key"}
        _figure, was_created = KeyFigure.objects.get_or_create(
            translation_key=figure_translation_key(spec["key"]), locale=locale, defaults=fields
        )
        if was_created:
            created.append(f"key figure {spec['key']}")
    return created


def seed_settings(content):
    from core.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    if SiteSettings.objects.filter(site=site).exists():
        return []
    SiteSettings.objects.create(site=site, **content.get("settings", {}))
    return ["site settings"]


def seed_site_text(content):
    """The site text in each language of the content data, as translations of one another."""
    from wagtail.models import Locale

    from core.models import SiteText

    if SiteText.objects.exists():
        return []
    key = uuid.uuid4()
    created = []
    for code, fields in content.get("site_text", {}).items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            SiteText.objects.create(translation_key=key, locale=locale, **fields)
            created.append(f"site text ({code})")
    return created


def seed(run):
    """Seeder for `load_site_content`: block values may refer to key figures as "figure:KEY"."""
    from .models import KeyFigure

    created = seed_figures_and_goals(load_content(CONTENT_DIR / "figures_and_goals.toml"), run.locale)
    run.add_resolver(
        "figure",
        lambda key: KeyFigure.objects.filter(translation_key=figure_translation_key(key), locale=run.locale).first(),
    )
    content = load_content(CONTENT_DIR / "site.toml")
    created += run.add_pages(content.get("pages", []))
    created += ensure_site()
    created += seed_settings(content)
    created += seed_site_text(content)
    return created
