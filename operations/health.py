"""Health endpoints for load balancers and monitoring.

- `/livez/` (liveness): the process answers requests. It touches nothing (no database, cache or
  storage), so a restart is never triggered by an outage elsewhere.
- `/healthz/` (readiness, django-health-check): the database answers a read of the page table,
  the cache stores and returns a value, the media storage lists its top folder (read-only: nothing
  is written to storage). 200 when all pass, 503 when one fails or does not answer in time; plain
  text, or JSON with `Accept: application/json`.

The checks run at the same time, in threads of this module's own pool, and the answer comes
within READINESS_DEADLINE seconds whatever they do: a check that has not answered by then is
reported as failed and is left to finish in its thread (its own timeouts end it), and while it
is still running a new call reports it as failed again instead of starting another. So a hung
database, cache or bucket costs a probe at most READINESS_DEADLINE seconds and at most one thread
per check per process.

Neither is served through the page cache: Varnish refuses both (deploy/varnish/iom-mongolia.vcl);
probe the app servers (or nginx) directly.
"""

import contextlib
import dataclasses
import datetime
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.core.cache import caches
from django.core.files.storage import storages
from django.db import Error as DatabaseError
from django.db import connections
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

# The whole answer, whatever the checks do (seconds).
READINESS_DEADLINE = 2.0
# django-health-check waits for a check its `timeout` plus one second (for the check's own client
# timeout to report first): this timeout makes that wait READINESS_DEADLINE in all.
CHECK_TIMEOUT = datetime.timedelta(seconds=READINESS_DEADLINE - 1)

# Kept for the life of the process: a check past its deadline goes on in its thread without
# holding the request (a pool shut down per request would wait for it).
_executor = ThreadPoolExecutor(max_workers=6, thread_name_prefix="readiness")


@dataclasses.dataclass
class ReadinessCheck(HealthCheck):
    """A check with READINESS_DEADLINE, run at most once at a time in a process: while a run is
    still going (it outlived a deadline), another call fails at once. `probe()` does the work;
    an exception of `failures` means the service is unavailable."""

    alias: str = "default"
    timeout = CHECK_TIMEOUT
    failures = (Exception,)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.running = threading.Lock()  # one per kind of check

    def run(self):
        if not self.running.acquire(blocking=False):
            raise ServiceUnavailable("the previous check has not finished")
        try:
            self.probe()
        except self.failures as error:
            raise ServiceUnavailable(f"{type(self).__name__.lower()}: {type(error).__name__}") from error
        finally:
            self.running.release()

    def probe(self):
        raise NotImplementedError


@dataclasses.dataclass
class Database(ReadinessCheck):
    """A read of the page table (every page needs it), with the deadline as statement timeout."""

    failures = (DatabaseError,)

    def probe(self):
        from wagtail.models import Page

        connection = connections[self.alias]
        try:
            with connection.temporary_connection() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET statement_timeout = %s", [int(READINESS_DEADLINE * 1000)])
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(Page._meta.db_table)} LIMIT 1")  # noqa: S608 (a table name)
                cursor.fetchall()
        finally:
            connection.close()  # this thread's connection: never left open between probes


@dataclasses.dataclass
class Cache(ReadinessCheck):
    """Stores a value for a few seconds and reads it back (the cache fails open: a lost value
    is how an outage shows)."""

    failures = ()

    def probe(self):
        cache = caches[self.alias]
        key, value = f"readiness:{uuid.uuid4().hex}", "ready"
        cache.set(key, value, timeout=5)
        if cache.get(key) != value:
            raise ServiceUnavailable("cache: the value was not kept")
        cache.delete(key)


@dataclasses.dataclass
class Storage(ReadinessCheck):
    """Lists the storage's top folder (a bucket listing in object storage): read-only."""

    def probe(self):
        try:
            storages[self.alias].listdir("")
        except FileNotFoundError:
            pass  # a media folder on local disk before the first upload: nothing to list yet


class HealthView(HealthCheckView):
    checks = (Database, Cache, Storage)

    def get_executor(self):
        return contextlib.nullcontext(_executor)

    async def dispatch(self, request, *args, **kwargs):
        response = await super().dispatch(request, *args, **kwargs)
        if response.status_code == 500:  # a check failed: the service is unavailable
            response.status_code = 503
            response.reason_phrase = "Service Unavailable"
        return response

    def render_to_response(self, context, **response_kwargs):
        # The library's HTML page styles itself inline, which the site's CSP forbids.
        return self.render_to_response_text(response_kwargs.get("status", 200))


@require_safe
def liveness(request):
    """/livez/: the process answers. Nothing else is asked."""
    response = HttpResponse("OK\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


readiness = HealthView.as_view()
