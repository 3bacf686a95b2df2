"""Operations: /healthz/, 503 with Retry-After when the database is down or hangs, structured
log lines, no traceback for bad Host headers, optional error reporting, and a Redis that hangs.

Found in the probe: no health endpoint; a hung database stalled every worker for 30 s, then
gunicorn's plain "Internal Server Error"; a database outage answered 500 rather than 503; log
lines without time or level; a full traceback logged for every bad Host header; no error
reporting; a Redis that hangs added about 4 s to every page."""

import gzip
import http.server
import io
import json
import logging
import os
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, connections

from operations import cache as breaker
from operations import health
from operations.cache import redis_cache
from operations.logs import JsonFormatter, RequestIdFilter
from tests.netfaults import BlackHole, FreezableProxy
from tests.test_settings import STRONG_KEY, run_manage

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/7")
ON_POSTGRESQL = connection.vendor == "postgresql"


# /healthz/


@pytest.mark.django_db
def test_healthz_checks_database_cache_and_storage(client):
    response = outside_event_loop(client.get, "/healthz/")
    assert response.status_code == 200
    text = response.content.decode()
    for check in ("Database", "Cache", "Storage"):
        assert f"{check}(" in text
    assert "OK" in text and "rror" not in text
    assert "no-cache" in response["Cache-Control"]
    as_json = outside_event_loop(client.get, "/healthz/", HTTP_ACCEPT="application/json")
    assert as_json.status_code == 200 and set(as_json.json().values()) == {"OK"}


@pytest.mark.django_db
def test_healthz_answers_503_when_storage_fails(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocker / "m"}},
    }
    response = outside_event_loop(client.get, "/healthz/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    results = response.json()
    assert [name for name, status in results.items() if status != "OK"] == ["Storage(alias='default')"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_is_down(client, settings):
    closed = BlackHole()
    port = closed.port
    closed.close()  # nothing listens there now: connection refused
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/0")}
    breaker.reset_breaker()
    try:
        response = outside_event_loop(client.get, "/healthz/", HTTP_ACCEPT="application/json")
        assert response.status_code == 503
        assert response.json()["Cache(alias='default')"] != "OK"
    finally:
        breaker.reset_breaker()


@pytest.mark.django_db
def test_livez_touches_nothing(client):
    """Liveness: answered at once with the database not answering (a query would wait for it)."""
    hole = BlackHole()  # accepts and never answers: a query would hang
    wrapper = broken_connection(HOST="127.0.0.1", PORT=hole.port, OPTIONS={"connect_timeout": 2})
    try:
        with SwappedDefaultConnection(wrapper):
            started = time.monotonic()
            response = client.get("/livez/")
            assert time.monotonic() - started < 1
    finally:
        hole.close()
    assert response.status_code == 200 and response.content == b"OK\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_never_writes_to_storage(client, settings, tmp_path):
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": media}},
    }
    for _ in range(3):
        assert outside_event_loop(client.get, "/healthz/").status_code == 200
    assert [path.relative_to(media).as_posix() for path in media.rglob("*")] == ["images"]


def outside_event_loop(call, *args, **kwargs):
    """The call in a thread of its own: /healthz/ is an async view, which the test client runs
    with async_to_sync, and that refuses a thread with a running event loop (Playwright's sync
    API leaves one in the worker's main thread once a browser test has run there)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call, *args, **kwargs).result()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="a network database; CI runs this on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_healthz_answers_within_2_s_with_the_page_table_locked(client):
    """Found: 17.2 s (the site lookup under the 10 s database deadline, then the checks), then 200."""
    import psycopg

    params = connections["default"].settings_dict
    locker = psycopg.connect(
        dbname=params["NAME"], host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"]
    )
    try:
        locker.execute("SET lock_timeout = '5s'")
        locker.execute("LOCK TABLE wagtailcore_page IN ACCESS EXCLUSIVE MODE")
        for _ in range(2):  # the second call, while the first check may still be running
            started = time.monotonic()
            response = outside_event_loop(client.get, "/healthz/", HTTP_ACCEPT="application/json")
            elapsed = time.monotonic() - started
            assert response.status_code == 503
            assert response.json()["Database(alias='default')"] != "OK"
            assert elapsed < 2.5, f"answered after {elapsed:.1f} s"
    finally:
        locker.rollback()
        locker.close()
    time.sleep(2.1)  # the check left running ends with its statement timeout
    assert outside_event_loop(client.get, "/healthz/").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_within_2_s_with_the_bucket_not_answering(client, settings):
    """Found: 16.8 s with S3 paused (the request waited for the check's thread), then 200."""
    hole = BlackHole()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "iom-media",
                "endpoint_url": f"http://127.0.0.1:{hole.port}",
                "access_key": "test",
                "secret_key": "test-secret",
                "region_name": "us-east-1",
            },
        },
    }
    try:
        for _ in range(2):
            started = time.monotonic()
            response = outside_event_loop(client.get, "/healthz/", HTTP_ACCEPT="application/json")
            elapsed = time.monotonic() - started
            assert response.status_code == 503
            results = response.json()
            assert results["Storage(alias='default')"] != "OK" and results["Database(alias='default')"] == "OK"
            assert elapsed < 2.5, f"answered after {elapsed:.1f} s"
    finally:
        hole.close()  # the check left running gets its connection closed and ends
    deadline = time.monotonic() + 30
    while health.Storage.running.locked() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not health.Storage.running.locked()


# The database down or hung


def broken_connection(**changes):
    """A new connection to the default database with some of its settings changed."""
    wrapper = connections.create_connection("default")
    wrapper.settings_dict = {**wrapper.settings_dict, **changes}
    return wrapper


class SwappedDefaultConnection:
    def __init__(self, wrapper):
        self.wrapper = wrapper

    def __enter__(self):
        self.original = connections["default"]
        connections["default"] = self.wrapper
        return self.wrapper

    def __exit__(self, *exc):
        connections["default"] = self.original
        self.wrapper.connection = None  # never talk to it again
        return False


def assert_branded_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The site is briefly unavailable" in html and "Сайт түр ажиллахгүй байна" in html
    assert '<link rel="stylesheet" href="/static/css/error.css">' in html


@pytest.fixture
def client():
    """The test client, answering with the error page rather than raising the view's exception."""
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_database_that_refuses_connections_gets_503_with_retry_after(client, tmp_path):
    if ON_POSTGRESQL:
        closed = BlackHole()
        port = closed.port
        closed.close()
        wrapper = broken_connection(HOST="127.0.0.1", PORT=port)
    else:
        wrapper = broken_connection(NAME=str(tmp_path / "missing-folder" / "db.sqlite3"))
    with SwappedDefaultConnection(wrapper):
        assert_branded_503(client.get("/en/"))
        assert_branded_503(client.get("/en/search/", {"q": "migration"}))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="a network database; CI runs this on PostgreSQL")
@pytest.mark.django_db
def test_a_database_that_stops_answering_mid_request_gets_503_within_the_deadline(client, settings):
    settings.DATABASE_DEADLINE = 1
    params = connections["default"].settings_dict
    proxy = FreezableProxy(params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432))
    wrapper = broken_connection(HOST="127.0.0.1", PORT=proxy.port)
    try:
        with SwappedDefaultConnection(wrapper):
            wrapper.ensure_connection()  # connected and answering
            proxy.frozen.set()  # now the server "stops"
            started = time.monotonic()
            response = client.get("/en/")
            elapsed = time.monotonic() - started
            assert_branded_503(response)
            assert elapsed < 5, f"held the worker {elapsed:.1f} s"
    finally:
        proxy.close()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="a network database; CI runs this on PostgreSQL")
@pytest.mark.django_db
def test_a_database_that_never_answers_a_new_connection_gets_503(client):
    hole = BlackHole()
    wrapper = broken_connection(HOST="127.0.0.1", PORT=hole.port, OPTIONS={"connect_timeout": 2})
    try:
        with SwappedDefaultConnection(wrapper):
            started = time.monotonic()
            assert_branded_503(client.get("/en/"))
            assert time.monotonic() - started < 5
    finally:
        hole.close()


def test_the_deadline_leaves_management_commands_alone():
    from operations import database

    assert not database._armed()  # outside a request: a long migration or index update is not cut short


# Logs


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()  # where the console handler is
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


@pytest.mark.django_db
def test_log_lines_carry_time_level_logger_and_request_id(client, log_lines):
    response = client.get("/en/no-such-page/", HTTP_X_REQUEST_ID="probe-1234abcd")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "probe-1234abcd"
    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["request_id"] == "probe-1234abcd"
    assert line["time"].endswith("+00:00") and "T" in line["time"]
    assert "Not Found: /en/no-such-page/" in line["message"]
    # A request id that is not one (too long, odd characters) is replaced by a fresh one.
    assert client.get("/en/x/", HTTP_X_REQUEST_ID="<script>" * 20)["X-Request-ID"].isalnum()


@pytest.mark.django_db
def test_a_bad_host_header_is_a_400_without_a_logged_traceback(client, settings, log_lines, caplog):
    settings.ALLOWED_HOSTS = ["mongolia.example.org"]
    response = client.get("/en/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.exc_info]
    assert not [line for line in log_lines() if line["logger"] == "django.security.DisallowedHost"]


def run_production(code, **env_overrides):
    return run_manage(
        "shell", "-c", code, env_overrides={"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "example.org", **env_overrides}
    )


def test_production_log_lines_are_json_on_stderr():
    result = run_production("import logging; logging.getLogger('iom.test').warning('hello %s', 'world')")
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "iom.test" and line["message"] == "hello world"
    assert line["request_id"] == "-" and line["time"]


# Error reporting


def test_errors_are_reported_when_sentry_dsn_is_set():
    received = []

    class Collector(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append((self.path, self.rfile.read(int(self.headers["Content-Length"] or 0))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code = "import sentry_sdk; sentry_sdk.capture_exception(ZeroDivisionError('probe')); sentry_sdk.flush(5)"
        result = run_production(code, SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/1")
        assert result.returncode == 0, result.stderr
    finally:
        server.shutdown()
    assert received, "nothing was reported"
    path, body = received[0]
    assert path.startswith("/api/1/")
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    assert b"ZeroDivisionError" in body


def test_without_sentry_dsn_nothing_is_reported():
    result = run_production("import sentry_sdk; print(sentry_sdk.get_client().is_active())")
    assert result.stdout.strip().splitlines()[-1] == "False"


# Redis


@pytest.fixture
def hung_redis(settings):
    hole = BlackHole()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{hole.port}/0")}
    settings.REDIS_BREAKER_SECONDS = 30
    breaker.reset_breaker()
    yield hole
    breaker.reset_breaker()
    hole.close()


def test_a_hung_redis_costs_one_short_timeout_then_is_skipped(hung_redis):
    started = time.monotonic()
    for number in range(20):
        assert cache.get(f"key-{number}") is None  # a miss, never an error
        cache.set(f"key-{number}", number)
    elapsed = time.monotonic() - started
    assert len(hung_redis.accepted) == 1, "Redis was asked again while it hangs"
    assert elapsed < 1.5, f"{elapsed:.2f} s for 40 cache calls"


@pytest.mark.django_db
def test_pages_load_while_redis_hangs(client, hung_redis):
    for _load in range(3):
        assert client.get("/en/search/", {"q": "migration"}).status_code == 200  # rate limit fails open
    assert len(hung_redis.accepted) <= 1


def test_redis_is_asked_again_after_the_breaker_period(hung_redis, settings):
    settings.REDIS_BREAKER_SECONDS = 0.2
    cache.get("a")
    time.sleep(0.3)
    cache.get("b")
    assert len(hung_redis.accepted) == 2


@pytest.fixture
def real_redis(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis at " + REDIS_TEST_URL)
    settings.CACHES = {"default": redis_cache(REDIS_TEST_URL)}
    breaker.reset_breaker()
    cache.clear()
    yield
    cache.clear()


def test_the_production_cache_works_on_a_real_redis(real_redis):
    cache.set("greeting", "сайн байна уу", 30)
    assert cache.get("greeting") == "сайн байна уу"
    assert cache.incr(cache.add("count", 0) and "count") == 1


@pytest.mark.django_db
def test_rate_limits_are_shared_through_redis(real_redis, client):
    for _search in range(30):
        client.get("/en/search/", {"q": "x"}, REMOTE_ADDR="203.0.113.77")
    assert client.get("/en/search/", {"q": "x"}, REMOTE_ADDR="203.0.113.77").status_code == 429
