"""A service request triaged as such offers only its own moves: complete it with what was
done, or raise a stage 1 complaint about it, which leaves it open and linked (Housing
Ombudsman Code 1.5)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from putright.cases import selectors, services
from putright.cases.models import Case, CaseLink
from tests.staff.personas import Council, complaint_new


def service_request(council: Council) -> Case:
    case = complaint_new(council, kind="service_request", text="Please fix the gate")
    return services.contact_triage(
        case=case, actor=council["complaints"].actor, kind="service_request", reason="A request"
    )


def test_a_service_request_offers_only_its_own_moves(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = service_request(council)

    page = client_for("complaints").get(f"/staff/cases/{case.reference}/").content.decode()

    assert selectors.case_moves_allowed(case=case) == frozenset()
    assert 'data-move="' not in page
    assert "Complete the service request" in page
    assert "Raise a complaint about this service request" in page
    refused = client_for("complaints").get(f"/staff/cases/{case.reference}/acknowledge/")
    assert refused.status_code == 403


def test_raising_a_complaint_leaves_the_request_open_and_linked(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = service_request(council)

    response = client_for("complaints").post(
        f"/staff/cases/{case.reference}/service-request/complaint/",
        {"version": case.version, "text": "Nobody came to fix the gate"},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status != "closed"
    link = CaseLink.objects.get(to_case=case, kind="raised_from")
    assert link.from_case.kind == "complaint"
    assert link.from_case.stage == 1


def test_completing_records_what_was_done_and_closes_it(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = service_request(council)

    response = client_for("complaints").post(
        f"/staff/cases/{case.reference}/service-request/complete/",
        {"version": case.version, "outcome": "Gate rehung on Tuesday"},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_a_complaint_has_no_service_request_moves(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)

    response = client_for("complaints").get(
        f"/staff/cases/{case.reference}/service-request/complete/"
    )

    assert response.status_code == 403


def test_who_may_complete_a_service_request(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = service_request(council)
    url = f"/staff/cases/{case.reference}/service-request/complete/"

    statuses = {
        role: client_for(role).get(url).status_code
        for role in ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
    }

    assert statuses == {
        "complaints": 200,
        "priya": 403,
        "tom": 403,
        "sam": 404,
        "manager": 200,
        "insight": 403,
        "governance": 403,
    }


def test_the_contractor_is_asked_from_the_case_page_and_the_clock_is_shown(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from putright.cases.models import StageRecord
    from putright.core import clock
    from putright.core.policy import policy_config, working_calendar
    from tests.staff.personas import complaint_at_stage1

    case = complaint_at_stage1(council)
    client = client_for("priya")
    page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert f"/staff/cases/{case.reference}/contractor/ask/" in page

    response = client.post(
        f"/staff/cases/{case.reference}/contractor/ask/",
        {"version": case.version, "contractor": "Northfield Plumbing"},
    )

    assert response.status_code == 302
    assert StageRecord.objects.get(case=case, number=1).contractor_asked_on == clock.today()
    due = working_calendar().add_working_days(
        clock.today(), policy_config().time_limits.contractor_first_feedback_days
    )
    page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert f"due by {due:%-d %B %Y}" in page
    assert "Awaited" in page


def test_an_overdue_action_is_flagged_in_the_queues(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    import datetime as dt

    from putright.cases.models import OutstandingAction
    from putright.core import clock
    from tests.staff.personas import complaint_at_stage1

    late = complaint_at_stage1(council)
    on_time = complaint_at_stage1(council)
    for case, due in ((late, clock.today() - dt.timedelta(days=1)), (on_time, clock.today())):
        OutstandingAction.objects.create(
            case=case, description="Treat the mould", due_on=due, created_on=due
        )

    page = client_for("complaints").get("/staff/cases/?queue=all").content.decode()

    def row(case: Case) -> str:
        start = page.index(f'data-case-id="{case.pk}"')
        return page[start : page.index("</tr>", start)]

    assert "Action overdue" in row(late)
    assert "Action overdue" not in row(on_time)
