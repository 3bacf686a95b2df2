"""Every field an editor fills in on a snippet, setting or document has help text.
(Page types are checked in test_page_types.py; fields Wagtail itself defines keep Wagtail's.)"""

import pytest
from django.apps import apps
from wagtail.models import Page

from tests.project import project_app_labels


def defined_by_wagtail(model, field):
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta and base.__module__.startswith(("wagtail.", "modelcluster.", "taggit.")):
            if any(inherited.name == field.name for inherited in meta.get_fields()):
                return True
    return False


def editable_project_fields():
    labels = project_app_labels()
    for model in apps.get_models():
        if model._meta.app_label not in labels or issubclass(model, Page):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "model", None) is model and field.concrete and not field.auto_created and field.editable:
                if not defined_by_wagtail(model, field):
                    yield model, field


FIELDS = list(editable_project_fields())


def test_the_check_sees_the_snippets_and_settings():
    names = {f"{model.__name__}.{field.name}" for model, field in FIELDS}
    assert {
        "SiteSettings.phone",
        "SiteText.address",
        "SiteText.footer_text",
        "KeyFigure.value",
        "Partner.name",
    } <= names


@pytest.mark.parametrize("model,field", FIELDS, ids=lambda item: getattr(item, "__name__", getattr(item, "name", "")))
def test_every_editable_field_has_help_text(model, field):
    assert field.help_text, f"{model.__name__}.{field.name} needs help text for editors"
