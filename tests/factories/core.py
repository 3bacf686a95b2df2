"""Factories for the core app: site settings and the site text of each language."""

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Site

from core.models import SiteSettings, SiteText


class SiteSettingsFactory(DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    organisation_name = "Example Migration Office"
    phone = "+976 1100 2200"
    email = "office@example.org"

    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)


class SiteTextFactory(DjangoModelFactory):
    address = "12 Example Street\nExample City 10000"
    footer_text = "A footer line written by the tests."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = SiteText
