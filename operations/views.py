"""Error responses: 503 with Retry-After when the database is unreachable, the branded 500
otherwise, and the 429 page rate limits answer with."""

import sys

from django import db
from django.shortcuts import render
from django.views.defaults import server_error as default_server_error

# How long a visitor (or a crawler) is asked to wait while the database is unreachable.
DATABASE_RETRY_AFTER = 30


def server_error(request, template_name="500.html"):
    """handler500: a database that refuses, drops or hangs is an outage, answered 503 with the
    branded page and Retry-After; any other error is a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, db.OperationalError | db.InterfaceError):
        response = default_server_error(request, template_name="503.html")
        response.status_code = 503
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return default_server_error(request, template_name=template_name)


def too_many_requests(request, reason, retry_after):
    """The 429 page, in the visitor's language, without touching the database."""
    response = render(
        request,
        "errors/429.html",
        {"reason": reason, "retry_minutes": max(1, round(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(int(retry_after))
    return response
