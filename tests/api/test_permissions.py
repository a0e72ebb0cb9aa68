"""Who may call what: every operation against a token of every scope, a contractor's
allocated and unallocated cases, and the staff session (roles, CSRF, second factor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from putright.api.moves import MOVES
from putright.cases import services
from putright.cases.models import Case
from putright.cases.services import ActionOwner
from tests.api.conftest import CONTRACTOR_NAME, Api
from tests.staff.personas import Council, signed_in

pytestmark = pytest.mark.django_db
SCOPES = ("intake", "read", "casework", "contractor")
READERS = {"read", "casework", "contractor"}

# (method, path, scopes allowed): every operation of the schema is here (checked below).
OPERATIONS: list[tuple[str, str, set[str]]] = [
    ("post", "contacts", {"intake"}),
    ("get", "cases", READERS),
    ("get", "cases/{reference}", READERS),
    ("get", "cases/{reference}/remedies", READERS),
    ("post", "cases/{reference}/remedies", {"casework"}),
    ("post", "cases/{reference}/remedies/{remedy_id}", {"casework"}),
    ("get", "cases/{reference}/actions", READERS),
    ("post", "cases/{reference}/actions", {"casework"}),
    ("post", "cases/{reference}/actions/{action_id}/updates", {"casework", "contractor"}),
    ("get", "cases/{reference}/attachments", READERS),
    ("post", "cases/{reference}/attachments", {"intake", "casework"}),
    ("get", "reference", set(SCOPES)),
    ("get", "events", READERS),
    *[
        (
            "post",
            f"cases/{{reference}}/{spec.slug}",
            {"casework", "contractor"} if spec.slug == "contractor-feedback" else {"casework"},
        )
        for spec in MOVES
    ],
]


def test_the_table_covers_every_operation_of_the_schema() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    declared = {
        (method, path.removeprefix("/api/v1/"))
        for path, item in schema["paths"].items()
        for method in item
        if path not in ("/api/v1/schema", "/api/v1/docs")
    }
    assert declared == {(m, p) for m, p, _ in OPERATIONS}


@pytest.fixture
def allocated(council: Council, new_case: Callable[..., Case]) -> Case:
    """A case allocated to the contractor: it owns an outstanding action on it."""
    case = new_case()
    actor = council["complaints"].actor
    services.action_add(
        case=case,
        actor=actor,
        description="Replace the broken bin",
        owner=ActionOwner(kind="contractor", name=CONTRACTOR_NAME),
        due_on=dt.date.today() + dt.timedelta(days=30),
    )
    services.remedy_offer(case=case, actor=actor, kind="apology", description="Sorry")
    return case


def _path(template: str, case: Case) -> str:
    remedy = case.remedies.first()
    action = case.actions.first()
    return template.format(
        reference=case.reference,
        remedy_id=remedy.pk if remedy else 0,
        action_id=action.pk if action else 0,
    )


def _call(api: Api, method: str, path: str) -> Any:
    return api.get(path) if method == "get" else api.post(path, {})


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize(("method", "template", "allowed"), OPERATIONS)
def test_each_scope_may_call_only_its_operations(
    scope: str,
    method: str,
    template: str,
    allowed: set[str],
    api: Callable[[str], Api],
    allocated: Case,
) -> None:
    response = _call(api(scope), method, _path(template, allocated))
    if scope in allowed:
        assert response.status_code not in (401, 403, 404, 405), response.json()
    else:
        assert response.status_code == 403, response.json()
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("method", "template", "allowed"), [op for op in OPERATIONS if "{reference}" in op[1]]
)
def test_a_contractor_gets_404_for_a_case_not_allocated_to_it(
    method: str,
    template: str,
    allowed: set[str],
    api: Callable[[str], Api],
    allocated: Case,
    new_case: Callable[..., Case],
) -> None:
    other = new_case(text="Not the contractor's business")
    response = _call(api("contractor"), method, _path(template, other))
    # An operation its scope never allows is refused before any case is looked up.
    expected = 404 if "contractor" in allowed else 403
    assert response.status_code == expected


def test_a_contractor_lists_and_follows_only_its_own_cases(
    api: Callable[[str], Api], allocated: Case, new_case: Callable[..., Case]
) -> None:
    new_case(text="Someone else's")
    contractor = api("contractor")
    listed = [c["reference"] for c in contractor.get("cases").json()["results"]]
    assert listed == [allocated.reference]
    cases = {e["case"] for e in contractor.get("events").json()["events"]}
    assert cases == {allocated.reference}


def test_a_request_for_first_feedback_allocates_the_case_to_the_contractor(
    council: Council, api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    officer = council["sam"].officer
    assert officer is not None
    work = api("casework")
    work.post(
        f"cases/{case.reference}/acknowledge",
        {"issues": ["Bins"], "outcomes_sought": "Collect them", "officer": officer.pk},
    )
    assert api("contractor").get(f"cases/{case.reference}").status_code == 404
    asked = work.post(f"cases/{case.reference}/contractor-request", {"contractor": CONTRACTOR_NAME})
    assert asked.status_code == 200
    contractor = api("contractor")
    assert contractor.get(f"cases/{case.reference}").status_code == 200
    answer = contractor.post(
        f"cases/{case.reference}/contractor-feedback",
        {"feedback": "We missed the round twice.", "asked_on": str(dt.date.today())},
    )
    assert answer.status_code == 200, answer.json()


def test_a_restricted_case_is_never_seen_through_a_token(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    Case.objects.filter(pk=case.pk).update(restricted=True)
    assert api("read").get(f"cases/{case.reference}").status_code == 404


class TestStaffSession:
    def _staff(self, council: Council, key: str) -> Client:
        return signed_in(Client(enforce_csrf_checks=True), council[key])

    def test_the_complaints_team_reads_and_acts_with_a_csrf_token(
        self, council: Council, new_case: Callable[..., Case]
    ) -> None:
        case = new_case()
        client = self._staff(council, "complaints")
        assert client.get(f"/api/v1/cases/{case.reference}").status_code == 200
        path = f"/api/v1/cases/{case.reference}/triage"
        body = {"kind": "complaint"}
        refused = client.post(path, body, content_type="application/json")
        assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
        client.get("/staff/cases/")  # any page sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        done = client.post(
            path, body, content_type="application/json", headers={"X-CSRFToken": token}
        )
        assert done.status_code == 200

    def test_an_officer_of_another_service_gets_404(
        self, council: Council, new_case: Callable[..., Case]
    ) -> None:
        case = new_case()  # a waste case
        client = self._staff(council, "priya")  # housing
        assert client.get(f"/api/v1/cases/{case.reference}").status_code == 404

    def test_the_insight_lead_reads_but_may_not_act_and_governance_may_not_read(
        self, council: Council, new_case: Callable[..., Case]
    ) -> None:
        case = new_case()
        insight = signed_in(Client(), council["insight"])
        assert insight.get(f"/api/v1/cases/{case.reference}").status_code == 200
        move = insight.post(
            f"/api/v1/cases/{case.reference}/close", {}, content_type="application/json"
        )
        assert move.status_code == 403
        governance = signed_in(Client(), council["governance"])
        assert governance.get("/api/v1/cases").status_code == 403

    def test_a_session_without_the_second_factor_is_not_signed_in(
        self, council: Council, new_case: Callable[..., Case]
    ) -> None:
        client = Client()
        client.force_login(
            council["complaints"].user, backend="django.contrib.auth.backends.ModelBackend"
        )
        assert client.get("/api/v1/cases").status_code == 401
