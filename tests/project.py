"""The project's own apps, discovered from INSTALLED_APPS (those whose code lives in the repo),
and their roles in the dependency rule: `core` is the foundation, `search` and `editorial` sit
on top, every other app is a feature app."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

FOUNDATION = "core"
# Apps that may use the feature apps; nothing else may use them.
TOP_LEVEL_APPS = {"search", "editorial", "api"}


def project_apps():
    """The app configs of INSTALLED_APPS whose code is in the repo (not in the virtual environment)."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(base) and not any(part.startswith(".") for part in path.relative_to(base).parts):
            found.append(app_config)
    return found


def project_app_labels():
    return {app_config.label for app_config in project_apps()}


def feature_app_labels():
    return project_app_labels() - {FOUNDATION} - TOP_LEVEL_APPS


def project_page_models():
    """Every concrete page type of the project's apps."""
    from wagtail.models import Page

    labels = project_app_labels()
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in labels
    ]


def project_snippet_models():
    from wagtail.snippets.models import get_snippet_models

    labels = project_app_labels()
    return [model for model in get_snippet_models() if model._meta.app_label in labels]
