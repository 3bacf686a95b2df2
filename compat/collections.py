"""A new collection's Parent starts at the root collection.

Upstream gap: Wagtail's "Add a collection" view (wagtail.admin.views.collections.Create) gives its
required Parent field no initial value, so the list starts on "---------" and an editor's first
Save fails with "This field is required". Wagtail offers no hook or setting for that form, and its
URL comes before any registered by a hook, so the view's public get_initial is wrapped once at
start-up (compat.apps.CompatConfig.ready): the root collection when the user may add there, else
the first collection they may add to. Written against Wagtail 7.4; the guard test is
tests/test_collections.py::test_upstream_still_starts_a_new_collection_without_a_parent.
"""

from wagtail.admin.views.collections import Create
from wagtail.permissions import collection_permission_policy

upstream_get_initial = Create.get_initial


def get_initial_with_parent(view):
    initial = upstream_get_initial(view)
    if "parent" not in initial:
        allowed = collection_permission_policy.instances_user_has_permission_for(view.request.user, "add")
        first = allowed.order_by("path").first()
        if first is not None:
            initial["parent"] = first.pk
    return initial


def start_new_collections_at_the_root():
    if Create.get_initial is upstream_get_initial:
        Create.get_initial = get_initial_with_parent
