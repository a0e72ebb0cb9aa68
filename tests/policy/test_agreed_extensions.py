"""An extension past the maximum with a good reason: the agreed date is the deadline, and a
response by it is reported as within an agreed extension (Housing Ombudsman Code 6.4, 6.16).
Closure days passed in as data move deadlines like any bank holiday."""

from __future__ import annotations

from datetime import date

from putright.policy.calendar import default_calendar
from putright.policy.deadlines import (
    CaseDates,
    Timeliness,
    calendar_for,
    compute_case_deadlines,
    deadline_dates,
    response_timeliness,
)
from putright.policy.processes import load_config

CONFIG = load_config()
CALENDAR = default_calendar()
RECEIVED = date(2026, 11, 2)
ACKNOWLEDGED = date(2026, 11, 3)  # stage 1: respond by 17 Nov, at the latest 1 Dec 2026
HOUSING = CONFIG.version_for("housing", RECEIVED)


def case(**dates: date) -> CaseDates:
    return CaseDates(received=RECEIVED, acknowledged=ACKNOWLEDGED, **dates)


class TestExtensionPastTheMaximum:
    def test_the_agreed_date_replaces_the_maximum(self) -> None:
        found = deadline_dates(
            HOUSING, case(stage1_extended_to=date(2026, 12, 11)), calendar=CALENDAR
        )
        assert found["stage1.respond_by"] == date(2026, 12, 11)
        assert found["stage1.max"] == date(2026, 12, 11)

    def test_an_extension_within_the_maximum_leaves_the_maximum_alone(self) -> None:
        found = deadline_dates(
            HOUSING, case(stage1_extended_to=date(2026, 11, 24)), calendar=CALENDAR
        )
        assert found["stage1.max"] == date(2026, 12, 1)


class TestResponseTimeliness:
    def timeliness(self, **dates: date) -> Timeliness | None:
        return response_timeliness(HOUSING, case(**dates), 1, calendar=CALENDAR)

    def test_a_response_by_the_target_is_within_target(self) -> None:
        assert self.timeliness(stage1_responded=date(2026, 11, 17)) is Timeliness.WITHIN_TARGET

    def test_a_response_on_the_agreed_date_is_within_an_agreed_extension(self) -> None:
        found = self.timeliness(
            stage1_extended_to=date(2026, 12, 11), stage1_responded=date(2026, 12, 11)
        )
        assert found is Timeliness.WITHIN_AGREED_EXTENSION

    def test_a_response_after_the_agreed_date_is_late(self) -> None:
        found = self.timeliness(
            stage1_extended_to=date(2026, 12, 11), stage1_responded=date(2026, 12, 14)
        )
        assert found is Timeliness.LATE

    def test_a_late_response_without_an_extension_is_late(self) -> None:
        assert self.timeliness(stage1_responded=date(2026, 11, 18)) is Timeliness.LATE

    def test_there_is_nothing_to_report_before_the_response(self) -> None:
        assert self.timeliness() is None


class TestClosureDaysAsData:
    def test_a_closure_day_inside_the_window_moves_the_deadline_one_working_day(self) -> None:
        closure = frozenset({date(2026, 11, 12)})
        found = compute_case_deadlines(
            CONFIG, HOUSING, case(), today=RECEIVED, extra_closure_days=closure
        )
        assert found["stage1.respond_by"].due == date(2026, 11, 18)
        assert calendar_for(CONFIG.calendar, closure) is calendar_for(CONFIG.calendar, closure)

    def test_a_closure_day_after_the_window_moves_nothing(self) -> None:
        closure = frozenset({date(2026, 12, 10)})
        found = compute_case_deadlines(
            CONFIG, HOUSING, case(), today=RECEIVED, extra_closure_days=closure
        )
        assert found["stage1.respond_by"].due == date(2026, 11, 17)
        assert found["stage1.max"].due == date(2026, 12, 1)
