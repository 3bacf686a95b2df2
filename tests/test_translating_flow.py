"""Translating as a person does it (issue 17), through the real admin views: "Sync" leads into the
translation editor of what was synced; the translation editor's header has "Submit translation
for review" and, as a secondary button, "Convert to alias page" (to wagtail-localize's confirmation
page, no longer the footer's main button); a translation with texts left in English warns the
editor at submit, shows the count in the header the moderator reviews in, and the translations
report says "Partly translated (N of M)"."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from editorial.roles import EDITORS, MODERATORS
from tests.factories import HomePageFactory, StandardPageFactory
from tests.translating import translate_every_text


@pytest.fixture
def translated_page(db):
    """A published English page with an introduction, and its Mongolian translation (as
    "Translate this page" leaves it: every text still the English one)."""
    from core.locale_sync import ensure_synchronisation
    from tests.translating import translate

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    page = StandardPageFactory(parent=home, slug="trends", title="Trends", intro="Trends in migration.")
    page.save_revision().publish()
    Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()
    return page, translate(page, "Trends")


def editor_props(html):
    match = re.search(r'class="js-translation-editor" data-props="([^"]+)"', html)
    return json.loads(unescape(match.group(1)))


def header_actions(html):
    """The buttons of the translation editor's page header."""
    start = html.index('id="w-slim-header-buttons"')
    return html[start : html.index("</nav>", start)]


def test_sync_leads_into_the_translation_editor_of_what_was_synced(translated_page, make_user, client):
    from wagtail_localize.models import TranslationSource

    page, translated = translated_page
    page.title = "Trends, updated"
    page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    client.force_login(make_user(EDITORS, "editor"))
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    english_edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(f"{url}?next={english_edit}", {})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])


def test_the_translation_editor_header_has_submit_and_convert_is_secondary(translated_page, make_user, client):
    _page, translated = translated_page
    client.force_login(make_user(EDITORS, "editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).content.decode()
    assert "js-translation-editor" in html, "the translation editor"
    actions = header_actions(html)
    assert reverse("editorial_submit_translation", args=[translated.pk]) in actions
    assert "Submit translation for review" in actions
    # "Convert to alias page": out of the footer (its main button for an editor), a secondary
    # header button to wagtail-localize's confirmation page.
    assert editor_props(html)["links"]["convertToAliasUrl"] is None
    convert = reverse("wagtail_localize:convert_to_alias", args=[translated.pk])
    assert re.search(rf'href="{re.escape(convert)}\?next=[^"]+"[^>]*class="[^"]*button-secondary', actions) or (
        re.search(rf'class="[^"]*button-secondary[^"]*"[^>]*href="{re.escape(convert)}\?next=', actions)
    ), actions
    confirmation = client.get(convert)
    assert confirmation.status_code == 200 and "Yes, convert it" in confirmation.content.decode()
    translated.refresh_from_db()
    assert translated.alias_of_id is None  # asking changes nothing


def test_a_partly_translated_page_warns_at_submit_and_shows_the_count(translated_page, make_user, client):
    from wagtail_localize.models import StringSegment

    page, translated = translated_page
    total = StringSegment.objects.filter(source__object_id=page.translation_key).exclude(context__path="slug").count()
    assert total >= 2
    client.force_login(make_user(EDITORS, "editor"))
    edit = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert f"{total} of {total} texts not translated" in header_actions(client.get(edit).content.decode())

    submit = reverse("editorial_submit_translation", args=[translated.pk])
    warning = client.post(submit)
    assert warning.status_code == 200
    text = warning.content.decode()
    assert f"{total} of {total} texts are not translated yet" in text
    assert edit in text  # "Back to the translation editor"
    translated.refresh_from_db()
    assert not translated.workflow_in_progress

    assert client.post(submit, {"confirm": "partly-translated"}).status_code == 302
    translated.refresh_from_db()
    assert translated.workflow_in_progress
    # The moderator reviews in the translation editor, which shows the count.
    client.force_login(make_user(MODERATORS, "moderator"))
    assert f"{total} of {total} texts not translated" in header_actions(client.get(edit).content.decode())


def test_a_fully_translated_page_is_submitted_without_a_warning(translated_page, make_user, client):
    page, translated = translated_page
    translate_every_text(page)
    client.force_login(make_user(EDITORS, "editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).content.decode()
    assert "texts not translated" not in header_actions(html)
    assert client.post(reverse("editorial_submit_translation", args=[translated.pk])).status_code == 302
    translated.refresh_from_db()
    assert translated.workflow_in_progress


def report_state(client, title):
    html = client.get(reverse("editorial_translations")).content.decode()
    row = re.search(rf"<tr[^>]*>\s*<td>{re.escape(title)}</td>.*?</tr>", html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0))).strip()


def test_the_report_says_partly_translated_with_the_counts(translated_page, make_user, client):
    from wagtail_localize.models import StringSegment, StringTranslation

    page, _translated = translated_page
    segments = list(StringSegment.objects.filter(source__object_id=page.translation_key).exclude(context__path="slug"))
    client.force_login(make_user(EDITORS, "editor"))
    segment = segments[0]
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=Locale.objects.get(language_code="mn"),
        context=segment.context,
        data="Чиг хандлага",
    )
    assert f"Partly translated (1 of {len(segments)})" in report_state(client, "Trends")
    translate_every_text(page)
    state = report_state(client, "Trends")
    assert "Translated" in state and "Partly" not in state


def test_upstream_translation_editor_still_has_no_header_buttons_and_convert_in_its_footer():
    """Guard of compat/localize_editor.py (docs/upgrading.md): wagtail-localize's translation editor
    includes Wagtail's page header without buttons, and its React footer offers "Convert to alias
    page" from the `convertToAliasUrl` prop. When this fails, re-check whether the override is
    still needed (and that its context variables, `props` and `is_page`, still exist)."""
    from pathlib import Path

    import wagtail_localize

    package = Path(wagtail_localize.__file__).parent
    template = (package / "templates/wagtail_localize/admin/edit_translation.html").read_text()
    include = re.search(r"\{% include 'wagtailadmin/shared/headers/page_edit_header.html'[^%]*%\}", template)
    assert include and "buttons" not in include.group(0)
    assert "{% block content %}" in template and 'data-props="{{ props }}"' in template
    assert "{% if is_page %}" in template and "includes/generic_header.html" in template
    snippet_header = (package / "templates/wagtail_localize/admin/includes/generic_header.html").read_text()
    assert "{% block header_content %}" in snippet_header and "buttons" not in snippet_header
    bundle = (package / "static/wagtail_localize/js/wagtail-localize.js").read_text()
    assert "convertToAliasUrl" in bundle and "Convert to alias page" in bundle


def test_english_left_in_a_mongolian_page_is_marked_english(translated_page, client):
    """The title translated, the introduction left in English: the public Mongolian page marks
    the introduction lang="en" (and not the page, nor its translated title)."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    page, translated = translated_page
    mongolian = Locale.objects.get(language_code="mn")
    title = StringSegment.objects.get(source__object_id=page.translation_key, context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string, locale=mongolian, context=title.context, data="Чиг хандлага"
    )
    Translation.objects.get(source__object_id=page.translation_key, target_locale=mongolian).save_target(publish=True)
    html = client.get("/mn/trends/").content.decode()
    assert "Чиг хандлага" in html and "untranslated-notice" not in html
    assert re.search(r'<p class="intro" lang="en">Trends in migration.</p>', html), html[html.index("<main") :][:1500]
    assert re.search(r"<h1>Чиг хандлага</h1>", html)
    assert 'class="content" lang=' not in html
    # The English page is left as it is.
    english = client.get("/en/trends/").content.decode()
    assert '<p class="intro">Trends in migration.</p>' in english
