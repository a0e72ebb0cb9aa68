"""Closure days kept as data: adding or removing one moves exactly the open deadlines it
touches, with one timeline entry per case, and the recompute command is idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from putright.cases import services
from putright.cases.models import Case, ClosureDay, Officer, Service, StageRecord, TimelineEvent
from putright.cases.services import Actor, InvalidInput, PersonDetails
from putright.core.policy import working_calendar

pytestmark = pytest.mark.django_db
D = dt.date
CLOSURE = D(2026, 11, 12)  # a Thursday inside the stage 1 window of the cases received 2 Nov


@pytest.fixture
def make_case(
    housing_repairs: Service,
    new_complaint: Callable[..., Case],
    complaints_team: Actor,
    stage1_officer: Officer,
) -> Callable[[D, int], Case]:
    def make(received: D, n: int) -> Case:
        person = PersonDetails(name=f"Resident {n}", email=f"resident{n}@example.org")
        case = new_complaint(housing_repairs, received, person=person)
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Black mould in the bedroom"],
            outcomes_sought="Fix it",
            officer=stage1_officer,
            on=received + dt.timedelta(days=1),
        )
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def inside(make_case: Callable[[D, int], Case]) -> list[Case]:
    """Five open cases whose stage 1 window (3 to 17 November 2026) contains CLOSURE."""
    return [make_case(D(2026, 11, 2), n) for n in range(5)]


@pytest.fixture
def outside(make_case: Callable[[D, int], Case], complaints_team: Actor) -> list[Case]:
    """A case received after CLOSURE, and a closed case whose window contained it."""
    later = make_case(D(2026, 11, 23), 10)
    closed = make_case(D(2026, 11, 2), 11)
    services.case_withdraw(case=closed, actor=complaints_team, channel="phone", on=D(2026, 11, 4))
    closed.refresh_from_db()
    return [later, closed]


def stored(case: Case) -> tuple[D | None, D | None, D | None]:
    case.refresh_from_db()
    stage = StageRecord.objects.get(case=case, number=1)
    return case.next_deadline_on, stage.respond_by, stage.max_by


def moved_entries(case: Case) -> list[TimelineEvent]:
    return list(TimelineEvent.objects.filter(case=case, action="deadlines_moved"))


class TestAddingAClosureDay:
    def test_it_moves_exactly_the_deadlines_of_the_cases_it_falls_inside(
        self, inside: list[Case], outside: list[Case], complaints_team: Actor
    ) -> None:
        before = {case.pk: stored(case) for case in inside + outside}

        result = services.closure_day_add(
            day=CLOSURE, name="Council closure day", kind="closure", actor=complaints_team
        )

        calendar = working_calendar()
        assert result.cases == 5
        for case in inside:
            was = before[case.pk]
            assert stored(case) == tuple(calendar.add_working_days(d, 1) for d in was if d)
            assert stored(case)[1] == D(2026, 11, 18)
            (entry,) = moved_entries(case)
            assert "17 November 2026 to 18 November 2026" in entry.summary
            assert "Council closure day on 12 November 2026 added" in entry.summary
        for case in outside:
            assert stored(case) == before[case.pk]
            assert moved_entries(case) == []

    def test_removing_it_moves_them_back_with_a_second_entry_each(
        self, inside: list[Case], outside: list[Case], complaints_team: Actor
    ) -> None:
        before = {case.pk: stored(case) for case in inside + outside}
        services.closure_day_add(
            day=CLOSURE, name="Council closure day", kind="closure", actor=complaints_team
        )
        day = ClosureDay.objects.get(day=CLOSURE)

        result = services.closure_day_remove(day_id=day.pk, actor=complaints_team)

        assert result.cases == 5
        for case in inside + outside:
            assert stored(case) == before[case.pk]
        for case in inside:
            assert len(moved_entries(case)) == 2
        assert ClosureDay.objects.get(pk=day.pk).removed_at is not None

    def test_a_weekend_a_bank_holiday_or_a_day_already_added_is_refused(
        self, inside: list[Case], complaints_team: Actor
    ) -> None:
        services.closure_day_add(day=CLOSURE, name="Closure", kind="closure", actor=complaints_team)
        count = TimelineEvent.objects.count()
        for day in (D(2026, 11, 14), D(2026, 12, 25), CLOSURE):
            with pytest.raises(InvalidInput):
                services.closure_day_add(
                    day=day, name="Closure", kind="closure", actor=complaints_team
                )
        assert TimelineEvent.objects.count() == count
        assert ClosureDay.objects.count() == 1


class TestTheRecomputeCommand:
    def test_running_it_twice_changes_nothing_the_second_time(
        self, inside: list[Case], outside: list[Case]
    ) -> None:
        # A day written without the back office (another process, a data import): the
        # stored deadlines are stale until the command runs.
        ClosureDay.objects.create(day=CLOSURE, name="Closure", added_at=timezone.now())
        first, second = StringIO(), StringIO()

        call_command("deadlines_recompute", stdout=first)
        after_first = {case.pk: stored(case) for case in inside + outside}
        events = TimelineEvent.objects.count()
        call_command("deadlines_recompute", stdout=second)

        assert "5 case(s) had deadlines moved." in first.getvalue()
        assert "0 case(s) had deadlines moved." in second.getvalue()
        assert {case.pk: stored(case) for case in inside + outside} == after_first
        assert TimelineEvent.objects.count() == events
        for case in inside:
            assert len(moved_entries(case)) == 1
