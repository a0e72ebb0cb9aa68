"""schemathesis against the live test server: every operation of the committed schema,
with a token of every scope. No answer may be a server error, and every answer must be
one the schema declares (status, content type, body, headers)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from putright.api.tokens import token_create
from tests.api.test_schema import COMMITTED

schema = schemathesis.openapi.from_path(str(COMMITTED))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
SCOPES = ("intake", "read", "casework", "contractor")


@pytest.fixture
def fuzz_tokens(transactional_db: None) -> dict[str, str]:
    """A token per scope, with a rate limit the fuzzer will not reach."""
    return {
        scope: token_create(
            name=f"fuzz {scope}",
            scopes=[scope],
            contractor="Acme Repairs Ltd" if scope == "contractor" else "",
            requests_per_minute=100_000,
        ).secret
        for scope in SCOPES
    }


@pytest.mark.parametrize("scope", SCOPES)
@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_operation_answers_5xx_or_off_schema(
    case: Any, scope: str, live_server: Any, fuzz_tokens: dict[str, str]
) -> None:
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {fuzz_tokens[scope]}"},
        checks=CHECKS,
    )
