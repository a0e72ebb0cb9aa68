"""Two guards every response passes: personal pages are never cached, and a database or
disk that is away gives a clear 503 page, never a bare 500."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# How long a browser or a load balancer should wait before trying again.
RETRY_AFTER_SECONDS = 30


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response a view made, unless it said otherwise.

    Almost every page shows someone's complaint, answers or case; a browser, a shared
    computer's back button or a proxy must keep none of them. Static files never reach
    here (WhiteNoise answers them first, with its own long cache headers).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response


class UnavailableMiddleware:
    """A database that is restarting, read-only or unreachable, or a full upload disk:
    503 with a page saying so and Retry-After, instead of a bare 500.

    Nothing was written: the request's transaction rolled back with the error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_unavailable(exception):
            return None
        logger.error("503 for %s %s: %s", request.method, request.path, type(exception).__name__)
        return unavailable_response()


def is_unavailable(exception: BaseException | None) -> bool:
    """A database away (restarting, read-only, unreachable) or a full disk."""
    if isinstance(exception, OperationalError | InterfaceError | InternalError):
        return True
    return isinstance(exception, OSError) and exception.errno in (errno.ENOSPC, errno.EDQUOT)


def unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
