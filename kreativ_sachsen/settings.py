"""Settings for Kreativ Sachsen.

One module for every environment: all deployment-specific values come from environment
variables (see README, "Configuration"). Defaults are safe for production; local
development opts in with DEBUG=1.
"""

import importlib.util
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kreativ_sachsen.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret_key,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret_key(
    "SECRET_KEY",
    debug=DEBUG,
    development_default="development-only-key-never-used-in-production-0123456789abcdef",
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
    "django_filters",
    "axes",
    "simple_history",
    # The database queue of Django's tasks framework (TASKS below).
    "django_tasks_db",
    # Ours, from the bottom floor up (docs/architecture.md).
    "kern",
    "betrieb",
    "postausgang",
    "verbaende",
    "teilmaerkte",
    "medien",
    "mitglieder",
    "veranstaltungen",
    "seiten",
    "beratung",
    "aktuelles",
    "anmeldungen",
    "raeume",
    "kooperationen",
    "verzeichnis",
    "kontakt",
    "benachrichtigungen",
    "konten",
    "moderation",
    "einlesen",
    "portal",
    "karte",
    "statistik",
    "daten",
    "einbetten",
]
# Demo content is for development and tests only: its commands need Faker, a development
# dependency that a production install (`uv sync --no-dev`) leaves out.
if importlib.util.find_spec("faker") is not None:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: load balancers ask /healthz by IP over plain HTTP, before host checks and the
    # HTTPS redirect; and oversized bodies are refused before anything reads them.
    "betrieb.middleware.HealthCheckMiddleware",
    "betrieb.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above whitenoise, so static files carry the header too.
    "betrieb.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which serves static files compressed ahead of time; above everything
    # that writes a page's body. Against BREACH, Django's GZipMiddleware adds up to 100
    # random bytes to every compressed response ("Heal The Breach"), on top of the masked
    # CSRF token that changes with each page.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the two above: tells staff when a mail their request caused failed.
    "postausgang.middleware.FailedNotificationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kreativ_sachsen.urls"
FORM_RENDERER = "kern.forms.SiteFormRenderer"
# The empty choice of django-filter's selects, worded as kern.choices words every other one.
FILTERS_EMPTY_CHOICE_LABEL = _("Please choose")
WSGI_APPLICATION = "kreativ_sachsen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kreativ_sachsen.context_processors.site",
            ],
        },
    },
]


def _database_config() -> dict:
    url = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # IMMEDIATE avoids "database is locked" when two requests upgrade to writers.
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    elif engine == "django.db.backends.postgresql":
        from psycopg_pool import ConnectionPool

        config["OPTIONS"] = {
            # libpq gives up on an unreachable server after this many seconds.
            "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 2, minimum=1),
            # The planner's default (4) prices a random page read as on a spinning disk. Our
            # tables live in memory or on SSD; at the default, a directory search matching a
            # tenth of 200 000 profiles read all of them (290 ms) instead of its index (75).
            "options": "-c random_page_cost=1.1",
        }
        if env_bool("DB_POOL", True):
            # psycopg's pool keeps connections open across requests; Django then wants
            # CONN_MAX_AGE 0. A request waits at most DB_POOL_TIMEOUT seconds for one, so
            # a database outage turns into a quick 503 instead of hanging workers.
            config["CONN_MAX_AGE"] = 0
            config["OPTIONS"]["pool"] = {
                "min_size": env_int("DB_POOL_MIN_SIZE", 1, minimum=0),
                # As many as a gunicorn worker has threads (WEB_THREADS, default 4).
                "max_size": env_int("DB_POOL_MAX_SIZE", 4, minimum=1),
                "timeout": env_int("DB_POOL_TIMEOUT", 1, minimum=1),
                # A connection the server dropped (restart, failover) is replaced, not used.
                "check": ConnectionPool.check_connection,
                # The pool retries a lost server with growing pauses (1, 2, 4, 8 … s). Giving
                # up after a few seconds lets the next request start afresh at once, so the
                # site is back about a second after the database, however long it was away.
                "reconnect_timeout": 3,
            }
        else:
            config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point at SQLite or PostgreSQL, not {engine or url!r}."
        )
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Then the per-client limit across all accounts (konten.login_throttle).
    "konten.login_throttle.ClientLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 for new and changed passwords; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "konten:login"
LOGIN_REDIRECT_URL = "self_service:overview"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Login throttling (django-axes): after 5 failures for one address (in any spelling) from
# one client, that combination waits 15 minutes; 20 failures from one client across all
# accounts pause its logins for up to an hour (konten.login_throttle). The lockout page
# explains either in German.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "konten.login_throttle.axes_username"
AXES_LOCKOUT_CALLABLE = "konten.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: German first, English available under /en/.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files are hashed and compressed at collectstatic time and served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)


# Request bodies: a form with one image of at most 10 MB fits; anything larger is refused
# before it is read (betrieb.middleware.RequestBodyLimitMiddleware, German 413 page).
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_MB", 12, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields without files: 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20


def _media_storage() -> dict:
    """Uploaded images on the file system, or in an S3-compatible bucket when one is named."""
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    missing = [name for name in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY") if not env_str(name)]
    if missing:
        raise ImproperlyConfigured(
            f"S3_BUCKET is set, so media go to S3, but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing."
        )
    options = {
        "bucket_name": bucket,
        "access_key": env_str("S3_ACCESS_KEY_ID"),
        "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
        "location": env_str("S3_PREFIX", "media"),
        # Renditions are public images: plain URLs, no expiring signatures in cached pages.
        "querystring_auth": False,
        "default_acl": None,
        # Names are random already; never let two uploads share one.
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": _media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Cookies are Secure unless explicitly running over plain HTTP (local DEBUG).
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14, minimum=300)
# Each request renews the two weeks, so active members stay logged in and idle ones do not.
SESSION_SAVE_EVERY_REQUEST = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS everywhere in production: redirect plain HTTP, and tell browsers for a year.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Allows submitting the domain to the browsers' preload list; only that submission commits.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto and
# appends the client's address to X-Forwarded-For. Login throttling and the contact form's
# rate limits then count the address the nearest of PROXY_COUNT proxies saw, not the
# proxy's own (which all visitors would share) nor one a client made up.
PROXY_COUNT = 0
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    PROXY_COUNT = env_int("PROXY_COUNT", 1, minimum=1)
AXES_CLIENT_IP_CALLABLE = "kern.client_ip.client_ip"
CSRF_COOKIE_SAMESITE = "Lax"
# A German page in the site's design, without the inline CSS of Django's default.
CSRF_FAILURE_VIEW = "betrieb.views.csrf_failure"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Django's built-in Content Security Policy: everything from our own origin only,
# no inline scripts or styles, nothing embeddable elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


def _cache_config() -> dict:
    """Redis when CACHE_URL or REDIS_URL names one (shared by every app process), else a
    cache in each process's memory."""
    url = env_str("CACHE_URL") or env_str("REDIS_URL")
    if not url or url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"CACHE_URL={url!r} is not supported; use redis://host:6379/0, rediss://… or locmem://."
        )
    return {
        # Django's Redis backend; an outage degrades to "uncached" (betrieb.cache).
        "BACKEND": "betrieb.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kreativ"),
        # Give up on an unreachable Redis quickly.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


CACHES = {"default": _cache_config()}
# How long anonymous visitors' pages may be served from the cache (kern.page_cache); every
# content change invalidates them at once, so this only bounds memory. 0 switches it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)


def _mailer_config() -> dict:
    """The default mailer: the console locally, SMTP from environment variables in production."""
    backend = env_str(
        "EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend",
    )
    options = {}
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25, minimum=1),
            "username": env_str("EMAIL_HOST_USER") or None,
            "password": env_str("EMAIL_HOST_PASSWORD") or None,
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = _mailer_config()


def _tasks_config() -> dict:
    """Background work (Django's tasks framework): every mail is delivered by a task
    (postausgang.tasks). "database" keeps the queue in the database (django-tasks-db),
    worked off by `manage.py db_worker`, which bin/start-production starts next to
    gunicorn; "immediate" runs a task at once in the process that enqueued it (development,
    tests)."""
    backends = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    }
    kind = env_choice("TASKS_BACKEND", tuple(backends), "immediate" if DEBUG else "database")
    return {"default": {"BACKEND": backends[kind]}}


TASKS = _tasks_config()
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kreativ Sachsen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Event registrations are deleted this many days after their event (anmeldungen; the
# `purge_registrations` command, daily from cron, does it).
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 183, minimum=1)

# The public site's own base URL, used for canonical links outside a request (e-mails).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Consultation bookings are deleted this many days after their date (beratung: the
# purge_bookings command).
BOOKING_RETENTION_DAYS = env_int("BOOKING_RETENTION_DAYS", 183, minimum=1)
# Member-list uploads that staff never imported are deleted this many days after the upload
# (einlesen: the purge_import_previews command); imported runs keep only their report.
IMPORT_PREVIEW_RETENTION_DAYS = env_int("IMPORT_PREVIEW_RETENTION_DAYS", 14, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refused_host": {"()": "betrieb.log_filters.RefusedHostAsWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.security.DisallowedHost": {"filters": ["refused_host"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
