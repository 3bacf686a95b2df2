from django.apps import AppConfig


class ContactConfig(AppConfig):
    """The contact form (its topics, mailboxes and stored messages) and the privacy notice."""

    name = "contact"
    verbose_name = "Contact"
