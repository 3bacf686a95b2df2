from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every feature app builds on; it imports no feature app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import frontend_cache, navigation, routing, signals  # noqa: F401 (signals connects its handlers)

        frontend_cache.connect()
        navigation.connect()
        routing.cache_locale_lookups()
