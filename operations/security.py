"""Security headers: the Content-Security-Policy (settings.CONTENT_SECURITY_POLICY, strict, on public
pages; settings.ADMIN_CONTENT_SECURITY_POLICY, one Wagtail's admin works with, under /admin/),
Permissions-Policy and Cross-Origin-Resource-Policy.

The public policy allows nothing inline: every script and style is a file under /static/.
JSON-LD (`<script type="application/ld+json">`) is data, not script, and needs no permission.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

# Powerful browser features the site never uses, refused to itself and to any frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
    ]
)

# Where Wagtail's admin (with its page previews) lives.
ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            # A page preview: Wagtail renders the public page through the middleware with a made-up
            # request for the page's public address, and the admin shows it in a frame of its own.
            parts.replace = {"frame-ancestors": ["'self'"]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
