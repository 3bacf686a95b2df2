"""Reports → Mongolian translations tells translators what to do: each English page and snippet is
not translated, translated, out of date since the English changed, or in review."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from core.locale_sync import ensure_synchronisation
from editorial.roles import EDITORS
from tests.factories import HomePageFactory, KeyFigureFactory, StandardPageFactory
from tests.translating import translate, translate_every_text


@pytest.fixture
def editor_client(client, django_user_model, db):
    editor = django_user_model.objects.create_user(username="editor", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    client.user = editor
    return client


@pytest.fixture
def about(db):
    Locale.objects.get_or_create(language_code="mn")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home", title="Home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    about = StandardPageFactory(parent=home, slug="about", title="About")
    about.save_revision().publish()
    figure = KeyFigureFactory(label="Migrants abroad")
    figure.save_revision().publish()
    ensure_synchronisation()
    about.figure = figure
    return about


def state_of(client, title):
    html = client.get(reverse("editorial_translations")).content.decode()
    row = html[html.index(f"<td>{title}</td>") - 80 : html.index(f"<td>{title}</td>") + 400]
    return row


def test_the_report_follows_a_page_from_untranslated_to_in_review(about, editor_client):
    row = state_of(editor_client, "About")
    assert 'class="translation-not-translated"' in row
    assert reverse("wagtail_localize:submit_page_translation", args=[about.pk]) in row
    assert 'class="translation-not-translated"' in state_of(editor_client, str(about.figure))

    translated = translate(about, "Бидний тухай")
    # published with the English copied in: partly translated until every text is translated
    assert 'class="translation-partly-translated"' in state_of(editor_client, "About")
    translate_every_text(about)
    assert 'class="translation-translated"' in state_of(editor_client, "About")

    about.intro = "A new English sentence."
    about.save_revision().publish()
    row = state_of(editor_client, "About")
    assert 'class="translation-out-of-date"' in row and "English changed" in row
    assert "/admin/localize/update/" in row

    translated.get_workflow().start(translated, editor_client.user)
    assert 'class="translation-in-review"' in state_of(editor_client, "About")


def dashboard_translations(client):
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("editorial_translations") in dashboard
    return re.search(r"Mongolian translations</a>:\s*([^<]*)</p>", dashboard).group(1).split()


def test_the_dashboard_counts_translation_states(about, editor_client):
    mongolian = Locale.objects.get(language_code="mn")
    pages = Page.objects.filter(locale=mongolian, depth__gt=1)
    before = dashboard_translations(editor_client)
    assert before == ["Not", "translated", f"{pages.count()},", "In", "review", "0"]
    submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert editor_client.post(submit, {"locales": [mongolian.pk]}).status_code == 302
    translated = about.get_translation(mongolian)
    editor_client.post(reverse("editorial_submit_translation", args=[translated.pk]), {"confirm": "partly-translated"})
    assert dashboard_translations(editor_client) == ["Not", "translated", f"{pages.count()},", "In", "review", "1"]
    translated.refresh_from_db()
    translated.get_latest_revision().publish()
    assert dashboard_translations(editor_client)[2] == f"{pages.count() - 1},"


def test_the_dashboard_costs_the_same_whatever_the_size_of_the_tree(about, editor_client):
    """The project's dashboard panel costs a few queries, however many pages and reviews there are
    (it used to build the whole translation report, one query per item in review)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from editorial.wagtail_hooks import CommunicationsPanel

    def panel_queries():
        with CaptureQueriesContext(connection) as queries:
            CommunicationsPanel().render_html({})
        return len(queries)

    few = panel_queries()
    parent = about.get_parent()
    for number in range(15):
        extra = StandardPageFactory(parent=parent, title=f"Extra page {number}", slug=f"extra-{number}")
        extra.save_revision()
        extra.get_workflow().start(extra, editor_client.user)
    assert panel_queries() == few <= 4


def test_a_started_translation_stays_not_translated_until_published(about, editor_client):
    """ "Translate" makes the Mongolian page a draft translation: the report keeps it "Not
    translated" (linking to its translation editor), then "In review" once submitted."""
    mongolian = Locale.objects.get(language_code="mn")
    submit = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert editor_client.post(submit, {"locales": [mongolian.pk]}).status_code == 302
    translated = about.get_translation(mongolian)
    row = state_of(editor_client, "About")
    assert 'class="translation-not-translated"' in row
    assert reverse("wagtailadmin_pages:edit", args=[translated.pk]) in row

    editor_client.post(reverse("editorial_submit_translation", args=[translated.pk]), {"confirm": "partly-translated"})
    assert 'class="translation-in-review"' in state_of(editor_client, "About")


def test_a_started_key_figure_translation_stays_not_translated_until_published(about, editor_client):
    """ "Translate" starts the Mongolian key figure as a draft: "Not translated" (linking to its
    translation editor) until published, "In review" once submitted."""
    mongolian = Locale.objects.get(language_code="mn")
    figure = about.figure
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["pages", "keyfigure", figure.pk])
    assert editor_client.post(submit, {"locales": [mongolian.pk]}).status_code == 302
    translated = figure.get_translation(mongolian)
    row = state_of(editor_client, str(figure))
    assert 'class="translation-not-translated"' in row
    assert reverse("wagtailsnippets_pages_keyfigure:edit", args=[translated.pk]) in row

    editor_client.post(
        reverse("editorial_submit_snippet_translation", args=["pages", "keyfigure", translated.pk]),
        {"confirm": "partly-translated"},
    )
    assert 'class="translation-in-review"' in state_of(editor_client, str(figure))
