"""Put every image's files on the side its collection's privacy asks for: the originals and
renditions of images in restricted collections private ("restricted_images/"), the others public.
New uploads and changes in the admin do this themselves (core/private_media.py); run it once after
upgrading, for images stored before (docs/deployment.md). A second run changes nothing."""

from django.core.management.base import BaseCommand

from core.private_media import sync_all_images


class Command(BaseCommand):
    help = "Store the files of images in restricted collections privately, and the others publicly."

    def handle(self, *args, **options):
        changed = sync_all_images()
        self.stdout.write(f"Moved the files of {changed} image(s).")
