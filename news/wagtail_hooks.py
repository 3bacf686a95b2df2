"""What the news app adds to the admin and the page cache."""

from wagtail import hooks

from .models import ArticlePage


@hooks.register("frontend_cache_pages")
def work_areas_showing_an_article(obj):
    """A work area page lists the latest articles about it (core.blocks.LatestNewsBlock): publishing,
    unpublishing or moving an article purges the work areas it is about, in every language."""
    if not isinstance(obj, ArticlePage):
        obj = getattr(obj, "specific_deferred", obj)
        if not isinstance(obj, ArticlePage):
            return []
    model = ArticlePage._meta.get_field("work_areas").related_model
    # A list, not a subquery: on a page held in memory (modelcluster), work_areas is not a queryset.
    keys = [area.translation_key for area in obj.work_areas.all()]
    return list(model.objects.live().filter(translation_key__in=keys))
