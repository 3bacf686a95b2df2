"""Factories for the pages app."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from pages.models import (
    AgendaPage,
    HomePage,
    KeyFigure,
    PublicationLanguageVersion,
    PublicationPage,
    PublicationType,
    ResourceDocument,
    ResourceIndexPage,
    StandardPage,
    SustainableDevelopmentGoal,
    TakeActionPage,
    WorkAreaIndexPage,
    WorkAreaPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    intro = "<p>Welcome.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage


class WorkAreaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our Work"
    slug = "our-work"
    intro = "What IOM does in Mongolia."

    class Meta:
        model = WorkAreaIndexPage


class WorkAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Work area {n}")
    summary = factory.LazyAttribute(lambda page: f"What IOM does in {page.title.lower()}.")

    class Meta:
        model = WorkAreaPage
        skip_postgeneration_save = True

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)
            self.save()


class AgendaPageFactory(wagtail_factories.PageFactory):
    title = "2030 Agenda"
    slug = "2030-agenda"

    class Meta:
        model = AgendaPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Data and Resources"
    slug = "data-and-resources"

    class Meta:
        model = ResourceIndexPage


class TakeActionPageFactory(wagtail_factories.PageFactory):
    title = "Take Action"
    slug = "take-action"

    class Meta:
        model = TakeActionPage


class KeyFigureFactory(DjangoModelFactory):
    value = factory.Sequence(lambda n: f"{n + 1},000")
    unit = ""
    label = factory.Sequence(lambda n: f"People counted in survey {n}")
    year = 2020
    source_title = "A public source"
    source_url = "https://example.org/source"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = KeyFigure


class SustainableDevelopmentGoalFactory(DjangoModelFactory):
    number = factory.Sequence(lambda n: n % 17 + 1)
    title = factory.LazyAttribute(lambda goal: f"Goal title {goal.number}")
    colour = "#DD1367"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = SustainableDevelopmentGoal
        django_get_or_create = ("number", "locale")


class ResourceDocumentFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    file = factory.LazyAttribute(lambda doc: ContentFile(b"%PDF-1.4 test document\n" * 50, name="report.pdf"))

    class Meta:
        model = ResourceDocument
        skip_postgeneration_save = True

    @factory.post_generation
    def work_areas(self, create, extracted, **kwargs):
        if create:
            self._set_document_file_metadata()
            self.save()
            if extracted:
                self.work_areas.set(extracted)


class PublicationPageFactory(wagtail_factories.PageFactory):
    """A publication; `language_versions=[(language code, document), ...]` gives it its files."""

    title = factory.Sequence(lambda n: f"Publication number {n}")
    publication_type = PublicationType.REPORT
    publication_date = datetime.date(2024, 5, 1)
    summary = factory.LazyAttribute(lambda page: f"What {page.title.lower()} found.")
    cover_image_alt = factory.Maybe("cover_image", yes_declaration="The cover of the report.", no_declaration="")

    class Meta:
        model = PublicationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def work_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.work_areas.set(extracted)
            self.save()

    @factory.post_generation
    def language_versions(self, create, extracted, **kwargs):
        if create and extracted:
            for order, (language, document) in enumerate(extracted):
                PublicationLanguageVersion.objects.create(
                    page=self, language=language, document=document, sort_order=order
                )
