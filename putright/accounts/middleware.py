"""Staff sessions end after a spell without activity, and some hours after sign-in whatever
happens (idle and absolute time-outs, NCSC and OWASP session management guidance)."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

SIGNED_IN_AT = "putright_signed_in_at"
SEEN_AT = "putright_seen_at"
TIMED_OUT = "putright_timed_out"
# Writing the session on every request would cost a database write per page; a minute's
# slack on the idle clock costs nothing.
_SEEN_RESOLUTION = 60


def session_start(request: HttpRequest) -> None:
    """Start both clocks: called by the sign-in view once the person is fully signed in."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                auth.logout(request)
                request.session[TIMED_OUT] = expired
                if request.path.startswith("/staff/") or request.path.startswith("/admin/"):
                    query = urlencode({"next": request.get_full_path()})
                    return HttpResponseRedirect(f"{settings.LOGIN_URL}?{query}")
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> str:
        """'idle' or 'absolute' when the session has run out, else '' (and the idle clock
        is moved on)."""
        now = int(time.time())
        session = request.session
        started = session.get(SIGNED_IN_AT)
        seen = session.get(SEEN_AT)
        if started is None or seen is None:
            # A session from before these clocks (or a test's force_login): start them now.
            session[SIGNED_IN_AT] = started or now
            session[SEEN_AT] = now
            return ""
        if now - int(started) > settings.PUTRIGHT_STAFF_ABSOLUTE_TIMEOUT:
            return "absolute"
        if now - int(seen) > settings.PUTRIGHT_STAFF_IDLE_TIMEOUT:
            return "idle"
        if now - int(seen) >= _SEEN_RESOLUTION:
            session[SEEN_AT] = now
        return ""
