from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Public views that are not pages: search, robots.txt and the sitemap."""

    name = "search"
    verbose_name = "Search"
