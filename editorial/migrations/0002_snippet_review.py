"""Snippets go through the review workflow: moderators get the publish permissions, the
workflow is assigned to the reviewed snippets, Wagtail's unused example groups go."""

from django.db import migrations


def update_roles(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_groups_and_workflow"),
        ("core", "0003_reviewed_snippets"),
        ("pages", "0008_reviewed_snippets"),
        ("partners", "0004_reviewed_snippets"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
