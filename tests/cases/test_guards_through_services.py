"""Every guard of the policy core, reached through the service layer, changes nothing.

Each test brings a case to the point where the rule bites, snapshots every table of the case
record, makes the refused call, and compares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from putright.cases import services
from putright.cases.models import Case, Officer, Service
from putright.cases.services import Actor, CaseConflict, PersonDetails
from putright.policy import lifecycle
from putright.policy.errors import PolicyError
from tests.cases.conftest import database_state
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date


@contextmanager
def refused(error: type[Exception]) -> Iterator[None]:
    before = database_state()
    with pytest.raises(error) as caught:
        yield
    assert database_state() == before, "a refused move must leave the database as it was"
    message = str(caught.value)
    assert message and "_" not in message.split(":")[0], "the message is for a person"


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


@pytest.fixture
def responded(acknowledged: Case, stage1_officer: Officer) -> Case:
    services.stage_respond(
        case=acknowledged, actor=Actor.of(stage1_officer), content=response(1), on=D(2026, 11, 10)
    )
    return acknowledged


class TestEscalationBeforeResponse:
    def test_escalation_before_the_stage1_response_is_refused_and_changes_nothing(
        self, acknowledged: Case
    ) -> None:
        with refused(PolicyError):
            services.escalation_request(
                case=acknowledged, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 5)
            )


class TestOfficerNotIndependent:
    def test_the_stage1_officer_is_refused_at_stage2_and_changes_nothing(
        self, responded: Case, complaints_team: Actor, stage1_officer: Officer
    ) -> None:
        services.escalation_request(
            case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 12)
        )
        with refused(lifecycle.OfficerNotIndependent):
            services.escalation_acknowledge(
                case=responded, actor=complaints_team, officer=stage1_officer, on=D(2026, 11, 13)
            )


class TestResponseIncomplete:
    def test_a_response_without_the_escalation_route_is_refused_and_changes_nothing(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        content = lifecycle.ResponseContent(stage=1, complaint_definition="x", reasons="y")
        with refused(lifecycle.ResponseIncomplete):
            services.stage_respond(
                case=acknowledged,
                actor=Actor.of(stage1_officer),
                content=content,
                on=D(2026, 11, 10),
            )


class TestExtensionBeyondMaximum:
    def test_an_extension_past_the_maximum_without_good_reason_is_refused_and_changes_nothing(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        # Stage 1 maximum: 20 working days from 3 Nov 2026 = 1 Dec 2026.
        with refused(lifecycle.ExtensionBeyondMaximum):
            services.stage_extend(
                case=acknowledged,
                actor=Actor.of(stage1_officer),
                new_due=D(2026, 12, 4),
                reason="Waiting for a surveyor",
                on=D(2026, 11, 10),
            )

    def test_an_extension_without_a_reason_is_refused_and_changes_nothing(
        self, acknowledged: Case, stage1_officer: Officer
    ) -> None:
        with refused(lifecycle.ExtensionReasonMissing):
            services.stage_extend(
                case=acknowledged,
                actor=Actor.of(stage1_officer),
                new_due=D(2026, 11, 24),
                reason=" ",
                on=D(2026, 11, 10),
            )


class TestEscalationWindow:
    def test_a_late_escalation_without_a_discretion_decision_is_refused_and_changes_nothing(
        self, responded: Case
    ) -> None:
        # 20 working days after 10 Nov 2026 is 8 Dec 2026.
        with refused(lifecycle.EscalationWindowClosed):
            services.escalation_request(
                case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 12, 9)
            )

    def test_an_escalation_after_12_months_without_a_compelling_reason_is_refused(
        self, responded: Case
    ) -> None:
        with refused(lifecycle.EscalationLongStopPassed):
            services.escalation_request(
                case=responded,
                actor=services.RESIDENT_ONLINE,
                channel="web",
                discretion="Was in hospital",
                on=D(2027, 11, 12),
            )

    def test_a_late_escalation_with_a_discretion_decision_is_taken(self, responded: Case) -> None:
        services.escalation_request(
            case=responded,
            actor=services.RESIDENT_ONLINE,
            channel="web",
            discretion="Was in hospital",
            on=D(2026, 12, 9),
        )
        assert responded.stages.get(number=2).discretion_reason == "Was in hospital"


class TestComplaintOutOfTime:
    def test_a_complaint_known_of_more_than_12_months_ago_needs_a_discretion_decision(
        self, housing_repairs: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2), aware_on=D(2025, 10, 1))
        with refused(lifecycle.ComplaintOutOfTime):
            services.complaint_acknowledge(
                case=case,
                actor=complaints_team,
                issues=["Old leak"],
                outcomes_sought="Fix",
                on=D(2026, 11, 3),
            )
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Old leak"],
            outcomes_sought="Fix",
            late_complaint_discretion="The leak continues and affects health",
            on=D(2026, 11, 3),
        )
        case.refresh_from_db()
        assert case.late_complaint_reason == "The leak continues and affects health"


class TestRepresentativeConsentOutstanding:
    def test_a_response_while_consent_is_outstanding_is_refused_and_changes_nothing(
        self, acknowledged: Case, complaints_team: Actor, stage1_officer: Officer
    ) -> None:
        services.representative_add(
            case=acknowledged, actor=complaints_team, name="Cllr Ray", relationship="councillor"
        )
        with refused(lifecycle.RepresentativeConsentOutstanding):
            services.stage_respond(
                case=acknowledged,
                actor=Actor.of(stage1_officer),
                content=response(1),
                on=D(2026, 11, 10),
            )


class TestNoThirdStage:
    def test_a_third_stage_outside_childrens_social_care_is_refused_and_changes_nothing(
        self, responded: Case, complaints_team: Actor, stage2_officer: Officer
    ) -> None:
        services.escalation_request(
            case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 12)
        )
        services.escalation_acknowledge(
            case=responded, actor=complaints_team, officer=stage2_officer, on=D(2026, 11, 13)
        )
        services.stage_respond(
            case=responded,
            actor=Actor.of(stage2_officer),
            content=response(2, final_ombudsman="housing_ombudsman"),
            on=D(2026, 11, 20),
        )
        with refused(PolicyError):
            services.escalation_request(
                case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 23)
            )


class TestEscalationRefusalGround:
    def test_refusing_escalation_because_the_outcome_would_be_the_same_is_refused(
        self, responded: Case, complaints_team: Actor
    ) -> None:
        services.escalation_request(
            case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 12)
        )
        with refused(lifecycle.EscalationRefusalGroundNotAllowed):
            services.escalation_refuse(
                case=responded,
                actor=complaints_team,
                ground="outcome_would_be_the_same",
                reasons="Stage 2 would reach the same view",
                on=D(2026, 11, 13),
            )

    def test_refusing_escalation_on_an_exclusion_ground_is_taken(
        self, responded: Case, complaints_team: Actor
    ) -> None:
        services.escalation_request(
            case=responded, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 12)
        )
        services.escalation_refuse(
            case=responded,
            actor=complaints_team,
            ground="decided_by_court",
            reasons="The county court decided the disrepair claim in October",
            on=D(2026, 11, 13),
        )
        responded.refresh_from_db()
        assert responded.status == "excluded" and responded.exclusion_code == "decided_by_court"


class TestMoveNotAllowed:
    def test_closing_a_case_under_investigation_is_refused_and_changes_nothing(
        self, acknowledged: Case, complaints_team: Actor
    ) -> None:
        with refused(lifecycle.MoveNotAllowed):
            services.case_close(case=acknowledged, actor=complaints_team, on=D(2026, 11, 5))

    def test_an_unknown_exclusion_is_refused_and_changes_nothing(
        self, acknowledged: Case, complaints_team: Actor
    ) -> None:
        with refused(lifecycle.UnknownExclusion):
            services.case_exclude(
                case=acknowledged,
                actor=complaints_team,
                code="we_dont_like_it",
                reasons="x",
                on=D(2026, 11, 5),
            )


class TestCaseConflict:
    def test_a_stale_copy_of_the_case_gets_a_conflict_and_changes_nothing(
        self, acknowledged: Case, complaints_team: Actor, stage2_officer: Officer
    ) -> None:
        stale = Case.objects.get(pk=acknowledged.pk)
        services.case_allocate(
            case=acknowledged, actor=complaints_team, officer=stage2_officer, on=D(2026, 11, 4)
        )
        with refused(CaseConflict):
            services.case_hold(
                case=stale,
                actor=complaints_team,
                ground="under_council_investigation",
                on=D(2026, 11, 5),
            )


class TestInvalidInput:
    def test_a_contact_without_any_way_to_reach_the_person_is_refused_and_changes_nothing(
        self, housing_repairs: Service, complaints_team: Actor
    ) -> None:
        with refused(services.InvalidInput):
            services.contact_record(
                channel="phone",
                person=PersonDetails(name="Anon"),
                service=housing_repairs,
                text="Leak",
                actor=complaints_team,
            )
