"""The API's addresses, under /api/v2/ (included by iom_mongolia/urls.py). The version is in the
path: a change that could break a client goes to /api/v3/, next to this one (docs/api.md)."""

from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from . import downloads, endpoints, openapi

# The typed endpoints before "pages": the router gives an object the first endpoint whose model it
# is, so an article's detail_url is under articles/.
ENDPOINTS = {
    endpoint.name: endpoint
    for endpoint in [
        endpoints.ArticlesEndpoint,
        endpoints.EventsEndpoint,
        endpoints.OpportunitiesEndpoint,
        endpoints.PublicationsEndpoint,
        endpoints.WorkAreasEndpoint,
        endpoints.PeopleEndpoint,
        endpoints.PublicPagesEndpoint,
        endpoints.PublicImagesEndpoint,
        endpoints.PublicDocumentsEndpoint,
    ]
}


class Router(WagtailAPIRouter):
    def endpoint_names(self):
        return list(ENDPOINTS)


router = Router("wagtailapi_v2")
for name, endpoint in ENDPOINTS.items():
    router.register_endpoint(name, endpoint)

urlpatterns = [
    path("openapi.json", openapi.view, name="api_openapi"),
    path("key-figures.<str:format>", downloads.key_figures, name="api_key_figures"),
    path("", router.urls),
    # Anything else under /api/v2/ (a malformed id, an unknown endpoint): a JSON 404, not the site's page.
    re_path(r"", endpoints.not_found),
]
