"""Settings shared by every environment. The environment is read once, here."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP

# Lets admin.ModelAdmin[Model] and QuerySet[Model] be written at run time, for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "putright-local-development-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "putright.core",
    "putright.cases",
    "putright.notifications",
    "putright.letters",
    "putright.web",
    "putright.public",
    "putright.accounts",
    "putright.staff",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "putright.api",
    "putright.mailbox",
    "putright.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their long cache headers.
    "putright.core.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "putright.core.middleware.UnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "putright.accounts.middleware.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every response (Django's own middleware): scripts, styles,
# fonts and images from this site only, no inline script, no framing, forms post here only.
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

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def sqlite_database(path: Path | str) -> dict[str, Any]:
    """The embedded database, tuned for a web server with a few workers.

    WAL lets readers work while one writer writes; IMMEDIATE transactions take the write
    lock at BEGIN so two writers queue on the busy timeout instead of failing mid-way.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        },
    }


def database_from_url(url: str) -> dict[str, Any]:
    """DATABASE_URL as a database. A sqlite:/// URL keeps the embedded database's tuning
    (sqlite_database): without it the server, worker and scheduler trip over each other."""
    if url.startswith("sqlite:"):
        return sqlite_database(dj_database_url.parse(url)["NAME"])
    return dict(dj_database_url.parse(url, conn_max_age=60))


DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES: dict[str, dict[str, Any]]
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {"default": sqlite_database(os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff sign-in (putright.accounts, docs/staff.md). Passwords hashed with Argon2; django-axes
# throttles password guessing; every staff account also needs a TOTP code (django-otp).
PASSWORD_HASHERS = [
    "putright.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/staff/login/"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: locked out for 15 minutes after 5 wrong passwords
# Counted per username (any address) and per address (any username): one password sprayed
# over many usernames from one address is paused too, and so is one account guessed at
# from many addresses.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/login_locked.html"
AXES_VERBOSE = False
# Two-factor sign-in for the back office and the admin. Production keeps both on; only a
# benchmark settings module may switch the staff one off (the harness signs in with a
# password alone).
PUTRIGHT_STAFF_OTP_REQUIRED = True
PUTRIGHT_ADMIN_OTP_REQUIRED = True
# A staff session ends after 30 minutes without a request, and 10 hours after sign-in.
PUTRIGHT_STAFF_IDLE_TIMEOUT = 30 * 60
PUTRIGHT_STAFF_ABSOLUTE_TIMEOUT = 10 * 60 * 60
SESSION_COOKIE_AGE = PUTRIGHT_STAFF_ABSOLUTE_TIMEOUT

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("PUTRIGHT_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# The council's name in every page's header, title and footer.
PUTRIGHT_COUNCIL_NAME = os.environ.get("PUTRIGHT_COUNCIL_NAME", "Northfield Council")
# Who emails come from (production sets its own). Django's default, webmaster@localhost,
# reads as spam and names no council.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"{PUTRIGHT_COUNCIL_NAME} complaints <complaints@council.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The reports' covering index (Case "case_received_reports") includes columns on
# PostgreSQL; SQLite, which cannot, gets the same index without them: nothing to warn about.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The public site's address, for links in emails sent outside a request (the satisfaction
# survey sent when staff close a complaint).
PUTRIGHT_PUBLIC_URL = os.environ.get("PUTRIGHT_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The name authenticator apps show beside a staff member's code.
OTP_TOTP_ISSUER = PUTRIGHT_COUNCIL_NAME

# Where the council's own process and exclusion configuration lives; empty = the defaults
# shipped with the policy core (SPEC's timescale table).
# Responses are signed with the officer's name and job title; a council that does not name
# staff in letters (SPEC "Letters avoid naming individual staff") sets this to "0" and its
# responses are signed with the job title alone.
PUTRIGHT_LETTERS_NAME_OFFICERS = os.environ.get("PUTRIGHT_LETTERS_NAME_OFFICERS", "1") != "0"
PUTRIGHT_POLICY_CONFIG = os.environ.get("PUTRIGHT_POLICY_CONFIG", "")
# The complaint handling codes of the self-assessment (putright.policy.codes): paths to a
# council's own code files, separated by commas; empty uses the shipped defaults.
PUTRIGHT_COMPLAINT_CODES = [
    p.strip() for p in os.environ.get("PUTRIGHT_COMPLAINT_CODES", "").split(",") if p.strip()
]

# Background tasks, through django.tasks. By default the database backend, run by
# `manage.py db_worker`; PUTRIGHT_TASKS=redis moves them to RQ on REDIS_URL, run by
# `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default`.
# Code only ever uses django.tasks, so the switch is here alone.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
PUTRIGHT_TASKS = os.environ.get("PUTRIGHT_TASKS", "db")
if PUTRIGHT_TASKS == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif PUTRIGHT_TASKS == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ValueError(f"PUTRIGHT_TASKS must be 'db' or 'redis', not {PUTRIGHT_TASKS!r}")

# One handler, on the root logger. Django's own "django" logger would print every line of
# its children (the task worker's among them) a second time under DEBUG, so it hands its
# records up to the root instead. LOG_FORMAT=json writes one JSON object per line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "putright.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# The equality report shows a count below this as "fewer than N" (small-number
# suppression), so a small group cannot be picked out.
PUTRIGHT_EQUALITY_FEWEST_SHOWN = int(os.environ.get("PUTRIGHT_EQUALITY_FEWEST_SHOWN", "5"))

# The public site (putright.public). Uploaded files live under MEDIA_ROOT, which no web
# server serves (there is no MEDIA_URL): only putright.public's file view hands them out,
# to the case's signed-in person or to staff.
MEDIA_ROOT = Path(os.environ.get("PUTRIGHT_MEDIA_ROOT", BASE_DIR / "media"))
PUTRIGHT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
PUTRIGHT_UPLOAD_MAX_FILES = 5
# A sign-in link to follow a case works once, for this long; signing in lasts an hour.
PUTRIGHT_SIGN_IN_LINK_MINUTES = 30
PUTRIGHT_FOLLOW_SESSION_MINUTES = 60
# Rate limits on sending feedback and asking for sign-in links: {scope: (hits, seconds)}
# (putright/public/ratelimit.py). They count in the cache, so production shares one cache.
PUTRIGHT_RATE_LIMITS = {
    "submit-ip": (30, 60 * 60),
    "submit-email": (10, 60 * 60),
    "link-ip": (20, 60 * 60),
    "link-email": (5, 60 * 60),
}

# The REST API (putright.api, docs/api.md): tokens or the staff session, scopes, a rate per
# token, problem details for every error, and the OpenAPI schema from drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "putright.api.authentication.BearerTokenAuthentication",
        "putright.api.authentication.StaffSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["putright.api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["putright.api.throttling.PerClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "putright.api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "putright.api.problems.handle_exception",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PutRight API",
    "DESCRIPTION": "Complaints case management: contacts, cases, moves, remedies, actions, "
    "events. Errors are RFC 9457 problem details.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseKindEnum": "putright.cases.models.case.CASE_KINDS",
        "ChannelEnum": "putright.cases.models.case.CHANNELS",
        "RemedyKindEnum": "putright.cases.models.outcomes.Remedy.KINDS",
    },
}
PUTRIGHT_API_STAFF_REQUESTS_PER_MINUTE = 300

# The complaints mailbox (putright.mailbox, docs/mailbox.md): read over IMAP by
# `manage.py mailbox_poll` and by the scheduler at each wake-up when HOST and USER are set.
PUTRIGHT_MAILBOX = {
    "HOST": os.environ.get("PUTRIGHT_MAILBOX_HOST", ""),
    "PORT": int(os.environ.get("PUTRIGHT_MAILBOX_PORT", "993")),
    "USER": os.environ.get("PUTRIGHT_MAILBOX_USER", ""),
    "PASSWORD": os.environ.get("PUTRIGHT_MAILBOX_PASSWORD", ""),
    "FOLDER": os.environ.get("PUTRIGHT_MAILBOX_FOLDER", "INBOX"),
    "SSL": os.environ.get("PUTRIGHT_MAILBOX_SSL", "1") == "1",
    # New contacts wait in the triage inbox under this service until someone triages them.
    "SERVICE": os.environ.get("PUTRIGHT_MAILBOX_SERVICE", ""),
}
