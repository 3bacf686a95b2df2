"""A small site built with the factories, for the feature tests: every app's main page types,
with the tests' own content (never the mission's: that is what the seed tests check).

    Test Mission (home)                /en/
    ├── About us (standard page)       /en/about-us/
    │   ├── Our history (standard)     /en/about-us/history/
    │   ├── Staff (people index)       /en/about-us/staff/
    │   │   └── Saran Bold (person)    /en/about-us/staff/saran-bold/
    │   └── Partners (partners page)   /en/about-us/partners/
    └── Our Work (work area index)     /en/our-work/
        ├── Labour migration           /en/our-work/labour-migration/
        └── Border management          /en/our-work/border-management/

Mongolian synchronises from English as on the real site (core/locale_sync.py): every page has
a Mongolian alias at /mn/..., shown in English inside the Mongolian interface, until a test
translates it (tests/translating.py). A page a test adds later gets its alias when it is
published with a revision, or from `mirror()`.
"""

from dataclasses import dataclass

from wagtail.models import Page, Site

from core.locale_sync import ensure_synchronisation, mirror
from core.seed import ensure_locales, ensure_root, remove_wagtail_welcome_page

from .core import SiteSettingsFactory, SiteTextFactory
from .pages import HomePageFactory, StandardPageFactory, WorkAreaIndexPageFactory, WorkAreaPageFactory
from .partners import PartnersPageFactory
from .people import PeopleIndexPageFactory, PersonPageFactory

__all__ = ["SiteTree", "add_every_page_type", "build_site_tree", "mirror", "page_of_type"]


@dataclass
class SiteTree:
    site: Site
    home: Page
    section: Page
    child: Page
    people_index: Page
    person: Page
    partners_page: Page
    work_index: Page
    work_areas: list
    settings: object
    site_text: object


def build_site_tree():
    """The tree above, as the default site, with its settings, English site text and the Mongolian
    aliases. Works on a freshly migrated database and on one a transactional test has flushed."""
    ensure_locales()
    ensure_root()
    remove_wagtail_welcome_page()
    home = HomePageFactory(
        parent=Page.get_first_root_node(),
        title="Test Mission",
        slug="home",
        intro="<p>A mission made up by the tests.</p>",
    )
    Site.objects.filter(is_default_site=True).delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    section = StandardPageFactory(parent=home, title="About us", slug="about-us", intro="Who the test mission is.")
    child = StandardPageFactory(
        parent=section, title="Our history", slug="history", intro="How the test mission began, year by year."
    )
    people_index = PeopleIndexPageFactory(
        parent=section, title="Staff", slug="staff", intro="The test mission's staff."
    )
    person = PersonPageFactory(
        parent=people_index,
        title="Saran Bold",
        slug="saran-bold",
        honorific="Ms.",
        role="Programme Assistant",
        duty_station="Darkhan, Mongolia",
        short_biography="Saran Bold looks after the test projects.",
        biography="<p>Saran Bold joined the test mission in 2020.</p>",
    )
    partners_page = PartnersPageFactory(
        parent=section, title="Partners", slug="partners", intro="The organisations the test mission works with."
    )
    work_index = WorkAreaIndexPageFactory(parent=home, title="Our Work", slug="our-work")
    work_areas = [
        WorkAreaPageFactory(parent=work_index, title="Labour migration", slug="labour-migration"),
        WorkAreaPageFactory(parent=work_index, title="Border management", slug="border-management"),
    ]
    ensure_synchronisation()
    return SiteTree(
        site=site,
        home=home,
        section=section,
        child=child,
        people_index=people_index,
        person=person,
        partners_page=partners_page,
        work_index=work_index,
        work_areas=work_areas,
        settings=SiteSettingsFactory(site=site),
        site_text=SiteTextFactory(),
    )


def page_of_type(model, home):
    """A page of `model` under `home`: the first one there is, else one made by its factory under
    an allowed parent (itself found or made the same way), with its Mongolian alias."""
    from . import PAGE_FACTORIES

    existing = model.objects.descendant_of(home, inclusive=True).first()
    if existing is not None:
        return existing
    parent_models = model.allowed_parent_page_models()
    if type(home) in parent_models:
        parent = home
    else:
        parent = page_of_type(next(m for m in parent_models if m is not Page), home)
    page = PAGE_FACTORIES[model](parent=parent)
    mirror(page)
    return page


def add_every_page_type(tree, models):
    """A page of each of `models` (say, every page type of the project) in the tree."""
    return {model: page_of_type(model, tree.home) for model in models}
