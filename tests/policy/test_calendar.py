"""Working days (SPEC "Processes and timescales"): Monday to Friday except England & Wales
bank holidays, substitute days included, and the council's closure days. "Within N working
days of D" is the N-th working day after D, and D is day 0 whatever day of the week it is.
"""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.policy.calendar import (
    DateOutsideCalendar,
    WorkingCalendar,
    add_working_days,
    default_calendar,
    is_working_day,
    working_days_between,
)

CALENDAR = default_calendar()
# Up to 400 working days (about 19 months) later must stay inside the calendar (to 2100).
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))
COUNTS = st.integers(min_value=0, max_value=400)
# An independent oracle: the `holidays` package asked day by day, no precomputed index.
ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2101))


def count_forward_one_day_at_a_time(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in ENGLAND:
            n -= 1
    return day


class TestBankHolidays:
    def test_boxing_day_2026_on_a_saturday_is_substituted_by_monday_28_december(self) -> None:
        assert not CALENDAR.is_working_day(date(2026, 12, 26))
        assert not CALENDAR.is_working_day(date(2026, 12, 28))
        assert CALENDAR.is_working_day(date(2026, 12, 29))

    def test_christmas_day_is_not_a_working_day(self) -> None:
        assert not CALENDAR.is_working_day(date(2026, 12, 25))
        assert CALENDAR.is_working_day(date(2026, 12, 24))

    def test_good_friday_and_easter_monday_2026_are_not_working_days(self) -> None:
        assert not CALENDAR.is_working_day(date(2026, 4, 3))
        assert not CALENDAR.is_working_day(date(2026, 4, 6))
        assert CALENDAR.is_working_day(date(2026, 4, 2))
        assert CALENDAR.is_working_day(date(2026, 4, 7))

    def test_christmas_2027_on_a_weekend_gives_substitute_monday_and_tuesday(self) -> None:
        # 25 Dec 2027 is a Saturday, 26 a Sunday: Mon 27 and Tue 28 are the substitute days.
        assert not CALENDAR.is_working_day(date(2027, 12, 27))
        assert not CALENDAR.is_working_day(date(2027, 12, 28))
        assert CALENDAR.is_working_day(date(2027, 12, 29))

    def test_new_year_2028_on_a_saturday_is_substituted_by_monday_3_january(self) -> None:
        assert not CALENDAR.is_working_day(date(2028, 1, 3))

    def test_weekends_are_not_working_days(self) -> None:
        assert not is_working_day(date(2026, 3, 7))  # Saturday
        assert not is_working_day(date(2026, 3, 8))  # Sunday
        assert is_working_day(date(2026, 3, 9))


class TestAddWorkingDays:
    def test_skips_christmas_and_the_substitute_boxing_day(self) -> None:
        # Wed 23 Dec 2026 is day 0, Thu 24 day 1; Fri 25 Christmas, the weekend and Mon 28
        # (Boxing Day's substitute) are skipped, so day 2 is Tue 29.
        assert CALENDAR.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)

    def test_skips_good_friday_and_easter_monday(self) -> None:
        # Thu 2 Apr 2026 is day 0; Fri 3, the weekend and Mon 6 are skipped; day 1 is Tue 7.
        assert CALENDAR.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)

    def test_receipt_on_a_saturday_counts_from_that_day(self) -> None:
        # Sat 7 Mar 2026 is day 0 all the same: day 1 is Mon 9 Mar, day 5 Fri 13 Mar.
        assert CALENDAR.add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
        assert CALENDAR.add_working_days(date(2026, 3, 7), 5) == date(2026, 3, 13)

    def test_receipt_on_a_sunday_counts_from_that_day(self) -> None:
        assert CALENDAR.add_working_days(date(2026, 3, 8), 1) == date(2026, 3, 9)

    def test_receipt_on_a_bank_holiday_counts_from_that_day(self) -> None:
        # Mon 4 May 2026 (early May bank holiday) is day 0; day 1 is Tue 5 May.
        assert CALENDAR.add_working_days(date(2026, 5, 4), 1) == date(2026, 5, 5)

    def test_zero_days_is_the_day_itself_even_on_a_weekend(self) -> None:
        assert CALENDAR.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)

    def test_a_negative_number_counts_back(self) -> None:
        # Back from Tue 7 Apr 2026 over Easter Monday, the weekend and Good Friday.
        assert CALENDAR.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)

    def test_the_module_function_uses_the_default_calendar(self) -> None:
        assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)


class TestWorkingDaysBetween:
    def test_counts_the_days_after_the_start_up_to_and_including_the_end(self) -> None:
        # Thu 2 Apr to Tue 7 Apr 2026: only Tue 7 is a working day after the start.
        assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1

    def test_is_negative_when_the_end_comes_first(self) -> None:
        assert CALENDAR.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1

    def test_is_zero_across_a_weekend_and_a_bank_holiday(self) -> None:
        assert CALENDAR.working_days_between(date(2026, 5, 1), date(2026, 5, 4)) == 0


class TestClosureDays:
    def test_a_closure_day_is_not_a_working_day(self) -> None:
        shutdown = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
        calendar = WorkingCalendar(closure_days=shutdown, first_year=2025, last_year=2028)
        # 23 Dec 2026 day 0, Thu 24 day 1; 25-28 holidays and weekend, 29-31 closed,
        # Fri 1 Jan 2027 New Year's Day: day 2 is Mon 4 Jan.
        assert not calendar.is_working_day(date(2026, 12, 30))
        assert calendar.add_working_days(date(2026, 12, 23), 2) == date(2027, 1, 4)

    def test_an_extra_one_off_bank_holiday_is_not_a_working_day(self) -> None:
        calendar = WorkingCalendar(
            extra_bank_holidays=[date(2026, 6, 8)], first_year=2025, last_year=2028
        )
        # Fri 5 Jun 2026 day 0; the weekend and the extra Mon 8 are skipped: day 1 is Tue 9.
        assert calendar.add_working_days(date(2026, 6, 5), 1) == date(2026, 6, 9)
        assert date(2026, 6, 8) in calendar.non_working_days


class TestOutsideTheCalendar:
    def test_a_date_before_the_first_year_raises(self) -> None:
        with pytest.raises(DateOutsideCalendar, match="1999-12-31"):
            CALENDAR.add_working_days(date(1999, 12, 31), 1)

    def test_a_date_after_the_last_year_raises(self) -> None:
        with pytest.raises(DateOutsideCalendar):
            CALENDAR.is_working_day(date(2101, 1, 3))

    def test_counting_past_the_last_day_raises(self) -> None:
        with pytest.raises(DateOutsideCalendar):
            CALENDAR.add_working_days(date(2100, 12, 29), 5)

    def test_counting_between_dates_outside_raises(self) -> None:
        with pytest.raises(DateOutsideCalendar):
            CALENDAR.working_days_between(date(1999, 1, 1), date(2026, 1, 1))


class TestWorkingDayProperties:
    @given(DAYS, st.integers(min_value=1, max_value=400))
    def test_the_result_is_always_a_working_day(self, day: date, n: int) -> None:
        assert CALENDAR.is_working_day(CALENDAR.add_working_days(day, n))

    @given(DAYS, COUNTS, COUNTS)
    def test_more_working_days_always_give_a_later_date(self, day: date, n: int, m: int) -> None:
        low, high = sorted((n, m))
        if low < high:
            assert CALENDAR.add_working_days(day, low) < CALENDAR.add_working_days(day, high)

    @given(DAYS, COUNTS)
    def test_counting_the_days_between_gives_back_n(self, day: date, n: int) -> None:
        assert CALENDAR.working_days_between(day, CALENDAR.add_working_days(day, n)) == n

    @given(DAYS, st.integers(min_value=0, max_value=60))
    def test_agrees_with_counting_one_day_at_a_time(self, day: date, n: int) -> None:
        assert CALENDAR.add_working_days(day, n) == count_forward_one_day_at_a_time(day, n)

    @given(DAYS)
    def test_next_working_day_is_the_day_itself_or_the_first_after(self, day: date) -> None:
        found = CALENDAR.next_working_day(day)
        assert CALENDAR.is_working_day(found)
        assert CALENDAR.working_days_between(day, found) == (0 if found == day else 1)
