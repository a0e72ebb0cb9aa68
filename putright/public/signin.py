"""One-time sign-in links to follow a case: signed, expiring, and spent on first use.

The link carries the case, the address it was sent to and a random nonce, signed with
the site's secret (django.core.signing) and timestamped, so nothing is stored until it is
used: then the nonce is recorded (putright.cases.services.sign_in_link_spend) and the link
is dead. A signed-in person's session remembers the case and for how long.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from putright.core import clock

SALT = "putright.public.sign-in-link"
SESSION_KEY = "putright_follow"


def link_minutes() -> int:
    return int(getattr(settings, "PUTRIGHT_SIGN_IN_LINK_MINUTES", 30))


def session_minutes() -> int:
    return int(getattr(settings, "PUTRIGHT_FOLLOW_SESSION_MINUTES", 60))


@dataclass(frozen=True, slots=True)
class LinkClaims:
    case_id: int
    email: str
    nonce: str


def link_token(*, case_id: int, email: str) -> str:
    return signing.dumps(
        {"c": case_id, "e": email.strip().lower(), "n": secrets.token_urlsafe(16)},
        salt=SALT,
        compress=True,
    )


def link_read(token: str) -> LinkClaims | None:
    """What a link says, or None if it is forged, damaged or older than its lifetime."""
    try:
        data: Any = signing.loads(token, salt=SALT, max_age=timedelta(minutes=link_minutes()))
        return LinkClaims(case_id=int(data["c"]), email=str(data["e"]), nonce=str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def sign_in(request: HttpRequest, claims: LinkClaims, *, representative: bool) -> None:
    # A fresh session key: whatever the session was before sign-in, it is not this one.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "case": claims.case_id,
        "email": claims.email,
        "representative": representative,
        "until": (clock.now() + timedelta(minutes=session_minutes())).isoformat(),
    }


def signed_in_case_id(request: HttpRequest) -> int | None:
    """The case the person in this session signed in to, while the sign-in lasts."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        until = datetime.fromisoformat(str(data["until"]))
        if clock.now() > until:
            return None
        return int(data["case"])
    except (KeyError, TypeError, ValueError):
        return None


def signed_in_as_representative(request: HttpRequest) -> bool:
    data = request.session.get(SESSION_KEY)
    return bool(isinstance(data, dict) and data.get("representative"))


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


CONFIRMATION_SALT = "putright.public.sent"


def sent_token(*, case_id: int, emailed: bool) -> str:
    """A link to the page that confirms feedback was sent, and to the equality questions.

    Signed and short-lived, so the single-page form needs no session at all."""
    return signing.dumps({"c": case_id, "m": int(emailed)}, salt=CONFIRMATION_SALT)


def sent_read(token: str, *, hours: int = 24) -> tuple[int, bool] | None:
    try:
        data: Any = signing.loads(token, salt=CONFIRMATION_SALT, max_age=timedelta(hours=hours))
        return int(data["c"]), bool(data["m"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
