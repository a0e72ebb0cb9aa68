"""Closure days and bank holidays kept as data, and the recompute of the deadlines they move.

Adding or removing a day changes the working-day calendar; every open case whose stored
deadlines the policy core now puts elsewhere gets them rewritten and one timeline entry
saying which deadline moved from when to when. `deadlines_recompute` is that same pass over
every open case: it changes nothing when the stored dates already agree with the core, so
running it twice is harmless (`manage.py deadlines_recompute`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from putright.cases.models import Case, ClosureDay
from putright.cases.services._base import SYSTEM, Actor, InvalidInput, timeline_record
from putright.cases.services._deadlines import (
    StoredDates,
    case_deadlines,
    report_targets_write,
    stored_dates_due,
    stored_dates_write,
)
from putright.cases.services._facts import snapshots_read
from putright.core import clock
from putright.core.policy import extra_closure_days, policy_config
from putright.policy.calendar import FIRST_YEAR, LAST_YEAR, england_and_wales_bank_holidays

# Closed cases owe nothing; their stored dates are history and stay as they were.
_ENDED = ("closed", "withdrawn", "excluded")
_BATCH = 500


def closure_days_in_force() -> frozenset[date]:
    """The days added in the back office and not removed (one query)."""
    rows = ClosureDay.objects.filter(removed_at__isnull=True).values_list("day", flat=True)
    return frozenset(rows)


def closure_days_listed() -> list[ClosureDay]:
    return list(ClosureDay.objects.filter(removed_at__isnull=True).order_by("day"))


def shipped_non_working_days(*, year: int) -> list[date]:
    """The default calendar for `year`: England & Wales bank holidays and configured days."""
    settings = policy_config().calendar
    shipped = england_and_wales_bank_holidays(year, year) | settings.closure_days
    shipped |= settings.extra_bank_holidays
    return sorted(d for d in shipped if d.year == year)


@dataclass(frozen=True, slots=True)
class Recomputed:
    """What a recompute changed: per case reference, the deadlines that moved."""

    moved: dict[str, list[tuple[str, date | None, date | None]]]

    @property
    def cases(self) -> int:
        return len(self.moved)


def _label(name: str) -> str:
    stage, _, rest = name.partition(".")
    words = {
        "respond_by": "response due",
        "response_by": "response due",
        "max": "latest response date",
        "acknowledge_by": "acknowledgement due",
    }.get(rest or stage, (rest or stage).replace("_", " "))
    if not rest:
        return words.capitalize()
    return f"Stage {stage.removeprefix('stage')} {words}"


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "none"


def _summary(moved: list[tuple[str, date | None, date | None]], because: str) -> str:
    lines = "; ".join(f"{_label(n)} moved from {_day(a)} to {_day(b)}" for n, a, b in moved)
    return f"{lines} ({because})"[:500]


def _open_cases() -> Iterator[list[Case]]:
    ids = list(
        Case.objects.exclude(status__in=_ENDED)
        .filter(anonymised_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        yield list(Case.objects.filter(pk__in=batch).order_by("pk"))


def deadlines_recompute(*, actor: Actor = SYSTEM, because: str = "") -> Recomputed:
    """Store the policy core's deadlines on every open case whose stored dates differ, with
    one timeline entry per case naming each deadline that moved. Idempotent."""
    because = because or "working-day calendar recomputed"
    days = extra_closure_days()
    today = clock.today()
    moved: dict[str, list[tuple[str, date | None, date | None]]] = {}
    for cases in _open_cases():
        with transaction.atomic():
            for snap in snapshots_read(cases).values():
                deadlines = case_deadlines(snap, today=today, closure_days=days)
                new = stored_dates_due(snap, deadlines)
                changes = new.moves_from(StoredDates.of(snap))
                if not changes:
                    continue
                stored_dates_write(snap, new)
                report_targets_write(snap, deadlines, today=today, closure_days=days)
                timeline_record(
                    case=snap.case,
                    actor=actor,
                    action="deadlines_moved",
                    summary=_summary(changes, because),
                    before={name: old for name, old, _ in changes},
                    after={name: to for name, _, to in changes},
                )
                moved[snap.case.reference] = changes
    return Recomputed(moved=moved)


def _check_day(day: date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}.")
    if day.weekday() >= 5:
        raise InvalidInput(
            f"{day:%A} {_day(day)} is a weekend day, which is never a working day: "
            "choose a weekday."
        )


def closure_day_add(
    *, day: date, name: str, kind: str, actor: Actor, user_id: int | None = None
) -> Recomputed:
    """Add a closure day or bank holiday and move every open deadline it touches.

    Raises InvalidInput for a weekend, a default bank holiday, a day already added, or a
    missing name; nothing is written then.
    """
    name = name.strip()
    if not name:
        raise InvalidInput("Enter what the day is, for example 'Council closure day'.")
    if kind not in dict(ClosureDay.KINDS):
        raise InvalidInput("Choose whether the day is a closure day or a bank holiday.")
    _check_day(day)
    if day in shipped_non_working_days(year=day.year):
        raise InvalidInput(f"{_day(day)} is already a bank holiday or closure day.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                ClosureDay.objects.create(
                    day=day, name=name, kind=kind, added_at=clock.now(), added_by_id=user_id
                )
        except IntegrityError:
            raise InvalidInput(f"{_day(day)} has already been added.") from None
        return deadlines_recompute(
            actor=actor, because=f"{name} on {_day(day)} added as a non-working day"
        )


def closure_day_remove(*, day_id: int, actor: Actor, user_id: int | None = None) -> Recomputed:
    """Remove an added day (kept on record as removed) and move the deadlines back."""
    with transaction.atomic():
        row = (
            ClosureDay.objects.select_for_update()
            .filter(pk=day_id, removed_at__isnull=True)
            .first()
        )
        if row is None:
            raise InvalidInput("That day has already been removed.")
        row.removed_at = clock.now()
        row.removed_by_id = user_id
        row.save(update_fields=["removed_at", "removed_by"])
        return deadlines_recompute(
            actor=actor,
            because=f"{row.name} on {_day(row.day)} removed: a working day again",
        )
