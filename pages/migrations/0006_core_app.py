# The architecture change: SiteSettings moves to the core app (state only, the table stays), and a
# work area's contact person becomes a typed relation to a person page.

import django.db.models.deletion
from django.db import migrations, models


def clear_contacts_that_are_not_people(apps, schema_editor):
    WorkAreaPage = apps.get_model("pages", "WorkAreaPage")
    PersonPage = apps.get_model("people", "PersonPage")
    people = PersonPage.objects.values_list("pk", flat=True)
    WorkAreaPage.objects.exclude(contact_person__isnull=True).exclude(contact_person_id__in=people).update(
        contact_person=None
    )


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0005_image_block_decorative'),
        ('people', '0001_initial'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(clear_contacts_that_are_not_people, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='workareapage',
            name='contact_person',
            field=models.ForeignKey(blank=True, help_text='The person to contact about this work area: choose their page under People.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.personpage'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SiteSettings')],
            database_operations=[],
        ),
    ]
