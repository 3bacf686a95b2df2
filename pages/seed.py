"""Builds the site from the content data in pages/content/ (site.toml, figures_and_goals.toml).

Create-only for what editors own: a page, snippet or setting that an editor has changed is
left as it is, so a second run changes nothing and an editor's work is never overwritten.
Each seeder returns the list of things it created (and `Notice`s), for the command to report.

A page the seed made and nobody touched since (see `is_untouched_seed_page`) follows the
content data: a new `type` at the same path upgrades it in place (same id, URL, place and
children); changed content updates it; a page listing `replaces = ["old/path"]` takes over
from the page there and its old URL redirects to the new one. A page an editor has worked
on is always kept as it is, and the report says when the seed wanted another type for it.
"""

import json
import tomllib
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from modelcluster.fields import ParentalManyToManyField
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "site.toml"
FIGURES_AND_GOALS_FILE = CONTENT_FILE.with_name("figures_and_goals.toml")
RESERVED_KEYS = {"path", "type", "replaces"}
# Seeded snippets get translation keys derived from their seed `key`, so a second run finds them
# again even after an editor has changed every visible field.
SEED_NAMESPACE = uuid.UUID("6c1e3c53-3f5f-4b53-9d8e-2f1a1e0b7a11")


class Notice(str):
    """A line of the seed's report that is not something created (an upgrade, or a page left alone)."""


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


def figure_translation_key(key):
    return uuid.uuid5(SEED_NAMESPACE, f"pages.KeyFigure:{key}")


def seed_figures_and_goals(content):
    """The 17 goals (found again by number) and the key figures (by their seed key), create-only."""
    from pages.models import KeyFigure, SustainableDevelopmentGoal

    locale = Locale.get_default()
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


class References:
    """Turns the seed's references into primary keys: "page:PATH" (a page listed earlier in
    site.toml) and "figure:KEY" (a key figure). `missing` tells whether one could not be found yet."""

    def __init__(self, pages_by_path, locale):
        self.pages_by_path = pages_by_path
        self.locale = locale
        self.missing = False

    def resolve(self, value):
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str) and value.startswith(("page:", "figure:")):
            target = self.lookup(*value.split(":", 1))
            if target is None:
                self.missing = True
                return None
            return target.pk
        return value

    def lookup(self, kind, key):
        from pages.models import KeyFigure

        if kind == "page":
            return self.pages_by_path.get(key)
        return KeyFigure.objects.filter(translation_key=figure_translation_key(key), locale=self.locale).first()


def desired_fields(spec, model, pages_by_path, locale):
    """The field values a seeded page should have: (fields, many-to-many, complete).

    StreamField blocks whose references cannot be resolved yet (a page listed later) are
    left out and `complete` is False, so the page is completed once every page exists."""
    fields, many_to_many, complete = {}, {}, True
    for key, value in spec.items():
        if key in RESERVED_KEYS:
            continue
        field = model._meta.get_field(key)
        if isinstance(field, StreamField):
            blocks = []
            for block in value:
                references = References(pages_by_path, locale)
                resolved = references.resolve(block)
                if references.missing:
                    complete = False
                else:
                    blocks.append(resolved)
            fields[key] = blocks
        elif isinstance(field, ParentalManyToManyField):
            # Goals are referred to by their number.
            many_to_many[key] = list(field.related_model.objects.filter(locale=locale, number__in=value))
        else:
            fields[key] = value
    fields.setdefault("slug", spec["path"].rsplit("/", 1)[-1] or "home")
    return fields, many_to_many, complete


def assign(page, fields, many_to_many):
    for key, value in fields.items():
        if isinstance(page._meta.get_field(key), StreamField):
            value = json.dumps(value)
        setattr(page, key, value)
    for key, objects in many_to_many.items():
        getattr(page, key).set(objects)


def _without_block_ids(value):
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {key: _without_block_ids(item) for key, item in value.items() if not (is_block and key == "id")}
    return value


def stream_content(field, value):
    """A StreamField's content in storage form without block ids, for comparing."""
    if not isinstance(value, StreamValue):
        value = field.to_python(json.dumps(value))
    return _without_block_ids(
        [{"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in value]
    )


def differs(page, model, fields, many_to_many):
    if page.specific_class is not model:
        return True
    for key, value in fields.items():
        field = model._meta.get_field(key)
        current = getattr(page, key)
        if isinstance(field, StreamField):
            if stream_content(field, current) != stream_content(field, value):
                return True
        elif current != value:
            return True
    return any(
        set(getattr(page, key).values_list("pk", flat=True)) != {obj.pk for obj in objects}
        for key, objects in many_to_many.items()
    )


def is_untouched_seed_page(page, allow_children=False):
    """True when nobody but the seed loader has worked on `page`: one revision, made with no
    user, no edits, moves or unpublishing logged by a user, and no aliases or translations
    hanging off it (nor children, unless `allow_children`). Only such a page follows a newer seed."""
    from wagtail.models import PageLogEntry

    revisions = page.revisions
    return (
        page.live
        and not page.has_unpublished_changes
        and (allow_children or page.numchild == 0)
        and page.alias_of_id is None
        and revisions.count() == 1
        and not revisions.filter(user__isnull=False).exists()
        and not PageLogEntry.objects.filter(page=page, user__isnull=False).exists()
        and not Page.objects.filter(alias_of=page).exists()
        and not Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()
    )


def children_fit(page, model):
    """Whether every child of `page` may live under a page of type `model`."""
    allowed = set(model.allowed_subpage_models())
    return all(child.specific_class in allowed for child in page.get_children())


def rebuild_in_place(page, model, fields, many_to_many):
    """Give a page the seed's current type and content, keeping its id, place, URL and children.

    The page's one seed revision is replaced by a new one, so the page stays seed-owned."""
    page = page.specific
    if type(page) is not model:
        base = Page.objects.get(pk=page.pk)
        # Drop the old type's own table row only; the page row (tree, URL, id) stays.
        models.Model.delete(page, keep_parents=True)
        page = model(page_ptr_id=base.pk)
        for field in Page._meta.concrete_fields:
            setattr(page, field.attname, getattr(base, field.attname))
        page.content_type = ContentType.objects.get_for_model(model)
        page._state.adding = False
        assign(page, fields, {})
        page.save_base(raw=True)  # the new type's own row, next to the kept page row
        Page.objects.filter(pk=page.pk).update(content_type=page.content_type)
    assign(page, fields, many_to_many)
    page.revisions.all().delete()
    page.latest_revision = None
    page.live_revision = None
    page.save()
    page.save_revision(log_action=True).publish()
    return page


def seed_pages(content):
    """Create each page of site.toml that is missing; bring seed-owned pages up to date.

    A page no editor has touched (see `is_untouched_seed_page`) is rebuilt in place when its type or
    content in site.toml changed, e.g. the foundation's plain pages become richer types.
    A page an editor changed is never overwritten; when the seed wanted a different type
    for it, the report says so."""
    report = []
    locale = Locale.get_default()
    pages_by_path = {}
    previous_sibling_path = {}
    incomplete = []
    created = set()
    for spec in content.get("pages", []):
        path = spec["path"]
        model = apps.get_model(spec["type"])
        label = f"/{path}{'/' if path else ''}"
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
        fields, many_to_many, complete = desired_fields(spec, model, pages_by_path, locale)
        existing = parent.get_children().filter(slug=slug, locale=locale).first()
        if existing is None:
            if parent.specific_class not in model.allowed_parent_page_models():
                report.append(Notice(f"Skipped page {label}: its parent is not a {parent_types(model)}"))
                continue
            page = model()
            assign(page, fields, {})
            page.locale = locale
            insert_page(parent, page, after=after)
            assign(page, {}, many_to_many)
            page.save_revision(log_action=True).publish()
            report.append(f"page {label} ({model.__name__})")
            created.add(path)
        else:
            page = existing.specific
            if complete or page.specific_class is not model:
                page = bring_up_to_date(page, model, fields, many_to_many, label, report)
        pages_by_path[path] = page
        report += replace_old_pages(page, path, spec.get("replaces", []))
        if not complete:
            incomplete.append((spec, model, page, label))
    # Pages that refer to pages listed after them get those references now that every page exists.
    for spec, model, page, label in incomplete:
        fields, many_to_many, _complete = desired_fields(spec, model, pages_by_path, locale)
        page = Page.objects.get(pk=page.pk).specific
        bring_up_to_date(page, model, fields, many_to_many, label, report if spec["path"] not in created else [])
    return report


def insert_page(parent, page, after=None, before=None):
    """Add `page` under `parent`: right of `after`, else left of `before`, else last."""
    if after is not None:
        return after.add_sibling(pos="right", instance=page)
    if before is not None:
        return before.add_sibling(pos="left", instance=page)
    return parent.add_child(instance=page)


def bring_up_to_date(page, model, fields, many_to_many, label, report):
    """Rebuild a seed-owned page whose type or content differs from site.toml; leave an editor's page.

    Only a plain StandardPage is upgraded to another type: a page that already has a richer
    type (e.g. one another app's seeder gave it) is left alone."""
    from pages.models import StandardPage

    if page.specific_class not in (model, StandardPage) or not differs(page, model, fields, many_to_many):
        return page
    old_type = page.specific_class.__name__
    changes_type = old_type != model.__name__
    if is_untouched_seed_page(page, allow_children=True) and (not changes_type or children_fit(page, model)):
        page = rebuild_in_place(page, model, fields, many_to_many)
        if changes_type:
            report.append(f"page {label} ({model.__name__}, replacing an unedited {old_type})")
        else:
            report.append(Notice(f"Updated page {label} to the current seed content"))
    elif changes_type:
        report.append(
            Notice(
                f"Kept page {label} as {old_type}: it was edited or holds pages a {model.__name__} "
                f"cannot, so it was not upgraded to {model.__name__}; change it by hand if wanted"
            )
        )
    return page


def build_page(spec):
    """An unsaved page from a [[pages]] entry (references are not resolved; see `seed_pages`)."""
    model = apps.get_model(spec["type"])
    fields = {key: value for key, value in spec.items() if key not in RESERVED_KEYS}
    fields.setdefault("slug", spec["path"].rsplit("/", 1)[-1] or "home")
    page = model()
    assign(page, fields, {})
    return page


def find_page(parent, slug):
    return parent.get_children().filter(slug=slug).first() if parent else None


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


def parent_types(model):
    return " or ".join(parent.__name__ for parent in model.allowed_parent_page_models())


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
    created += seed_figures_and_goals(load_content(FIGURES_AND_GOALS_FILE))
    created += seed_pages(content)
    created += ensure_site()
    created += seed_settings(content)
    return created
