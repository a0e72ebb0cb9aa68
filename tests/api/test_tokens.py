"""Tokens: made by the command, shown once, stored hashed, revocable and expiring."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from putright.api.models import ApiToken
from putright.api.tokens import key_hash
from putright.core import clock
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def _create(*args: str) -> str:
    out = StringIO()
    call_command("api_token_create", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


class TestApiTokenCreate:
    def test_it_prints_the_token_alone_on_its_last_line_and_stores_only_its_hash(self) -> None:
        secret = _create("--name", "Housing system", "--scope", "intake", "--scope", "read")
        token = ApiToken.objects.get()
        assert secret.startswith("pr_") and " " not in secret
        assert token.key_hash == key_hash(secret)
        assert secret not in str(list(ApiToken.objects.values()))
        assert token.scopes == ["intake", "read"] and token.name == "Housing system"

    def test_it_gives_a_contractor_token_its_contractor(self) -> None:
        _create("--name", "Acme portal", "--scope", "contractor", "--contractor", "Acme")
        assert ApiToken.objects.get().contractor == "Acme"

    def test_it_refuses_a_contractor_scope_without_a_contractor(self) -> None:
        with pytest.raises(CommandError, match="contractor"):
            _create("--name", "Acme portal", "--scope", "contractor")
        assert not ApiToken.objects.exists()

    def test_it_refuses_an_unknown_scope(self) -> None:
        with pytest.raises(CommandError):
            _create("--name", "X", "--scope", "everything")


class TestBearerAuthentication:
    def test_a_live_token_is_let_in(self) -> None:
        secret = _create("--name", "Reader", "--scope", "read")
        assert Api(secret).get("cases").status_code == 200

    def test_a_revoked_token_gets_401(self) -> None:
        secret = _create("--name", "Reader", "--scope", "read")
        call_command("api_token_revoke", secret[:10], stdout=StringIO())
        response = Api(secret).get("cases")
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 401

    def test_an_expired_token_gets_401(self) -> None:
        secret = _create("--name", "Reader", "--scope", "read")
        ApiToken.objects.update(expires_at=clock.now() - dt.timedelta(seconds=1))
        assert Api(secret).get("cases").status_code == 401

    def test_an_unknown_token_and_no_token_get_401(self) -> None:
        assert Api("pr_not-a-token").get("cases").status_code == 401
        response = Api(None).get("cases")
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")

    def test_each_token_has_its_own_rate_limit(self) -> None:
        secret = _create("--name", "Slow", "--scope", "read", "--requests-per-minute", "2")
        other = _create("--name", "Other", "--scope", "read", "--requests-per-minute", "2")
        slow = Api(secret)
        assert [slow.get("cases").status_code for _ in range(3)] == [200, 200, 429]
        assert slow.get("cases").json()["status"] == 429
        assert Api(other).get("cases").status_code == 200
