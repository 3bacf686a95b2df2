"""Factories for the contact app: the contact page with its topics, mailboxes and the privacy notice."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from contact.models import ContactMailbox, ContactPage, ContactTopic, PrivacyNoticePage

__all__ = ["ContactMailboxFactory", "ContactPageFactory", "ContactTopicFactory", "PrivacyNoticePageFactory"]


class ContactMailboxFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Unit {n}")
    addresses = factory.Sequence(lambda n: f"unit{n}@iom.example.org")

    class Meta:
        model = ContactMailbox


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact us"
    slug = "contact"
    intro = "Write to the office with the form below, or call or visit it."
    subject = "Website message"

    class Meta:
        model = ContactPage


class ContactTopicFactory(DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Topic {n}")
    mailbox = factory.SubFactory(ContactMailboxFactory)
    locale = factory.LazyAttribute(lambda topic: topic.page.locale)

    class Meta:
        model = ContactTopic


class PrivacyNoticePageFactory(wagtail_factories.PageFactory):
    title = "Privacy notice"
    slug = "privacy-notice"
    intro = "What this website collects."

    class Meta:
        model = PrivacyNoticePage
