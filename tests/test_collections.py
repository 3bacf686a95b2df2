"""A new collection's Parent starts at the root collection (issue 17: the list started empty, so
an editor's first Save failed with "This field is required"). compat/collections.py."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.views.collections import Create
from wagtail.models import Collection

from compat.collections import upstream_get_initial


def root():
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def selected_parent(html):
    select = re.search(r'<select name="parent".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"[^>]*selected', select)


@pytest.mark.django_db
def test_a_new_collection_starts_under_the_root_and_saves_first_time(admin_client):
    top = root()
    html = admin_client.get(reverse("wagtailadmin_collections:add")).content.decode()
    assert selected_parent(html) == [str(top.pk)]
    # What the browser sends when the editor only types a name.
    response = admin_client.post(reverse("wagtailadmin_collections:add"), {"name": "Restricted", "parent": top.pk})
    assert response.status_code == 302
    assert Collection.objects.get(name="Restricted").get_parent() == top
    # Saved without any parent at all, it is still a form error, not a 500.
    response = admin_client.post(reverse("wagtailadmin_collections:add"), {"name": "No parent"})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


@pytest.mark.django_db
def test_upstream_still_starts_a_new_collection_without_a_parent(admin_user):
    """Guard of compat/collections.py: when Wagtail gives the Parent an initial value itself, this
    fails; then delete compat/collections.py, its call in compat/apps.py and its docs/upgrading.md row."""
    root()
    view = Create()
    view.setup(RequestFactory().get("/admin/collections/add/"))
    view.request.user = admin_user
    assert "parent" not in upstream_get_initial(view)
    assert Create.get_initial is not upstream_get_initial  # the wrapper is in place
