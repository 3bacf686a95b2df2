"""Factories for the partners app."""

import factory
import wagtail_factories
from wagtail.models import Locale

from partners.models import Partner, PartnerCategory, PartnersPage


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    category = PartnerCategory.GOVERNMENT
    website = factory.Sequence(lambda n: f"https://partner-{n}.example.org/")
    description = "Works with IOM."
    locale = factory.LazyFunction(Locale.get_default)
    live = True

    class Meta:
        model = Partner


class PartnersPageFactory(wagtail_factories.PageFactory):
    title = "Partners"
    intro = "Our partners."

    class Meta:
        model = PartnersPage
