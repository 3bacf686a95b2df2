"""Cross-origin reads of the API: any site may GET it from a browser (it is public, read-only and
sends no cookies back), and a preflight OPTIONS is answered at once. Nothing else of the site is
opened to other origins."""

from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that the API's own answers are left as they are: Django turns any 404 of a
    path without a language prefix into a redirect to /en/<path> (Wagtail's catch-all makes every
    such path "valid"), so an unknown or unpublished item answered with an HTML redirect instead of
    the API's JSON 404."""

    def process_response(self, request, response):
        if request.path_info.startswith(PREFIX):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
