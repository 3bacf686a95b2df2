"""The document upload form: one clear error per refused file."""

from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    def _post_clean(self):
        # A file refused by the upload field (e.g. too big) is not kept, so the model's own
        # extension check would then add a confusing 'File extension "" is not allowed'.
        earlier_file_errors = list(self.errors.get("file", []))
        super()._post_clean()
        if earlier_file_errors:
            self.errors["file"] = self.error_class(earlier_file_errors)
