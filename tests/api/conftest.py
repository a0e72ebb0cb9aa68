"""The API's personas: the staff council of the back-office tests, and a token of every
scope, each sent as `Authorization: Bearer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from putright.api.tokens import token_create
from putright.cases.models import Case
from tests.staff.personas import Council, complaint_new, council_create

CONTRACTOR_NAME = "Acme Repairs Ltd"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def council(db: None) -> Council:
    return council_create()


@pytest.fixture
def tokens(db: None) -> dict[str, str]:
    """A secret for each scope (and a contractor token for Acme Repairs)."""
    made = {
        scope: token_create(name=f"{scope} system", scopes=[scope]).secret
        for scope in ("intake", "read", "casework")
    }
    made["contractor"] = token_create(
        name="Acme portal", scopes=["contractor"], contractor=CONTRACTOR_NAME
    ).secret
    return made


class Api:
    """A test client that speaks JSON with one token."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1/{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(
            f"/api/v1/{path}",
            body or {},
            content_type="application/json",
            headers={**self.headers, **headers},
        )


@pytest.fixture
def api(tokens: dict[str, str]) -> Callable[[str], Api]:
    """`api("casework")`: a client holding that scope's token."""
    return lambda scope: Api(tokens[scope])


@pytest.fixture
def contact_body(council: Council) -> dict[str, Any]:
    return {
        "channel": "email",
        "service": council.waste.code,
        "person": {"name": "Margaret Wilson", "email": "margaret.wilson@example.org"},
        "text": "My bins have not been collected for three weeks.",
        "outcomes_sought": "Collect the bins and an apology",
    }


@pytest.fixture
def new_case(council: Council) -> Callable[..., Case]:
    return lambda **kw: complaint_new(council, council.waste, **kw)
