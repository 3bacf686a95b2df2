"""Admin hooks of the recycle bin: deleting a page puts it in the bin; the bin's menu item and views.
The deletion hooks run before every other (order=-1): the page is then not deleted, and the other
`before_delete_page` hooks (which act on a real deletion) do not run."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import recycling, views


class RecycleBinMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_recycle_bin_urls():
    urls = [
        path("", views.index, name="index"),
        path("<int:pk>/restore/", views.restore, name="restore"),
    ]
    return [path("recycle-bin/", include((urls, "recycle_bin"), namespace="recycle_bin"))]


@hooks.register("register_admin_menu_item")
def register_recycle_bin_menu_item():
    return RecycleBinMenuItem(
        _("Recycle bin"), reverse("recycle_bin:index"), icon_name="bin", name="recycle-bin", order=9000
    )


hooks.register("before_delete_page", views.delete_into_bin, order=-1)
hooks.register("before_bulk_action", views.bulk_delete_into_bin, order=-1)
hooks.register("before_edit_page", views.refuse_to_edit_a_page_in_the_bin, order=-1)


@hooks.register("construct_explorer_page_queryset")
def hide_deleted_pages_from_the_explorer(parent_page, pages, request):
    return recycling.exclude_recycled(pages)


@hooks.register("construct_page_chooser_queryset")
def hide_deleted_pages_from_the_chooser(pages, request):
    return recycling.exclude_recycled(pages)
