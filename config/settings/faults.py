"""bench/load_and_faults.py: production's shape on one machine, every part private.

PostgreSQL, Redis and the upload folder are the script's own (it restarts and fills them);
email goes to files, so the script can count each message. The second factor and the
public site's rate limits are off here, and only here and in bench.py: the load signs in
with passwords and sends many submissions from one address.
"""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = "faults-only-not-secret-0c6f4d1e9b2a7c53"  # noqa: S105 - benchmark runs only
_state = Path(os.environ["FAULTS_STATE_DIR"])
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": os.environ["FAULTS_PG_PORT"],
        "NAME": "putright",
        "USER": "postgres",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{os.environ['FAULTS_REDIS_PORT']}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
MEDIA_ROOT = _state / "media"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(_state / "mail")
WHITENOISE_USE_FINDERS = True
PUTRIGHT_STAFF_OTP_REQUIRED = False
PUTRIGHT_RATE_LIMITS = {}
PUTRIGHT_SCHEDULER = {"INTERVAL_SECONDS": 5}
