"""The mission's seeded content, as each app's content file gives it: the work areas, key figures
and goals (pages), the Chief of Mission (people), the partner directory (partners), and the links
between them. The site is seeded once for this module (`seed_report` in conftest.py).

Only the seed tests assert the mission's own words and facts; the feature tests build their own
pages with the factories."""

import re

import pytest

from core.seed import load_content
from pages.models import KeyFigure, StandardPage, SustainableDevelopmentGoal, WorkAreaIndexPage, WorkAreaPage
from partners.models import Partner
from partners.seed import CONTENT_FILE as PARTNERS_FILE
from people.models import PersonPage
from tests.html_helpers import group_headings, page_text, partner_names, structured_data

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
    index = WorkAreaIndexPage.objects.get(slug="our-work", locale__language_code="en")
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
            assert f'<span class="figure-number">{figure.value}</span>' in html, url
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


@pytest.mark.django_db
def test_work_area_pages_list_the_partners_tagged_with_them(seeded_site, client):
    from partners.models import Partner

    area = WorkAreaPage.objects.get(slug="counter-trafficking", locale__language_code="en")
    tagged = Partner.objects.filter(work_areas=area, live=True)
    assert tagged.exists()
    html = page_text(client, "/en/our-work/counter-trafficking/")
    for partner in tagged:
        assert str(partner) in html
    untagged = Partner.objects.exclude(work_areas=area).first()
    assert untagged is not None and str(untagged) not in html


# People ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_chief_of_mission_page_shows_name_role_and_person_json_ld(seeded_site, client):
    html = page_text(client, "/en/who-we-are/people/giuseppe-crocetti/")
    assert "<h1>Mr. Giuseppe Crocetti</h1>" in html
    assert '<p class="person-role">Chief of Mission</p>' in html
    assert "Based in Beijing, China" in html
    # No photo in the seed: the initials stand in for it.
    assert '<span class="person-initials" aria-hidden="true">GC</span>' in html

    data = structured_data(html)
    assert data["name"] == "Giuseppe Crocetti"
    assert data["honorificPrefix"] == "Mr."
    assert data["jobTitle"] == "Chief of Mission"
    assert data["workLocation"] == {"@type": "Place", "name": "Beijing, China"}
    assert data["url"] == "http://testserver/en/who-we-are/people/giuseppe-crocetti/"  # the site address (SITE_URL)
    assert data["worksFor"]["name"] == "International Organization for Migration (IOM) Mongolia"


@pytest.mark.django_db
def test_the_chief_of_mission_is_a_person_page_not_the_old_standard_page(seeded_site, client):
    assert not StandardPage.objects.filter(slug="chief-of-mission").exists()
    assert [person.title for person in PersonPage.objects.filter(locale__language_code="en")] == ["Giuseppe Crocetti"]
    assert 'href="/en/who-we-are/people/"' in page_text(client, "/en/who-we-are/")


# Partners ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seeded_partners_page_groups_the_public_facts_partners_by_category(seeded_site, client):
    html = page_text(client, "/en/who-we-are/partners/")
    assert (
        "IOM works closely with governmental, non-governmental, and civil society organizations across Mongolia "
        "to make migration work for all." in html
    )
    # Groups follow the category order, and only categories with partners appear.
    assert group_headings(html) == [
        "Government of Mongolia",
        "International organisations",
        "Civil society and NGOs",
        "Donors",
    ]
    seeded = load_content(PARTNERS_FILE)["partners"]
    names = partner_names(html)
    assert len(names) == len(seeded) == 17
    assert "Swiss Agency for Development and Cooperation (SDC)" in names
    assert "ECPAT Mongolia" in names


@pytest.mark.django_db
def test_seeded_partners_are_published_and_marked_for_verification_admin_only(seeded_site, client):
    partners = Partner.objects.all()
    assert partners.count() == 17
    assert all("to be verified by the communications team" in p.verification_note.lower() for p in partners)
    assert all(p.live and p.live_revision_id for p in partners)
    assert "verified by the communications team" not in page_text(client, "/en/who-we-are/partners/")


@pytest.mark.django_db
def test_every_work_area_a_seeded_partner_names_exists(seeded_site):
    for spec in load_content(PARTNERS_FILE)["partners"]:
        partner = Partner.objects.get(name=spec["name"])
        assert sorted(area.url_path for area in partner.work_areas.all()) == sorted(
            f"/home/{path}/" for path in spec.get("work_areas", [])
        ), spec["name"]
