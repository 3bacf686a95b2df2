"""Admin menus for the pages app's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .snippets import KeyFigure, SustainableDevelopmentGoal


class KeyFigureViewSet(SnippetViewSet):
    model = KeyFigure
    icon = "table"
    menu_label = _("Key figures")
    list_display = ["label", "value", "unit", "year", "source_title"]
    search_fields = ["label", "source_title"]


class SustainableDevelopmentGoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("Development goals")
    list_display = ["number", "title"]
    ordering = ["number"]


register_snippet(KeyFigureViewSet)
register_snippet(SustainableDevelopmentGoalViewSet)
