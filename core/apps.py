from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every feature app builds on; it imports no feature app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import signals  # noqa: F401 (connects the signal handlers)
