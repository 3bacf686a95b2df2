"""A page published outside the admin (the seed loader, a script) gets its aliases too."""

from django.dispatch import receiver
from wagtail.signals import page_published

from . import locale_sync


@receiver(page_published)
def mirror_published_page(sender, instance, **kwargs):
    if instance.alias_of_id is None:
        locale_sync.mirror(instance)
