"""The recycle bin in the admin: the list of deleted pages, restoring one, and deleting into the bin."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import ReferenceIndex

from . import recycling
from .models import RecycledPage

VIEW_PERMISSION = "recycle_bin.view_recycledpage"
RESTORE_PERMISSION = "recycle_bin.restore_recycledpage"


def may_restore(user, record):
    return user.has_perm(RESTORE_PERMISSION) and record.page.permissions_for_user(user).can_publish()


@permission_required(VIEW_PERMISSION, raise_exception=True)
def index(request):
    records = RecycledPage.objects.select_related("page", "deleted_by")
    rows = [
        {
            "record": record,
            "title": record.page.get_admin_display_title(),
            "address": record.page.get_parent().url_path.rstrip("/") + "/" + record.slugs[str(record.page_id)] + "/",
            "descendant_count": record.page.get_descendant_count(),
            "was_live": str(record.page_id) in record.live_revisions,
            "may_restore": may_restore(request.user, record),
        }
        for record in records
    ]
    return TemplateResponse(
        request,
        "recycle_bin/index.html",
        {"page_title": _("Recycle bin"), "header_title": _("Recycle bin"), "rows": rows},
    )


@require_POST
def restore(request, pk):
    record = get_object_or_404(RecycledPage.objects.select_related("page"), pk=pk)
    if not may_restore(request.user, record):
        raise PermissionDenied
    title = record.page.get_admin_display_title()
    try:
        recycling.restore(record, request.user)
    except recycling.CannotRestore as error:
        if str(error) == "ancestor":
            messages.error(request, _("Restore the page above '%(title)s' first.") % {"title": title})
        else:
            messages.error(
                request,
                _("Another page now has the address %(address)s: rename it, then restore '%(title)s'.")
                % {"address": str(error), "title": title},
            )
        return redirect("recycle_bin:index")
    messages.success(request, _("Page '%(title)s' restored.") % {"title": title})
    return redirect("recycle_bin:index")


def _next_url(request, default):
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return default


def delete_into_bin(request, page):
    """`before_delete_page`: on the confirmation's POST, the page goes into the bin instead of
    being deleted (Wagtail's delete view has checked that the user may delete it)."""
    if request.method != "POST":
        return None
    if ReferenceIndex.get_references_to(page).group_by_source_object().is_protected:
        raise PermissionDenied
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "wagtail")
    typed = request.POST.get("confirm_site_name")
    if typed and typed != site_name:
        messages.error(request, _("Please type '%(site_name)s' to confirm.") % {"site_name": site_name})
        return redirect("wagtailadmin_pages:delete", page.pk)
    parent_id = page.get_parent().pk
    recycling.recycle(page, request.user)
    messages.success(
        request,
        _("Page '%(title)s' moved to the recycle bin.") % {"title": page.get_admin_display_title()},
    )
    return redirect(_next_url(request, reverse("wagtailadmin_explore", args=[parent_id])))


def bulk_delete_into_bin(request, action_type, objects, action_class_instance):
    """`before_bulk_action`: deleting pages from a listing puts them in the bin too."""
    from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction

    if action_type != "delete" or not isinstance(action_class_instance, DeleteBulkAction):
        return None
    parent_id = None
    for page in objects:
        parent_id = page.get_parent().pk
        recycling.recycle(page, request.user)
    count = len(objects)
    messages.success(
        request,
        _("%(count)d pages moved to the recycle bin.") % {"count": count}
        if count != 1
        else _("Page '%(title)s' moved to the recycle bin.") % {"title": objects[0].get_admin_display_title()},
    )
    default = reverse("wagtailadmin_explore", args=[parent_id]) if parent_id else reverse("wagtailadmin_home")
    return redirect(_next_url(request, default))


def refuse_to_edit_a_page_in_the_bin(request, page):
    """`before_edit_page`: a deleted page is restored from the bin, not edited or published."""
    if recycling.in_bin(page):
        messages.error(
            request,
            _("'%(title)s' is in the recycle bin: restore it to edit it.") % {"title": page.get_admin_display_title()},
        )
        if request.user.has_perm(VIEW_PERMISSION):
            return redirect("recycle_bin:index")
        return redirect("wagtailadmin_home")
    return None
