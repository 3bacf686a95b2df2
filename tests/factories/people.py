"""Factories for the people app."""

import factory
import wagtail_factories

from people.models import PeopleIndexPage, PersonPage


class PeopleIndexPageFactory(wagtail_factories.PageFactory):
    title = "People"
    intro = "The people who work for the mission."

    class Meta:
        model = PeopleIndexPage


class PersonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Person Number{n}")
    honorific = "Ms."
    role = "Programme Officer"
    duty_station = "Ulaanbaatar, Mongolia"
    short_biography = "A short biography."
    biography = "<p>A full biography.</p>"

    class Meta:
        model = PersonPage
