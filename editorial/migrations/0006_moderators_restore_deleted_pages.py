"""The recycle bin: moderators see deleted pages and restore them, and may delete a page with pages
below it (bulk_delete_page), since a deleted page now goes to the bin. Editors get neither."""

from django.db import migrations


def grant(apps, schema_editor):
    from editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_editors_translate_goals"),
        ("recycle_bin", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
