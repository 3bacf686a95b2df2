"""Admin menu for the foundation's snippet: the site text in each language."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteText


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "site"
    menu_label = _("Site text")
    list_display = ["__str__", "address"]


register_snippet(SiteTextViewSet)
