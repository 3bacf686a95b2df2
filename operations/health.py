"""/healthz/ for load balancers and monitoring (django-health-check): the database answers a
query, the cache stores and returns a value, the media storage saves, reads and deletes a
file. 200 when all pass, 503 when one fails; plain text, or JSON with `Accept: application/json`."""

from health_check.views import HealthCheckView


class HealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    )

    async def dispatch(self, request, *args, **kwargs):
        response = await super().dispatch(request, *args, **kwargs)
        if response.status_code == 500:  # a check failed: the service is unavailable
            response.status_code = 503
            response.reason_phrase = "Service Unavailable"
        return response

    def render_to_response(self, context, **response_kwargs):
        # The library's HTML page styles itself inline, which the site's CSP forbids.
        return self.render_to_response_text(response_kwargs.get("status", 200))
