"""pytest: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASE_URL, DATABASES, sqlite_database

if not DATABASE_URL:
    DATABASES["default"] = sqlite_database(BASE_DIR / "test.sqlite3")
else:
    # One test database per run, so two runs on one server never trip over each other.
    DATABASES["default"]["TEST"] = {"NAME": f"test_putright_{os.getpid()}"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Admin tests sign in with force_login (no second factor); tests/accounts switch it on.
PUTRIGHT_ADMIN_OTP_REQUIRED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process when enqueued (after commit); tests of the workers pick a backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Uploaded files go to a scratch folder, never the checkout's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"putright-test-media-{os.getpid()}"
