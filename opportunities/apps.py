from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Opportunities (vacancies, internships, procurement notices, calls for proposals) and events."""

    name = "opportunities"
    verbose_name = "Opportunities and events"
