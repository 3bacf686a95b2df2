"""Mongolian coverage of the Wagtail admin screens the communications team uses every day.

Builds a throw-away SQLite database with the seeded site, signs in as a superuser whose admin
language is Mongolian, and opens the dashboard, the page explorer, the page editor (every page
type, a Mongolian alias, a page in review, the choosers it opens), the review workflow's screens
and wagtail-localize's translation editor through Django's test client, recording every string
the server translates on the way. The screens' JavaScript strings (the editor's blocks, rich
text and comments, the explorer menu, the translation editor) are the msgids of Wagtail's and
wagtail-localize's djangojs catalogues that their shipped bundles still contain.

Prints, per screen, how many of these strings have Mongolian: in the catalogues Django, Wagtail
and wagtail-localize ship; with the project's own catalogue (locale/); and with the project's
supplement for Wagtail's screens (locale_wagtail/, which `make messages` leaves alone).

    .venv/bin/python scripts/admin_translation_coverage.py            # the table
    .venv/bin/python scripts/admin_translation_coverage.py --missing  # and what is still missing
    .venv/bin/python scripts/admin_translation_coverage.py --update   # add it to the supplement

`--update` (after a Wagtail upgrade) adds every missing string to locale_wagtail's .po files
with an empty msgstr; tests/test_translations.py fails until they are translated and compiled.
"""

import argparse
import gettext
import re
import sys
from pathlib import Path

import seeded_site

BASE_DIR = Path(__file__).resolve().parent.parent
SUPPLEMENT = BASE_DIR / "locale_wagtail"
LANGUAGE = "mn"
# The JavaScript catalogues of the screens: the package whose jsi18n view serves them.
JS_PACKAGES = ["wagtail.admin", "wagtail_localize"]
LAYERS = ["shipped", "project", "supplement"]
HEADER = (
    "Mongolian for the Wagtail and wagtail-localize screens the communications team uses daily, where\n"
    "their own catalogues lack it. Add missing strings with\n"
    "`python scripts/admin_translation_coverage.py --update`, translate them, then compilemessages."
)


class Recorder:
    """Records every (context, msgid, plural) translated while the admin speaks Mongolian."""

    def __init__(self):
        self.keys = set()

    def install(self):
        from django.utils import translation

        trans = translation._trans
        real = {name: getattr(trans, name) for name in ("gettext", "ngettext", "pgettext", "npgettext")}

        def record(context, msgid, plural=None):
            if translation.get_language() == LANGUAGE:
                self.keys.add((context, str(msgid), None if plural is None else str(plural)))

        def gettext_(message):
            record(None, message)
            return real["gettext"](message)

        def ngettext_(singular, plural, number):
            record(None, singular, plural)
            return real["ngettext"](singular, plural, number)

        def pgettext_(context, message):
            record(context, message)
            return real["pgettext"](context, message)

        def npgettext_(context, singular, plural, number):
            record(context, singular, plural)
            return real["npgettext"](context, singular, plural, number)

        trans.gettext, trans.ngettext, trans.pgettext, trans.npgettext = gettext_, ngettext_, pgettext_, npgettext_

    def take(self):
        keys, self.keys = self.keys, set()
        return keys


def catalogue(localedirs, domain):
    """The msgids that have a Mongolian msgstr in the compiled catalogues of `localedirs`."""
    merged = {}
    for localedir in localedirs:
        found = gettext.find(domain, str(localedir), [LANGUAGE])
        if found:
            with open(found, "rb") as mo:
                merged.update(gettext.GNUTranslations(mo)._catalog)
    return {key if isinstance(key, str) else key[0] for key, value in merged.items() if key and value}


def layers(domain, packages=None):
    """{layer: translated msgids} for the shipped, project and supplement catalogues."""
    import django
    from django.apps import apps
    from django.conf import settings

    project_apps = [app for app in apps.get_app_configs() if Path(app.path).parent == BASE_DIR]
    shipped = [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if app not in project_apps and (packages is None or app.name in packages)
    ]
    if domain == "django":
        shipped.append(Path(django.__file__).parent / "conf" / "locale")
    project = [Path(path) for path in settings.LOCALE_PATHS if Path(path) != SUPPLEMENT]
    project += [Path(app.path) / "locale" for app in project_apps]
    return {
        "shipped": catalogue(shipped, domain),
        "project": catalogue(project, domain),
        "supplement": catalogue([SUPPLEMENT], domain),
    }


def catalogue_key(key):
    context, msgid, _plural = key
    return f"{context}\x04{msgid}" if context else msgid


def js_strings():
    """The msgids of each JavaScript package's catalogue that its bundles still use."""
    import polib
    from django.apps import apps

    strings = {}
    for package in JS_PACKAGES:
        app = next(app for app in apps.get_app_configs() if app.name == package)
        bundles = "".join(path.read_text(errors="ignore") for path in Path(app.path).glob("static/**/*.js"))
        source = polib.pofile(str(Path(app.path) / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"))
        strings[package] = {
            (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
            for entry in source
            if not entry.obsolete and used_in(entry.msgid, bundles)
        }
    return strings


def used_in(msgid, bundles):
    escaped = msgid.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
    return any(f"{quote}{text}{quote}" in bundles for text in {msgid, escaped} for quote in "\"'`")


def prepare_site():
    """The seeded site with a page in review, one scheduled, one locked by someone else and one
    translated; returns the superuser and the admin's addresses by screen."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Locale, Page, Task
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import Translation, TranslationSource

    user = get_user_model().objects.create_superuser("coverage", "coverage@example.org", "coverage-password-1")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = LANGUAGE
    profile.save()

    english, mongolian = Locale.objects.get(language_code="en"), Locale.objects.get(language_code=LANGUAGE)
    pages = Page.objects.filter(locale=english, depth__gt=1).specific()
    one_of_each_type = {}
    for page in pages:
        one_of_each_type.setdefault(type(page), page)
    home = next(page for page in pages if page.depth == 2)
    with_children = next(page for page in pages if page.depth > 2 and page.numchild)
    leaf = next(page for page in pages if page.depth > 2 and not page.numchild)

    # A page in the Communications review workflow, one with a change scheduled to go live
    # tomorrow, one locked by a colleague.
    in_review, scheduled, locked = [page for page in pages if page.depth > 2 and page not in (leaf, with_children)][:3]
    revision = in_review.save_revision(user=user)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision(user=user)
    colleague = get_user_model().objects.create_user("colleague", "colleague@example.org", "colleague-password-1")
    locked.locked, locked.locked_by, locked.locked_at = True, colleague, timezone.now()
    locked.save(update_fields=["locked", "locked_by", "locked_at"])
    workflow_state = in_review.get_workflow().start(in_review, user)
    task_state = workflow_state.current_task_state
    task = Task.objects.get(pk=task_state.task_id)
    # A page translated with wagtail-localize (its alias replaced by a translation).
    source, _created = TranslationSource.get_or_create_from_instance(leaf)
    translation = Translation.objects.create(source=source, target_locale=mongolian)
    translation.save_target(user=user, publish=True)
    translated = leaf.get_translation(mongolian)
    alias = Page.objects.filter(locale=mongolian, alias_of__isnull=False, depth__gt=2).first()
    mongolian_home = home.get_translation(mongolian)
    assert revision and alias and translated.pk != leaf.pk

    editor = [f"/admin/pages/{page.pk}/edit/" for page in one_of_each_type.values()]
    standard = with_children.specific_class._meta
    return user, {
        "Dashboard": ["/admin/"],
        "Page explorer": [
            "/admin/pages/",
            f"/admin/pages/{home.pk}/",
            f"/admin/pages/{with_children.pk}/",
            f"/admin/pages/{mongolian_home.pk}/",
            "/admin/pages/search/?q=migration",
            f"/admin/pages/{with_children.pk}/add_subpage/",
            f"/admin/pages/{leaf.pk}/history/",
            f"/admin/pages/{leaf.pk}/move/",
            f"/admin/pages/{leaf.pk}/copy/",
            f"/admin/pages/{leaf.pk}/delete/",
            f"/admin/pages/{leaf.pk}/unpublish/",
        ],
        "Page editor": [
            *editor,
            f"/admin/pages/add/{standard.app_label}/{standard.model_name}/{with_children.pk}/",
            f"/admin/pages/{alias.pk}/edit/",
            f"/admin/pages/{scheduled.pk}/edit/",
            f"/admin/pages/{locked.pk}/edit/",
            f"/admin/pages/{leaf.pk}/privacy/",
            f"/admin/pages/{leaf.pk}/revisions/compare/earliest...latest/",
            "/admin/choose-page/",
            f"/admin/choose-page/{home.pk}/",
            "/admin/choose-external-link/",
            "/admin/choose-email-link/",
            "/admin/choose-anchor-link/",
            "/admin/images/chooser/",
            "/admin/documents/chooser/",
        ],
        "Workflow": [
            f"/admin/pages/{in_review.pk}/edit/",
            f"/admin/pages/{in_review.pk}/workflow_history/",
            f"/admin/pages/{in_review.pk}/workflow_history/detail/{workflow_state.pk}/",
            f"/admin/pages/workflow/action/{in_review.pk}/approve/{task_state.pk}/",
            f"/admin/pages/workflow/action/{in_review.pk}/reject/{task_state.pk}/",
            f"/admin/pages/workflow/preview/{in_review.pk}/{task.pk}/",
            f"/admin/pages/workflow/confirm_cancellation/{in_review.pk}/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
        ],
        "Translation editor": [
            f"/admin/pages/{translated.pk}/edit/",
            f"/admin/localize/submit/page/{with_children.pk}/",
            f"/admin/localize/update/{source.pk}/",
            "/admin/localize/reports/translations/",
            "/admin/reports/mongolian-translations/",
        ],
    }


def measure():
    """{row: {(catalogue, key)}}: each screen's server-side strings, then each package's JavaScript."""
    from django.test import Client

    user, screens = prepare_site()
    client = Client()
    client.force_login(user)
    recorder = Recorder()
    recorder.install()
    rows = {}
    for screen, paths in screens.items():
        rows[screen] = set()
        for path in paths:
            recorder.take()
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}: the coverage would be wrong")
            rows[screen] |= {("django", key) for key in recorder.take()}
    for package, keys in js_strings().items():
        rows[f"JavaScript of {package}"] = {(package, key) for key in keys}
    return rows


def first_layer(rows):
    """{(catalogue, key): the first layer that translates it, or None}."""
    translated = {"django": layers("django")}
    translated.update({package: layers("djangojs", [package]) for package in JS_PACKAGES})
    return {
        item: next((layer for layer in LAYERS if catalogue_key(item[1]) in translated[item[0]][layer]), None)
        for items in rows.values()
        for item in items
    }


def report(rows, where):
    print(f"{'':32}{'strings':>8}{'shipped':>14}{'+ locale/':>14}{'+ locale_wagtail/':>20}")
    everything = set().union(*rows.values())
    for name, items in [*rows.items(), ("All of them (distinct)", everything)]:
        cells = []
        for index, width in enumerate((14, 14, 20)):
            count = sum(where[item] in LAYERS[: index + 1] for item in items)
            cells.append(f"{count:>{width - 6}} ({count / max(len(items), 1):4.0%})")
        print(f"{name:32}{len(items):8}" + "".join(cells))


def missing(rows, where):
    return sorted({item for items in rows.values() for item in items if where[item] is None}, key=str)


def update_supplement(items):
    """Add `items` to the supplement's .po files with an empty msgstr, for a translator; the
    project's own strings stay in locale/ (`make messages`)."""
    import polib

    project = {
        (entry.msgctxt, entry.msgid)
        for path in BASE_DIR.glob("locale/*/LC_MESSAGES/*.po")
        for entry in polib.pofile(str(path))
    }
    for domain, wanted in (("django", {"django"}), ("djangojs", set(JS_PACKAGES))):
        path = SUPPLEMENT / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            po = polib.pofile(str(path), wrapwidth=0)
        else:
            po = polib.POFile(wrapwidth=0)
            po.header = HEADER
            po.metadata = {
                "Project-Id-Version": "iom-mongolia",
                "Language": LANGUAGE,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
        known = project | {(entry.msgctxt, entry.msgid) for entry in po}
        added = 0
        for catalogue_name, (context, msgid, plural) in items:
            if catalogue_name in wanted and (context, msgid) not in known:
                entry = polib.POEntry(msgctxt=context, msgid=msgid, msgstr="")
                if plural:
                    entry.msgid_plural, entry.msgstr_plural = plural, {0: "", 1: ""}
                if "%(" in msgid or re.search(r"%[sd]", msgid):
                    entry.flags.append("python-format")
                po.append(entry)
                known.add((context, msgid))
                added += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        print(f"{added} strings added to {path.relative_to(BASE_DIR)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--missing", action="store_true", help="list the strings still without Mongolian")
    parser.add_argument("--update", action="store_true", help="add them to the supplement's .po files")
    options = parser.parse_args()

    seeded_site.build(prefix="admin-coverage-")
    rows = measure()
    where = first_layer(rows)
    report(rows, where)
    if options.missing:
        print("\nStill without Mongolian:")
        for catalogue_name, (context, msgid, plural) in missing(rows, where):
            print(
                f"  [{catalogue_name}] {context + ' | ' if context else ''}{msgid!r}{' / ' + repr(plural) if plural else ''}"
            )
    if options.update:
        update_supplement(missing(rows, where))


if __name__ == "__main__":
    main()
