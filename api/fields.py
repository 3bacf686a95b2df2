"""Fields the API adds to Wagtail's: rendered images, an item's work areas, its translations and
whether it is still open or upcoming. Each reads what the endpoint prefetched for the whole page of
results, so a listing costs the same number of queries whatever its length."""

from collections import OrderedDict

from django.utils import timezone
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField

# The renditions an image field gives: the cards' 640x360 and the 1200x630 share image.
CARD_SPEC = "fill-640x360|format-jpeg"
SHARE_SPEC = "fill-1200x630|format-jpeg"
IMAGE_SPECS = (CARD_SPEC, SHARE_SPEC)


def image_fields(field):
    """API fields of an image foreign key (or "*", the image itself): its card and share renditions
    (null without an image)."""
    prefix = "" if field == "*" else f"{field}_"
    return [
        APIField(f"{prefix}card", serializer=ImageRenditionField(CARD_SPEC, source=field)),
        APIField(f"{prefix}share", serializer=ImageRenditionField(SHARE_SPEC, source=field)),
    ]


class WholeInstanceField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class WorkAreasField(WholeInstanceField):
    """[{id, title, slug}] of the item's work areas (prefetched by the endpoint)."""

    def to_representation(self, page):
        return [
            OrderedDict([("id", area.pk), ("title", area.title), ("slug", area.slug)])
            for area in page.work_areas.all()
        ]


class TagsField(WholeInstanceField):
    """["bird", "wagtail"]: the item's tag names, like Wagtail's TagsField, but from the tags the
    endpoint prefetched (Wagtail's asks the database once per item)."""

    def to_representation(self, page):
        return sorted(tag.name for tag in page.tags.all())


class TranslationsField(WholeInstanceField):
    """[{locale, id, html_url}] of the item's other live, public language versions."""

    def to_representation(self, page):
        return self.context["view"].translations_of(page)


class StatusField(WholeInstanceField):
    """ "open" or "closed" for an opportunity (by its deadline), "upcoming" or "past" for an event
    (by its end, or its start), worked out from the clock like the public lists."""

    def __init__(self, current, gone, **kwargs):
        self.current, self.gone = current, gone
        super().__init__(**kwargs)

    def to_representation(self, page):
        if hasattr(page, "deadline"):
            return self.current if page.deadline > timezone.now() else self.gone
        return self.current if (page.end or page.start) >= timezone.now() else self.gone
