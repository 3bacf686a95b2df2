"""Moderators edit the site text (the address and footer line of each language, which moved
out of the site settings) and the site settings under their new app, core."""

from django.db import migrations


def grant_permissions(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_groups_and_workflow"),
        ("core", "0002_site_text"),
        ("pages", "0006_core_app"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
