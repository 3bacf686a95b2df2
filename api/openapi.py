"""The OpenAPI 3.0 document of the API, built from the endpoints themselves (their fields, query
parameters and filters), so it cannot drift from them."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from wagtail.api import APIField

from . import filters

MESSAGE = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}
ERRORS = {
    "400": {"description": "A parameter that cannot be right", "content": {"application/json": {"schema": MESSAGE}}},
    "404": {"description": "No such item", "content": {"application/json": {"schema": MESSAGE}}},
    "429": {
        "description": "Too many requests from this address; Retry-After says when to ask again",
        "content": {"application/json": {"schema": MESSAGE}},
    },
}
ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "meta": {
            "type": "object",
            "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
            "required": ["type", "detail_url"],
        },
    },
    "required": ["id", "meta"],
}
PAGE_ITEM = {
    "allOf": [
        ITEM,
        {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "meta": {
                    "type": "object",
                    "properties": {
                        "html_url": {"type": "string", "format": "uri"},
                        "locale": {"type": "string"},
                    },
                },
                "translations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "locale": {"type": "string"},
                            "id": {"type": "integer"},
                            "html_url": {"type": "string", "format": "uri"},
                        },
                        "required": ["locale", "id", "html_url"],
                    },
                },
            },
        },
    ]
}


def parameter(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


COMMON = [
    parameter("limit", "Items per response, at most %(max)s.", {"type": "integer", "minimum": 0}),
    parameter("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
    parameter("fields", "Fields to add (a,b), remove (-a), all (*) or only these (_,a)."),
    parameter("order", "A field to sort on, - for descending; or random."),
    parameter("search", "Words to search for."),
]


def filter_parameters(endpoint):
    found = []
    for item in getattr(endpoint, "listing_filters", ()):
        if isinstance(item, filters.ChoiceFilter):
            found.append(
                parameter(item.param, "The kind of item.", {"type": "string", "enum": [str(c) for c in item.choices]})
            )
        elif isinstance(item, filters.StatusFilter):
            found.append(parameter("status", "By the clock.", {"type": "string", "enum": [item.current, item.gone]}))
        elif isinstance(item, filters.YearFilter):
            found.append(parameter("year", "A year.", {"type": "string", "pattern": "^[0-9]{4}$"}))
        elif isinstance(item, filters.AreaFilter):
            found.append(parameter("area", "A work area's slug (see work-areas)."))
        elif isinstance(item, filters.DeadlineFilter):
            for name in item.params:
                found.append(parameter(name, "A date, inclusive.", {"type": "string", "format": "date"}))
    return found


def is_pages(endpoint):
    return "locale" in endpoint.known_query_parameters


def listing_parameters(endpoint):
    params = [
        dict(p, description=p["description"] % {"max": getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)}) for p in COMMON
    ]
    if is_pages(endpoint):
        languages = [code for code, _name in settings.LANGUAGES]
        params.append(parameter("locale", "The language.", {"type": "string", "enum": languages}))
        params.append(parameter("translation_of", "A page's id: its translations."))
        params.append(parameter("child_of", "A page's id, or root."))
        params.append(parameter("descendant_of", "A page's id, or root."))
    return params + filter_parameters(endpoint)


def operation(summary, parameters, item, listing):
    schema = item
    if listing:
        schema = {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer"}},
                    "required": ["total_count"],
                },
                "items": {"type": "array", "items": item},
            },
            "required": ["meta", "items"],
        }
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}, **ERRORS},
        }
    }


def field_names(endpoint):
    return [field.name if isinstance(field, APIField) else field for field in endpoint.body_fields]


def document():
    from .urls import ENDPOINTS

    paths = {}
    for name, endpoint in ENDPOINTS.items():
        item = PAGE_ITEM if is_pages(endpoint) else ITEM
        listing = reverse(f"wagtailapi_v2:{name}:listing")
        fields = ", ".join(field_names(endpoint))
        paths[listing] = operation(f"{name}: the list (fields: {fields})", listing_parameters(endpoint), item, True)
        detail_params = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
        paths[listing + "{id}/"] = operation(f"{name}: one item", detail_params, item, False)
    row = {"type": "object", "additionalProperties": True}
    paths[reverse("api_key_figures", args=("json",))] = operation(
        "Key figures",
        [],
        {
            "type": "object",
            "properties": {"meta": {"type": "object"}, "items": {"type": "array", "items": row}},
            "required": ["meta", "items"],
        },
        False,
    )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "IOM Mongolia open data API",
            "version": "2",
            "description": "Read-only: the live, public content of the site in English and Mongolian (docs/api.md).",
        },
        "servers": [{"url": settings.SITE_URL}],
        "paths": paths,
    }


def view(request):
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
