"""Learning: a service improvement linked to several cases appears on each case and in the
learning log; who may record, complete and read it; fixed queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import Case, ServiceImprovement, TimelineEvent
from putright.core import clock
from tests.staff.personas import Council, complaint_at_stage1
from tests.staff.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REDIRECT, BAD, REFUSED, HIDDEN = 200, 302, 400, 403, 404


def improvement_form(council: Council, others: str) -> dict[str, object]:
    due = clock.today() + dt.timedelta(days=60)
    return {
        "description": "Damp and mould reports get a surveyor visit within 10 working days",
        "theme": "timeliness",
        "owner": council["tom"].officer.pk,  # type: ignore[union-attr]
        "due_on_day": due.day,
        "due_on_month": due.month,
        "due_on_year": due.year,
        "other_cases": others,
    }


class TestAnImprovementLinkedToThreeCases:
    def test_it_appears_on_each_case_and_in_the_learning_log(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        a, b, c = (complaint_at_stage1(council) for _ in range(3))
        client = client_for("priya")

        reply = client.post(
            f"/staff/cases/{a.reference}/learning/",
            improvement_form(council, f"{b.reference}, {c.reference}"),
        )

        assert reply.status_code == REDIRECT
        improvement = ServiceImprovement.objects.get()
        assert set(improvement.cases.all()) == {a, b, c}
        for case in (a, b, c):
            page = client.get(f"/staff/cases/{case.reference}/").content.decode()
            assert "Damp and mould reports get a surveyor visit" in page
            assert TimelineEvent.objects.filter(case=case, action="learning_recorded").count() == 1
        log = client.get("/staff/learning/").content.decode()
        row = log.split(f'id="improvement-{improvement.pk}"', 1)[1].split("</tr>", 1)[0]
        assert all(case.reference in row for case in (a, b, c))
        assert "Timeliness" in row and "Tom Okafor" in row

    def test_the_log_filters_by_service_and_theme(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("complaints")
        client.post(f"/staff/cases/{case.reference}/learning/", improvement_form(council, ""))
        housing = council.housing.pk
        waste = council.waste.pk
        assert "surveyor" in client.get(f"/staff/learning/?service={housing}").content.decode()
        assert "surveyor" not in client.get(f"/staff/learning/?service={waste}").content.decode()
        assert "surveyor" not in client.get("/staff/learning/?theme=records").content.decode()

    def test_an_unknown_or_unseen_other_case_is_refused_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        reply = client_for("priya").post(
            f"/staff/cases/{case.reference}/learning/", improvement_form(council, "CU00000000")
        )
        assert reply.status_code == BAD
        assert "There is no case CU00000000 that you can see" in reply.content.decode()
        assert not ServiceImprovement.objects.exists()

    def test_the_owner_records_it_complete_on_every_linked_case(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        a, b = complaint_at_stage1(council), complaint_at_stage1(council)
        client_for("priya").post(
            f"/staff/cases/{a.reference}/learning/", improvement_form(council, b.reference)
        )
        improvement = ServiceImprovement.objects.get()
        url = f"/staff/learning/{improvement.pk}/complete/"

        assert client_for("priya").post(url, {"note": "x"}).status_code == REFUSED
        assert client_for("tom").post(url, {"note": ""}).status_code == BAD
        assert client_for("tom").post(url, {"note": "Surveyors booked"}).status_code == REDIRECT

        improvement.refresh_from_db()
        assert improvement.completed_on == clock.today()
        for case in (a, b):
            assert TimelineEvent.objects.filter(case=case, action="learning_completed").exists()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_the_learning_pages(
    role: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council, officer="priya")
    improvement = services.improvement_record(
        cases=[case],
        actor=council["complaints"].actor,
        service=council.housing,
        theme="communication",
        description="Call before writing",
        owner=council["tom"].officer,  # type: ignore[arg-type]
        due_on=clock.today(),
    )
    client = client_for(role)
    add = client.get(f"/staff/cases/{case.reference}/learning/").status_code
    log = client.get("/staff/learning/").status_code
    complete = client.get(f"/staff/learning/{improvement.pk}/complete/").status_code
    expected = {
        "complaints": (OK, OK, OK),
        "priya": (OK, OK, REFUSED),
        "tom": (REFUSED, OK, OK),  # the owner completes it
        "sam": (HIDDEN, OK, REFUSED),
        "manager": (OK, OK, REFUSED),
        "insight": (REFUSED, OK, REFUSED),
        "governance": (REFUSED, REFUSED, REFUSED),
    }[role]
    assert (add, log, complete) == expected


def test_a_case_the_member_may_not_see_is_counted_not_named_in_the_log(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    a = complaint_at_stage1(council)
    services.improvement_record(
        cases=[a],
        actor=council["complaints"].actor,
        service=council.housing,
        theme="communication",
        description="Call before writing",
        owner=council["tom"].officer,  # type: ignore[arg-type]
        due_on=clock.today(),
    )
    log = client_for("sam").get("/staff/learning/").content.decode()
    assert a.reference not in log and "and 1 you cannot see" in log


def test_the_learning_log_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("complaints")

    def record(n: int) -> None:
        cases: list[Case] = [complaint_at_stage1(council) for _ in range(n)]
        services.improvement_record(
            cases=cases,
            actor=council["complaints"].actor,
            service=council.housing,
            theme="communication",
            description="Call before writing",
            owner=council["tom"].officer,  # type: ignore[arg-type]
            due_on=clock.today(),
        )

    record(1)
    one = queries_for(client, "/staff/learning/")
    for _ in range(4):
        record(3)
    assert queries_for(client, "/staff/learning/") == one


def test_the_learning_forms_run_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council)
    client = client_for("complaints")

    def record() -> ServiceImprovement:
        return services.improvement_record(
            cases=[case, complaint_at_stage1(council)],
            actor=council["complaints"].actor,
            service=council.housing,
            theme="communication",
            description="Call before writing",
            owner=council["tom"].officer,  # type: ignore[arg-type]
            due_on=clock.today(),
        )

    first = record()
    urls = [f"/staff/cases/{case.reference}/learning/", f"/staff/learning/{first.pk}/complete/"]
    one = [queries_for(client, url) for url in urls]
    for _ in range(4):
        record()
    assert [queries_for(client, url) for url in urls] == one
