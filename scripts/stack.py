"""The production-like stack on this machine: `make stack`, `make stack-stop`.

Starts, in the background: PostgreSQL (a cluster of its own), Redis, moto's S3 server (the media
bucket), two app servers (gunicorn, production settings, on two ports as two machines would be),
nginx in front of them and Varnish in front of nginx, with the configuration files in deploy/.
Ports are picked free in 18000-18999. The environment the app servers use is written to
.stack/env, so that manage.py commands can join the stack:

    set -a; . .stack/env; set +a; .venv/bin/python manage.py createsuperuser

The public URL (Varnish) is printed last. `stop` stops everything `start` started. Each start
is a fresh deployment: moto keeps the bucket in memory, so the database is made anew with it.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import services  # noqa: E402

BASE_DIR = services.BASE_DIR
STACK = Path(os.environ.get("STACK_DIR") or BASE_DIR / ".stack")  # the tests run a stack of their own
STATE = STACK / "state.json"
ENV_FILE = STACK / "env"
PYTHON = sys.executable
BUCKET = "iom-media"
APP_WORKERS = int(os.environ.get("STACK_APP_WORKERS", "2"))


def log(message):
    print(message, flush=True)


def load_state():
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def save_state(state):
    STACK.mkdir(exist_ok=True)
    STATE.write_text(json.dumps(state, indent=2))


def alive(pid):
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def running(state):
    return bool(state.get("pids")) and all(alive(pid) for pid in state["pids"].values())


def read_env(path=ENV_FILE):
    env = {}
    for line in Path(path).read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


# PostgreSQL: a cluster of the stack's own, so that stopping it stops only the stack's database.


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise SystemExit("PostgreSQL is not installed: run scripts/ensure-stack.sh (make stack does).")
    return str(versions[-1] / name)


def as_postgres(args):
    """PostgreSQL refuses to run as root: as root, run it as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def pg_data_dir():
    # Somewhere the postgres user can reach when we are root (a checkout under /root is not); one
    # folder per stack folder, so that two stacks (say, two test runs) never share a database.
    if os.geteuid() == 0:
        digest = hashlib.sha256(str(STACK.resolve()).encode()).hexdigest()[:10]
        path = Path(tempfile.gettempdir()) / f"iom-stack-{digest}" / "postgres"
    else:
        path = STACK / "postgres"
    return path


def start_postgres(data_dir, port, logfile):
    data_dir = Path(data_dir)
    if not (data_dir / "PG_VERSION").exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(data_dir.parent, "postgres")
            shutil.chown(data_dir, "postgres")
        data_dir.chmod(0o700)
        subprocess.run(
            as_postgres(
                [pg_bin("initdb"), "-D", str(data_dir), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    process = services.start(
        as_postgres(
            [
                pg_bin("postgres"),
                "-D",
                str(data_dir),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={data_dir}",
                "-c",
                "max_connections=100",
            ]
        ),
        logfile,
    )
    deadline = time.monotonic() + 30
    while subprocess.run([pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-q"], check=False).returncode:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL did not start: see {logfile}")
        time.sleep(0.2)
    return process


def fresh_database(port, name):
    psql = [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q"]
    subprocess.run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run([*psql, "-c", f'CREATE DATABASE "{name}"'], check=True)


# The app


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def start_app_server(env, port, logfile):
    process = services.start(
        [PYTHON, "-m", "gunicorn", "-c", str(services.DEPLOY / "gunicorn.conf.py"), "iom_mongolia.wsgi"],
        logfile,
        env={**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(APP_WORKERS)},
        cwd=BASE_DIR,
    )
    services.wait_for_port(port, timeout=60, process=process)
    return process


def render_nginx(workdir, port, app_ports, server_name="127.0.0.1"):
    """deploy/nginx/iom-mongolia.conf with this run's ports and paths, serving the host name
    `server_name` (SITE_URL's) only."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    site = (services.DEPLOY / "nginx" / "iom-mongolia.conf").read_text()
    servers = "\n".join(f"    server 127.0.0.1:{app} max_fails=3 fail_timeout=10s;" for app in app_ports)
    site = re.sub(r"(upstream iom_mongolia_app \{\n(?:    #.*\n)*)(?:    server .*\n)+", rf"\g<1>{servers}\n", site)
    site = site.replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{port}")
    site = site.replace("server_name mongolia.example.org;", f"server_name {server_name};")
    # The error pages' snippet names the checkout too: rendered next to the site.
    errors = (services.DEPLOY / "nginx" / "iom-mongolia-errors.conf").read_text()
    (workdir / "errors.conf").write_text(errors.replace("/srv/iom-mongolia/", f"{BASE_DIR}/"))
    site = site.replace("/srv/iom-mongolia/deploy/nginx/iom-mongolia-errors.conf", str(workdir / "errors.conf"))
    site = site.replace("/srv/iom-mongolia/", f"{BASE_DIR}/")
    (workdir / "site.conf").write_text(site)
    main = f"""daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
"""
    (workdir / "nginx.conf").write_text(main)
    return workdir / "nginx.conf"


def start_nginx(workdir, port, app_ports, server_name="127.0.0.1"):
    conf = render_nginx(workdir, port, app_ports, server_name)
    process = services.start(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(workdir)], Path(workdir) / "nginx.log"
    )
    services.wait_for_port(port, process=process)
    return process


def start_scheduler(env, logfile):
    """What deploy/systemd/iom-mongolia-scheduler.timer does: publish_scheduled every 10 minutes."""
    return services.start(
        [
            PYTHON,
            "-c",
            "import subprocess, sys, time\nwhile True:\n    subprocess.run([sys.executable, 'manage.py', 'publish_scheduled'])\n    time.sleep(600)",
        ],
        logfile,
        env={**os.environ, **env},
        cwd=BASE_DIR,
    )


def start_mail_worker(env, logfile):
    """What deploy/systemd/iom-mongolia-worker.service runs: the worker that forwards contact
    messages by e-mail and retries them while the mail server is down (contact/tasks.py)."""
    return services.start(
        [PYTHON, "manage.py", "db_worker", "--backend", "mail", "--no-reload"],
        logfile,
        env={**os.environ, **env},
        cwd=BASE_DIR,
    )


def stack_env(state):
    ports = state["ports"]
    public = f"http://127.0.0.1:{ports['varnish']}"
    return {
        "DJANGO_SETTINGS_MODULE": "iom_mongolia.settings.production",
        "SECRET_KEY": state["secret_key"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The site's address: every address the site writes, and the Site record (load_site_content).
        "SITE_URL": public,
        "CSRF_TRUSTED_ORIGINS": public,
        "WAGTAILADMIN_BASE_URL": public,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on this machine; production has HTTPS in front
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{ports['postgres']}/iom",
        "DB_CONNECT_TIMEOUT": "3",
        "DB_STATEMENT_TIMEOUT": "15000",
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/9",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['moto']}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "stack",
        "AWS_SECRET_ACCESS_KEY": state["s3_secret"],
        # Images are served from the bucket's own address: the CSP lets a browser show them.
        "MEDIA_ORIGIN": f"http://127.0.0.1:{ports['moto']}",
        "FRONTEND_CACHE_VARNISH_URL": public,
        "FRONTEND_CACHE_PURGE_SECRET": state["purge_secret"],
        # nginx sets X-Forwarded-For to the client's address (Varnish's last entry, from Varnish only).
        "TRUSTED_PROXY_COUNT": "1",
        "CACHE_S_MAXAGE": os.environ.get("CACHE_S_MAXAGE", "600"),
        "LOG_LEVEL": "WARNING",
        "STACK_PUBLIC_URL": public,
        "STACK_NGINX_URL": f"http://127.0.0.1:{ports['nginx']}",
        "STACK_APP_URLS": ",".join(f"http://127.0.0.1:{port}" for port in ports["apps"]),
    }


def start(args):
    state = load_state()
    if running(state):
        log(f"The stack is already running.\n{stack_env(state)['STACK_PUBLIC_URL']}/")
        return
    if state.get("pids"):
        stop_all(state)
    STACK.mkdir(exist_ok=True)
    logs = STACK / "logs"
    logs.mkdir(exist_ok=True)
    taken = set()

    def port():
        while True:
            candidate = services.free_port()
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    state = {
        "secret_key": state.get("secret_key") or secrets.token_urlsafe(50),
        "s3_secret": state.get("s3_secret") or secrets.token_urlsafe(24),
        "purge_secret": state.get("purge_secret") or secrets.token_urlsafe(24),
        "pg_data": str(pg_data_dir()),
        "ports": {
            "postgres": port(),
            "redis": port(),
            "moto": port(),
            "apps": [port(), port()],
            "nginx": port(),
            "varnish": port(),
        },
        "pids": {},
    }
    env = stack_env(state)
    ENV_FILE.write_text(
        "# The environment of `make stack`'s app servers: `set -a; . .stack/env; set +a` to join it.\n"
        + "".join(f"{key}={value}\n" for key, value in env.items())
    )
    processes = {}

    def started(name, process):
        processes[name] = process
        state["pids"][name] = process.pid
        save_state(state)

    try:
        ports = state["ports"]
        log(f"PostgreSQL on {ports['postgres']} ...")
        started("postgres", start_postgres(state["pg_data"], ports["postgres"], logs / "postgres.log"))
        fresh_database(ports["postgres"], "iom")
        log(f"Redis on {ports['redis']}, moto's S3 on {ports['moto']} ...")
        redis_dir = STACK / "redis"
        redis_dir.mkdir(exist_ok=True)
        started("redis", services.start_redis(redis_dir, ports["redis"]))
        started("moto", services.start_moto(logs, ports["moto"]))
        os.environ.update(AWS_ACCESS_KEY_ID="stack", AWS_SECRET_ACCESS_KEY=state["s3_secret"])
        services.create_bucket(env["AWS_S3_ENDPOINT_URL"], BUCKET)
        log("migrate, collectstatic, load_site_content ...")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        # Nothing cached yet; it also sets the Site record to SITE_URL's host and port.
        manage({**env, "FRONTEND_CACHE_VARNISH_URL": ""}, "load_site_content")
        for number, app_port in enumerate(ports["apps"], start=1):
            log(f"app server {number} (gunicorn, {APP_WORKERS} workers) on {app_port} ...")
            started(f"app{number}", start_app_server(env, app_port, logs / f"app{number}.log"))
        started("scheduler", start_scheduler(env, logs / "scheduler.log"))
        started("worker", start_mail_worker(env, logs / "worker.log"))
        log(f"nginx on {ports['nginx']}, Varnish on {ports['varnish']} ...")
        site = urlsplit(env["SITE_URL"])
        started("nginx", start_nginx(STACK / "nginx", ports["nginx"], ports["apps"], site.hostname))
        started(
            "varnish",
            services.start_varnish(
                STACK / "varnish",
                ports["varnish"],
                ports["nginx"],
                site_host=site.netloc,
                purge_secret=state["purge_secret"],
            ),
        )
        status = services.wait_for_http(env["STACK_PUBLIC_URL"] + "/en/")
        if status != 200:
            raise RuntimeError(f"the home page answered {status}: see {logs}")
    except BaseException:
        log(f"The stack did not start; logs in {logs}. Stopping what started.")
        stop_all(state)
        raise
    log(f"Environment: {ENV_FILE}; logs: {logs}; stop with `make stack-stop`.")
    log(f"{env['STACK_PUBLIC_URL']}/")


def stop_all(state):
    # The front first, the database last.
    order = ["varnish", "nginx", "scheduler", "worker", "app1", "app2", "moto", "redis", "postgres"]
    pids = state.get("pids", {})
    services.stop_pids([pids[name] for name in sorted(pids, key=lambda n: order.index(n) if n in order else 0)])
    state["pids"] = {}
    save_state(state)


def stop(args):
    state = load_state()
    if not state.get("pids"):
        log("The stack is not running.")
        return
    stop_all(state)
    log("The stack is stopped.")


def main():
    commands = {"start": start, "stop": stop}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        raise SystemExit(f"usage: {sys.argv[0]} {'|'.join(commands)}")
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
