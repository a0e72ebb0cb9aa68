"""The performance harness (../shared/peer-bench): same footing as the peer.

DEBUG off, gunicorn sync workers, SQLite WAL + synchronous FULL + IMMEDIATE transactions, or
PostgreSQL with CONN_MAX_AGE=60; email to a dummy backend. Everything machine-specific comes
from BENCH_* environment variables set by the harness from bench/target.toml.

The harness signs in with one username/password POST, as it does for the peer, so the
second factor is switched off here and only here; production keeps it on.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, sqlite_database

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SECRET_KEY = "bench-only-not-secret-7d1f3a9c2b8e4f60"  # noqa: S105 - benchmark runs only

_state = os.environ.get("BENCH_STATE_DIR", str(BASE_DIR / ".bench"))
if os.environ.get("BENCH_DB", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
            "PORT": os.environ.get("BENCH_PG_PORT", "55432"),
            "NAME": os.environ.get("BENCH_PG_DB", "putright_bench"),
            "USER": os.environ.get("BENCH_PG_USER", "postgres"),
            "PASSWORD": os.environ.get("BENCH_PG_PASSWORD", ""),
            "CONN_MAX_AGE": 60,
        }
    }
else:
    DATABASES = {
        "default": sqlite_database(os.environ.get("BENCH_SQLITE_PATH", f"{_state}/db.sqlite3"))
    }

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
PUTRIGHT_STAFF_OTP_REQUIRED = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The harness sends thousands of complaints from one address: the public site's rate
# limits are off here, and only here.
PUTRIGHT_RATE_LIMITS = {}
