from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup_site


class Command(BaseCommand):
    help = "Writes the database and the media files to a dated archive (iom-mongolia-<date>.tar.gz) in DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the archive (created if missing)")
        parser.add_argument(
            "--without-renditions",
            action="store_true",
            help="leave out resized images: a smaller archive; they are made again when next shown",
        )

    def handle(self, directory, without_renditions=False, **options):
        try:
            archive = backup_site(directory, include_renditions=not without_renditions)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {archive}")
