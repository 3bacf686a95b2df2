"""Editors may change development goals, so that they can translate them into Mongolian and submit
the translation for review (a moderator approves it, as for every reviewed snippet)."""

from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_moderators_read_contact_messages")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
