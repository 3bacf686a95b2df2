"""Production: every secret comes from the environment, and the site refuses to
start without them. Serve over HTTPS behind a proxy that sets X-Forwarded-Proto."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from core.site_address import parse as parse_site_url

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: set the "
        "SECRET_KEY environment variable to a long random string (see docs/deployment.md)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the site's host names, comma-separated.")

# The site's address, which every address the site writes is built from (core/site_address.py):
# never the request's Host header, which Django checks against ALLOWED_HOSTS without its port.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL is not set: give the site's public address, e.g. https://mongolia.iom.int (see docs/deployment.md)."
    )
_site_scheme, _site_hostname, _site_port = parse_site_url(SITE_URL)
if not validate_host(_site_hostname, ALLOWED_HOSTS):
    raise ImproperlyConfigured(f"SITE_URL's host name {_site_hostname!r} is not in ALLOWED_HOSTS.")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip() or SITE_URL

# HTTPS behind a proxy
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# The load balancer's health probe may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^livez/$"]
# Moderators and administrators sign in with a second factor (docs/editor-guide.md).
WAGTAIL_2FA_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
# Behind the documented proxy (nginx, deploy/nginx/iom-mongolia.conf): one proxy appends to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1")
)  # Wagtail's preview views override this for the admin's own frames

STORAGES = {
    **STORAGES,  # media: local disk, or object storage when AWS_STORAGE_BUCKET_NAME is set (base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Redis cache that fails open: a Redis outage slows the site down but never breaks it, and a
# Redis that hangs costs at most one short timeout (operations/cache.py).
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    from operations.cache import redis_cache

    CACHES = {"default": redis_cache(REDIS_URL, float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25")))}
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    # The circuit breaker logs one warning when Redis fails, not one traceback per cache call.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
REDIS_BREAKER_SECONDS = int(os.environ.get("REDIS_BREAKER_SECONDS", "30"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
# A mail server that accepts the connection and then hangs must not hold the mail worker: the
# attempt fails after this many seconds and is retried later (contact/tasks.py).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Error reporting (optional): exceptions and error log lines go to Sentry, or any service that
# speaks its protocol, when SENTRY_DSN is set. No personal data is sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
