"""The Mongolian site mirrors the English one at all times, with wagtail-localize's own locale
synchronisation: every English page has a Mongolian alias (a copy that follows the English page,
published with it) until someone translates it; translating the page replaces the alias with
the translation (wagtail-localize does that).

wagtail-localize makes aliases when a locale is set to "synchronise from" another (Settings →
Locales) and when a page is created in the admin. This module adds what a site that never goes
offline in Mongolian also needs: aliases for pages created outside the admin (the seed loader,
imports), and aliases that follow their English page when it is moved or deleted.
Unpublishing is mirrored by Wagtail itself (aliases are unpublished with their original).
"""

from django.conf import settings
from wagtail.models import Locale, Page


def synchronisations():
    from wagtail_localize.models import LocaleSynchronization

    return LocaleSynchronization.objects.select_related("locale", "sync_from")


def ensure_synchronisation():
    """Every language but the default one synchronises from the default one, and has an alias
    of every page not translated yet. Returns what was created, for the seed loader's report."""
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    created = []
    default = Locale.get_default()
    for locale in Locale.objects.exclude(pk=default.pk).filter(
        language_code__in=[code for code, _name in settings.LANGUAGES]
    ):
        before = Page.objects.filter(locale=locale).count()
        _sync, was_created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": default}
        )
        if not was_created:  # creating one synchronises by itself
            synchronize_tree(default, locale)
        if was_created:
            created.append(f"synchronisation of {locale.language_code} from {default.language_code}")
        new_aliases = Page.objects.filter(locale=locale).count() - before
        if new_aliases:
            created.append(f"{new_aliases} {locale.language_code} alias pages")
    return created


def mirror(page):
    """Give `page` an alias in every language that synchronises from its language and has no
    version of it yet (its missing parents too)."""
    for sync in synchronisations().filter(sync_from_id=page.locale_id):
        if not Page.objects.filter(translation_key=page.translation_key, locale_id=sync.locale_id).exists():
            page.copy_for_translation(sync.locale, copy_parents=True, alias=True)


def move_aliases(page):
    """After `page` moved: each of its aliases moves under the same parent's version in its language."""
    parent = page.get_parent()
    for alias in Page.objects.filter(alias_of=page).select_related("locale"):
        new_parent = Page.objects.filter(translation_key=parent.translation_key, locale_id=alias.locale_id).first()
        if new_parent is not None and alias.get_parent().pk != new_parent.pk:
            alias.move(new_parent, pos="last-child")


def delete_aliases(page):
    """Before `page` is deleted: its aliases go too, unless a translation hangs below one
    (Mongolian work is never deleted with an English page)."""
    for alias in Page.objects.filter(alias_of=page):
        if not alias.get_descendants().filter(alias_of__isnull=True).exists():
            alias.delete()
