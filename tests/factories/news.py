"""Factories for the news app."""

import datetime
import json

import factory
import wagtail_factories

from news.models import ArticleKind, ArticlePage, NewsIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Media and news"
    slug = "media-and-news"
    intro = "News, stories and press releases."

    class Meta:
        model = NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article number {n}")
    kind = ArticleKind.NEWS
    publication_date = datetime.date(2024, 5, 1)
    summary = factory.LazyAttribute(lambda page: f"What happened in {page.title.lower()}.")
    body = factory.LazyFunction(lambda: json.dumps([{"type": "paragraph", "value": "<p>The article's text.</p>"}]))
    lead_image_alt = factory.Maybe("lead_image", yes_declaration="A photo for the test.", no_declaration="")
    lead_image_credit = factory.Maybe("lead_image", yes_declaration="Photo: IOM/2023", no_declaration="")

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def work_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.work_areas.set(extracted)
            self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()
