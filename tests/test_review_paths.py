"""Nothing reaches the public without a moderator, on every path an editor has: snippets (key
figures, partners, goals, site text) go through the same review workflow as pages, and the
site settings are the moderators' alone. Through the real admin views, signed in as each role."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site, WorkflowContentType

from editorial.roles import EDITORS, MODERATORS, REVIEWED_SNIPPETS, WORKFLOW_NAME
from pages.models import KeyFigure
from tests.factories import HomePageFactory, KeyFigureFactory, StandardPageFactory

# "Submit anyway" on the warning that some texts are still in English (the tests translate a few).
CONFIRM = {"confirm": "partly-translated"}


@pytest.fixture
def figure_page(db):
    """A page showing one published key figure."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="test-home")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    figure = KeyFigureFactory(value="200,000", label="Migrants abroad", source_title="A source")
    figure.save_revision().publish()
    page = StandardPageFactory(
        parent=home, slug="trends", body=[("key_figures", {"heading": "", "figures": [figure]})]
    )
    return page, figure


def figure_form(figure, **changes):
    data = {
        "value": figure.value,
        "unit": figure.unit,
        "label": figure.label,
        "year": figure.year or "",
        "source_title": figure.source_title,
        "source_url": figure.source_url,
        "verification_note": "",
    }
    data.update(changes)
    return data


def edit_url(figure):
    return reverse("wagtailsnippets_pages_keyfigure:edit", args=[figure.pk])


def test_every_reviewed_snippet_uses_the_communications_review_workflow(db):
    for app_label, model_name in REVIEWED_SNIPPETS:
        assignment = WorkflowContentType.objects.get(content_type__app_label=app_label, content_type__model=model_name)
        assert assignment.workflow.name == WORKFLOW_NAME


def test_only_the_communications_groups_remain(db):
    assert set(Group.objects.values_list("name", flat=True)) == {EDITORS, MODERATORS}


def test_an_editors_key_figure_change_waits_for_a_moderator(figure_page, make_user, client):
    page, figure = figure_page
    client.force_login(make_user(EDITORS, "editor"))
    # An editor may not publish: the "publish" action is refused and nothing goes live.
    client.post(edit_url(figure), {**figure_form(figure, value="999"), "action-publish": "action-publish"})
    assert "999" not in client.get("/en/trends/").content.decode()
    response = client.post(edit_url(figure), {**figure_form(figure, value="250,000"), "action-submit": "Submit"})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.workflow_in_progress
    assert "250,000" not in client.get("/en/trends/").content.decode()
    assert "200,000" in client.get("/en/trends/").content.decode()

    client.force_login(make_user(MODERATORS, "moderator"))
    task_state = figure.current_workflow_task_state
    approve = reverse("wagtailsnippets_pages_keyfigure:workflow_action", args=[figure.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    figure.refresh_from_db()
    assert figure.live and not figure.has_unpublished_changes
    assert "250,000" in client.get("/en/trends/").content.decode()


def test_a_new_key_figure_from_an_editor_is_a_draft_not_shown(figure_page, make_user, client):
    page, figure = figure_page
    client.force_login(make_user(EDITORS, "editor"))
    data = {**figure_form(figure, value="7", label="A new figure"), "locale": "1", "action-submit": "Submit"}
    client.post(reverse("wagtailsnippets_pages_keyfigure:add"), data)
    new = KeyFigure.objects.get(label="A new figure")
    assert not new.live
    page.body = [("key_figures", {"heading": "", "figures": [figure, new]})]
    page.save_revision().publish()
    assert "A new figure" not in client.get("/en/trends/").content.decode()


def test_editors_cannot_change_the_site_settings(figure_page, make_user, client):
    client.force_login(make_user(EDITORS, "editor"))
    site = Site.objects.get(is_default_site=True)
    response = client.get(reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk]))
    assert response.status_code in (302, 403)


def test_the_scheduler_publishes_a_page_whose_time_has_come(figure_page):
    page, _figure = figure_page
    draft = StandardPageFactory(parent=page.get_parent(), slug="later", live=False)
    draft.title = "Scheduled page"
    revision = draft.save_revision(approved_go_live_at=timezone.now() - timezone.timedelta(seconds=1))
    assert revision.approved_go_live_at is not None and not Page.objects.get(pk=draft.pk).live
    call_command("run_scheduler", interval=0, iterations=1, stdout=io.StringIO())
    assert Page.objects.get(pk=draft.pk).live


def test_the_dashboard_links_to_the_sites_own_guide_and_warns_of_overdue_scheduling(figure_page, make_user, client):
    page, _figure = figure_page
    draft = StandardPageFactory(parent=page.get_parent(), slug="overdue", title="Overdue page", live=False)
    draft.save_revision(approved_go_live_at=timezone.now() - timezone.timedelta(hours=2))
    client.force_login(make_user(EDITORS, "editor"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("editorial_editor_guide") in dashboard
    assert "Overdue page" in dashboard
    assert "guide.wagtail.org" not in dashboard
    guide = client.get(reverse("editorial_editor_guide"))
    assert guide.status_code == 200 and "<h2" in guide.content.decode()
    assert "Communications editor" in guide.content.decode()


def test_the_admin_asks_no_third_party_for_avatars(figure_page, make_user, client):
    client.force_login(make_user(EDITORS, "editor"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()


def test_only_a_moderator_may_sync_translations_and_publish_them_at_once(figure_page, make_user, client):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    from core.locale_sync import ensure_synchronisation
    from tests.translating import translate

    page, _figure = figure_page
    Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()
    translated = translate(page, "Чиг хандлага")
    page.title = "Trends, updated"
    page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    client.force_login(make_user(EDITORS, "editor"))
    assert "publish_translations" not in client.get(url).content.decode()
    client.post(url, {"publish_translations": "on"})
    translated.refresh_from_db()
    assert translated.title == "Чиг хандлага"  # the live Mongolian page is unchanged

    client.force_login(make_user(MODERATORS, "moderator"))
    assert "publish_translations" in client.get(url).content.decode()


def test_an_editors_translation_waits_for_a_moderator(figure_page, make_user, client):
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation

    from core.locale_sync import ensure_synchronisation
    from tests.translating import translate

    page, _figure = figure_page
    page.intro = "Trends in migration."
    page.save_revision().publish()
    mongolian, _created = Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()
    translated = translate(page, "Чиг хандлага")

    editor = make_user(EDITORS, "editor")
    client.force_login(editor)
    # The editor translates the introduction (what the translation editor saves as they type)...
    segment = StringSegment.objects.get(source__object_id=page.translation_key, string__data="Trends in migration.")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=mongolian,
        context=segment.context,
        data="Шилжих хөдөлгөөний чиг хандлага.",
    )
    # ...and finds "Submit translation for review" in the page's menu, then submits it.
    listing = client.get(reverse("wagtailadmin_explore", args=[translated.get_parent().pk])).content.decode()
    url = reverse("editorial_submit_translation", args=[translated.pk])
    assert url in listing
    translated.refresh_from_db()
    live = (translated.live_revision_id, translated.last_published_at)
    # (the title is left as the English: "Submit anyway" on the warning)
    assert client.post(url, CONFIRM).status_code == 302
    translated.refresh_from_db()
    assert translated.workflow_in_progress
    # The page's own record of what is live is kept (not the one saved in the live revision).
    assert (translated.live_revision_id, translated.last_published_at) == live
    assert "Шилжих хөдөлгөөний" not in client.get("/mn/trends/").content.decode()

    client.force_login(make_user(MODERATORS, "moderator"))
    state = translated.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[translated.pk, "approve", state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    assert "Шилжих хөдөлгөөний" in client.get("/mn/trends/").content.decode()


def test_starting_a_translation_changes_nothing_public_until_a_moderator_approves(figure_page, make_user, client):
    """Found by the bilingual browser loop: "Translate" (wagtail-localize's page translation
    form) published the Mongolian page at once, the English shown as if it were Mongolian."""
    from django.test import Client
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation

    from core.locale_sync import ensure_synchronisation

    visitor = Client()
    page, _figure = figure_page
    page.intro = "Trends in migration."
    page.save_revision().publish()
    mongolian, _created = Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()
    before = visitor.get("/mn/trends/").content.decode()
    assert '<div class="content" lang="en">' in before and "untranslated-notice" in before

    client.force_login(make_user(EDITORS, "editor"))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.post(url, {"locales": [mongolian.pk]}).status_code == 302
    translated = page.get_translation(mongolian)
    assert translated.alias_of_id is None  # the translation editor works on it now...
    page.refresh_from_db()
    assert page.latest_revision.object_id == str(page.pk)  # (the English page is left alone)
    assert visitor.get("/mn/trends/").content.decode() == before  # ...and the public page is as it was
    segment = StringSegment.objects.get(source__object_id=page.translation_key, string__data="Trends in migration.")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=mongolian,
        context=segment.context,
        data="Шилжих хөдөлгөөний чиг хандлага.",
    )
    assert client.post(reverse("editorial_submit_translation", args=[translated.pk]), CONFIRM).status_code == 302
    assert visitor.get("/mn/trends/").content.decode() == before

    client.force_login(make_user(MODERATORS, "moderator"))
    translated.refresh_from_db()
    state = translated.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[translated.pk, "approve", state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    after = visitor.get("/mn/trends/").content.decode()
    assert "Шилжих хөдөлгөөний чиг хандлага." in after
    assert '<div class="content">' in after and "untranslated-notice" not in after


def mongolian_site(figure_page):
    from wagtail.models import Locale

    from core.locale_sync import ensure_synchronisation

    mongolian, _created = Locale.objects.get_or_create(language_code="mn")
    ensure_synchronisation()
    return mongolian


def translate_string(instance, english, mongolian_text, locale):
    """What the translation editor saves as the translator types (wagtail_localize:edit_string_translation)."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = StringSegment.objects.get(source__object_id=instance.translation_key, string__data=english)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=locale, context=segment.context, defaults={"data": mongolian_text}
    )


def snippet_translate_url(figure):
    return reverse("wagtail_localize:submit_snippet_translation", args=["pages", "keyfigure", figure.pk])


def test_translating_a_key_figure_changes_nothing_public_until_a_moderator_approves(figure_page, make_user, client):
    """Found in the browser: "Translate key figure" (wagtail-localize's snippet translation form)
    published the Mongolian key figure at once, with the English text; the translation editor
    then let an editor publish it."""
    from django.test import Client
    from wagtail_localize.models import Translation

    from tests.translating import translate

    visitor = Client()
    page, figure = figure_page
    mongolian = mongolian_site(figure_page)

    client.force_login(make_user(EDITORS, "editor"))
    assert client.post(snippet_translate_url(figure), {"locales": [mongolian.pk]}).status_code == 302
    translated = figure.get_translation(mongolian)
    assert not translated.live  # a draft: the English text is not shown as if it were Mongolian...
    translate(page, "Чиг хандлага")  # the page itself translated and published (by a moderator)
    # ...but the English figure stays on the Mongolian page, marked English, until it is approved.
    figures = visitor.get("/mn/trends/").content.decode().split('class="figure-list"', 1)[1]
    assert '<li class="key-figure" lang="en">' in figures and "Migrants abroad" in figures

    # The translation editor (the Mongolian key figure's edit view) offers the editor no "Publish"...
    editor_view = client.get(edit_url(translated))
    assert editor_view.status_code == 200
    assert "&quot;canPublish&quot;: false" in editor_view.content.decode()
    translate_string(figure, "Migrants abroad", "Гадаадад буй иргэд", mongolian)
    # ...and refuses it when posted as the React editor does (the admin answers "permission denied").
    assert client.post(edit_url(translated), {"action": "publish"}).url == reverse("wagtailadmin_home")
    translated.refresh_from_db()
    assert not translated.live
    assert "Гадаадад буй иргэд" not in visitor.get("/mn/trends/").content.decode()

    # The editor submits the translation for review, from the translation editor's header (or the
    # Mongolian key figures' listing).
    submit = reverse("editorial_submit_snippet_translation", args=["pages", "keyfigure", translated.pk])
    assert submit in client.get(edit_url(translated)).content.decode()
    listing = client.get(reverse("wagtailsnippets_pages_keyfigure:list") + "?locale=mn").content.decode()
    assert submit in listing
    assert client.post(submit, CONFIRM).status_code == 302  # "Submit anyway": not every text translated
    translated.refresh_from_db()
    assert translated.workflow_in_progress and not translated.live
    in_review = visitor.get("/mn/trends/").content.decode()
    assert "Гадаадад буй иргэд" not in in_review and "Migrants abroad" in in_review

    client.force_login(make_user(MODERATORS, "moderator"))
    state = translated.current_workflow_task_state
    approve = reverse("wagtailsnippets_pages_keyfigure:workflow_action", args=[translated.pk, "approve", state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    translated.refresh_from_db()
    assert translated.live and translated.label == "Гадаадад буй иргэд"
    approved = visitor.get("/mn/trends/").content.decode()
    assert "Гадаадад буй иргэд" in approved and "Migrants abroad" not in approved
    assert '<li class="key-figure">' in approved  # in the page's language: no mark
    assert Translation.objects.get(source__object_id=figure.translation_key).enabled


def test_an_editors_change_to_a_published_key_figure_translation_waits_for_a_moderator(figure_page, make_user, client):
    from django.test import Client

    from tests.translating import translate

    visitor = Client()
    page, figure = figure_page
    mongolian = mongolian_site(figure_page)
    client.force_login(make_user(MODERATORS, "moderator"))
    client.post(snippet_translate_url(figure), {"locales": [mongolian.pk]})
    translated = figure.get_translation(mongolian)
    translate_string(figure, "Migrants abroad", "Гадаадад буй иргэд", mongolian)
    client.post(edit_url(translated), {"action": "publish"})
    translate(page, "Чиг хандлага")
    assert "Гадаадад буй иргэд" in visitor.get("/mn/trends/").content.decode()

    client.force_login(make_user(EDITORS, "editor"))
    translate_string(figure, "Migrants abroad", "Гадаадад амьдарч буй иргэд", mongolian)
    assert client.post(edit_url(translated), {"action": "publish"}).url == reverse("wagtailadmin_home")
    submit = reverse("editorial_submit_snippet_translation", args=["pages", "keyfigure", translated.pk])
    assert client.post(submit, CONFIRM).status_code == 302  # "Submit anyway": not every text translated
    translated.refresh_from_db()
    # Still live, with what the public saw; the change waits in a revision for the moderator.
    assert translated.live and translated.workflow_in_progress and translated.has_unpublished_changes
    assert translated.label == "Гадаадад буй иргэд"
    html = visitor.get("/mn/trends/").content.decode()
    assert "Гадаадад буй иргэд" in html and "Гадаадад амьдарч" not in html


def test_translating_a_page_leaves_its_key_figures_translations_drafts(figure_page, make_user, client):
    """ "Translate page" also translates the key figures on it: new ones start as drafts, and one
    already translated and published stays as the public sees it."""
    page, figure = figure_page
    other = KeyFigureFactory(value="17", label="Returnees helped")
    other.save_revision().publish()
    page.body = [("key_figures", {"heading": "", "figures": [figure, other]})]
    page.save_revision().publish()
    mongolian = mongolian_site(figure_page)
    client.force_login(make_user(MODERATORS, "moderator"))
    client.post(snippet_translate_url(figure), {"locales": [mongolian.pk]})
    translate_string(figure, "Migrants abroad", "Гадаадад буй иргэд", mongolian)
    client.post(edit_url(figure.get_translation(mongolian)), {"action": "publish"})
    published = figure.get_translation(mongolian)
    assert published.live

    client.force_login(make_user(EDITORS, "editor"))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.post(url, {"locales": [mongolian.pk]}).status_code == 302
    assert not other.get_translation(mongolian).live
    after = figure.get_translation(mongolian)
    assert after.live and after.label == "Гадаадад буй иргэд"
    assert (after.live_revision_id, after.latest_revision_id) == (
        published.live_revision_id,
        published.latest_revision_id,
    )


def test_a_moderator_translates_and_publishes_a_key_figure(figure_page, make_user, client):
    from django.test import Client

    from tests.translating import translate

    page, figure = figure_page
    mongolian = mongolian_site(figure_page)
    client.force_login(make_user(MODERATORS, "moderator"))
    assert client.post(snippet_translate_url(figure), {"locales": [mongolian.pk]}).status_code == 302
    translated = figure.get_translation(mongolian)
    assert not translated.live
    editor_view = client.get(edit_url(translated)).content.decode()
    assert "&quot;canPublish&quot;: true" in editor_view
    translate_string(figure, "Migrants abroad", "Гадаадад буй иргэд", mongolian)
    assert client.post(edit_url(translated), {"action": "publish"}).status_code == 302
    translated.refresh_from_db()
    assert translated.live and translated.label == "Гадаадад буй иргэд"
    translate(page, "Чиг хандлага")
    assert "Гадаадад буй иргэд" in Client().get("/mn/trends/").content.decode()


@pytest.mark.parametrize("factory_name", ["PartnerFactory", "SiteTextFactory", "SustainableDevelopmentGoalFactory"])
def test_every_reviewed_snippet_is_translated_as_a_draft_an_editor_cannot_publish(
    figure_page, make_user, client, factory_name
):
    from tests import factories

    english = getattr(factories, factory_name)()
    english.save_revision().publish()
    mongolian = mongolian_site(figure_page)
    client.force_login(make_user(EDITORS, "editor"))
    options = english._meta
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=[options.app_label, options.model_name, english.pk]
    )
    assert client.post(url, {"locales": [mongolian.pk]}).status_code == 302
    translated = english.get_translation(mongolian)
    assert not translated.live
    edit = reverse(translated.snippet_viewset.get_url_name("edit"), args=[translated.pk])
    client.post(edit, {"action": "publish"})
    translated.refresh_from_db()
    assert not translated.live


def test_an_editor_translates_a_goal_and_submits_it_for_review(figure_page, make_user, client):
    """An editor could start a goal's Mongolian translation but neither edit nor submit it (no
    change permission on goals): the translation stayed a draft nobody on the team could finish."""
    from tests.factories import SustainableDevelopmentGoalFactory

    goal = SustainableDevelopmentGoalFactory(number=10, title="Reduced inequalities")
    goal.save_revision().publish()
    mongolian = mongolian_site(figure_page)
    client.force_login(make_user(EDITORS, "editor"))
    start = reverse(
        "wagtail_localize:submit_snippet_translation", args=["pages", "sustainabledevelopmentgoal", goal.pk]
    )
    assert client.post(start, {"locales": [mongolian.pk]}).status_code == 302
    translated = goal.get_translation(mongolian)
    edit = reverse(translated.snippet_viewset.get_url_name("edit"), args=[translated.pk])
    assert client.get(edit).status_code == 200, "the editor opens the translation editor"
    translate_string(goal, "Reduced inequalities", "Тэгш бус байдлыг бууруулах", mongolian)
    submit = reverse(
        "editorial_submit_snippet_translation", args=["pages", "sustainabledevelopmentgoal", translated.pk]
    )
    assert client.post(submit, CONFIRM).status_code == 302  # "Submit anyway": not every text translated
    translated.refresh_from_db()
    assert translated.workflow_in_progress and not translated.live

    client.force_login(make_user(MODERATORS, "moderator"))
    state = translated.current_workflow_task_state
    approve = reverse(
        translated.snippet_viewset.get_url_name("workflow_action"), args=[translated.pk, "approve", state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    translated.refresh_from_db()
    assert translated.live and translated.title == "Тэгш бус байдлыг бууруулах"
