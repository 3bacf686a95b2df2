"""The document form of every upload path (Wagtail's WAGTAILDOCS_DOCUMENT_FORM_BASE): the single
"Add a document" form, the multiple uploader, the chooser inside a page and the edit view.
One clear error per refused file, and a file is checked by its content as well as its name."""

import os

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from editorial.document_checks import content_matches, expected_kind


class DocumentForm(BaseDocumentForm):
    class Meta(BaseDocumentForm.Meta):
        # Work areas are ticked boxes wherever they are chosen (pages, partners, documents).
        widgets = {**BaseDocumentForm.Meta.widgets, "work_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "work_areas" in self.fields:
            # A document serves both languages, and the lists find it by the work area's translation
            # key: the English work areas are offered, each once (not its Mongolian copy as well).
            from wagtail.models import Locale

            field = self.fields["work_areas"]
            field.queryset = field.queryset.filter(locale=Locale.get_default()).order_by("title")

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new file, not the one already saved
            extension = os.path.splitext(file.name)[1].lstrip(".")
            kind = expected_kind(extension)
            # An extension not allowed at all is refused by the model's own check (_post_clean).
            if kind and not content_matches(extension, file):
                raise ValidationError(
                    _("This file is not a valid %(kind)s file: its content does not match its name.") % {"kind": kind},
                    code="content_mismatch",
                )
        return file

    def _post_clean(self):
        # A file refused by the upload field (e.g. too big) is not kept, so the model's own
        # extension check would then add a confusing 'File extension "" is not allowed'.
        earlier_file_errors = list(self.errors.get("file", []))
        super()._post_clean()
        if earlier_file_errors:
            self.errors["file"] = self.error_class(earlier_file_errors)

    def add_error(self, field, error):
        # The multiple uploader's forms have no file field ("Update" under an upload), yet the
        # model's clean() reports on the file, which Django cannot attach to a missing field
        # (a ValueError, answered with a 500). When the document has no file yet (a staged upload,
        # checked by this form when it was uploaded; its file is attached after validation), that
        # report is about the missing file: dropped. Otherwise it is shown above the form.
        if field is None and "file" not in self.fields and getattr(error, "error_dict", None):
            errors = dict(error.error_dict)
            file_errors = errors.pop("file", [])
            if file_errors and self.instance.file:
                errors[NON_FIELD_ERRORS] = errors.get(NON_FIELD_ERRORS, []) + file_errors
            if not errors:
                return
            error = ValidationError(errors)
        super().add_error(field, error)
