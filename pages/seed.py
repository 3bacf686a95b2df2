"""Builds the site from the content data in pages/content/site.toml.

Create-only: a page, snippet or setting that already exists is left as it is, so a
second run changes nothing and an editor's work is never overwritten. Each seeder
returns the list of things it created, for the command to report.
"""

import json
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "site.toml"
RESERVED_KEYS = {"path", "type", "body"}


def load_content(path=CONTENT_FILE):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def ensure_locales():
    created = []
    for code, _name in settings.LANGUAGES:
        _locale, was_created = Locale.objects.get_or_create(language_code=code)
        if was_created:
            created.append(f"locale {code}")
    return created


def ensure_root():
    """Wagtail's migrations make the tree's root; a flushed database (as in some tests) has none."""
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
        return ["tree root"]
    return []


def remove_wagtail_welcome_page():
    """Wagtail's first migration makes a placeholder page; the mission's home page replaces it."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        if child.specific_class is Page and child.numchild == 0:
            child.delete()


def get_home_page():
    from pages.models import HomePage

    locale = Locale.get_default()
    return HomePage.objects.filter(locale=locale).first()


def build_page(spec):
    model = apps.get_model(spec["type"])
    fields = {key: value for key, value in spec.items() if key not in RESERVED_KEYS}
    fields.setdefault("slug", spec["path"].rsplit("/", 1)[-1])
    page = model(**fields)
    if "body" in spec:
        page.body = json.dumps(spec["body"])
    return page


def find_page(parent, slug):
    return parent.get_children().filter(slug=slug).first() if parent else None


def seed_pages(content):
    created = []
    locale = Locale.get_default()
    pages_by_path = {}
    for spec in content.get("pages", []):
        path = spec["path"]
        if path == "":
            parent = Page.get_first_root_node()
            slug = spec.get("slug", "home")
        else:
            parent_path = path.rsplit("/", 1)[0] if "/" in path else ""
            parent = pages_by_path.get(parent_path)
            slug = spec.get("slug", path.rsplit("/", 1)[-1])
        if parent is None:
            raise ValueError(f"Seed content: the parent of '{path}' is missing; list parents first.")
        existing = parent.get_children().filter(slug=slug, locale=locale).first()
        if existing is not None:
            pages_by_path[path] = existing
            continue
        page = build_page(spec)
        page.locale = locale
        parent.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        pages_by_path[path] = page
        created.append(f"page /{path}{'/' if path else ''} ({page.specific_class.__name__})")
    return created


def ensure_site():
    created = []
    home = get_home_page()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="IOM Mongolia"
        )
        created.append("site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "IOM Mongolia"
        site.save()
        created.append("site root set to the home page")
    return created


def seed_settings(content):
    from pages.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    if SiteSettings.objects.filter(site=site).exists():
        return []
    SiteSettings.objects.create(site=site, **content.get("settings", {}))
    return ["site settings"]


@transaction.atomic
def seed_site():
    content = load_content()
    created = ensure_locales()
    created += ensure_root()
    if get_home_page() is None:
        remove_wagtail_welcome_page()
    created += seed_pages(content)
    created += ensure_site()
    created += seed_settings(content)
    return created
