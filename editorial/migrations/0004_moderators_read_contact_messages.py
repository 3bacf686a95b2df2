"""Moderators may read and export the contact form's messages (editors may not, unless granted)."""

from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_moderators_need_two_factor"),
        ("contact", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
