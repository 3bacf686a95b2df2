"""The site's document model: a Wagtail document with a date, a type and work areas,
so Data and Resources can list documents newest first and filter them by work area."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class ResourceDocument(AbstractDocument):
    class ResourceType(models.TextChoices):
        REPORT = "report", _("Report")
        STUDY = "study", _("Study")
        FACTSHEET = "factsheet", _("Factsheet")
        PUBLICATION = "publication", _("Publication")
        DATA = "data", _("Data")
        POLICY = "policy", _("Policy or guidance")
        OTHER = "other", _("Other")

    publication_date = models.DateField(
        default=datetime.date.today,
        verbose_name=_("publication date"),
        help_text=_("When the document was published; Data and Resources lists the newest first."),
    )
    resource_type = models.CharField(
        max_length=20,
        choices=ResourceType.choices,
        default=ResourceType.REPORT,
        verbose_name=_("document type"),
        help_text=_("What kind of document this is, shown in listings."),
    )
    work_areas = models.ManyToManyField(
        "pages.WorkAreaPage",
        blank=True,
        related_name="documents",
        verbose_name=_("work areas"),
        help_text=_("The work areas this document is about; Data and Resources can be filtered by them."),
    )

    admin_form_fields = Document.admin_form_fields + ("publication_date", "resource_type", "work_areas")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-publication_date", "-pk"]
