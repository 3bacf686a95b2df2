"""The admin's list of contact messages: a CSV export that spreadsheets cannot mistake for formulas,
with times in the site's time zone (as the list shows them), and its download button in sight."""

import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a visitor wrote, made safe to open in a spreadsheet (OWASP's advice: a leading quote)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def local_iso(value):
    """2026-12-02T18:05:00+08:00: ISO 8601 in settings.TIME_ZONE (Ulaanbaatar), to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds") if isinstance(value, datetime.datetime) else value


def local_naive(value):
    """For XLSX, which has no time zones: the wall-clock time in Ulaanbaatar (Wagtail writes UTC)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value).replace(microsecond=0))
    return value


class ContactSubmissionsListView(SubmissionsListView):
    custom_field_preprocess = {
        "submit_time": {SubmissionsListView.FORMAT_CSV: local_iso, SubmissionsListView.FORMAT_XLSX: local_naive}
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    @cached_property
    def header_buttons(self):
        """“Download CSV” beside the title, not only in the ⋯ menu (XLSX stays there)."""
        return [
            *super().header_buttons,
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
        ]

    def get_header_more_buttons(self):
        return [button for button in super().get_header_more_buttons() if button.url != self.csv_export_url]
