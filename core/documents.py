"""Which documents the public may see.

A document in a collection with a view restriction (signed-in users, groups or a password), or
in a collection below one, is private: it is never listed, linked or counted on public pages,
whoever is looking (public pages are cached for everyone alike). Its file is served only by
Wagtail's document view at /documents/<id>/<name>, which checks the restriction; the proxy
never serves /media/documents/ itself (docs/deployment.md).
"""

from django.db.models import Q
from wagtail.models import CollectionViewRestriction


def restricted_collections_filter(prefix="collection__"):
    """A Q matching objects in a restricted collection or below one, or None when none is restricted."""
    paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def public_documents(queryset):
    restricted = restricted_collections_filter()
    return queryset if restricted is None else queryset.exclude(restricted)


def only_public(documents):
    """The public ones among already fetched documents (e.g. chosen in a block), in their order."""
    documents = [document for document in documents if document is not None]
    if not documents:
        return []
    model = type(documents[0])
    visible = set(
        public_documents(model.objects.filter(pk__in=[d.pk for d in documents])).values_list("pk", flat=True)
    )
    return [document for document in documents if document.pk in visible]
