"""A page published outside the admin (the seed loader, a script) gets its aliases too."""

from django.dispatch import receiver
from wagtail.signals import page_published

from . import locale_sync


@receiver(page_published)
def mirror_published_page(sender, instance, revision=None, **kwargs):
    # A page published by someone in the admin got its aliases from wagtail-localize when it was
    # created there (its after_create_page hook, which fails if they exist already).
    published_by_someone = revision is not None and revision.user_id is not None
    if instance.alias_of_id is None and not published_by_someone:
        locale_sync.mirror(instance)
