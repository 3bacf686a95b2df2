"""Factories for the opportunities app: opportunities and events, dated relative to now."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from opportunities.models import EventIndexPage, EventPage, OpportunityIndexPage, OpportunityPage

__all__ = ["EventIndexPageFactory", "EventPageFactory", "OpportunityIndexPageFactory", "OpportunityPageFactory"]


class OpportunityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Opportunities"
    slug = "opportunities"
    intro = "Vacancies, internships, procurement notices and calls for proposals."
    careers_url = "https://careers.example.org/"
    how_to_apply = "<p>Apply through the careers portal.</p>"

    class Meta:
        model = OpportunityIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme assistant {n}")
    kind = OpportunityPage.Kind.VACANCY
    reference_number = factory.Sequence(lambda n: f"SVN 2025/{n:03d}")
    duty_station = "Ulaanbaatar, Mongolia"
    publication_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    summary = factory.LazyAttribute(lambda page: f"What the {page.title.lower()} does.")

    class Meta:
        model = OpportunityPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    intro = "Upcoming and past events."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Workshop {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda page: page.start + timedelta(hours=3))
    venue = "United Nations House"
    address = "United Nations Street-14\nUlaanbaatar"
    summary = factory.LazyAttribute(lambda page: f"What happens at {page.title.lower()}.")

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def work_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.work_areas.set(extracted)
            self.save()
