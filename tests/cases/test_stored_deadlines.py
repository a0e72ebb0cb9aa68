"""One source for every stored date: what the policy core says is what the columns hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import selectors, services
from putright.cases.models import Case, Officer, Service, StageRecord
from putright.cases.services import Actor
from putright.policy.deadlines import Timeliness
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def acknowledged(
    housing_repairs: Service,
    new_complaint: Callable[..., Case],
    complaints_team: Actor,
    stage1_officer: Officer,
) -> Case:
    case = new_complaint(housing_repairs, D(2026, 11, 2))
    services.complaint_acknowledge(
        case=case,
        actor=complaints_team,
        issues=["Black mould in the bedroom, reported in March, not fixed."],
        outcomes_sought="Fix it",
        officer=stage1_officer,
        on=D(2026, 11, 3),
    )
    return case


def extend_past_maximum(case: Case, officer: Officer) -> None:
    # Stage 1 maximum: 20 working days from 3 Nov 2026 = 1 Dec 2026.
    services.stage_extend(
        case=case,
        actor=Actor.of(officer),
        new_due=D(2026, 12, 11),
        reason="Waiting for the structural engineer's report",
        good_reason="The engineer cannot visit before 9 December",
        on=D(2026, 11, 10),
    )


class TestExtensionPastTheMaximumWithAGoodReason:
    def test_the_agreed_date_is_the_next_deadline(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        extend_past_maximum(acknowledged, stage1_officer)
        acknowledged.refresh_from_db()
        assert acknowledged.next_deadline_on == D(2026, 12, 11)
        stage = StageRecord.objects.get(case=acknowledged, number=1)
        assert (stage.respond_by, stage.max_by) == (D(2026, 12, 11), D(2026, 12, 11))

    def test_the_case_is_not_overdue_before_the_agreed_date(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        extend_past_maximum(acknowledged, stage1_officer)
        found = selectors.case_deadline_list(case=acknowledged, today=D(2026, 12, 4))
        assert {d.name: d.state.value for d in found.values()}["stage1.max"] == "pending"

    def test_a_response_on_the_agreed_date_is_within_an_agreed_extension(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        extend_past_maximum(acknowledged, stage1_officer)
        services.stage_respond(
            case=acknowledged,
            actor=Actor.of(stage1_officer),
            content=response(1),
            on=D(2026, 12, 11),
        )
        timeliness = selectors.case_response_timeliness(case=acknowledged)
        assert timeliness == {1: Timeliness.WITHIN_AGREED_EXTENSION}

    def test_a_response_after_the_agreed_date_is_late(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        extend_past_maximum(acknowledged, stage1_officer)
        services.stage_respond(
            case=acknowledged,
            actor=Actor.of(stage1_officer),
            content=response(1),
            on=D(2026, 12, 14),
        )
        assert selectors.case_response_timeliness(case=acknowledged) == {1: Timeliness.LATE}

    def test_a_response_by_the_target_is_within_target(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        services.stage_respond(
            case=acknowledged,
            actor=Actor.of(stage1_officer),
            content=response(1),
            on=D(2026, 11, 10),
        )
        assert selectors.case_response_timeliness(case=acknowledged) == {
            1: Timeliness.WITHIN_TARGET
        }
