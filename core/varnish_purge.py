"""The purge backend for Varnish: Wagtail's HTTP backend, with the shared secret Varnish asks for.

Varnish (deploy/varnish/iom-mongolia.vcl) accepts PURGE only from the app servers' addresses
and with the `X-Purge-Secret` header it knows (FRONTEND_CACHE_PURGE_SECRET). Wagtail's
`HTTPBackend` has no setting for extra headers, so this backend (a frontend cache backend, as
WAGTAILFRONTENDCACHE documents) sends its purges itself, with a timeout.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")

PURGE_HEADER = "X-Purge-Secret"


class VarnishBackend(HTTPBackend):
    """Params: LOCATION (where Varnish listens), PURGE_SECRET, TIMEOUT (seconds, default 5)."""

    def __init__(self, params):
        params = dict(params)
        self.secret = params.pop("PURGE_SECRET", "")
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        headers = {"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"}
        if self.secret:
            headers[PURGE_HEADER] = self.secret
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment])
        try:
            urlopen(PurgeRequest(url=target, headers=headers), timeout=self.timeout)  # noqa: S310 (the configured cache)
        except HTTPError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, error.code, error.reason)
        except (URLError, TimeoutError) as error:
            logger.error("Couldn't purge '%s' from HTTP cache. URLError: %s", url, getattr(error, "reason", error))
