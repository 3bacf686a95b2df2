"""`make bench`: figures of the running stack (`make stack`), printed, never asserted.

For the home page, a listing, an article and search: requests per second and p50/p99 latency
through the cache (Varnish) and straight from one app server (gunicorn), with wrk; the queries
each page makes when the page cache misses (with the shared cache warm, and cold); the cached
home page through Varnish against nginx serving the same bytes as a file, same machine, same
run (the ratio is the figure to quote); and the seconds from publishing a change to seeing it
through the cache.

The query counts are taken first, in this process, from a documentation address (192.0.2.1) of
their own: the search load afterwards runs into the 30-a-minute search limit of 127.0.0.1 (its
refusals, 429, are counted in `err`) and cannot make them fail.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from scripts.stack import ENV_FILE, read_env  # noqa: E402

PAGES = {
    "home": "/en/",
    "listing": "/en/our-work/",
    "article": "/en/who-we-are/about/",
    "search": "/en/search/?q=migration",
}
DURATION = os.environ.get("BENCH_DURATION", "8s")
CACHED_CONNECTIONS = os.environ.get("BENCH_CACHED_CONNECTIONS", "64")
DIRECT_CONNECTIONS = os.environ.get("BENCH_DIRECT_CONNECTIONS", "8")
# The query-count step's own client address (TEST-NET-1): its rate limits are not the load's.
QUERY_COUNT_ADDRESS = "192.0.2.1"
# Where nginx serves the home page's bytes as a file (its /static/ location, from STATIC_ROOT).
FILE_PATH = "/static/bench/home.html"


def file_baseline(public, nginx):
    """wrk through Varnish on the cached home page, and on nginx serving its bytes as a file."""
    with urllib.request.urlopen(public + PAGES["home"], timeout=30) as response:  # noqa: S310
        body = response.read()
    path = BASE_DIR / "staticfiles" / FILE_PATH.removeprefix("/static/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    try:
        get(public + PAGES["home"])
        cached = wrk(public + PAGES["home"], CACHED_CONNECTIONS)
        served = wrk(nginx + FILE_PATH, CACHED_CONNECTIONS)
    finally:
        path.unlink()
    return len(body), cached, served


def wrk(url, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*?(\d+) timeout"):
        match = re.search(pattern, output)
        errors += int(match.group(1)) if match else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", output)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the stack on this machine)
        return response.read().decode(), response.headers.get("X-Cache", "")


def django_in_stack(env):
    os.environ.update(env)
    import django

    django.setup()


def query_counts():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core import fragment_cache

    client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=QUERY_COUNT_ADDRESS)
    counts = {}
    for name, path in PAGES.items():
        fragment_cache.bump()  # the menu, breadcrumb and footer fragments cold, as right after a publish
        with CaptureQueriesContext(connection) as cold:
            client.get(path)
        with CaptureQueriesContext(connection) as warm:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = (len(warm.captured_queries), len(cold.captured_queries))
    return counts


def publish_to_visible(public, rounds=3):
    from pages.models import StandardPage

    page = StandardPage.objects.get(slug="about", locale__language_code="en")
    original = page.title
    url = public + PAGES["article"]
    timings = []
    try:
        for number in range(rounds):
            get(url)
            get(url)  # cached
            title = f"{original} (bench {number} {time.time():.0f})"
            page.title = title
            started = time.monotonic()
            page.save_revision().publish()
            while True:
                html, _cache = get(url)
                if title in html:
                    break
                if time.monotonic() - started > 30:
                    raise RuntimeError("the change did not show through the cache within 30 s")
                time.sleep(0.01)
            timings.append(time.monotonic() - started)
    finally:
        page.title = original
        page.save_revision().publish()
    return timings


def main():
    if not ENV_FILE.exists():
        raise SystemExit("The stack is not running: make stack")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: scripts/ensure-stack.sh installs it")
    env = read_env()
    public = env["STACK_PUBLIC_URL"]
    app = env["STACK_APP_URLS"].split(",")[0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BASE_DIR)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=BASE_DIR
    )
    print(
        f"Benchmark of the stack at {public}/ (commit {commit.stdout.strip()}{' + changes' if dirty.stdout.strip() else ''})"
    )
    print(
        f"wrk: 2 threads, {DURATION} per run; {CACHED_CONNECTIONS} connections through the cache, {DIRECT_CONNECTIONS} straight to one app server\n"
    )

    django_in_stack(env)
    counts = query_counts()  # first: nothing else has used a rate limit yet

    for path in PAGES.values():
        get(public + path)
        get(public + path)
    rows = []
    for name, path in PAGES.items():
        cached = wrk(public + path, CACHED_CONNECTIONS)
        direct = wrk(app + path, DIRECT_CONNECTIONS)
        rows.append((name, path, cached, direct))

    size, cached_home, nginx_file = file_baseline(public, env["STACK_NGINX_URL"])
    timings = publish_to_visible(public)

    header = f"{'page':8} {'address':26} {'cache req/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | {'app req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | queries warm/cold"
    print(header)
    print("-" * len(header))
    for name, path, cached, direct in rows:
        warm, cold = counts[name]
        print(
            f"{name:8} {path:26} {cached['rps']:11.0f} {cached['p50']:7.2f} {cached['p99']:7.2f} {cached['errors']:4d} | "
            f"{direct['rps']:9.1f} {direct['p50']:7.1f} {direct['p99']:7.1f} {direct['errors']:4d} | {warm}/{cold}"
        )
    print(
        "\n(search results are never cached: its 'cache' figures are requests passed through Varnish to the app servers,"
        " over the 30-a-minute search limit of one address most are 429 refusals, counted in err)"
    )
    ratio = cached_home["rps"] / nginx_file["rps"] if nginx_file["rps"] else float("nan")
    print(
        f"\nCached home page ({size} bytes), {CACHED_CONNECTIONS} connections: Varnish {cached_home['rps']:.0f} req/s"
        f" (p99 {cached_home['p99']:.2f} ms, err {cached_home['errors']}), nginx serving the same bytes as a file"
        f" {nginx_file['rps']:.0f} req/s (p99 {nginx_file['p99']:.2f} ms, err {nginx_file['errors']}):"
        f" ratio {ratio:.2f} (target 0.80 or more)"
    )
    print(
        "Publish to visible through the cache: "
        + ", ".join(f"{seconds:.3f}s" for seconds in timings)
        + f" (median {statistics.median(timings):.3f}s)"
    )


if __name__ == "__main__":
    main()
