"""Production: everything secret or host-specific comes from the environment."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# TLS ends at nginx (deploy/nginx/putright.conf), which sets X-Forwarded-Proto to the
# scheme the browser used, overwriting anything the browser sent. Without this Django sees
# plain HTTP: no HSTS header, and SECURE_SSL_REDIRECT would redirect for ever.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The load balancer's own probe may ask over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000
# Every subdomain of the service's host is HTTPS-only, and the host may be preloaded into
# browsers. Set PUTRIGHT_HSTS_SUBDOMAINS=0 if the service shares a domain with HTTP sites.
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("PUTRIGHT_HSTS_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = SECURE_HSTS_INCLUDE_SUBDOMAINS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Outgoing email: SMTP from the environment (MAILERS, Django 6.1's successor to the
# EMAIL_* settings). Setting NOTIFY_API_KEY (with NOTIFY_EMAIL_TEMPLATE_ID) sends through
# GOV.UK Notify instead; that needs the optional `notify` extra installed.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "0") == "1",
            "use_ssl": os.environ.get("EMAIL_USE_SSL", "0") == "1",
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
        },
    }
}
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_EMAIL_REPLY_TO_ID = os.environ.get("NOTIFY_EMAIL_REPLY_TO_ID", "")

# One cache for every web worker: the public site's rate limits count here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
}
