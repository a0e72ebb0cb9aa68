"""Outstanding-action updates, contractors' first feedback, reviews of restrictions and
reasonable adjustments, and cases on hold: each reminded on the right working day, once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case, Officer
from putright.cases.services import ActionOwner, Actor
from tests.cases.conftest import naive_add_working_days
from tests.notifications.scheduler.conftest import OFFICER, TEAM, outbox, run

pytestmark = pytest.mark.django_db
D = dt.date


def days_sent(first: D, last: D, job: str) -> dict[D, list[str]]:
    """Run `job` every day from `first` to `last`; the subjects each day sent."""
    sent: dict[D, list[str]] = {}
    day = first
    while day <= last:
        before = {m.pk for m in outbox()}
        run(day, job)
        new = [m.subject.split(": ", 1)[1] for m in outbox() if m.pk not in before]
        if new:
            sent[day] = new
        day += dt.timedelta(days=1)
    return sent


@pytest.fixture
def acknowledged(complaint: Callable[..., Case]) -> Case:
    return complaint(D(2026, 12, 9), D(2026, 12, 11))


class TestActionUpdates:
    def test_the_owner_hears_every_agreed_interval_until_the_action_is_complete(
        self, acknowledged: Case, officer: Officer
    ) -> None:
        # Agreed Friday 18 December, an update every 5 working days: due 29 December
        # (Christmas, the Boxing Day substitute in between), then 6 January, then 13 January.
        action = services.action_add(
            case=acknowledged,
            actor=Actor.of(officer),
            description="Treat the mould and repaint the bedroom",
            owner=ActionOwner(kind="staff", officer=officer),
            due_on=D(2027, 2, 26),
            update_every_days=5,
            on=D(2026, 12, 18),
        )
        assert naive_add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 29)
        update = "an update to the person on an outstanding action is due"
        assert days_sent(D(2026, 12, 18), D(2027, 1, 8), "action_update_reminders") == {
            D(2026, 12, 29): [update],
            D(2027, 1, 6): [update],
        }
        # An update on 7 January restarts the interval: next due 14 January, not the 13th.
        services.action_update(
            case=acknowledged,
            actor=Actor.of(officer),
            action=action,
            text="Surveyor booked",
            on=D(2027, 1, 7),
        )
        assert days_sent(D(2027, 1, 9), D(2027, 1, 21), "action_update_reminders") == {
            D(2027, 1, 14): [update],
            D(2027, 1, 21): [update],
        }
        services.action_update(
            case=acknowledged,
            actor=Actor.of(officer),
            action=action,
            text="Done",
            completed=True,
            on=D(2027, 1, 22),
        )
        assert days_sent(D(2027, 1, 22), D(2027, 2, 12), "action_update_reminders") == {}
        assert {m.to_address for m in outbox()} == {OFFICER}

    def test_a_contractors_action_reminds_the_stage_officer(
        self, acknowledged: Case, officer: Officer
    ) -> None:
        services.action_add(
            case=acknowledged,
            actor=Actor.of(officer),
            description="Replace the window",
            owner=ActionOwner(kind="contractor", name="Acme Repairs"),
            due_on=D(2027, 2, 26),
            update_every_days=5,
            on=D(2026, 12, 18),
        )
        run(D(2026, 12, 29), "action_update_reminders")
        (message,) = outbox()
        assert message.to_address == OFFICER
        assert "Replace the window" in message.body_text


class TestContractorFeedback:
    def test_the_officer_hears_on_the_day_the_feedback_is_due_if_none_came(
        self, acknowledged: Case, officer: Officer
    ) -> None:
        services.contractor_feedback_request(
            case=acknowledged, actor=Actor.of(officer), contractor="Acme", on=D(2026, 12, 24)
        )
        # One working day after Christmas Eve is Tuesday 29 December.
        assert days_sent(D(2026, 12, 24), D(2027, 1, 8), "contractor_feedback_reminders") == {
            D(2026, 12, 29): ["contractor's first feedback due today"]
        }
        assert outbox()[0].to_address == OFFICER

    def test_feedback_in_time_means_no_reminder(self, acknowledged: Case, officer: Officer) -> None:
        services.contractor_feedback_request(
            case=acknowledged, actor=Actor.of(officer), contractor="Acme", on=D(2026, 12, 24)
        )
        services.contractor_feedback_record(
            case=acknowledged,
            actor=Actor.of(officer),
            feedback="Parts ordered",
            asked_on=D(2026, 12, 24),
            on=D(2026, 12, 24),
        )
        assert days_sent(D(2026, 12, 24), D(2027, 1, 8), "contractor_feedback_reminders") == {}


class TestReviews:
    def test_restrictions_and_adjustments_are_reviewed_on_their_day_by_the_complaints_team(
        self, acknowledged: Case, team: Actor
    ) -> None:
        services.restriction_impose(
            case=acknowledged,
            actor=team,
            restriction="Phone contact on Mondays only",
            reason="Repeated abusive calls",
            scope="phone",
            starts_on=D(2026, 12, 14),
            review_on=D(2026, 12, 29),
        )
        # A review date on the substitute bank holiday is reminded on the working day before.
        services.adjustment_add(
            case=acknowledged, actor=team, kind="large_print", review_on=D(2026, 12, 28)
        )
        ref = acknowledged.reference
        assert days_sent(D(2026, 12, 21), D(2027, 1, 8), "review_reminders") == {
            D(2026, 12, 24): ["reasonable adjustment to review Monday 28 December 2026"],
            D(2026, 12, 29): ["restriction on contact to review today"],
        }
        assert {(m.to_address, m.case_reference) for m in outbox()} == {(TEAM, ref)}
        assert "large print" in outbox()[0].body_text


class TestHolds:
    def test_the_officer_is_asked_every_20_working_days_whether_the_hold_can_end(
        self, acknowledged: Case, team: Actor
    ) -> None:
        services.case_hold(
            case=acknowledged,
            actor=team,
            ground="concurrent_proceedings",
            detail="County court claim",
            on=D(2026, 12, 14),
        )
        first = naive_add_working_days(D(2026, 12, 14), 20)
        second = naive_add_working_days(D(2026, 12, 14), 40)
        assert (first, second) == (D(2027, 1, 14), D(2027, 2, 11))
        check = "case on hold: check whether it can resume"
        sent = days_sent(D(2026, 12, 14), D(2027, 2, 12), "hold_reviews")
        assert sent == {first: [check], second: [check]}
        body = outbox()[0].body_text
        assert "no later than one year after they end" in body
        assert outbox()[0].to_address == OFFICER
        services.case_resume(
            case=acknowledged,
            actor=team,
            proceedings_ended_on=D(2027, 2, 12),
            on=D(2027, 2, 15),
        )
        assert days_sent(D(2027, 2, 15), D(2027, 3, 31), "hold_reviews") == {}
