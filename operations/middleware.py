"""Request-level safeguards: a request id for every log line, and a bound on the query string."""

import re
import uuid

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation

from . import logs

# Longer query strings are refused (414), as nginx refuses a longer request line by default;
# the site's own links never come near this.
MAX_QUERY_STRING = 8192
# A redirect (e.g. "/" to the visitor's language) carries the query string along, but not a
# long one: nginx keeps response headers in a 4 KB buffer by default and fails (502) on more.
MAX_REDIRECT_LOCATION = 2000
# An id given by the proxy (nginx's $request_id) is kept when it looks like one.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID when sane, else a new one), puts it on
    every log line written while the request is handled, and returns it as X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is finished (request_finished), so that Django's own line
        # about a 4xx or 5xx response, written after the middleware, carries it too.
        logs.request_id.set(request_id)
        response = self.get_response(request)
        response.headers.setdefault("X-Request-ID", request_id)
        return response


# Public pages (Wagtail serves a page for any method) answer only these; the admin is left alone.
PUBLIC_METHODS = ["GET", "HEAD", "POST"]


class RequestLimitsMiddleware:
    """Refuses methods other than PUBLIC_METHODS outside the admin (405), refuses a query string longer than MAX_QUERY_STRING with a clear 414 page in the
    visitor's language, and drops the query string of a redirect that would be longer than
    MAX_REDIRECT_LOCATION (placed before LocaleMiddleware, so that it sees its redirects)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in PUBLIC_METHODS and not request.path_info.startswith("/admin/"):
            return HttpResponseNotAllowed(PUBLIC_METHODS)
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            with translation.override(translation.get_language_from_request(request, check_path=True)):
                return render(request, "errors/414.html", status=414)
        response = self.get_response(request)
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        if len(location) > MAX_REDIRECT_LOCATION:
            response["Location"] = location.split("?", 1)[0][:MAX_REDIRECT_LOCATION]
        return response
