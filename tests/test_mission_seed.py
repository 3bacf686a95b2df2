"""The seeded mission content, and the seed's in-place upgrade of the foundation's plain pages."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from pages import seed
from pages.models import (
    AgendaPage,
    HomePage,
    KeyFigure,
    ResourceIndexPage,
    StandardPage,
    SustainableDevelopmentGoal,
    TakeActionPage,
    WorkAreaIndexPage,
    WorkAreaPage,
)
from tests.test_seed import SEED_SENTENCES, page_text

WORK_AREAS = {
    "counter-trafficking": "Counter-trafficking and protection of victims",
    "return-and-reintegration": "Return and reintegration of Mongolian nationals",
    "internal-migration": "Internal migration management",
    "immigration-and-border-management": "Immigration and border management",
    "emergencies-and-crisis-response": "Emergencies and crisis response",
    "migrant-assistance-and-visa-processing": "Migrant assistance and visa processing",
}


@pytest.mark.django_db
def test_our_work_holds_the_six_work_areas_the_seed_names(seeded_site, client):
    index = WorkAreaIndexPage.objects.get(slug="our-work")
    areas = WorkAreaPage.objects.child_of(index).live()
    assert {area.slug: area.title for area in areas} == WORK_AREAS
    assert all(area.summary and area.sdgs.exists() for area in areas)
    assert all("verified by the communications team" in area.verification_note for area in areas)
    html = page_text(client, "/en/our-work/")
    for slug, title in WORK_AREAS.items():
        assert f'<a href="/en/our-work/{slug}/">{title}</a>' in html
    for slug in WORK_AREAS:
        assert page_text(client, f"/en/our-work/{slug}/").count("<h1>") == 1


@pytest.mark.django_db
def test_three_key_figures_with_their_sources_on_home_and_trends(seeded_site, client):
    figures = KeyFigure.objects.all()
    assert sorted(figure.value for figure in figures) == ["1.5", "200,000", "536.2"]
    assert all(figure.source_title for figure in figures)
    remittances = figures.get(value="536.2")
    assert (remittances.unit, remittances.year, remittances.source_title) == ("USD million", 2020, "World Bank, 2020")
    assert "4.07% of GDP" in remittances.label
    for url in ("/en/", "/en/key-migration-trends/"):
        html = page_text(client, url)
        for figure in figures:
            assert f"<strong>{figure.value}</strong>" in html, url
        # Every figure is shown with its source.
        assert html.count('class="figure-source"') == 3, url
        assert "Source: World Bank, 2020" in html


@pytest.mark.django_db
def test_seventeen_goals_with_official_titles_and_colours(seeded_site, client):
    goals = list(SustainableDevelopmentGoal.objects.order_by("number"))
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert goals[9].title == "Reduced Inequalities" and goals[9].colour == "#DD1367"
    assert goals[16].title == "Partnerships for the Goals" and goals[16].colour == "#19486A"
    assert all(re.fullmatch(r"#[0-9A-F]{6}", goal.colour) for goal in goals)
    assert len({goal.colour for goal in goals}) == 17

    html = page_text(client, "/en/2030-agenda/")
    served = SustainableDevelopmentGoal.objects.filter(work_areas__live=True).distinct()
    assert html.count('class="goal"') == served.count() > 0
    assert "Goal 10: Reduced Inequalities" in html.replace('<span class="sdg-title">', "")
    assert 'href="/en/our-work/internal-migration/"' in html
    assert "Life Below Water" not in html  # no work area serves goal 14


@pytest.mark.django_db
def test_home_page_features_figures_work_areas_and_a_call_to_action(seeded_site, client):
    html = page_text(client, "/en/")
    for slug in WORK_AREAS:
        assert f'href="/en/our-work/{slug}/"' in html
    assert re.search(r'<a class="button" href="/en/take-action/">\s*See how you can help', html)


@pytest.mark.django_db
def test_take_action_links_to_our_work_resources_and_partners(seeded_site, client):
    html = page_text(client, "/en/take-action/")
    for url in ("/en/our-work/", "/en/data-and-resources/", "/en/who-we-are/partners/"):
        assert f'href="{url}"' in html


def foundation_content():
    """The foundation's site.toml, before this content model: every section a StandardPage
    with its paragraphs, no work areas, no figures."""
    pages = []
    for spec in seed.load_content()["pages"]:
        # Only this app's pages; other apps (people, partners) test their own upgrades.
        if spec["path"].startswith("our-work/") or not spec["type"].startswith("pages."):
            continue
        old = {key: spec[key] for key in ("path", "slug", "title", "intro", "seo_title") if key in spec}
        old["type"] = "pages.HomePage" if spec["path"] == "" else "pages.StandardPage"
        paragraphs = [block for block in spec.get("body", []) if block["type"] == "paragraph"]
        if paragraphs:
            old["body"] = paragraphs
        pages.append(old)
    return {"pages": pages}


@pytest.fixture
def foundation_site(db):
    """A site seeded by the foundation's loader, as existing installations have it."""
    seed.ensure_locales()
    seed.ensure_root()
    seed.remove_wagtail_welcome_page()
    seed.seed_pages(foundation_content())
    seed.ensure_site()
    return {page.slug: page.pk for page in Page.objects.all()}


@pytest.mark.django_db
def test_seed_upgrades_untouched_plain_pages_in_place_and_keeps_an_edited_one(foundation_site, client):
    editor = get_user_model().objects.create_user("editor", password="x" * 12)
    take_action = StandardPage.objects.get(slug="take-action")
    take_action.intro = "Our own words."
    take_action.save_revision(user=editor).publish()
    assert not WorkAreaPage.objects.exists()

    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    report = out.getvalue()

    # Same pages (same ids, so links and menus keep working), richer types, nothing duplicated.
    assert type(Page.objects.get(pk=foundation_site["our-work"]).specific) is WorkAreaIndexPage
    assert type(Page.objects.get(pk=foundation_site["2030-agenda"]).specific) is AgendaPage
    assert type(Page.objects.get(pk=foundation_site["data-and-resources"]).specific) is ResourceIndexPage
    assert Page.objects.filter(slug__in=["our-work", "2030-agenda", "data-and-resources"]).count() == 3
    assert "Created page /our-work/ (WorkAreaIndexPage, replacing an unedited StandardPage)" in report
    assert WorkAreaPage.objects.child_of(Page.objects.get(pk=foundation_site["our-work"])).count() == 6
    # Same type, content brought up to date: the home page and Key Migration Trends get their figures.
    assert "Updated page / to the current seed content" in report
    assert page_text(client, "/en/key-migration-trends/").count('class="figure-source"') == 3
    # The page an editor changed is left alone, and the report says so.
    take_action = Page.objects.get(pk=foundation_site["take-action"]).specific
    assert type(take_action) is StandardPage and take_action.intro == "Our own words."
    assert not TakeActionPage.objects.exists()
    assert "Kept page /take-action/ as StandardPage: it was edited" in report
    # Each upgraded page still has one revision, the seed's, so it can follow later seed changes.
    our_work = WorkAreaIndexPage.objects.get()
    assert our_work.revisions.count() == 1 and our_work.live_revision_id == our_work.latest_revision_id
    # Every sentence of the mission's site is still on its page.
    for url, sentences in SEED_SENTENCES.items():
        text = page_text(client, url)
        assert all(sentence in text for sentence in sentences), url

    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    assert "Created" not in out.getvalue() and "Updated" not in out.getvalue()
    url_paths = list(Page.objects.values_list("url_path", flat=True))
    assert len(url_paths) == len(set(url_paths))  # nothing seeded twice
    assert WorkAreaPage.objects.count() == 6


@pytest.mark.django_db
def test_seed_updates_only_pages_no_editor_touched(seeded_site):
    content = seed.load_content()
    for spec in content["pages"]:
        if spec["path"] in ("2030-agenda", "who-we-are/about"):
            spec["intro"] = "A newer seed introduction."
    about = StandardPage.objects.get(slug="about")
    about.title = "About us"
    about.save_revision().publish()  # any second revision makes the page the editors'

    report = seed.seed_pages(content)

    assert report == ["Updated page /2030-agenda/ to the current seed content"]
    assert AgendaPage.objects.get().intro == "A newer seed introduction."
    about.refresh_from_db()
    assert about.title == "About us" and about.intro != "A newer seed introduction."
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_work_area_pages_list_the_partners_tagged_with_them(seeded_site, client):
    from partners.models import Partner

    area = WorkAreaPage.objects.get(slug="counter-trafficking")
    tagged = Partner.objects.filter(work_areas=area, live=True)
    assert tagged.exists()
    html = page_text(client, "/en/our-work/counter-trafficking/")
    for partner in tagged:
        assert str(partner) in html
    untagged = Partner.objects.exclude(work_areas=area).first()
    assert untagged is not None and str(untagged) not in html


@pytest.mark.django_db
def test_editors_can_open_every_mission_page_snippet_and_document_form(seeded_site, client):
    from django.urls import reverse

    client.force_login(get_user_model().objects.create_superuser("chief-editor", password="x" * 12))
    for model in (WorkAreaIndexPage, WorkAreaPage, AgendaPage, ResourceIndexPage, TakeActionPage, HomePage):
        page = model.objects.first()
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, model.__name__
    work_area = WorkAreaPage.objects.first()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[work_area.pk])).content.decode()
    assert "verification_note" in html and 'name="sdgs"' in html
    for model in (KeyFigure, SustainableDevelopmentGoal):
        response = client.get(reverse(model.snippet_viewset.get_url_name("list")))
        assert response.status_code == 200, model.__name__
    figure = KeyFigure.objects.first()
    response = client.get(reverse(KeyFigure.snippet_viewset.get_url_name("edit"), args=[figure.pk]))
    assert "verified by the communications team" in response.content.decode()
    html = client.get(reverse("wagtaildocs:add")).content.decode()
    assert 'name="publication_date"' in html and 'name="resource_type"' in html and 'name="work_areas"' in html


@pytest.mark.django_db
def test_mongolian_pages_link_to_mongolian_work_areas_where_translated(seeded_site, client):
    from wagtail.models import Locale

    mongolian = Locale.objects.get(language_code="mn")

    def translate(page):
        translation = page.specific.copy_for_translation(mongolian)
        translation.save_revision().publish()

    translate(seeded_site)
    for slug in ("our-work", "2030-agenda", "internal-migration"):
        translate(Page.objects.get(slug=slug, locale__language_code="en"))

    home = page_text(client, "/mn/")
    assert 'href="/mn/our-work/internal-migration/"' in home  # translated
    assert 'href="/en/our-work/counter-trafficking/"' in home  # not yet: the English page
    assert 'href="/mn/our-work/internal-migration/"' in page_text(client, "/mn/our-work/")
    assert 'href="/mn/our-work/internal-migration/"' in page_text(client, "/mn/2030-agenda/")


@pytest.mark.django_db
def test_call_to_action_keeps_the_visitors_language(seeded_site, client):
    # Mongolian has no pages of its own yet, so the English page is served at its /mn/ address.
    html = page_text(client, "/mn/")
    assert re.search(r'<a class="button" href="/mn/take-action/">', html)
    assert 'class="button" href="/en/' not in html
