"""The production stack (`make stack`, scripts/stack.py) started for real in a folder of its own:
PostgreSQL, Redis, moto's S3, two gunicorn app servers, nginx and Varnish. Two app servers share
the database, the cache and the media; the database's timeouts make a hung database fail fast;
with the database stopped, the cache keeps answering."""

import importlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler
from PIL import Image

from scripts import services
from tests.http import request

# One stack for the whole module, on one worker: it takes about a minute to start.
pytestmark = pytest.mark.xdist_group("stack")

BASE_DIR = Path(__file__).resolve().parent.parent
S_MAXAGE = 2  # seconds: pages go stale quickly, so that the test sees the cache's grace


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    env = {**os.environ, "STACK_DIR": str(folder), "CACHE_S_MAXAGE": str(S_MAXAGE)}
    script = [sys.executable, str(BASE_DIR / "scripts" / "stack.py")]
    started = subprocess.run([*script, "start"], env=env, capture_output=True, text=True, timeout=300)
    assert started.returncode == 0, started.stdout + started.stderr
    public = started.stdout.strip().splitlines()[-1].rstrip("/")
    from scripts.stack import read_env

    values = read_env(folder / "env")
    assert public == values["STACK_PUBLIC_URL"], "the public URL is printed last"
    yield {"env": values, "public": public, "apps": values["STACK_APP_URLS"].split(","), "folder": folder}
    subprocess.run([*script, "stop"], env=env, capture_output=True, timeout=120)


def manage(stack, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **stack["env"]},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def cookies_from(response, jar):
    for name, value in re.findall(r"(?:^|, )(\w+)=([^;,]*)", response.headers.get("set-cookie", "")):
        jar[name] = value
    return jar


def cookie_header(jar):
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(app, username, password, code=None):
    jar = {}
    form = request(app + "/admin/login/")
    cookies_from(form, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    body = f"csrfmiddlewaretoken={token}&username={username}&password={password}&next=/admin/"
    signed_in = request(
        app + "/admin/login/",
        method="POST",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)},
    )
    assert signed_in.status == 302, signed_in.text[:500]
    cookies_from(signed_in, jar)
    if code:
        prompt = request(app + "/admin/2fa/auth", headers={"Cookie": cookie_header(jar)})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', prompt.text).group(1)
        verified = request(
            app + "/admin/2fa/auth",
            method="POST",
            body=f"csrfmiddlewaretoken={token}&otp_token={code}",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)},
        )
        assert verified.status == 302, verified.text[:500]
        cookies_from(verified, jar)
    return jar


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, kind) in files.items():
        header = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(header.encode() + f"Content-Type: {kind}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_the_stack_serves_the_site_through_the_cache(stack):
    home = request(stack["public"] + "/en/")
    assert home.status == 200 and "IOM" in home.text
    assert request(stack["public"] + "/en/").cache == "HIT"
    assert request(stack["public"] + "/static/css/site.css").status == 200  # nginx serves static files
    for app in stack["apps"]:
        assert request(app + "/mn/").status == 200


def test_an_image_uploaded_through_one_app_server_renders_through_the_other(stack):
    manage(
        stack,
        "shell",
        "-c",
        (
            "from django.contrib.auth import get_user_model; "
            "from django_otp.plugins.otp_static.models import StaticDevice; "
            "user = get_user_model().objects.create_superuser("
            "'stackeditor', 'editor@example.org', 'a long stack password'); "
            "StaticDevice.objects.create(user=user, name='Recovery codes').token_set.create(token='stackcode')"
        ),
    )
    first, second = stack["apps"]
    # Production asks for a second factor: the editor signs in with a recovery code.
    jar = sign_in(first, "stackeditor", "a long stack password", code="stackcode")
    upload_form = request(first + "/admin/images/add/", headers={"Cookie": cookie_header(jar)})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', upload_form.text).group(1)
    picture = io.BytesIO()
    Image.new("RGB", (640, 400), (0, 51, 160)).save(picture, "JPEG")
    body, kind = multipart(
        {"csrfmiddlewaretoken": token, "title": "Shared storage", "alt_text": "A blue square", "collection": "1"},
        {"file": ("shared-storage.jpg", picture.getvalue(), "image/jpeg")},
    )
    uploaded = request(
        first + "/admin/images/add/",
        method="POST",
        body=body,
        headers={"Content-Type": kind, "Cookie": cookie_header(jar)},
    )
    assert uploaded.status == 302, uploaded.text[:2000]

    # The other app server (same session, database and bucket) makes a rendition from the original.
    listing = request(second + "/admin/images/?q=Shared", headers={"Cookie": cookie_header(jar)})
    assert listing.status == 200
    image_id = re.search(r"/admin/images/(\d+)/", listing.text).group(1)
    edit = request(second + f"/admin/images/{image_id}/", headers={"Cookie": cookie_header(jar)})
    assert edit.status == 200
    bucket_urls = re.findall(r'src="(http://127\.0\.0\.1:\d+/iom-media/images/[^"]+)"', edit.text)
    assert bucket_urls, "the rendition is served from the bucket"
    rendition = request(bucket_urls[0].replace("&amp;", "&"))
    assert rendition.status == 200 and rendition.headers["content-type"].startswith("image/")


QUEUE_A_CONTACT_MESSAGE = """
from contact.models import ContactPage, ContactSubmission
from contact.tasks import forward_contact_message
page = ContactPage.objects.live().first()
data = {"topic": "", "name": "Stack", "email": "stack@example.org", "message": "Hello", "consent": True}
submission = ContactSubmission.objects.create(form_data=data, page=page)
forward_contact_message.enqueue(submission.pk, ["desk@iom.example.org"])
print(submission.pk)
"""


def test_the_mail_worker_forwards_contact_messages(stack):
    """make stack runs the mail worker (as deploy/systemd/iom-mongolia-worker.service): a queued
    message is tried within seconds. No mail server listens here, so it waits for its next try."""
    submission_id = manage(stack, "shell", "--no-imports", "-c", QUEUE_A_CONTACT_MESSAGE).split()[-1]
    read_status = f"from contact.models import ContactSubmission; print(ContactSubmission.objects.get(pk={submission_id}).mail_status)"
    deadline = time.monotonic() + 60
    while (
        status := manage(stack, "shell", "--no-imports", "-c", read_status).strip()
    ) == "pending" and time.monotonic() < deadline:
        time.sleep(1)
    assert status in {"retrying", "sent"}


RESTRICTED_MEDIA = """
import datetime, io, json
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django_otp.plugins.otp_static.models import StaticDevice
from PIL import Image as Picture
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, UploadedFile
from pages.models import ResourceDocument

def jpeg(name):
    data = io.BytesIO()
    Picture.new("RGB", (640, 400), (0, 51, 160)).save(data, "JPEG")
    return ImageFile(data, name=name)

Image = get_image_model()
root = Collection.get_first_root_node()
internal = root.add_child(name="Stack internal")
CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
image = Image.objects.create(title="Stack private photo", collection=internal, file=jpeg("stack-private.jpg"))
public = Image.objects.create(title="Stack public photo", collection=root, file=jpeg("stack-public.jpg"))
renditions = [image.get_rendition("fill-320x200|format-webp")]
renditions += image.get_renditions("width-1200|format-jpeg", "fill-1200x630|format-jpeg", "original").values()
document = ResourceDocument.objects.create(
    title="Stack memo", collection=internal, publication_date=datetime.date(2024, 5, 1), resource_type="study"
)
document.file.save("stack-memo.pdf", ContentFile(b"%PDF-1.4 a staff memo"))
staged = [
    UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(model), file=ContentFile(content, name=name)
    ).file.name
    for model, content, name in [(ResourceDocument, b"%PDF-1.4 staged", "stack-staged.pdf"), (Image, b"jpeg", "stack-staged.jpg")]
]
user = get_user_model().objects.create_superuser("stackviewer", "viewer@example.org", "a long viewer password")
StaticDevice.objects.create(user=user, name="Recovery codes").token_set.create(token="viewercode")
print(json.dumps({
    "image": [image.file.name] + [rendition.file.name for rendition in renditions],
    "urls": [image.file.url] + [rendition.url for rendition in renditions],
    "document": [document.file.name, document.url],
    "staged": staged,
    "public": [public.file.url, public.get_rendition("fill-320x200|format-webp").url],
}))
"""


def test_nothing_in_a_restricted_collection_reaches_anonymous_visitors(stack):
    """An image (original and every rendition), a document and the staging copies of uploads in a
    collection restricted to signed-in users: refused by the bucket, by nginx under /media/ and by
    the app through Varnish (never cached); a signed-in user gets them; public images stay plain
    bucket addresses."""
    made = json.loads(manage(stack, "shell", "--no-imports", "-c", RESTRICTED_MEDIA).strip().splitlines()[-1])
    bucket = f"{stack['env']['AWS_S3_ENDPOINT_URL']}/{stack['env']['AWS_STORAGE_BUCKET_NAME']}/"
    private_names = made["image"] + [made["document"][0]] + made["staged"]
    assert all(name.startswith("restricted_images/") for name in made["image"])
    for name in private_names:
        assert request(bucket + name).status == 403, f"{name} is readable in the bucket"
        for path in (name, name.removeprefix("restricted_images/")):  # also where a public image would be
            through_nginx = request(stack["public"] + "/media/" + path)
            assert through_nginx.status == 404, (path, through_nginx.status)

    addresses = made["urls"] + [made["document"][1]]
    assert all(url.startswith("/private-media/restricted_images/") for url in made["urls"])
    for url in addresses:
        for _ in range(2):  # the second time too: Varnish keeps no copy
            refused = request(stack["public"] + url)
            assert refused.status == 302 and "login" in refused.headers["location"], (url, refused.status)
            assert refused.cache != "HIT" and "private" in refused.headers["cache-control"]

    jar = sign_in(stack["public"], "stackviewer", "a long viewer password", code="viewercode")
    for url in addresses:
        served = request(stack["public"] + url, headers={"Cookie": cookie_header(jar)})
        assert served.status == 200, (url, served.status)
        assert served.headers["content-type"].startswith(("image/", "application/pdf")), url
        assert "private" in served.headers["cache-control"]
        assert request(stack["public"] + url).status == 302, "a signed-in copy never reaches anyone else"

    for url in made["public"]:  # public images: straight from the bucket, no app in the way
        assert url.startswith(bucket) and request(url).status == 200


def test_the_database_has_a_statement_timeout(stack, django_db_blocker):
    shown = manage(
        stack,
        "shell",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])",
    )
    assert shown.strip().splitlines()[-1] == "15s"
    handler = database(stack["env"]["DATABASE_URL"], statement_timeout="300")
    started = time.monotonic()
    with django_db_blocker.unblock(), pytest.raises(OperationalError, match="statement timeout"):
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
    assert time.monotonic() - started < 2
    handler.close_all()


def test_a_hung_database_fails_fast(django_db_blocker):
    """A server that accepts connections and never answers: the connection timeout ends the wait."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        handler = database(f"postgres://postgres@127.0.0.1:{hung.getsockname()[1]}/iom", connect_timeout="1")
        started = time.monotonic()
        with django_db_blocker.unblock(), pytest.raises(OperationalError):
            handler["default"].ensure_connection()
        assert time.monotonic() - started < 4


def database(url, connect_timeout="3", statement_timeout="15000"):
    """A connection configured exactly as the settings configure DATABASE_URL."""
    import iom_mongolia.settings.base as base

    saved = {key: os.environ.get(key) for key in ("DATABASE_URL", "DB_CONNECT_TIMEOUT", "DB_STATEMENT_TIMEOUT")}
    os.environ.update(DATABASE_URL=url, DB_CONNECT_TIMEOUT=connect_timeout, DB_STATEMENT_TIMEOUT=statement_timeout)
    try:
        config = importlib.reload(base).DATABASES["default"]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        importlib.reload(base)
    assert config["OPTIONS"]["connect_timeout"] == int(connect_timeout)
    return ConnectionHandler({"default": {**config, "CONN_MAX_AGE": 0}})


# The edge (issue 18): nginx, Varnish and gunicorn as deploy/ configures them.


def nginx_url(stack):
    return stack["env"]["STACK_NGINX_URL"]


def test_no_version_in_server_and_health_is_not_served_through_the_cache(stack):
    for url in (stack["public"] + "/en/", nginx_url(stack) + "/en/", stack["public"] + "/no-such-page/"):
        response = request(url)
        assert not re.search(r"\d", response.headers.get("server", "")), (url, response.headers.get("server"))
        assert "via" not in response.headers and "x-varnish" not in response.headers
    for path in ("/healthz/", "/livez/"):
        assert request(stack["public"] + path).status == 404  # never through the cache
        started = time.monotonic()
        assert request(stack["apps"][0] + path).status == 200
        assert time.monotonic() - started < 2


def long_address(length):
    """A request line of exactly `length` characters (without its CRLF)."""
    path = "/en/who-we-are/?q="
    return path + "x" * (length - len("GET ") - len(path) - len(" HTTP/1.1"))


def test_request_lines_up_to_nginx_limit_reach_the_app_longer_get_the_branded_414(stack):
    """Found: 4,080-8,192 characters got gunicorn's bare 400 without security headers, and
    nginx's 414 above that was cached by Varnish."""
    for length in [4100, 6000, *range(8100, 8200, 9), 8200, 9000, 20000]:
        response = request(nginx_url(stack) + long_address(length))
        assert response.status != 400, (length, response.text[:200])
        if response.status == 414:
            assert "Address too long" in response.text and 'lang="mn"' in response.text, length
            assert length > 8000, length
        else:
            assert "x-request-id" in response.headers, length  # the app answered
        assert "default-src 'none'" in response.headers["content-security-policy"], length
        assert response.headers["x-content-type-options"] == "nosniff"
    too_long = stack["public"] + long_address(9000)
    for _ in range(2):
        response = request(too_long)
        assert response.status == 414 and "Address too long" in response.text
        assert response.cache == "MISS"  # never stored


def searches(url, count, source, forged):
    statuses = []
    for number in range(count):
        headers = {"X-Forwarded-For": forged(number), "X-Real-IP": forged(number)}
        statuses.append(request(url + f"/en/search/?q=x{number}", headers=headers, source_address=source).status)
    return statuses


def test_a_forged_x_forwarded_for_does_not_escape_the_search_limit(stack):
    """Found: through nginx directly, each forged X-Forwarded-For got a limit of its own. nginx
    sets the header from the connection's address unless the peer is the cache (127.0.0.1)."""
    direct = searches(nginx_url(stack), 32, "127.0.0.3", lambda n: f"203.0.113.{n}")
    assert 429 in direct[30:], direct
    through_cache = searches(stack["public"], 32, "127.0.0.4", lambda n: f"198.51.100.{n}, 203.0.113.{n}")
    assert 429 in through_cache[30:], through_cache


def restart(stack, name):
    """Start again a service stopped by a test, on its port, and record it for the stop."""
    import json

    from scripts import stack as stack_script

    state_file = stack["folder"] / "state.json"
    state = json.loads(state_file.read_text())
    port = state["ports"][name]
    logs = stack["folder"] / "logs"
    if name == "redis":
        process = services.start_redis(stack["folder"] / "redis", port)
    else:
        process = stack_script.start_postgres(state["pg_data"], port, logs / "postgres-again.log")
    state["pids"][name] = process.pid
    state_file.write_text(json.dumps(state, indent=2))


def stop(stack, name):
    import json

    services.stop_pid(json.loads((stack["folder"] / "state.json").read_text())["pids"][name])


def assert_ready(stack, expected, within=0):
    """Each app server's readiness answers `expected` within 2 s, at once or, after a recovery,
    within `within` seconds (the app leaves a failed Redis alone for REDIS_BREAKER_SECONDS)."""
    deadline = time.monotonic() + within
    for app in stack["apps"]:
        while True:
            started = time.monotonic()
            response = request(app + "/healthz/")
            assert time.monotonic() - started < 2.5, "readiness within 2 s"
            if response.status == expected or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert response.status == expected, response.text


def test_with_redis_then_postgresql_stopped_readiness_answers_and_editors_get_the_branded_page(stack):
    """Found: nginx marked both app servers failed on their own 503s (a failing healthz, the
    outage page): editors got "no live upstreams" 11,384 times in one PostgreSQL stop."""
    editor = {"Cookie": "sessionid=an-editor"}  # a session: Varnish passes it to the app
    nginx_log = stack["folder"] / "nginx" / "error.log"
    before = nginx_log.read_text().count("no live upstreams") if nginx_log.exists() else 0
    try:
        stop(stack, "redis")
        assert_ready(stack, 503)
        for _ in range(8):  # the app's 503s: none of them takes an app server out
            assert request(nginx_url(stack) + "/healthz/").status == 503
        assert request(stack["public"] + "/en/who-we-are/", headers=editor).status == 200  # fails open
    finally:
        restart(stack, "redis")
    assert_ready(stack, 200, within=int(stack["env"].get("REDIS_BREAKER_SECONDS", "30")) + 15)

    try:
        stop(stack, "postgres")
        assert_ready(stack, 503)
        for _ in range(8):
            response = request(stack["public"] + "/en/who-we-are/about/", headers=editor)
            assert response.status == 503 and "The site is briefly unavailable" in response.text
            assert response.headers["retry-after"].isdigit()
    finally:
        restart(stack, "postgres")
    deadline = time.monotonic() + 30
    while request(stack["public"] + "/en/who-we-are/about/", headers=editor).status != 200:
        assert time.monotonic() < deadline, "the site did not recover without a restart"
        time.sleep(0.5)
    assert_ready(stack, 200, within=15)
    after = nginx_log.read_text().count("no live upstreams") if nginx_log.exists() else 0
    assert after == before


def test_with_the_database_stopped_cached_pages_answer_and_others_get_the_503_page(stack):
    """Runs last: it stops the stack's database."""
    public = stack["public"]
    cached = ["/en/", "/mn/", "/en/our-work/"]
    for path in cached:
        request(public + path)
        assert request(public + path).cache == "HIT"
    state = __import__("json").loads((stack["folder"] / "state.json").read_text())
    services.stop_pid(state["pids"]["postgres"])

    time.sleep(S_MAXAGE + 1)  # every cached page is now stale: served from the cache's grace
    for path in cached:
        response = request(public + path)
        assert response.status == 200, path
        assert "IOM" in response.text

    never_cached = request(public + "/en/who-we-are/about/")
    # Never cached: the app's own outage page comes through the cache (not stored).
    assert never_cached.status == 503
    assert "The site is briefly unavailable" in never_cached.text and never_cached.cache == "MISS"

    started = time.monotonic()
    direct = request(stack["apps"][0] + "/en/who-we-are/about/")
    # The app server's own outage page (operations.views), with a time to try again.
    assert direct.status == 503 and "The site is briefly unavailable" in direct.text
    assert direct.headers["retry-after"].isdigit()
    assert time.monotonic() - started < 10
