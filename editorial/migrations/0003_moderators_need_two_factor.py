"""Moderators get wagtail-2fa's enable_2fa permission: where two-factor sign-in is required
(production), they must use it. Administrators (superusers) have every permission."""

from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_snippet_review"),
        ("wagtail_2fa", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
