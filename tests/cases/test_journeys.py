"""Whole journeys through the service layer, with SPEC's deadlines checked at each step.

Expected dates come from an independent oracle (a day-by-day walk over England & Wales
bank holidays), not from the policy core under test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import selectors, services
from putright.cases.models import Case, Officer, Service, StageRecord
from putright.cases.services import Actor
from putright.policy.lifecycle import Decision, IssueDecision, Move, ResponseContent
from tests.cases.conftest import naive_add_working_days as add
from tests.cases.conftest import timeline_count

pytestmark = pytest.mark.django_db
D = dt.date


def response(stage: int, *, final_ombudsman: str = "") -> ResponseContent:
    return ResponseContent(
        stage=stage,
        complaint_definition="The mould in the bedroom was not treated after the March report.",
        decision=Decision.UPHELD,
        issues=(
            IssueDecision(
                "Black mould in the bedroom, reported in March, not fixed.",
                Decision.UPHELD,
                "No survey was booked.",
            ),
        ),
        reasons="Our repairs policy says a surveyor inspects within 10 working days.",
        remedies=("An apology", "£150 for time and trouble"),
        no_outstanding_actions=True,
        how_to_escalate="Reply to this letter within 20 working days to ask for stage 2."
        if not final_ombudsman
        else "You can ask the Ombudsman to look at your complaint.",
        ombudsman=final_ombudsman,
    )


def deadlines(case: Case, today: D) -> dict[str, D | None]:
    return {k: d.due for k, d in selectors.case_deadline_list(case=case, today=today).items()}


def record(case: Case, n: int) -> StageRecord:
    return StageRecord.objects.get(case=case, number=n)


class TestCorporateJourney:
    def test_a_corporate_complaint_goes_through_two_stages_to_closure(
        self,
        council_tax: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
        stage2_officer: Officer,
    ) -> None:
        received = D(2026, 11, 2)
        case = new_complaint(council_tax, received)
        assert case.reference.startswith("CU") and case.status == "received"
        assert case.policy_version == "corporate@2026-04-01"
        assert case.next_deadline_on == add(received, 5)  # acknowledge within 5 working days

        ack = D(2026, 11, 4)
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Single person discount removed"],
            outcomes_sought="Discount restored",
            officer=stage1_officer,
            on=ack,
        )
        dl = deadlines(case, ack)
        assert dl["stage1.respond_by"] == add(ack, 10) == D(2026, 11, 18)
        assert dl["stage1.max"] == add(ack, 20) == D(2026, 12, 2)
        assert record(case, 1).respond_by == D(2026, 11, 18)

        services.stage_respond(
            case=case, actor=Actor.of(stage1_officer), content=response(1), on=D(2026, 11, 16)
        )
        assert deadlines(case, D(2026, 11, 16))["stage1.escalate_by"] == add(D(2026, 11, 16), 20)

        services.escalation_request(
            case=case, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 20)
        )
        assert deadlines(case, D(2026, 11, 20))["stage2.acknowledge_by"] == add(D(2026, 11, 20), 5)

        services.escalation_acknowledge(
            case=case, actor=complaints_team, officer=stage2_officer, on=D(2026, 11, 24)
        )
        dl = deadlines(case, D(2026, 11, 24))
        # 20 working days from 24 Nov 2026 is 22 Dec; the +10 maximum crosses Christmas,
        # the Boxing Day substitute (28 Dec) and New Year's Day: 8 Jan 2027.
        assert dl["stage2.respond_by"] == add(D(2026, 11, 24), 20) == D(2026, 12, 22)
        assert dl["stage2.max"] == add(D(2026, 11, 24), 30) == D(2027, 1, 8)

        services.stage_respond(
            case=case,
            actor=Actor.of(stage2_officer),
            content=response(2, final_ombudsman="lgsco"),
            on=D(2026, 12, 18),
        )
        services.case_close(case=case, actor=complaints_team, on=D(2026, 12, 18))
        case.refresh_from_db()
        assert case.status == "closed" and case.stage == 2
        assert case.next_deadline_on is None
        assert [e.action for e in case.timeline.order_by("at", "id")] == [
            "contact_recorded",
            "acknowledge",
            "respond",
            "request_escalation",
            "acknowledge_escalation",
            "respond",
            "close",
        ]


class TestHousingJourneyWithExtension:
    def test_a_housing_complaint_is_extended_within_the_maximum_and_responded(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 12, 14))
        assert case.ombudsman == "housing_ombudsman"
        ack = D(2026, 12, 16)
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Mould"],
            outcomes_sought="Fix it",
            officer=stage1_officer,
            on=ack,
        )
        dl = deadlines(case, ack)
        # Christmas Day, the Boxing Day substitute and New Year's Day are skipped.
        assert dl["stage1.respond_by"] == add(ack, 10) == D(2027, 1, 4)
        assert dl["stage1.max"] == add(ack, 20) == D(2027, 1, 18)

        services.stage_extend(
            case=case,
            actor=Actor.of(stage1_officer),
            new_due=D(2027, 1, 15),
            reason="Specialist damp survey needed",
            on=D(2026, 12, 30),
        )
        assert deadlines(case, D(2026, 12, 30))["stage1.respond_by"] == D(2027, 1, 15)
        assert record(case, 1).respond_by == D(2027, 1, 15)
        assert case.next_deadline_on == D(2027, 1, 15)

        services.stage_respond(
            case=case, actor=Actor.of(stage1_officer), content=response(1), on=D(2027, 1, 14)
        )
        states = selectors.case_deadline_list(case=case, today=D(2027, 1, 14))
        assert states["stage1.respond_by"].state == "met"


class TestChildrensThreeStageJourney:
    def test_a_childrens_complaint_runs_stage_1_investigation_and_review_panel(
        self,
        childrens: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
        independent_officer: Officer,
    ) -> None:
        case = new_complaint(childrens, D(2027, 1, 11))
        assert case.ombudsman == "lgsco"
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Four social workers in a year"],
            outcomes_sought="A stable social worker",
            officer=stage1_officer,
            on=D(2027, 1, 12),
        )
        assert deadlines(case, D(2027, 1, 12))["stage1.respond_by"] == add(D(2027, 1, 12), 10)
        assert deadlines(case, D(2027, 1, 12))["stage1.max"] == add(D(2027, 1, 12), 20)
        services.stage_respond(
            case=case, actor=Actor.of(stage1_officer), content=response(1), on=D(2027, 1, 22)
        )

        services.escalation_request(
            case=case, actor=services.RESIDENT_ONLINE, channel="phone", on=D(2027, 1, 25)
        )
        services.escalation_acknowledge(
            case=case, actor=complaints_team, officer=independent_officer, on=D(2027, 1, 27)
        )
        services.complaint_statement_agree(
            case=case,
            actor=Actor.of(independent_officer),
            issues=["Four social workers in a year"],
            outcomes_sought="A stable social worker",
            on=D(2027, 2, 3),
        )
        dl = deadlines(case, D(2027, 2, 3))
        # Stage 2: 25 working days from the agreed complaint statement, at most 65.
        assert dl["stage2.respond_by"] == add(D(2027, 2, 3), 25)
        assert dl["stage2.max"] == add(D(2027, 2, 3), 65)
        services.stage_respond(
            case=case, actor=Actor.of(independent_officer), content=response(2), on=D(2027, 3, 5)
        )

        services.escalation_request(
            case=case, actor=services.RESIDENT_ONLINE, channel="letter", on=D(2027, 3, 10)
        )
        panel_chair = Officer.objects.create(name="Ian Fletcher", is_independent=True)
        services.escalation_acknowledge(
            case=case, actor=complaints_team, officer=panel_chair, on=D(2027, 3, 11)
        )
        dl = deadlines(case, D(2027, 3, 11))
        # Stage 3: panel within 30 working days of the request; findings 5 later; response 15.
        assert dl["stage3.panel_by"] == add(D(2027, 3, 10), 30)
        services.panel_held_record(case=case, actor=complaints_team, on=D(2027, 4, 14))
        assert deadlines(case, D(2027, 4, 14))["stage3.findings_by"] == add(D(2027, 4, 14), 5)
        services.panel_findings_record(
            case=case, actor=complaints_team, findings="Recommend a named worker", on=D(2027, 4, 20)
        )
        assert deadlines(case, D(2027, 4, 20))["stage3.response_by"] == add(D(2027, 4, 20), 15)
        services.stage_respond(
            case=case,
            actor=complaints_team,
            content=response(3, final_ombudsman="lgsco"),
            on=D(2027, 5, 7),
        )
        case.refresh_from_db()
        assert case.status == "responded" and case.stage == 3
        assert case.panel_review.council_response_on == D(2027, 5, 7)


class TestAdultSingleStageJourney:
    def test_an_adult_complaint_runs_one_stage_on_an_agreed_response_plan(
        self,
        adults: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        received = D(2026, 12, 23)
        case = new_complaint(adults, received)
        # 2009 Regulations: acknowledge within 3 working days (statute beats "5 for all").
        assert case.next_deadline_on == add(received, 3) == D(2026, 12, 30)
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Carers late"],
            outcomes_sought="Visits on time",
            officer=stage1_officer,
            on=D(2026, 12, 29),
        )
        dl = deadlines(case, D(2026, 12, 29))
        assert dl["stage1.respond_by"] == add(D(2026, 12, 29), 10)  # no plan agreed yet
        assert dl["stage1.backstop"] == D(2027, 6, 23)  # six months from receipt
        services.response_plan_agree(
            case=case,
            actor=Actor.of(stage1_officer),
            respond_by=D(2027, 2, 12),
            how_handled="Meeting with the care provider, then a written response",
            on=D(2027, 1, 5),
        )
        assert deadlines(case, D(2027, 1, 5))["stage1.respond_by"] == D(2027, 2, 12)
        services.stage_respond(
            case=case,
            actor=Actor.of(stage1_officer),
            content=response(1, final_ombudsman="lgsco"),
            on=D(2027, 2, 10),
        )
        case.refresh_from_db()
        assert case.status == "responded"
        # A single stage: after the response the person goes to the LGSCO, not to stage 2.
        assert Move.REQUEST_ESCALATION not in selectors.case_moves_allowed(case=case)
        assert timeline_count() == 4
