"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; see
docs/deployment.md for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The foundation, then the feature apps (their seeders run in this order), then the public
    # utility views. Dependencies flow one way: core <- feature apps <- search.
    "core",
    "pages",
    "people",
    "partners",
    "news",
    "opportunities",
    "contact",
    "recycle_bin",  # deleting a page puts it in the recycle bin, a moderator restores it
    "search",
    "api",  # the read-only open data API at /api/v2/ (docs/api.md)
    "operations",
    "editorial",  # before wagtail.admin: overrides its login template
    "compat",  # the one place that relies on upstream internals (docs/upgrading.md)
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "csp",
    "django_ratelimit",
    "health_check",
    "django_tasks",
    "django_tasks_db",  # the "mail" task backend's table (TASKS below)
]

MIDDLEWARE = [
    "operations.middleware.RequestIdMiddleware",  # first: every log line of the request carries its id
    "api.middleware.CorsMiddleware",  # /api/ only: GET from any origin
    "core.cache_headers.CacheHeadersMiddleware",  # outside the rest: sees every cookie the others set
    "django.middleware.security.SecurityMiddleware",
    "operations.security.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "operations.middleware.RequestLimitsMiddleware",  # before LocaleMiddleware: bounds its redirects
    "api.middleware.LocaleMiddleware",  # Django's, without its /en/ redirect of the API's 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: users with the enable_2fa permission (moderators, administrators)
    # must enrol when WAGTAIL_2FA_REQUIRED is on; a user with a device is always asked for its code.
    "compat.two_factor.VerifyUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "operations.ratelimits.RateLimitMiddleware",
    "editorial.auth.AccountThrottleMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "iom_mongolia.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "iom_mongolia.wsgi.application"

# An SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` on SQLite: an autosave and a submit at the same moment wait for each other
    # (write-ahead log, writes take the lock up front, 20 s patience) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
# A hung database fails requests fast (the site's error page, or the page cache's stale copy)
# instead of holding every worker: a connection timeout, and a statement timeout on PostgreSQL.
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))  # seconds
DB_STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", "15000"))  # milliseconds, under gunicorn's 30 s
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DB_CONNECT_TIMEOUT, options=f"-c statement_timeout={DB_STATEMENT_TIMEOUT}"
    )
# While a request is handled, a query (or commit) that takes longer than this many seconds is
# abandoned and the visitor gets the 503 page (operations/database.py); 0 turns it off.
DATABASE_DEADLINE = float(os.environ.get("DATABASE_DEADLINE", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Mongolian, the language is in every public URL.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("mn", _("Mongolian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# wagtail-localize publishes a new translation of a published object at once (a Mongolian key
# figure or partner, live with the English text). Off: translations of reviewed content (pages and
# the reviewed snippets, all DraftStateMixin) start as drafts and go through review like any change.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [
    BASE_DIR / "locale",  # the project's own strings: `make messages` writes them here
    # Mongolian for Wagtail's and wagtail-localize's screens where their own catalogues lack it
    # (scripts/admin_translation_coverage.py); ahead of theirs, and left alone by `make messages`.
    BASE_DIR / "locale_wagtail",
]
TIME_ZONE = "Asia/Ulaanbaatar"
# Dates as each language writes them ("2 December 2026", "2026 оны 12-р сарын 2").
FORMAT_MODULE_PATH = ["iom_mongolia.formats"]
# The zones offered under Account -> Current time zone. Wagtail's default is every name Python's
# zoneinfo knows, and Chromium refuses one of them ("localtime"): the account page's script
# stopped with "RangeError: Invalid time zone" (tests/browser/test_admin_small_items.py).
WAGTAIL_USER_TIME_ZONES = ["Asia/Ulaanbaatar", "Asia/Hovd", "UTC"]  # Mongolia's two zones, and UTC
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files waiting in Wagtail's multiple uploader for their details ("wagtail_uploads/"), on local
# disk: outside MEDIA_ROOT, never served (editorial/staging.py). Shared by the app servers.
UPLOAD_STAGING_ROOT = Path(os.environ.get("UPLOAD_STAGING_ROOT", BASE_DIR / "upload-staging"))

STORAGES = {
    "default": {"BACKEND": "editorial.staging.MediaFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media (original images, renditions, documents) in S3-compatible object storage when a bucket is
# named, so that every app server shares them; MEDIA_ROOT on local disk otherwise. Credentials come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (read by boto3). The bucket's policy
# (deploy/s3-bucket-policy.json) lets anyone read images and renditions, by plain URLs that cached
# pages can keep; documents, and the images of restricted collections ("restricted_images/",
# core/private_media.py), stay private in the bucket and are served through the app, which checks
# their privacy on each request.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "editorial.staging.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # e.g. another provider's S3 API
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,  # e.g. a CDN in front of the bucket
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": None,  # the bucket policy decides who reads what
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Wagtail
WAGTAIL_SITE_NAME = "IOM Mongolia"
# The site's one public address (core/site_address.py, docs/deployment.md): every address the site
# writes (canonical, hreflang, og:url, JSON-LD, sitemap, feeds, e-mails) is built from it, never
# from the request's Host header. Production requires it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip() or SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MB
WAGTAILDOCS_DOCUMENT_FORM_BASE = "editorial.forms.DocumentForm"
# Documents are always served through the app, which checks collection restrictions (never a
# direct or signed link to the stored file; see core/documents.py and docs/deployment.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads: JPEG, PNG, WebP and AVIF only (no SVG), at most 10 MB and 40 megapixels.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The upload form removes location and camera metadata and refuses decompression bombs.
WAGTAILIMAGES_IMAGE_FORM_BASE = "editorial.images.ImageForm"
# Documents carry a date, a type and work areas, for Data and Resources.
WAGTAILDOCS_DOCUMENT_MODEL = "pages.ResourceDocument"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin's editing: no autosave (docs/developer-guide.md, "Autosave is off"); what is typed in a
# rich text field reaches the form even when it is submitted at once (compat/, docs/upgrading.md).
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Embeds render as links, never as third-party players (core/embeds.py).
WAGTAILEMBEDS_FINDERS = [{"class": "core.embeds.LinkFinder"}]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to a third-party avatar service from the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# The page cache in front (core/cache_headers.py, core/frontend_cache.py): anonymous pages are
# kept by the shared cache for CACHE_S_MAXAGE seconds, and purged when an editor publishes.
CACHE_CONTROL = {
    "max_age": int(os.environ.get("CACHE_MAX_AGE", "60")),
    "s_maxage": int(os.environ.get("CACHE_S_MAXAGE", "600")),
    "stale_while_revalidate": int(os.environ.get("CACHE_STALE_WHILE_REVALIDATE", "60")),
    "stale_if_error": int(os.environ.get("CACHE_STALE_IF_ERROR", "86400")),
}
# Purges go to every cache configured here: Varnish (an HTTP PURGE), Cloudflare, CloudFront.
# The open data API (api/): at most this many items per response (?limit=).
WAGTAILAPI_LIMIT_MAX = 100

WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_VARNISH_URL"):  # e.g. http://127.0.0.1:6081
    WAGTAILFRONTENDCACHE["varnish"] = {
        # Wagtail's HTTP backend with the shared secret Varnish asks for (core/varnish_purge.py).
        "BACKEND": "core.varnish_purge.VarnishBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"],
        "PURGE_SECRET": os.environ.get("FRONTEND_CACHE_PURGE_SECRET", ""),
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):  # AWS credentials from the usual AWS_* variables
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudFrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Each purged address is purged in every language: /en/about/ and /mn/about/.
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]

# Login throttling (django-axes): 5 failed sign-ins from one address lock it for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "editorial.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_TEMPLATE = "editorial/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "operations.network.client_ip_address"
# Sign-in throttling per account (editorial/auth.py): this many failures to one account from
# anywhere pause it for the window, except at addresses that signed in to it before.
LOGIN_ACCOUNT_FAILURE_LIMIT = 10
LOGIN_ACCOUNT_WINDOW = 15 * 60
AXES_ENABLE_ADMIN = False
# Two-factor sign-in (wagtail-2fa, django-otp): optional here and in `make run`, required for
# moderators and administrators in production (TWO_FACTOR_REQUIRED). Codes from an authenticator
# app (TOTP); one-time recovery codes for a lost phone (editorial/two_factor.py).
WAGTAIL_2FA_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "IOM Mongolia"  # the project has no Django admin; lockouts are cleared with `manage.py axes_reset`
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For
# (production defaults to one: the documented nginx).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Rate limits per address (operations/ratelimits.py), counted in the default cache; a cache
# outage lifts them rather than breaking the site. RATE_LIMITS overrides a group's rate.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
RATE_LIMITS = {}
# A per-process cache (no REDIS_URL) still limits each worker; production uses Redis.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Content-Security-Policy (django-csp, applied by operations.security): strict on public pages,
# nothing inline, nothing from another site; the admin gets one Wagtail's admin works with.
MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN", "")  # e.g. object storage serving media, if not this site
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],  # Wagtail's panels and widgets carry inline scripts
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],  # page previews
        "worker-src": ["'self'", "blob:"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
    }
}

# One JSON object a line on stderr: time, level, logger, request id, message (operations/logs.py).
# The contact form (contact app): at most 5 messages per 10 minutes from one address, counted in the
# shared cache (Redis in production) by django-ratelimit; messages are deleted after a retention
# period by `manage.py delete_old_contact_messages` (run it daily), and the privacy notice says so.
CONTACT_FORM_RATE_LIMIT = os.environ.get("CONTACT_FORM_RATE_LIMIT", "5/10m")
CONTACT_SUBMISSION_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", "180"))
RATELIMIT_IP_META_KEY = "editorial.auth.client_ip_address"  # the visitor's address behind trusted proxies

# Background work (django-tasks). Wagtail's own tasks (search and reference index, cache purges)
# run at once, in the request, as they always have. Contact mail goes to the "mail" backend: rows in
# the database that `manage.py db_worker --backend mail` runs (make run, make stack, systemd), so that
# a mail outage delays messages and loses none (contact/tasks.py retries for 24 hours).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "operations.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests with a Host header not in ALLOWED_HOSTS are answered 400; scanners send
        # thousands of them, and a traceback for each is noise.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
        # Background tasks and Wagtail's audit messages are noisy at INFO on the console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts are warnings; every start-up is not news
    },
}
