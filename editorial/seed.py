"""Seeds the communications team's groups, permissions and review workflow (create-only)."""

from django.apps import apps

from .roles import ensure_roles


def seed(run):
    """Seeder for `load_site_content`."""
    return ensure_roles(apps)
