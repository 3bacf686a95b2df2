from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from wagtail.models import UploadedFile

        from editorial import images
        from editorial.staging import delete_staged_file

        images.connect()  # uploaded images are stored without location or camera metadata
        # An upload's staging file goes with its row, however the row is deleted.
        post_delete.connect(delete_staged_file, sender=UploadedFile, dispatch_uid="editorial.delete_staged_file")
