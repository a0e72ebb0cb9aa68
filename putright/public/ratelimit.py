"""Rate limits on the public site: per address and per email, in Django's cache.

A fixed window per key: the first hit starts a counter that expires with the window. The
cache must be shared by every web worker (Redis in production); in tests it is local
memory. Limits come from PUTRIGHT_RATE_LIMITS, {scope: (hits, seconds)}; a scope missing
from it is not limited (the performance harness's settings leave them all out).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # Feedback sent: a library's public computers share one address, so per address is
    # generous; per email address is tighter.
    "submit-ip": (30, 60 * 60),
    "submit-email": (10, 60 * 60),
    # Sign-in links asked for.
    "link-ip": (20, 60 * 60),
    "link-email": (5, 60 * 60),
}


def limits() -> dict[str, tuple[int, int]]:
    configured = getattr(settings, "PUTRIGHT_RATE_LIMITS", None)
    return DEFAULT_LIMITS if configured is None else dict(configured)


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a proxy, the proxy (or gunicorn's
    --forwarded-allow-ips) must put the client's address in REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"putright:rate:{scope}:{digest}"


def hit(scope: str, value: str) -> bool:
    """Count one attempt for `value` in `scope`; False once it is over the limit."""
    limit = limits().get(scope)
    if limit is None or not value:
        return True
    hits, seconds = limit
    key = _key(scope, value)
    try:
        return _count(key, seconds) <= hits
    except (OSError, RedisError):
        # The shared cache is away (Redis restarting): let people through uncounted rather
        # than turn everyone away with an error. Logged, so it is seen.
        logger.warning("rate limit %s not counted: the cache did not answer", scope)
        return True


def _count(key: str, seconds: int) -> int:
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1


def allowed(*pairs: tuple[str, str]) -> bool:
    """Count an attempt in every (scope, value) pair; True only if all are within limits.

    Every pair is counted even when an earlier one is over, so a caller cannot learn which.
    """
    results = [hit(scope, value) for scope, value in pairs]
    return all(results)
