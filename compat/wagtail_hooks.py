"""Admin scripts and views that work around upstream gaps (each described in its file and docs/upgrading.md)."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def flush_rich_text_on_submit():
    return format_html('<script src="{}" defer></script>', static("compat/js/draftail-flush-on-submit.js"))


@hooks.register("register_admin_urls")
def two_factor_urls():
    from .two_factor import DeviceRemoveView

    # At wagtail-2fa's own address and name, registered before its URLs (INSTALLED_APPS order).
    return [path("2fa/devices/<int:pk>/remove", DeviceRemoveView.as_view(), name="wagtail_2fa_device_remove")]
