"""Fixtures for the back-office tests: the personas' council and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.staff.personas import Council, council_create, signed_in


@pytest.fixture
def council(db: None) -> Council:
    return council_create()


@pytest.fixture
def client_for(council: Council) -> Callable[[str], Client]:
    """`client_for("priya")`: a test client signed in as that persona."""

    def make(key: str) -> Client:
        return signed_in(Client(), council[key])

    return make
