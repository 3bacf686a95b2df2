"""Builds the site from the content data in pages/content/site.toml.

Create-only: a page, snippet or setting that already exists is left as it is, so a
second run changes nothing and an editor's work is never overwritten. Each seeder
returns the list of things it created, for the command to report.

One exception, for pages whose type or place changed in the content data: a page the
seed made and nobody touched since (see `is_untouched_seed_page`) is upgraded. A new
`type` at the same path replaces it in place; a page listing `replaces = ["old/path"]`
takes over from the page there and its old URL redirects to the new one. A page an
editor has worked on is always kept as it is.
"""

import json
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "site.toml"
RESERVED_KEYS = {"path", "type", "body", "replaces"}


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
    previous_sibling_path = {}
    for spec in content.get("pages", []):
        path = spec["path"]
        if path == "":
            parent = Page.get_first_root_node()
            slug = spec.get("slug", "home")
            parent_path = None
        else:
            parent_path = path.rsplit("/", 1)[0] if "/" in path else ""
            parent = pages_by_path.get(parent_path)
            slug = spec.get("slug", path.rsplit("/", 1)[-1])
        if parent is None:
            raise ValueError(f"Seed content: the parent of '{path}' is missing; list parents first.")
        # A page added to an existing tree goes after the page listed before it in the content data.
        after = pages_by_path.get(previous_sibling_path.get(parent_path))
        previous_sibling_path[parent_path] = path
        model = apps.get_model(spec["type"])
        existing = parent.get_children().filter(slug=slug, locale=locale).first()
        if existing is not None and (existing.specific_class is model or not is_untouched_seed_page(existing)):
            # Already there, or an editor owns it (even if the seed now wants another page type).
            pages_by_path[path] = existing
            continue
        page = build_page(spec)
        page.locale = locale
        if existing is not None:
            # Upgrade in place: the untouched seed page of an older type gives way to the new
            # type at the same URL and the same place among its siblings.
            after, before = existing.get_prev_sibling(), existing.get_next_sibling()
            existing.delete()
            insert_page(parent, page, after=after, before=before)
            created.append(
                f"page /{path}/ ({model.__name__}, replacing an unedited {existing.specific_class.__name__})"
            )
        else:
            insert_page(parent, page, after=after)
            created.append(f"page /{path}{'/' if path else ''} ({model.__name__})")
        page.save_revision(log_action=True).publish()
        pages_by_path[path] = page
        created += replace_old_pages(page, path, spec.get("replaces", []))
    return created


def insert_page(parent, page, after=None, before=None):
    """Add `page` under `parent`: right of `after`, else left of `before`, else last."""
    if after is not None:
        return after.add_sibling(pos="right", instance=page)
    if before is not None:
        return before.add_sibling(pos="left", instance=page)
    return parent.add_child(instance=page)


def is_untouched_seed_page(page):
    """True when nobody but the seed loader has worked on `page`: one revision, made with no
    user, no edits, moves or unpublishing logged by a user, and no children, aliases or
    translations hanging off it. Only such a page may be replaced by a newer seed."""
    from wagtail.models import PageLogEntry

    revisions = page.revisions
    return (
        page.live
        and not page.has_unpublished_changes
        and page.numchild == 0
        and page.alias_of_id is None
        and revisions.count() == 1
        and not revisions.filter(user__isnull=False).exists()
        and not PageLogEntry.objects.filter(page=page, user__isnull=False).exists()
        and not Page.objects.filter(alias_of=page).exists()
        and not Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()
    )


def find_page_by_path(path):
    """The page at `path` (slugs from the home page), or None."""
    page = get_home_page()
    for slug in path.split("/") if path else []:
        page = find_page(page, slug)
        if page is None:
            return None
    return page


def replace_old_pages(page, path, old_paths):
    """A seed page that moved (`replaces = ["old/path"]` in the content data): remove each
    old page that no editor touched and send its URL to `page` with a permanent redirect."""
    from wagtail.contrib.redirects.models import Redirect

    created = []
    for old_path in [old_paths] if isinstance(old_paths, str) else old_paths:
        old_page = find_page_by_path(old_path)
        if old_page is None or old_page.pk == page.pk or not is_untouched_seed_page(old_page):
            continue
        url_parts = old_page.get_url_parts()
        old_page.delete()
        note = f"(the unedited page /{old_path}/ moved there and was removed)"
        if url_parts is None:
            created.append(f"page /{path}/ {note}")
            continue
        site_id, _root_url, old_url = url_parts
        Redirect.objects.get_or_create(
            old_path=Redirect.normalise_path(old_url),
            site_id=site_id,
            defaults={"redirect_page": page, "is_permanent": True},
        )
        created.append(f"redirect {old_url} → /{path}/ {note}")
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
