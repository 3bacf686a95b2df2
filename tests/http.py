"""A small HTTP client for tests that talk to real servers (Varnish, gunicorn, S3): any method,
any header, and a chosen source address."""

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    @property
    def cache(self):
        return self.headers.get("x-cache", "")


def request(url, method="GET", headers=None, source_address=None, body=None, timeout=30):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source_address, 0) if source_address else None
    )
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path or "/", body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return Response(
            response.status, {k.lower(): v for k, v in response.getheaders()}, data.decode("utf-8", "replace")
        )
    finally:
        connection.close()
