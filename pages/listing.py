"""The publications of "Data and Resources": ?type=, ?year=, ?area= (a work area's slug) and ?page=,
alone or together (core.listing says how such a list behaves)."""

from django.utils.translation import gettext_lazy

from core import navigation
from core.listing import FilteredListing

from .publications import TYPE_PLURALS, PublicationPage


class PublicationListing(FilteredListing):
    model = PublicationPage
    choice_param = "type"
    choice_field = "publication_type"
    choice_label = gettext_lazy("Type")
    choices = TYPE_PLURALS
    choice_error = gettext_lazy("There is no such type of publication.")

    def get_items(self):
        return navigation.public(PublicationPage.objects.child_of(self.index).live(), self.request)

    def order(self, items):
        return items.distinct().with_covers().newest_first()
