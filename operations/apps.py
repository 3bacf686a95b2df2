from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: security headers, request limits, error pages for outages, the health
    endpoint, structured logs, the Redis circuit breaker, backups. Imports no other app of the project."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from . import database, logs  # noqa: F401 (connect their signal receivers)
