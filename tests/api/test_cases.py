"""Reading cases: every deadline with its state, lists with filters and cursor pages, the
events feed after a cursor, and a fixed number of queries whatever the page holds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.cases.models import Case
from tests.api.conftest import Api
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db


def test_a_case_is_read_with_every_deadline_and_its_state(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    body = api("read").get(f"cases/{case.reference}").json()
    assert body["reference"] == case.reference and body["status"] == "received"
    assert body["deadlines"] == [
        {"name": "acknowledge_by", "due": str(case.next_deadline_on), "state": "pending"}
    ]
    assert "acknowledge" in body["allowed_moves"]
    assert body["person"]["name"] == "Margaret Wilson"


def test_an_unknown_or_malformed_reference_is_a_404_problem(api: Callable[[str], Api]) -> None:
    for reference in ("CU00000000", "not-a-reference"):
        response = api("read").get(f"cases/{reference}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_an_address_that_is_no_operation_is_a_404_problem(api: Callable[[str], Api]) -> None:
    response = api("read").get("cases/CU1/nothing/here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_list_filters_and_pages_with_a_cursor(
    council: Council, api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    made = [new_case() for _ in range(5)]
    new_case(kind="compliment")
    reader = api("read")
    first = reader.get("cases", kind="complaint", page_size=3).json()
    second = reader.client.get(first["next"], headers=reader.headers).json()
    seen = [c["reference"] for c in first["results"] + second["results"]]
    assert seen == [c.reference for c in reversed(made)]
    assert second["next"] is None
    assert reader.get("cases", service="housing-repairs").json()["results"] == []
    assert reader.get("cases", received_from="not a date").status_code == 400


def test_the_events_feed_gives_what_happened_after_a_cursor(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    first = new_case()
    reader = api("read")
    page = reader.get("events").json()
    assert [e["case"] for e in page["events"]] == [first.reference]
    second = new_case()
    later = reader.get("events", after=page["next_cursor"]).json()
    assert [e["case"] for e in later["events"]] == [second.reference]
    assert reader.get("events", after=later["next_cursor"]).json()["events"] == []


@pytest.mark.parametrize("path", ["cases", "events"])
def test_a_list_runs_the_same_queries_for_one_row_and_for_twenty(
    path: str, api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    reader = api("read")
    reader.get("reference")  # the token's first use is noted once; not part of the count
    new_case()
    with CaptureQueriesContext(connection) as one:
        assert reader.get(path).status_code == 200
    for _ in range(19):
        new_case()
    with CaptureQueriesContext(connection) as twenty:
        assert reader.get(path).status_code == 200
    assert len(one) == len(twenty) == 2  # the token, the page


def test_a_case_page_runs_a_fixed_number_of_queries(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    reader = api("read")
    reader.get("reference")  # the token's first use is noted once; not part of the count
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(f"cases/{case.reference}").status_code == 200
    # the token, the case, its snapshot for the policy core, the closure days kept as data
    assert len(queries) == 10


def test_an_address_with_a_newline_in_it_is_still_a_404_problem(
    api: Callable[[str], Api],
) -> None:
    response = api("casework").post("cases/CU%0A1/remedies/0.25", {})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
