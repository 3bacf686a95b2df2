# SiteSettings moved here from the pages app: the table (pages_sitesettings) and its rows stay
# where they are; only Django's state and the content type (with its permissions) move.

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="pages", model="sitesettings").first()
    if old is None:
        return
    # A content type created for core already (by an earlier run's post_migrate) holds no data.
    ContentType.objects.filter(app_label="core", model="sitesettings").delete()
    old.app_label = "core"
    old.save()


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="sitesettings").update(app_label="pages")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("pages", "0005_image_block_decorative"),  # created the table
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation_name', models.CharField(default='International Organization for Migration (IOM) Mongolia', help_text="The mission's full name, shown in the footer and in search engines.", max_length=200)),
                        ('address', models.TextField(blank=True, help_text="The office's postal address in English, one line per row.")),
                        ('address_mn', models.TextField(blank=True, help_text="The office's postal address in Mongolian, shown on Mongolian pages.")),
                        ('phone', models.CharField(blank=True, help_text='A phone number the public may call, e.g. +976 …', max_length=40)),
                        ('email', models.EmailField(blank=True, help_text='A public e-mail address for enquiries.', max_length=254)),
                        ('facebook_url', models.URLField(blank=True, help_text="The mission's Facebook page, if it has one.")),
                        ('x_url', models.URLField(blank=True, help_text="The mission's X account.", verbose_name='X (Twitter) URL')),
                        ('youtube_url', models.URLField(blank=True, help_text="The mission's YouTube channel.")),
                        ('linkedin_url', models.URLField(blank=True, help_text="The mission's LinkedIn page.")),
                        ('instagram_url', models.URLField(blank=True, help_text="The mission's Instagram account.")),
                        ('footer_text', models.TextField(blank=True, help_text='A short line at the bottom of every English page.')),
                        ('footer_text_mn', models.TextField(blank=True, help_text='The same line for Mongolian pages.')),
                        ('verification_note', models.TextField(blank=True, help_text='For the communications team only, never shown publicly: what still needs checking, and where it came from.')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'site settings',
                        'db_table': 'pages_sitesettings',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
