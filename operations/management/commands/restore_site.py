import tarfile

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore_site


class Command(BaseCommand):
    help = "Restores an archive written by backup_site into an empty database and an empty media store."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by backup_site")

    def handle(self, archive, **options):
        try:
            manifest = restore_site(archive)
        except (BackupError, FileNotFoundError, tarfile.TarError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['database']['vendor']} database and {len(manifest['media'])} media files "
            f"from the backup of {manifest['created']}."
        )
