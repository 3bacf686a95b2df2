"""The Partners menu item: a listing filtered by category and searched by name."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "acronym", "category", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = ["category"]
    # The search box uses the model's own search_fields (name and acronym, with autocomplete);
    # naming fields here breaks the SQLite search backend (it filters on FTS columns it lacks).
    ordering = ["name"]


register_snippet(PartnerViewSet)
