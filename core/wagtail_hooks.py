"""Admin hooks of the foundation: the site text snippet, and aliases that follow their page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import locale_sync
from .models import SiteText


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "site"
    menu_label = _("Site text")
    list_display = ["__str__", "address"]


register_snippet(SiteTextViewSet)


@hooks.register("after_move_page")
def move_aliases_with_their_page(request, page):
    locale_sync.move_aliases(page)


@hooks.register("before_delete_page")
def delete_aliases_with_their_page(request, page):
    if request.method == "POST":
        locale_sync.delete_aliases(page)
