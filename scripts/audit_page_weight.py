"""Page-weight audit: what each page of the seeded site transfers on a first visit, measured in Chromium.

Serves the site as production does (production settings, static files collected, hashed and
compressed by WhiteNoise, gunicorn) from a throw-away SQLite database, loads every page of the
sitemap in a fresh browser context (empty cache, no scrolling) and sums the transfer sizes the
browser reports. Budget: the home page at most 100 KB in all, its CSS and JS together at most
30 KB. Exits 1 when a budget is exceeded; writes audit-results/page-weight.json.

Run with `make audit`, or: .venv/bin/python scripts/audit_page_weight.py [--port 8799]
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET  # noqa: S405 (our own sitemap)
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

BASE_DIR = Path(__file__).resolve().parent.parent
HOME_BUDGET = 100 * 1024
CSS_JS_BUDGET = 30 * 1024
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Sizes by kind, from the browser's Resource Timing entries (transferSize: headers and compressed body).
MEASURE_JS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const kinds = {html: nav.transferSize, css: 0, js: 0, img: 0, font: 0, other: 0};
    const hosts = new Set();
    for (const entry of performance.getEntriesByType("resource")) {
        hosts.add(new URL(entry.name).host);
        const path = new URL(entry.name).pathname;
        let kind = "other";
        if (entry.initiatorType === "link" && path.endsWith(".css")) kind = "css";
        else if (entry.initiatorType === "script" || path.endsWith(".js")) kind = "js";
        else if (entry.initiatorType === "img" || /\\.(avif|webp|jpe?g|png|gif|svg)$/.test(path)) kind = "img";
        else if (/\\.(woff2?|ttf|otf)$/.test(path)) kind = "font";
        kinds[kind] += entry.transferSize;
    }
    return {kinds, requests: performance.getEntriesByType("resource").length + 1, hosts: [...hosts]};
}"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def sitemap_paths(base_url):
    with urlopen(base_url + "/sitemap.xml") as response:  # noqa: S310 (the local server)
        root = ET.fromstring(response.read())  # noqa: S314
    return [urlparse(url.find("sm:loc", SITEMAP_NS).text).path for url in root.findall("sm:url", SITEMAP_NS)]


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(url):  # noqa: S310
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server at {url} did not start")


def measure(base_url, paths):
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for path in paths:
            context = browser.new_context(viewport={"width": 375, "height": 812})
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            data = page.evaluate(MEASURE_JS)
            data["path"] = path
            data["total"] = sum(data["kinds"].values())
            results.append(data)
            context.close()
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port for the audit server (default: a free one)")
    parser.add_argument("--output", default=str(BASE_DIR / "audit-results"), help="folder for page-weight.json")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="page-weight-"))
    port = options.port or free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iom_mongolia.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        run(["migrate", "--noinput", "-v", "0"], env)
        run(["load_site_content"], env)
        run(["collectstatic", "--noinput", "-v", "0"], env)
        server = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).with_name("gunicorn")), "iom_mongolia.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
        )
        base_url = f"http://127.0.0.1:{port}"
        wait_for(base_url + "/robots.txt")
        results = measure(base_url, sitemap_paths(base_url))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{'page':<48} {'html':>7} {'css':>6} {'js':>6} {'img':>7} {'other':>6} {'total':>8}  requests")
    for row in results:
        k = row["kinds"]
        print(
            f"{row['path']:<48} {k['html'] / 1024:>6.1f}K {k['css'] / 1024:>5.1f}K {k['js'] / 1024:>5.1f}K "
            f"{k['img'] / 1024:>6.1f}K {(k['other'] + k['font']) / 1024:>5.1f}K {row['total'] / 1024:>7.1f}K  {row['requests']}"
        )
    home = next(row for row in results if row["path"] == "/en/")
    css_js = home["kinds"]["css"] + home["kinds"]["js"]
    outside = sorted({host for row in results for host in row["hosts"] if not host.startswith("127.0.0.1")})
    failures = []
    if home["total"] > HOME_BUDGET:
        failures.append(f"home page {home['total'] / 1024:.1f} KB > {HOME_BUDGET / 1024:.0f} KB")
    if css_js > CSS_JS_BUDGET:
        failures.append(f"home CSS+JS {css_js / 1024:.1f} KB > {CSS_JS_BUDGET / 1024:.0f} KB")
    if outside:
        failures.append(f"requests to other hosts: {outside}")
    print(
        f"\nHome page: {home['total'] / 1024:.1f} KB in all (budget 100 KB); CSS+JS {css_js / 1024:.1f} KB (budget 30 KB)"
    )
    largest = max(results, key=lambda row: row["total"])
    print(f"Largest page: {largest['path']} {largest['total'] / 1024:.1f} KB; pages measured: {len(results)}")

    output = Path(options.output)
    output.mkdir(parents=True, exist_ok=True)
    (output / "page-weight.json").write_text(json.dumps(results, indent=2))
    if failures:
        print("OVER BUDGET: " + "; ".join(failures))
        return 1
    print("Within budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
