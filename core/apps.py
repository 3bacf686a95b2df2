from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every feature app builds on; it imports no feature app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import fragment_cache, frontend_cache, signals  # noqa: F401 (signals connects its handlers)

        frontend_cache.connect()
        fragment_cache.connect()
