from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecycledPage(models.Model):
    """A page deleted in the admin, with its subtree and its versions in the other languages: all
    unpublished and renamed in place (their addresses are free), hidden from the admin's page
    explorer and choosers, until a moderator restores them."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", editable=False, verbose_name=_("page")
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True)
    # The deleted page and its versions in the other languages, each with its slug before deletion.
    slugs = models.JSONField(default=dict, editable=False)
    # The pages that were live (page pk: the revision that was live), republished on restore.
    live_revisions = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("deleted page")
        verbose_name_plural = _("deleted pages")
        ordering = ["-deleted_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("restore_recycledpage", _("Can restore a deleted page"))]

    def __str__(self):
        return self.page.title

    @property
    def root_ids(self):
        return [int(pk) for pk in self.slugs]
