"""Working days: Monday to Friday except England & Wales bank holidays and closure days.

"Within N working days of D" means on or before the N-th working day after D; D itself is
day 0 whatever day of the week it is, so a contact received on a Saturday has day 1 on the
next working day (SPEC "Processes and timescales").

The calendar precomputes, once, the list of working days over its range and, for every day,
how many working days fall on or before it. Adding N working days is then two list lookups,
which is what lets the core compute a million deadline sets a second.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Final

import holidays

from putright.policy.errors import PolicyError

FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2100


class DateOutsideCalendar(PolicyError):
    """A date before or after the range the calendar was built for."""

    def __init__(self, day: date, first: date, last: date) -> None:
        super().__init__(
            f"{day.isoformat()} is outside the working-day calendar "
            f"({first.isoformat()} to {last.isoformat()})."
        )


def england_and_wales_bank_holidays(first_year: int, last_year: int) -> frozenset[date]:
    """Bank holidays in England & Wales, substitute ("observed") days included."""
    years = range(first_year, last_year + 1)
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=years).keys())


class WorkingCalendar:
    """Weekends, bank holidays and closure days over a fixed range of years."""

    __slots__ = ("_count_le", "_first", "_first_ordinal", "_last", "_non_working", "_workdays")

    def __init__(
        self,
        *,
        closure_days: Iterable[date] = (),
        extra_bank_holidays: Iterable[date] = (),
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        self._first = date(first_year, 1, 1)
        self._last = date(last_year, 12, 31)
        self._first_ordinal = self._first.toordinal()
        self._non_working = (
            england_and_wales_bank_holidays(first_year, last_year)
            | frozenset(closure_days)
            | frozenset(extra_bank_holidays)
        )
        workdays: list[date] = []
        count_le: list[int] = []
        day = self._first
        one = timedelta(days=1)
        while day <= self._last:
            if day.weekday() < 5 and day not in self._non_working:
                workdays.append(day)
            count_le.append(len(workdays))
            day += one
        self._workdays = workdays
        self._count_le = count_le

    @property
    def non_working_days(self) -> frozenset[date]:
        """Bank holidays and closure days (weekends are implied)."""
        return self._non_working

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._first_ordinal
        if index < 0 or index >= len(self._count_le):
            raise DateOutsideCalendar(day, self._first, self._last)
        return index

    def is_working_day(self, day: date) -> bool:
        index = self._index(day)
        before = self._count_le[index - 1] if index else 0
        return self._count_le[index] > before

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (day 0); n = 0 returns `day` itself.

        A negative n counts back: the n-th working day before `day`.
        """
        if n == 0:
            return day
        position = self._count_le[self._index(day)] + n - 1 if n > 0 else None
        if position is None:
            # Counting back: the working days strictly before `day`.
            before = bisect_right(self._workdays, day - timedelta(days=1))
            position = before + n
        if position < 0 or position >= len(self._workdays):
            raise DateOutsideCalendar(day, self._first, self._last)
        return self._workdays[position]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if end < start).

        `working_days_between(d, add_working_days(d, n)) == n` for every n >= 0.
        """
        return self._count_le[self._index(end)] - self._count_le[self._index(start)]

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, otherwise the next one."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    # The fast path for bulk work (reports, benchmarks): ordinals in, ordinals out.
    def ordinal_tables(self) -> tuple[int, list[int], list[int]]:
        """(first ordinal, count of working days on or before each day, working-day ordinals).

        `workday_ordinals[count_le[o - first] + n - 1]` is the n-th working day after o.
        """
        return self._first_ordinal, self._count_le, [d.toordinal() for d in self._workdays]


@cache
def default_calendar() -> WorkingCalendar:
    """England & Wales bank holidays and no closure days; built on first use, not at import."""
    return WorkingCalendar()


def add_working_days(day: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day after `day`.

    >>> add_working_days(date(2026, 12, 23), 2).isoformat()  # Christmas, Boxing Day (observed)
    '2026-12-29'
    """
    return (calendar or default_calendar()).add_working_days(day, n)


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days after `start` up to and including `end`.

    >>> working_days_between(date(2026, 4, 2), date(2026, 4, 7))  # Good Friday, Easter Monday
    1
    """
    return (calendar or default_calendar()).working_days_between(start, end)


def is_working_day(day: date, calendar: WorkingCalendar | None = None) -> bool:
    """True for Monday to Friday outside bank holidays and closure days.

    >>> is_working_day(date(2026, 12, 28))  # Boxing Day falls on a Saturday: substitute day
    False
    """
    return (calendar or default_calendar()).is_working_day(day)
