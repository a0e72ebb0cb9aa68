"""Settings shared by every environment. The environment is read once, here."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

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
    "putright.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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


DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES: dict[str, dict[str, Any]]
if DATABASE_URL:
    DATABASES = {"default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))}
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
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
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
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# The council's name in every page's header, title and footer.
PUTRIGHT_COUNCIL_NAME = os.environ.get("PUTRIGHT_COUNCIL_NAME", "Northfield Council")
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
PUTRIGHT_POLICY_CONFIG = os.environ.get("PUTRIGHT_POLICY_CONFIG", "")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

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
