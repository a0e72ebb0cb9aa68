"""`Authorization: Bearer <token>` for systems; the staff session (with CSRF and the second
factor) for the browser."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request

from putright.accounts.permissions import staff_member_for
from putright.accounts.signin import is_verified, otp_required
from putright.api.clients import ApiClient, staff_scopes
from putright.api.models import ApiToken
from putright.api.tokens import token_for_secret
from putright.cases.services import Actor
from putright.core import clock

LAST_USED_EVERY = timedelta(minutes=5)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        kind, _, secret = header.partition(" ")
        if kind != self.keyword or not secret.strip():
            raise exceptions.AuthenticationFailed("Send the token as 'Authorization: Bearer …'.")
        token = token_for_secret(secret.strip())
        if token is None:
            raise exceptions.AuthenticationFailed("This token is unknown, revoked or expired.")
        now = clock.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            # Good enough to tell a token in use from a forgotten one, without a write on
            # every request.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        client = ApiClient(
            name=token.name,
            scopes=frozenset(token.scopes),
            actor=Actor(label=f"{token.name} (API)"),
            owner=f"token:{token.pk}",
            token_id=token.pk,
            contractor=token.contractor,
            requests_per_minute=token.requests_per_minute,
        )
        return client, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class StaffSessionAuthentication(SessionAuthentication):
    """A signed-in member of staff, second factor included; unsafe methods need CSRF."""

    def authenticate(self, request: Request) -> tuple[ApiClient, Any] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if otp_required() and not is_verified(request._request):
            return None
        member = staff_member_for(user)
        if member is None:
            return None
        self.enforce_csrf(request)
        client = ApiClient(
            name=member.name,
            scopes=staff_scopes(member),
            actor=member.actor,
            owner=f"staff:{member.user_id}",
            member=member,
        )
        return client, None
