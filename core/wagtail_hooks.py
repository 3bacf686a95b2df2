"""Admin hooks of the foundation: the site text snippet, aliases that follow their page, and the
files of images moved in bulk into or out of a restricted collection (core/private_media.py)."""

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


@hooks.register("after_bulk_action")
def images_moved_to_a_collection(request, action_type, objects, action_class_instance):
    """The images listing's "Add to collection" updates the rows without saving each image."""
    from wagtail.images import get_image_model

    from . import private_media

    if action_type == "add_to_collection" and action_class_instance.model is get_image_model():
        images = get_image_model().objects.filter(pk__in=[image.pk for image in objects]).select_related("collection")
        for image in images:
            private_media.sync_image_files(image)
