"""Start the services of the production stack as child processes: Varnish, moto's S3 server,
Redis, PostgreSQL, gunicorn and nginx. `scripts/stack.py` (make stack) and the tests' fixtures
both use these, with the configuration files in deploy/ and ports picked free at run time."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy"
PORT_RANGE = range(18000, 19000)


def free_port(start=None):
    """A TCP port in 18000-18999 that nothing listens on now (random start, so parallel runs differ)."""
    import random

    ports = list(PORT_RANGE)
    offset = random.randrange(len(ports)) if start is None else ports.index(start)
    for port in ports[offset:] + ports[:offset]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18000-18999")


def wait_for_port(port, timeout=30, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening on {port}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def wait_for_http(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own server)
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def start(args, log, env=None, **kwargs):
    """A child process in its own session (stopped with its children by `stop`)."""
    log = open(log, "ab")  # kept open by the child
    return subprocess.Popen(  # noqa: S603 (our own command lines)
        args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, **kwargs
    )


def stop(process, timeout=10):
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def stop_pids(pids, timeout=15):
    """Stop process groups: all are asked (SIGTERM, in the order given), then waited for together."""
    asked = []
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGTERM)
            asked.append(pid)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while asked and time.monotonic() < deadline:
        for pid in list(asked):
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                asked.remove(pid)
        time.sleep(0.05)
    for pid in asked:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def stop_pid(pid):
    stop_pids([pid])


# Varnish


def render_vcl(workdir, backend_port, backend_host="127.0.0.1", site_host="127.0.0.1", purge_secret=""):
    """deploy/varnish/iom-mongolia.vcl with this run's origin, 503 page, site host (the Host
    header of the site's address, with its port: any other is refused) and purge secret (none:
    every purge is refused)."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    page = workdir / "503.html"
    shutil.copy(DEPLOY / "varnish" / "503.html", page)
    secret = workdir / "purge-secret"
    secret.write_text(purge_secret)
    secret.chmod(0o600)
    vcl = (DEPLOY / "varnish" / "iom-mongolia.vcl").read_text()
    vcl = re.sub(r'\.host = "[^"]*";', f'.host = "{backend_host}";', vcl, count=1)
    vcl = re.sub(r'\.port = "[^"]*";', f'.port = "{backend_port}";', vcl, count=1)
    vcl = vcl.replace("/etc/varnish/iom-mongolia-503.html", str(page))
    vcl = vcl.replace("/etc/varnish/iom-mongolia-purge-secret", str(secret))
    vcl = vcl.replace('"mongolia.example.org"', f'"{site_host.lower()}"')
    path = workdir / "iom-mongolia.vcl"
    path.write_text(vcl)
    return path


def start_varnish(workdir, port, backend_port, memory="256m", site_host=None, purge_secret=""):
    """varnishd on `port` in front of `backend_port`; it serves the site host `site_host` (default:
    its own address, 127.0.0.1:port), refuses any other Host, and accepts purges that carry
    `purge_secret`."""
    workdir = Path(workdir)
    vcl = render_vcl(workdir, backend_port, site_host=site_host or f"127.0.0.1:{port}", purge_secret=purge_secret)
    process = start(
        [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-j",
            "none",  # no privilege drop: the files it reads are in the caller's own (private) folders
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(workdir / "varnish"),
            "-s",
            f"malloc,{memory}",
            "-p",
            "thread_pool_min=50",
        ],
        workdir / "varnish.log",
    )
    wait_for_port(port, process=process)
    return process


# moto's S3 server


def start_moto(workdir, port):
    import sys

    process = start(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], Path(workdir) / "moto.log"
    )
    wait_for_port(port, process=process)
    return process


def create_bucket(endpoint, bucket, region="us-east-1"):
    """The media bucket: images and renditions readable by anyone, documents private."""
    import json

    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "stack"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "stack-secret"),
    )
    client.create_bucket(Bucket=bucket)
    policy = json.loads((DEPLOY / "s3-bucket-policy.json").read_text().replace("BUCKET", bucket))
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    return client


# Redis


def start_redis(workdir, port):
    process = start(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        Path(workdir) / "redis.log",
    )
    wait_for_port(port, process=process)
    return process
