"""The seed loader's shared part: each app seeds its own content from its own data file.

`manage.py load_site_content` calls, in the order of INSTALLED_APPS, the `seed(run)` function of
every app that has a `seed` module. An app adds its pages with `run.add_pages(specs)` (the
[[pages]] entries of its TOML file) and its other content itself, and returns what it created.

The loader only creates what is missing: a page already at its path, a snippet already there,
is never touched, so a second run creates nothing and an editor's work is never overwritten.
Changes to the structure of existing databases are data migrations, not seed code.
"""

import json
import tomllib
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Collection, Locale, Page, Site

from core import site_address

# Keys of a [[pages]] entry that are not model fields.
RESERVED_KEYS = {"path", "type"}


class Notice(str):
    """A line of the seed's report that is not something created."""


def load_content(path):
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
    """Wagtail's migrations make the page tree's root and the root collection of images and
    documents; a flushed database (as in some tests) has neither."""
    created = []
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
        created.append("tree root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
        created.append("root collection")
    return created


def get_home_page():
    """The default language's home page: the first page under the tree's root that is not
    Wagtail's placeholder."""
    root = Page.get_first_root_node()
    if root is None:
        return None
    return (
        root.get_children()
        .filter(locale=Locale.get_default())
        .exclude(content_type__model="page", content_type__app_label="wagtailcore")
        .first()
    )


def remove_wagtail_welcome_page():
    """Wagtail's first migration makes a placeholder page; the mission's home page replaces it."""
    for child in Page.get_first_root_node().get_children():
        if child.specific_class is Page and child.numchild == 0:
            child.delete()


def find_page_by_path(path):
    """The default language's page at `path` (slugs from the home page, "" for the home page), or None."""
    page = get_home_page()
    for slug in path.split("/") if path else []:
        page = page.get_children().filter(slug=slug).first() if page else None
    return page


def ensure_site():
    """The default site, rooted at the home page (the app that seeds the home page calls this)."""
    home = get_home_page()
    if home is None:
        return []
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        _scheme, hostname, port = site_address.parse(site_address.site_url())
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
        return ["site"]
    changed = []
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        changed.append("site root set to the home page")
    # Configuration, not content: the site's address (SITE_URL) decides the record's host and port.
    return changed + site_address.sync_site(site)


class References:
    """Turns the seed's references into primary keys: "page:PATH" (a page of the default
    language) and "<app_label.Model>:<translation key>" resolvers an app registers.
    `missing` tells whether one could not be found (yet)."""

    def __init__(self, resolvers):
        self.resolvers = resolvers
        self.missing = False

    def resolve(self, value):
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str) and value.split(":", 1)[0] in self.resolvers and ":" in value:
            kind, key = value.split(":", 1)
            target = self.resolvers[kind](key)
            if target is None:
                self.missing = True
                return None
            return target.pk
        return value


class SeedRun:
    """One run of the loader: what the apps created, and pages whose references to pages of
    later apps are completed at the end of the run."""

    def __init__(self):
        self.locale = Locale.get_default()
        self.resolvers = {"page": find_page_by_path}
        self.pending = []

    def add_resolver(self, kind, lookup):
        """Let block values refer to other content as "kind:key"; `lookup(key)` finds it or returns None."""
        self.resolvers[kind] = lookup

    def add_pages(self, specs):
        """Create each [[pages]] entry whose path has no page yet, in order (parents first)."""
        created = []
        for spec in specs:
            path = spec["path"]
            if find_page_by_path(path) is not None:
                continue
            model = apps.get_model(spec["type"])
            parent = find_page_by_path(path.rsplit("/", 1)[0] if "/" in path else "") if path else None
            if path and parent is None:
                raise ValueError(f"Seed content: the parent of '{path}' is missing; list parents first.")
            fields, many_to_many, complete = self.fields_for(spec, model)
            page = model(locale=self.locale, **fields)
            if parent is None:
                Page.get_first_root_node().add_child(instance=page)
            else:
                parent.add_child(instance=page)
            for key, objects in many_to_many.items():
                getattr(page, key).set(objects)
            page.save_revision(log_action=True).publish()
            if not complete:
                self.pending.append((spec, model, page.pk))
            created.append(f"page /{path}{'/' if path else ''} ({model.__name__})")
        return created

    def fields_for(self, spec, model):
        """(fields, many-to-many, complete): StreamField blocks whose references cannot be
        resolved yet (a page another app adds later) are left out and `complete` is False."""
        fields, many_to_many, complete = {}, {}, True
        for key, value in spec.items():
            if key in RESERVED_KEYS:
                continue
            field = model._meta.get_field(key)
            if isinstance(field, StreamField):
                blocks = []
                for block in value:
                    references = References(self.resolvers)
                    resolved = references.resolve(block)
                    complete = complete and not references.missing
                    if not references.missing:
                        blocks.append(resolved)
                fields[key] = json.dumps(blocks)
            elif isinstance(field, ParentalManyToManyField):
                # Snippets such as the goals are referred to by their number.
                many_to_many[key] = list(field.related_model.objects.filter(locale=self.locale, number__in=value))
            else:
                fields[key] = value
        fields.setdefault("slug", spec["path"].rsplit("/", 1)[-1] or "home")
        return fields, many_to_many, complete

    def finish(self):
        """Give the pages created in this run the references they could not have at first."""
        for spec, model, pk in self.pending:
            page = model.objects.get(pk=pk)
            fields, _many_to_many, _complete = self.fields_for(spec, model)
            for key, value in fields.items():
                if isinstance(model._meta.get_field(key), StreamField):
                    setattr(page, key, value)
            page.save_revision(log_action=True).publish()
        self.pending = []


@transaction.atomic
def seed_all():
    """Run every app's seeder in the order of INSTALLED_APPS; returns the report lines."""
    from .locale_sync import ensure_synchronisation

    report = ensure_locales() + ensure_root()
    if get_home_page() is None:
        remove_wagtail_welcome_page()
    # From here on, every page published gets its Mongolian alias (core/signals.py).
    report += ensure_synchronisation()
    run = SeedRun()
    for app_config in apps.get_app_configs():
        if app_config.name != "core" and module_has_submodule(app_config.module, "seed"):
            module = import_module(f"{app_config.name}.seed")
            if hasattr(module, "seed"):
                report += module.seed(run)
    run.finish()
    return report + ensure_synchronisation()
