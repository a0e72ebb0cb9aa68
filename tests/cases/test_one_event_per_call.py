"""Every successful service call writes exactly one timeline event on the case it changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from putright.cases import services
from putright.cases.models import Case, Officer, Service, TimelineEvent
from putright.cases.services import ActionOwner, Actor
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date


class TestOneTimelineEventPerServiceCall:
    def test_each_call_of_a_long_journey_adds_exactly_one_event(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
        stage2_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2))
        officer = Actor.of(stage1_officer)
        steps: list[tuple[str, Callable[[], object]]] = [
            (
                "triaged",
                lambda: services.contact_triage(case=case, actor=complaints_team, kind="complaint"),
            ),
            (
                "acknowledge",
                lambda: services.complaint_acknowledge(
                    case=case,
                    actor=complaints_team,
                    issues=["Black mould in the bedroom, reported in March, not fixed."],
                    outcomes_sought="Fix",
                    on=D(2026, 11, 3),
                ),
            ),
            (
                "allocate",
                lambda: services.case_allocate(
                    case=case, actor=complaints_team, officer=stage1_officer, on=D(2026, 11, 3)
                ),
            ),
            (
                "adjustment_added",
                lambda: services.adjustment_add(
                    case=case, actor=complaints_team, kind="large_print"
                ),
            ),
            (
                "representative_added",
                lambda: services.representative_add(
                    case=case,
                    actor=complaints_team,
                    name="Ann Wilson",
                    relationship="family",
                    consent_state="received",
                    consent_evidence="Signed form",
                ),
            ),
            (
                "record_contractor_feedback",
                lambda: services.contractor_feedback_record(
                    case=case,
                    actor=officer,
                    feedback="Surveyor booked",
                    asked_on=D(2026, 11, 3),
                    on=D(2026, 11, 4),
                ),
            ),
            (
                "extend",
                lambda: services.stage_extend(
                    case=case,
                    actor=officer,
                    new_due=D(2026, 11, 24),
                    reason="Survey",
                    on=D(2026, 11, 10),
                ),
            ),
            (
                "hold",
                lambda: services.case_hold(
                    case=case,
                    actor=complaints_team,
                    ground="under_council_investigation",
                    on=D(2026, 11, 11),
                ),
            ),
            (
                "resume",
                lambda: services.case_resume(case=case, actor=complaints_team, on=D(2026, 11, 13)),
            ),
            (
                "remedy_offered",
                lambda: services.remedy_offer(
                    case=case,
                    actor=officer,
                    kind="financial_time_trouble",
                    description="Time and trouble",
                    amount=Decimal("150"),
                ),
            ),
            (
                "action_added",
                lambda: services.action_add(
                    case=case,
                    actor=officer,
                    description="Treat mould",
                    owner=ActionOwner(kind="contractor", name="Repairs Ltd"),
                    due_on=dt.date.today() + dt.timedelta(days=30),
                ),
            ),
            (
                "respond",
                lambda: services.stage_respond(
                    case=case, actor=officer, content=response(1), on=D(2026, 11, 20)
                ),
            ),
            (
                "learning_recorded",
                lambda: services.improvement_record(
                    cases=[case],
                    actor=officer,
                    service=housing_repairs,
                    theme="timeliness",
                    description="Book surveys at once",
                    owner=stage1_officer,
                    due_on=D(2026, 12, 31),
                    on=D(2026, 11, 20),
                ),
            ),
            (
                "request_escalation",
                lambda: services.escalation_request(
                    case=case, actor=services.RESIDENT_ONLINE, channel="email", on=D(2026, 11, 23)
                ),
            ),
            (
                "acknowledge_escalation",
                lambda: services.escalation_acknowledge(
                    case=case, actor=complaints_team, officer=stage2_officer, on=D(2026, 11, 24)
                ),
            ),
            (
                "withdraw",
                lambda: services.case_withdraw(
                    case=case, actor=services.RESIDENT_ONLINE, channel="phone", on=D(2026, 11, 25)
                ),
            ),
        ]
        for action, call in steps:
            before = TimelineEvent.objects.filter(case=case).count()
            call()
            events = list(TimelineEvent.objects.filter(case=case).order_by("-id")[:1])
            assert TimelineEvent.objects.filter(case=case).count() == before + 1, action
            assert events[0].action == action
            assert events[0].actor_label

    def test_the_event_records_who_what_and_the_data_before_and_after(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2))
        services.case_allocate(
            case=case, actor=complaints_team, officer=stage1_officer, on=D(2026, 11, 3)
        )
        event = TimelineEvent.objects.filter(case=case).latest("id")
        assert event.actor_label == complaints_team.label
        assert event.actor_id == complaints_team.officer.user_id  # type: ignore[union-attr]
        assert event.before["officer"] is None
        assert event.after["officer"] == "Priya Shah"
