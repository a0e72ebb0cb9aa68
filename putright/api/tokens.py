"""Making, checking and revoking API tokens. The secret is `pr_` + 40 random characters;
only its SHA-256 is stored, so a leaked database gives no working token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from putright.api.models import SCOPES, ApiToken
from putright.cases.services import InvalidInput
from putright.core import clock

SCOPE_NAMES = tuple(code for code, _ in SCOPES)
PREFIX = "pr_"
DEFAULT_LIFETIME_DAYS = 365


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def token_create(
    *,
    name: str,
    scopes: list[str],
    contractor: str = "",
    days: int = DEFAULT_LIFETIME_DAYS,
    requests_per_minute: int = 120,
) -> NewToken:
    """A new token for a system. Raises InvalidInput for a missing name, an unknown scope,
    a contractor scope without a contractor (or a contractor without the scope)."""
    if not name.strip():
        raise InvalidInput("Give the token a name that says which system uses it.")
    unknown = sorted(set(scopes) - set(SCOPE_NAMES))
    if not scopes or unknown:
        raise InvalidInput(f"Choose scopes from: {', '.join(SCOPE_NAMES)}.")
    if ("contractor" in scopes) != bool(contractor.strip()):
        raise InvalidInput("A contractor token needs --contractor NAME, and only it may have one.")
    if "contractor" in scopes and len(set(scopes)) > 1:
        raise InvalidInput("A contractor token has the contractor scope alone.")
    if days < 1 or requests_per_minute < 1:
        raise InvalidInput("A token lasts at least a day and allows at least one request.")
    secret = PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        name=name.strip(),
        scopes=sorted(set(scopes)),
        contractor=contractor.strip(),
        prefix=secret[:10],
        key_hash=key_hash(secret),
        requests_per_minute=requests_per_minute,
        expires_at=clock.now() + timedelta(days=days),
    )
    return NewToken(token=token, secret=secret)


def token_for_secret(secret: str) -> ApiToken | None:
    """The live token with this secret: None when unknown, revoked or expired."""
    token = ApiToken.objects.filter(key_hash=key_hash(secret)).first()
    if token is None or token.revoked_at is not None or token.expires_at <= clock.now():
        return None
    return token


def token_revoke(*, prefix: str) -> int:
    """Revoke every live token whose secret starts with `prefix`; how many."""
    if len(prefix) < len(PREFIX) + 4:
        raise InvalidInput("Give at least the first 7 characters of the token.")
    return ApiToken.objects.filter(prefix__startswith=prefix[:10], revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
