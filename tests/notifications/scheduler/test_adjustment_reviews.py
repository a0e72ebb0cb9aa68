"""A reasonable adjustment past its review date is reminded once: the scheduler's existing
review reminder, run twice a day and on the days after, sends one reminder; reviewing the
adjustment with a new date gives one reminder for that date; an ended one is not reminded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case
from putright.cases.services import Actor
from putright.core import clock
from tests.notifications.scheduler.conftest import TEAM, outbox, run

pytestmark = pytest.mark.django_db
D = dt.date


def adjustment_reminders() -> list[str]:
    return [
        m.subject
        for m in outbox()
        if "reasonable adjustment to review" in m.subject and m.to_address == TEAM
    ]


def run_days(first: D, days: int, times: int = 2) -> None:
    for offset in range(days):
        for _ in range(times):
            run(first + dt.timedelta(days=offset))


@pytest.fixture
def case(complaint: Callable[..., Case]) -> Case:
    today = clock.today()
    return complaint(today - dt.timedelta(days=14), today - dt.timedelta(days=12))


def test_an_adjustment_past_its_review_date_is_reminded_once(case: Case, team: Actor) -> None:
    today = clock.today()
    case.refresh_from_db()
    adjustment = services.adjustment_add(
        case=case, actor=team, kind="braille", review_on=today - dt.timedelta(days=3)
    )

    run_days(today, 5)  # the whole scheduler, twice a day, five days running

    assert len(adjustment_reminders()) == 1
    assert "braille" in next(m.body_text for m in outbox() if "reasonable adjustment" in m.subject)

    case.refresh_from_db()
    next_review = today + dt.timedelta(days=30)
    services.adjustment_review(
        case=case, actor=team, adjustment=adjustment, next_review_on=next_review, note="Checked"
    )
    run_days(next_review - dt.timedelta(days=5), 10, times=1)
    assert len(adjustment_reminders()) == 2


def test_an_ended_adjustment_is_not_reminded(case: Case, team: Actor) -> None:
    today = clock.today()
    case.refresh_from_db()
    adjustment = services.adjustment_add(
        case=case, actor=team, kind="bsl", review_on=today - dt.timedelta(days=1)
    )
    services.adjustment_end(case=case, actor=team, adjustment=adjustment, note="Not needed")
    run_days(today, 2)
    assert adjustment_reminders() == []
