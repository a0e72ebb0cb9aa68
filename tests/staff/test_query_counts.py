"""Every list and case page runs the same number of queries with 1 row as with 50."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from putright.cases import services
from putright.cases.models import (
    ActionUpdate,
    Case,
    Contact,
    Correspondence,
    OutstandingAction,
    ReasonableAdjustment,
    Remedy,
    Restriction,
    StageRecord,
    TimelineEvent,
)
from putright.core import clock
from putright.core.policy import policy_config
from tests.cases.factories import CaseFactory, PersonFactory
from tests.staff.personas import Council, complaint_at_stage1, complaint_new


def queries_for(client: Client, url: str) -> int:
    client.get(url)  # warm caches (policy configuration, session) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def open_cases(council: Council, n: int) -> list[Case]:
    """`n` housing cases at stage 1, Priya's, with deadlines over the coming weeks."""
    version = policy_config().version_for("housing", clock.today()).key
    today = clock.today()
    made = []
    for i in range(n):
        case = CaseFactory(
            service=council.housing,
            person=PersonFactory(name=f"Resident {i}", email=f"resident{i}@example.org"),
            policy_version=version,
            status="in_progress",
            received_on=today,
            summary=f"Mould in the bathroom, report {i}",
            next_deadline_on=today + dt.timedelta(days=10 + i % 20),
            next_deadline_name="stage1.respond_by",
        )
        StageRecord.objects.create(case=case, number=1, officer=council["priya"].officer)
        made.append(case)
    return made


def inbox_cases(council: Council, n: int) -> None:
    version = policy_config().version_for("housing", clock.today()).key
    for i in range(n):
        case = CaseFactory(
            service=council.housing,
            person=PersonFactory(name=f"Caller {i}", email=f"caller{i}@example.org"),
            policy_version=version,
            status="received",
            received_on=clock.today(),
            summary=f"Leaking roof {i}",
        )
        Contact.objects.create(
            channel="phone",
            received_at=timezone.now(),
            person=case.person,
            text=f"Leaking roof {i}",
            service=council.housing,
            case=case,
            kind="complaint",
        )


LISTS = [
    ("complaints", "/staff/cases/?queue=all"),
    ("complaints", "/staff/cases/?queue=all&sort=-deadline"),
    ("complaints", "/staff/cases/?queue=all&sort=-reference"),
    ("complaints", "/staff/cases/?queue=all&due=on_track&service={housing}"),
    ("complaints", "/staff/cases/?q=mould"),
    ("priya", "/staff/cases/?queue=mine"),
    ("manager", "/staff/cases/?queue=service"),
    ("complaints", "/staff/reports/service-status/"),
]


@pytest.mark.parametrize(("role", "url"), LISTS, ids=[u for _, u in LISTS])
def test_a_case_list_runs_a_fixed_number_of_queries(
    role: str,
    url: str,
    council: Council,
    client_for: Callable[[str], Client],
) -> None:
    client = client_for(role)
    url = url.format(housing=council.housing.pk)
    open_cases(council, 1)
    one = queries_for(client, url)
    open_cases(council, 49)
    fifty = queries_for(client, url)

    assert one == fifty


def test_the_triage_inbox_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("complaints")
    inbox_cases(council, 1)
    one = queries_for(client, "/staff/inbox/")
    inbox_cases(council, 49)

    assert queries_for(client, "/staff/inbox/") == one


def test_the_triage_page_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("complaints")
    contact = complaint_new(council, text="The mould in the bedroom is back again")
    complaint_new(council, text="Mould in the bedroom")
    one = queries_for(client, f"/staff/inbox/{contact.reference}/")
    for i in range(49):
        complaint_new(council, text=f"Mould in the bedroom, again {i}")

    assert queries_for(client, f"/staff/inbox/{contact.reference}/") == one


def _grow(case: Case, council: Council, n: int) -> None:
    """`n` more of every kind of row the case page lists."""
    now = timezone.now()
    today = clock.today()
    TimelineEvent.objects.bulk_create(
        TimelineEvent(case=case, at=now, actor_label="Test", action="note", summary=f"Note {i}")
        for i in range(n)
    )
    Correspondence.objects.bulk_create(
        Correspondence(case=case, direction="out", channel="email", at=now, subject=f"Letter {i}")
        for i in range(n)
    )
    Remedy.objects.bulk_create(
        Remedy(
            case=case,
            stage=1,
            kind="financial_time_trouble",
            description=f"Remedy {i}",
            amount=Decimal(50),
            offered_on=today,
        )
        for i in range(n)
    )
    actions = OutstandingAction.objects.bulk_create(
        OutstandingAction(
            case=case,
            description=f"Action {i}",
            owner_officer=council["priya"].officer,
            due_on=today,
            created_on=today,
        )
        for i in range(n)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=a, on=today, text=f"Update on {a.description}") for a in actions
    )
    ReasonableAdjustment.objects.bulk_create(
        ReasonableAdjustment(person_id=case.person_id, kind="large_print") for _ in range(n)
    )
    Restriction.objects.bulk_create(
        Restriction(
            person_id=case.person_id,
            restriction="Contact by email only",
            reason="Repeated abusive calls",
            starts_on=today,
            review_on=today + dt.timedelta(days=90),
        )
        for _ in range(n)
    )


@pytest.mark.parametrize("role", ["complaints", "priya"])
def test_the_case_page_runs_a_fixed_number_of_queries(
    role: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    case = complaint_at_stage1(council)
    services.representative_add(
        case=case,
        actor=council["complaints"].actor,
        name="Cllr Ann Jones",
        relationship="councillor",
        consent_state="received",
        consent_evidence="Signed form",
    )
    _grow(case, council, 1)
    url = f"/staff/cases/{case.reference}/"
    one = queries_for(client, url)
    _grow(case, council, 49)

    assert queries_for(client, url) == one


def test_the_equality_report_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("insight")
    cases = open_cases(council, 50)
    services.equality_answers_record(case=cases[0], answers={"religion": "None"})
    one = queries_for(client, "/staff/reports/equality/")
    for i, case in enumerate(cases[1:]):
        services.equality_answers_record(case=case, answers={"religion": f"Answer {i}"})

    assert queries_for(client, "/staff/reports/equality/") == one
