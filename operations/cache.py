"""The production cache: Redis through django-redis, failing open, with short socket timeouts
and a circuit breaker, so that a Redis that hangs costs a page at most one short timeout.

A Redis that refuses connections fails at once. One that hangs (process stopped, host gone
without a reset) would make every cache call wait for its socket timeout. Here a call waits at
most REDIS_SOCKET_TIMEOUT; after a failure the process stops asking Redis for
REDIS_BREAKER_SECONDS (every call fails at once, which django-redis turns into a cache miss),
then tries again.
"""

import logging
import threading
import time

import redis
from django.conf import settings

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_open_until = 0.0


def breaker_open():
    return time.monotonic() < _open_until


def _trip(error):
    global _open_until
    seconds = getattr(settings, "REDIS_BREAKER_SECONDS", 30)
    with _lock:
        _open_until = time.monotonic() + seconds
    logger.warning("Redis failed (%s); the cache is skipped for %s s.", error, seconds)


def reset_breaker():
    global _open_until
    with _lock:
        _open_until = 0.0


class CircuitBreakerConnection(redis.Connection):
    def _guarded(self, method, *args, **kwargs):
        if breaker_open():
            raise redis.ConnectionError("Redis is skipped for a while after a failure (circuit breaker open).")
        try:
            return method(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            _trip(error)
            self.disconnect()
            raise

    def connect(self):
        return self._guarded(super().connect)

    def send_packed_command(self, command, check_health=True):
        return self._guarded(super().send_packed_command, command, check_health)

    def read_response(self, *args, **kwargs):
        return self._guarded(super().read_response, *args, **kwargs)


def redis_cache(url, socket_timeout=0.25):
    """The CACHES entry for Redis at `url`."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "iom-mongolia",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": socket_timeout,
            "SOCKET_TIMEOUT": socket_timeout,
            "CONNECTION_POOL_KWARGS": {"connection_class": CircuitBreakerConnection},
        },
    }
