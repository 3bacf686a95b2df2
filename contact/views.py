"""The admin's list of contact messages, with a CSV export that spreadsheets cannot mistake for formulas."""

from wagtail.contrib.forms.views import SubmissionsListView

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a visitor wrote, made safe to open in a spreadsheet (OWASP's advice: a leading quote)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


class ContactSubmissionsListView(SubmissionsListView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value
