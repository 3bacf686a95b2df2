"""The seed loader (`manage.py load_site_content`) builds the whole site from the content file
each app keeps (pages/content/site.toml, people/content/people.toml, partners/content/partners.toml).
It only creates what is missing: a second run creates nothing, a page an editor changed is left
as it is, and a page someone deleted is created again.

The site is seeded once for this module (the `seed_report` fixture in conftest.py) on the freshly
migrated test database: `seed_report` is what that first run printed."""

import io
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from core.locale_sync import delete_aliases
from core.models import SiteSettings, SiteText
from core.seed import find_page_by_path, load_content
from pages.models import KeyFigure, StandardPage, SustainableDevelopmentGoal
from partners.models import Partner
from tests.html_helpers import footer_of, page_text
from tests.project import project_apps

# Every sentence of the mission's current site, and the page that carries it.
SEED_SENTENCES = {
    "/en/": [
        "The International Organization for Migration (IOM) is part of the United Nations System as the "
        "leading inter-governmental organization promoting since 1951 humane and orderly migration for the "
        "benefit of all, with 175 member states and a presence in over 100 countries.",
        "IOM has had a presence in Mongolia since 2011.",
    ],
    "/en/who-we-are/": [
        "The International Organization for Migration (IOM) is part of the United Nations System",
        "IOM has had a presence in Mongolia since 2011.",
    ],
    "/en/who-we-are/about/": [
        "Mongolia joined IOM as a member state in 2008 and opened an office in Ulaanbaatar in 2011.",
        "Since then, the mission has worked to address the full scope of migration issues, supporting and "
        "developing government capacity to manage migration.",
    ],
    "/en/our-work/": [
        "As the leading inter-governmental organization promoting since 1951 humane and orderly migration, "
        "IOM plays a key role to support the achievement of the 2030 Agenda through different areas of "
        "intervention that connect both humanitarian assistance and sustainable development.",
        "In Mongolia, IOM supports migrants through a variety of resettlement, support and protection activities.",
        "IOM’s activities in Mongolia began with introducing international standards to deliver direct services "
        "to victims of trafficking, to support the Government of Mongolia’s effort to combat human-trafficking "
        "and Mongolian nationals in return from foreign countries.",
        "Today, IOM’s operations have expanded to include strengthening the management of internal migration, "
        "enhancing immigration and border management, providing support in situations of emergency and crisis, "
        "and assisting migrants with visa processing.",
    ],
    "/en/key-migration-trends/": [
        "International migration has grown exponentially, with approximately 200,000 Mongolian migrants "
        "currently living abroad (mostly in countries in Asia, Europe, and the United States) in search of "
        "higher paid jobs and a better quality of life for themselves and their families.",
        "The Mongolian diaspora has become economically and socially significant.",
        "In 2020, Mongolians abroad sent back USD536.2 million in remittances, which equaled 4.07 percent of "
        "the country’s GDP, informal channels excluded (World Bank, 2020).",
        "Due to development discrepancies between rural areas and the capital city of Ulaanbaatar, Mongolia "
        "has experienced a dramatic rural-to-urban migration flow, raising Ulaanbaatar’s population to almost "
        "1.5 million – half the country’s total.",
        "This causes profound challenges, including overpopulation of the capital, rural-urban inequalities, "
        "imbalanced social development, lack of adequate structures to protect migrant rights, and limited "
        "access to social services for internal migrants.",
        "Cross-border challenges include unsafe migration, fraud, border inspection avoidance, visa violations "
        "and an increase incidence of human trafficking.",
    ],
    "/en/who-we-are/people/giuseppe-crocetti/": [
        "Mr. Giuseppe Crocetti was appointed as the IOM Chief of Mission in the People’s Republic of China and "
        "the non-resident IOM Chief of Mission for Mongolia based in Beijing, China in 2018.",
        "Mr. Giuseppe Crocetti graduated in Law and received his Masters in European Studies and International "
        "Relations from La Sapienza University in Rome in 2002.",
        "Admitted to the Bar soon after his university studies, Mr. Crocetti practiced law before the Italian "
        "courts before joining in 2004 the International Criminal Tribunal for the Genocide in Rwanda based in "
        "Arusha, Tanzania.",
        "Specializing in international human rights law with a focus on migrants rights, Mr. Crocetti began his "
        "career with the International Organization for Migration in 2005 serving first with the IOM Mission "
        "in Sri Lanka until 2007.",
        "From 2007 to 2009 Mr. Crocetti was posted in Cambodia leading IOM’s programming in the area of "
        "technical cooperation and capacity building on migration management.",
        "In 2009 Mr. Crocetti was appointed as the IOM Chief of Mission in Papua New Guinea where he served for "
        "four years assisting, amongst many other achievements, the government of Papua New Guinea in becoming "
        "a Member State of IOM.",
    ],
    "/en/who-we-are/partners/": [
        "IOM works closely with governmental, non-governmental, and civil society organizations across "
        "Mongolia to make migration work for all.",
    ],
}

SEEDED_TITLES = {
    "/en/who-we-are/": "Who We Are",
    "/en/who-we-are/about/": "About",
    "/en/who-we-are/iom-global/": "IOM Global",
    "/en/who-we-are/people/": "People",
    "/en/who-we-are/people/giuseppe-crocetti/": "Mr. Giuseppe Crocetti",
    "/en/who-we-are/partners/": "Partners",
    "/en/our-work/": "Our Work",
    "/en/our-work/counter-trafficking/": "Counter-trafficking and protection of victims",
    "/en/our-work/return-and-reintegration/": "Return and reintegration of Mongolian nationals",
    "/en/our-work/internal-migration/": "Internal migration management",
    "/en/our-work/immigration-and-border-management/": "Immigration and border management",
    "/en/our-work/emergencies-and-crisis-response/": "Emergencies and crisis response",
    "/en/our-work/migrant-assistance-and-visa-processing/": "Migrant assistance and visa processing",
    "/en/key-migration-trends/": "Key Migration Trends in Mongolia",
    "/en/2030-agenda/": "2030 Agenda",
    "/en/data-and-resources/": "Data and Resources",
    "/en/data-and-resources/data-and-api/": "Data and API",
    "/en/take-action/": "Take Action",
    "/en/media-and-news/": "Media and news",
    "/en/opportunities/": "Opportunities",
    "/en/events/": "Events",
    "/en/contact/": "Contact us",
    "/en/contact/privacy-notice/": "Privacy notice",
}


def content_files():
    """{app label: [content files]}: the TOML files in each project app's content/ folder."""
    files = {}
    for app_config in project_apps():
        found = sorted((Path(app_config.path) / "content").glob("*.toml"))
        if found:
            files[app_config.label] = found
    return files


def seeded_page_specs():
    """(app label, [[pages]] entry) for every page of every app's content files."""
    for label, files in content_files().items():
        for path in files:
            for spec in load_content(path).get("pages", []):
                yield label, spec


def created_lines(report):
    return [line for line in report.splitlines() if line.startswith("Created")]


def test_first_run_reports_what_it_created(seed_report):
    created = created_lines(seed_report)
    assert "Created page / (HomePage)" in created
    assert "Created page /who-we-are/people/giuseppe-crocetti/ (PersonPage)" in created
    assert "Created page /who-we-are/partners/ (PartnersPage)" in created
    assert "Created partner Ministry of Foreign Affairs" in created
    assert "Created site settings" in created
    assert "Created synchronisation of mn from en" in created
    assert {"Created site text (en)", "Created site text (mn)"} <= set(created)
    assert len([line for line in created if line.startswith("Created page ")]) == len(list(seeded_page_specs()))
    assert f"Seed content: {len(created)} created." in seed_report


@pytest.mark.django_db
def test_seed_builds_the_whole_tree(seeded_site, client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == seeded_site
    for url, title in SEEDED_TITLES.items():
        assert f"<h1>{title}</h1>" in page_text(client, url), url
    # Wagtail's placeholder welcome page is gone; every seeded page is live.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    english = Page.objects.live().filter(depth__gt=2, locale__language_code="en")
    assert english.count() == len(SEEDED_TITLES)
    # Every English page has its Mongolian alias (the Mongolian site is whole from the start).
    assert Locale.objects.filter(language_code="mn").exists()
    aliases = Page.objects.live().filter(depth__gt=2, locale__language_code="mn", alias_of__in=english)
    assert aliases.count() == len(SEEDED_TITLES)
    for url, title in SEEDED_TITLES.items():
        assert f"<h1>{title}</h1>" in page_text(client, url.replace("/en/", "/mn/", 1)), url


@pytest.mark.django_db
@pytest.mark.parametrize("url", SEED_SENTENCES.keys())
def test_every_seed_sentence_is_on_its_page(seeded_site, client, url):
    text = page_text(client, url)
    for sentence in SEED_SENTENCES[url]:
        assert sentence in text, f"{url} lacks: {sentence}"


@pytest.mark.django_db
def test_each_app_seeds_the_pages_of_its_own_content_file(seeded_site):
    assert {"pages", "people", "partners", "news", "opportunities", "contact"} <= set(content_files())
    for label, spec in seeded_page_specs():
        model = apps.get_model(spec["type"])
        assert model._meta.app_label == label, f"{label}'s content file seeds a page of another app: {spec['path']}"
        page = find_page_by_path(spec["path"])
        assert page is not None, spec["path"]
        assert page.specific_class is model and page.title == spec["title"], spec["path"]
        assert page.live and page.live_revision_id, spec["path"]
    for label in content_files():
        seeder = import_module(f"{apps.get_app_config(label).name}.seed")
        assert callable(getattr(seeder, "seed", None)), f"{seeder.__name__} has no seed(run)"


@pytest.mark.django_db
def test_second_run_creates_nothing_and_keeps_what_editors_changed(seeded_site, client):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.intro = "Edited by the communications team."
    about.save_revision().publish()
    partner = Partner.objects.get(name="Ministry of Foreign Affairs")
    partner.name = "Ministry of Foreign Affairs of Mongolia"
    partner.save_revision().publish()
    text = SiteText.objects.get(locale__language_code="en")
    text.address = "An address the communications team corrected"
    text.save()
    counts = {
        model: model.objects.count() for model in (Page, Partner, KeyFigure, SustainableDevelopmentGoal, SiteText)
    }

    out = io.StringIO()
    call_command("load_site_content", stdout=out)

    assert "nothing to create" in out.getvalue()
    assert "Created" not in out.getvalue()
    assert {model: model.objects.count() for model in counts} == counts
    about.refresh_from_db()
    assert about.intro == "Edited by the communications team."
    assert "Edited by the communications team." in page_text(client, "/en/who-we-are/about/")
    assert Partner.objects.filter(name="Ministry of Foreign Affairs of Mongolia").exists()
    assert not Partner.objects.filter(name="Ministry of Foreign Affairs").exists()
    text.refresh_from_db()
    assert text.address == "An address the communications team corrected"


@pytest.mark.django_db
def test_a_deleted_page_is_created_again_but_nothing_else(seeded_site, client):
    for slug in ("take-action", "giuseppe-crocetti"):  # deleted as in the admin: with its Mongolian alias
        page = Page.objects.get(slug=slug, locale__language_code="en")
        delete_aliases(page)
        page.delete()
    out = io.StringIO()
    call_command("load_site_content", stdout=out)
    # Each app recreates its own page, in the order of INSTALLED_APPS.
    assert created_lines(out.getvalue()) == [
        "Created page /take-action/ (TakeActionPage)",
        "Created page /who-we-are/people/giuseppe-crocetti/ (PersonPage)",
    ]
    assert "<h1>Take Action</h1>" in page_text(client, "/en/take-action/")
    assert "<h1>Mr. Giuseppe Crocetti</h1>" in page_text(client, "/en/who-we-are/people/giuseppe-crocetti/")
    assert "<h1>Take Action</h1>" in page_text(client, "/mn/take-action/")  # its new Mongolian alias


@pytest.mark.django_db
def test_seed_fills_the_site_settings_once_and_keeps_an_editors_change(seeded_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.organisation_name == "International Organization for Migration (IOM) Mongolia"
    assert settings.phone == "+976 701 43100"
    assert "verified by the communications team" in settings.verification_note

    settings.phone = "+976 000"
    settings.save()
    call_command("load_site_content", stdout=io.StringIO())
    settings.refresh_from_db()
    assert settings.phone == "+976 000"


@pytest.mark.django_db
def test_seed_writes_the_office_address_in_each_language(seeded_site, client):
    english, mongolian = (SiteText.objects.get(locale__language_code=code) for code in ("en", "mn"))
    assert english.translation_key == mongolian.translation_key  # translations of one another
    assert english.address == "United Nations House, United Nations Street-14\nUlaanbaatar 14201, Mongolia"
    assert mongolian.address.startswith("НҮБ-ын Нэгдсэн байр")

    footer = footer_of(page_text(client, "/en/"))
    assert "<address>United Nations House, United Nations Street-14<br>Ulaanbaatar 14201, Mongolia</address>" in footer
    assert 'href="tel:+97670143100"' in footer
    footer = footer_of(page_text(client, "/mn/"))
    assert "<address>НҮБ-ын Нэгдсэн байр, Нэгдсэн Үндэстний гудамж-14<br>Улаанбаатар 14201</address>" in footer
