"""Remove location and camera metadata from originals stored before uploads were cleaned."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from editorial.images import ImageMetadataError, clean_stored_original


class Command(BaseCommand):
    help = (
        "Clean every stored original image that still carries EXIF, XMP, IPTC or text metadata "
        "(orientation and colour profile are kept) and delete its renditions, which are then made "
        "again from the clean file. A second run changes nothing."
    )

    def handle(self, *args, **options):
        cleaned = unchanged = refused = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                changed = clean_stored_original(image)
            except (ImageMetadataError, OSError) as exc:
                refused += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}) could not be cleaned: {exc}")
                continue
            if changed:
                image.save()
                cleaned += 1
            else:
                unchanged += 1
        self.stdout.write(
            f"{cleaned} image{'s' if cleaned != 1 else ''} cleaned, {unchanged} already clean, {refused} not readable."
        )
