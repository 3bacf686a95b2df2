from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecycleBinConfig(AppConfig):
    """Deleting a page in the admin puts it in the recycle bin; a moderator can restore it."""

    name = "recycle_bin"
    verbose_name = _("Recycle bin")
