"""The Mongolian interface: every string of the project's catalogues (the site's own, and the
supplement for Wagtail's admin screens) has a Mongolian translation that keeps its placeholders
and markup, every {% translate %} string of the templates is in the catalogue, and the compiled
catalogues are the ones Django uses."""

import json
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = settings.BASE_DIR / "locale" / "mn" / "LC_MESSAGES" / "django.po"
SUPPLEMENT = settings.BASE_DIR / "locale_wagtail" / "mn" / "LC_MESSAGES"
TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(?:"([^"]+)"|'([^']+)')""")
# %(name)s, %s, %d, %%, {name}, {} and HTML tags: what a translation must carry over unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr%]|\{[a-z_0-9]*\}|</?[a-z][^>]*>", re.IGNORECASE)


def project_catalogues():
    """Every Mongolian .po of the project: LOCALE_PATHS and any app's own locale/ folder."""
    folders = [Path(path) for path in settings.LOCALE_PATHS] + list(Path(settings.BASE_DIR).glob("*/locale"))
    return sorted({path for folder in folders for path in folder.glob("mn/LC_MESSAGES/*.po")})


def live_entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def untranslated(path):
    return [
        entry.msgid
        for entry in live_entries(path)
        if "fuzzy" in entry.flags or not all(text.strip() for text in translations(entry))
    ]


def placeholder_mismatches(path):
    """Translations whose placeholders or tags differ from their msgid's. A plural form may leave
    out what only one English form has ("1 page" / "%(count)s pages"), nothing else."""
    wrong = []
    for entry in live_entries(path):
        for text in filter(None, translations(entry)):
            found = PLACEHOLDER.findall(text)
            if entry.msgid_plural:
                singular, plural = set(PLACEHOLDER.findall(entry.msgid)), set(PLACEHOLDER.findall(entry.msgid_plural))
                ok = singular & plural <= set(found) <= singular | plural
            else:
                ok = Counter(found) == Counter(PLACEHOLDER.findall(entry.msgid))
            if not ok:
                wrong.append((entry.msgid, text))
    return wrong


def test_the_project_has_its_two_mongolian_catalogues():
    names = [path.relative_to(settings.BASE_DIR).as_posix() for path in project_catalogues()]
    assert "locale/mn/LC_MESSAGES/django.po" in names
    assert "locale_wagtail/mn/LC_MESSAGES/django.po" in names
    assert "locale_wagtail/mn/LC_MESSAGES/djangojs.po" in names


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_msgstr_is_translated(path):
    missing = untranslated(path)
    assert not missing, f"{len(missing)} empty or fuzzy msgstr in {path.name}: translate {missing[:10]}"


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_translations_keep_placeholders_and_markup(path):
    wrong = placeholder_mismatches(path)
    assert not wrong, f"placeholders or HTML differ from the msgid: {wrong[:5]}"


def test_the_checks_catch_an_empty_a_fuzzy_and_a_broken_translation(tmp_path):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Save draft", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Publish", msgstr="Нийтлэх", flags=["fuzzy"]))
    catalogue.append(polib.POEntry(msgid="Edit '%(title)s'", msgstr="'%(name)s' засах"))
    catalogue.append(polib.POEntry(msgid="<b>%(user)s</b> asked", msgstr="%(user)s хүссэн"))
    catalogue.append(polib.POEntry(msgid="Page %(number)s", msgstr="%(number)s-р хуудас"))
    plural = polib.POEntry(msgid="1 page", msgid_plural="%(count)s pages", msgstr_plural={0: "1 хуудас", 1: "%(n)s"})
    catalogue.append(plural)
    path = tmp_path / "django.po"
    catalogue.save(str(path))
    assert untranslated(path) == ["Save draft", "Publish"]
    assert placeholder_mismatches(path) == [
        ("Edit '%(title)s'", "'%(name)s' засах"),
        ("<b>%(user)s</b> asked", "%(user)s хүссэн"),
        ("1 page", "%(n)s"),
    ]


def template_strings():
    strings = {}
    folders = [settings.BASE_DIR / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    for template in (path for folder in folders for path in folder.rglob("*.html")):
        for match in TRANSLATE_TAG.finditer(template.read_text()):
            strings.setdefault(match.group(1) or match.group(2), template.name)
    return strings


def test_every_template_string_has_a_mongolian_translation():
    # The project's catalogue, and the catalogues feature apps keep for their own templates.
    catalogue = {entry.msgid: entry for path in project_catalogues() for entry in live_entries(path)}
    strings = template_strings()
    assert len(strings) > 30
    missing = {
        msgid: where
        for msgid, where in strings.items()
        if msgid not in catalogue or not catalogue[msgid].translated() or "fuzzy" in catalogue[msgid].flags
    }
    assert not missing, f"run `make messages` and translate: {missing}"


def test_compiled_catalogue_is_used():
    with translation.override("mn"):
        assert translation.gettext("Menu") == "Цэс"
        assert translation.gettext("Page not found") == "Хуудас олдсонгүй"


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_compiled_catalogues_are_up_to_date(path):
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(path.with_suffix(".mo")))}
    source = polib.pofile(str(path))
    stale = [e.msgid for e in source.translated_entries() if not e.msgid_plural and compiled.get(e.msgid) != e.msgstr]
    assert not stale, f"the .mo file is out of date: run `make messages` ({stale[:5]})"


def test_the_admin_speaks_mongolian_where_wagtail_does_not(admin_client, admin_user):
    """The supplement fills Wagtail's gaps and goes ahead of its catalogues (and wagtail-localize's)."""
    from wagtail.users.models import UserProfile

    translate = translation.gettext  # by another name, so that `make messages` does not collect these
    with translation.override("mn"):
        assert translate("Workflow history") == "Ажлын урсгалын түүх"
        assert translate("Status") == "Төлөв"  # wagtail-localize's own says "Төрөл" (type)
        assert translate("Heading") == "Гарчиг"  # the project's catalogue
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "mn"
    profile.save()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Харилцааны баг" in dashboard and "Гарын товчлолууд" in dashboard
    # The JavaScript catalogues of Wagtail (editor, comments) and wagtail-localize (translation editor).
    assert json.dumps("Сэтгэгдэл нэмэх") in admin_client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("Орчуулаагүй") in admin_client.get("/admin/localize/jsi18n/").content.decode()
