from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every feature app builds on; it imports no feature app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import (  # noqa: F401 (signals connects its handlers)
            fragment_cache,
            frontend_cache,
            private_media,
            signals,
        )

        frontend_cache.connect()
        private_media.connect()
        fragment_cache.connect()
