"""The Mongolian interface: every {% translate %} string of the templates has a Mongolian translation,
and the compiled catalogue is the one Django uses."""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUE = settings.BASE_DIR / "locale" / "mn" / "LC_MESSAGES" / "django.po"
# Apps that keep their own Mongolian catalogue (<app>/locale/mn/), so parallel work does not collide.
APP_CATALOGUES = sorted(Path(settings.BASE_DIR).glob("*/locale/mn/LC_MESSAGES/django.po"))
TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(?:"([^"]+)"|'([^']+)')""")


def template_strings():
    strings = {}
    folders = [settings.BASE_DIR / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    for template in (path for folder in folders for path in folder.rglob("*.html")):
        for match in TRANSLATE_TAG.finditer(template.read_text()):
            strings.setdefault(match.group(1) or match.group(2), template.name)
    return strings


def test_every_template_string_has_a_mongolian_translation():
    catalogue = {}
    for path in [*APP_CATALOGUES, CATALOGUE]:  # the project's catalogue wins, as in Django
        catalogue.update({entry.msgid: entry for entry in polib.pofile(str(path)) if not entry.obsolete})
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
    for catalogue in [CATALOGUE, *APP_CATALOGUES]:
        compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(catalogue.with_suffix(".mo")))}
        source = polib.pofile(str(catalogue))
        stale = [
            e.msgid for e in source.translated_entries() if not e.msgid_plural and compiled.get(e.msgid) != e.msgstr
        ]
        assert not stale, f"{catalogue} is out of date: run `make messages` ({stale[:5]})"
