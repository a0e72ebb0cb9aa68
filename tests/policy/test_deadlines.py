"""Deadlines of a case, one class per row of SPEC's timescale table, then states, holds, a
bank holiday announced later, the deadline names and the bulk path.

Expected dates are counted by hand in the comments ("day 0" is the date the clock starts;
bank holidays 2026-2028: Good Friday 3 Apr and Easter Monday 6 Apr 2026, early May 4 May,
spring 25 May 2026; Christmas Fri 25 Dec 2026, Boxing Day's substitute Mon 28 Dec 2026,
New Year Fri 1 Jan 2027; Good Friday 26 Mar and Easter Monday 29 Mar 2027, early May
3 May 2027; Christmas 2027 substitutes Mon 27 and Tue 28 Dec, New Year 2028 Mon 3 Jan).
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.policy.calendar import DateOutsideCalendar, default_calendar
from putright.policy.deadlines import (
    DATE_FIELDS,
    EVENT_FIELDS,
    ON_HOLD_ORDINAL,
    CaseColumns,
    CaseDates,
    Deadline,
    DeadlineState,
    Hold,
    ImpossibleCaseDates,
    add_months,
    calendar_for,
    compute_case_deadlines,
    compute_deadlines,
    deadline_dates,
    deadline_ordinals,
)
from putright.policy.processes import (
    CLOCK_EVENTS,
    KNOWN_PROCESSES,
    CalendarSettings,
    load_config,
)

CONFIG = load_config()
CALENDAR = default_calendar()


def dues(process: str, received: date, **dates: date) -> dict[str, date]:
    version = CONFIG.version_for(process, received)
    return deadline_dates(version, CaseDates(received=received, **dates), calendar=CALENDAR)


def deadlines(
    process: str, received: date, *, today: date, holds: tuple[Hold, ...] = (), **dates: date
) -> dict[str, Deadline]:
    version = CONFIG.version_for(process, received)
    case = CaseDates(received=received, holds=holds, **dates)
    return compute_deadlines(version, case, today=today, calendar=CALENDAR)


class TestAcknowledgement:
    def test_corporate_acknowledge_by_is_five_working_days_after_a_saturday_receipt(self) -> None:
        # Sat 19 Dec 2026 is day 0: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4); Fri 25,
        # the weekend and Mon 28 are holidays: Tue 29 Dec (5).
        found = dues("corporate", date(2026, 12, 19))
        assert found["acknowledge_by"] == date(2026, 12, 29)

    def test_housing_acknowledge_by_is_five_working_days_after_a_sunday_receipt(self) -> None:
        # Sun 27 Dec 2026: Tue 29 (1), Wed 30 (2), Thu 31 (3), New Year's Day, Mon 4 Jan (4),
        # Tue 5 Jan 2027 (5).
        found = dues("housing", date(2026, 12, 27))
        assert found["acknowledge_by"] == date(2027, 1, 5)

    def test_childrens_acknowledge_by_is_five_working_days_across_easter(self) -> None:
        # Thu 2 Apr 2026: Good Friday, weekend, Easter Monday; Tue 7 (1) ... Mon 13 Apr (5).
        found = dues("childrens_social_care", date(2026, 4, 2))
        assert found["acknowledge_by"] == date(2026, 4, 13)

    def test_adult_acknowledge_by_is_three_working_days_by_statute(self) -> None:
        # 2009 Regulations: Wed 23 Dec 2026: Thu 24 (1), Tue 29 (2), Wed 30 Dec (3).
        found = dues("adult_social_care", date(2026, 12, 23))
        assert found["acknowledge_by"] == date(2026, 12, 30)

    def test_adult_acknowledge_by_counts_from_a_saturday_receipt(self) -> None:
        # Sat 2 Jan 2027: Mon 4 (1), Tue 5 (2), Wed 6 Jan (3).
        found = dues("adult_social_care", date(2027, 1, 2))
        assert found["acknowledge_by"] == date(2027, 1, 6)


class TestCorporateStage1:
    # Acknowledged Wed 23 Dec 2026: Thu 24 (1); 25-28 Dec holidays and weekend; Tue 29 (2),
    # Wed 30 (3), Thu 31 (4); New Year's Day; Mon 4 Jan (5) ... Fri 8 (9), Mon 11 Jan (10);
    # then Tue 12 (11) ... Fri 15 (14), Mon 18 (15) ... Fri 22 (19), Mon 25 Jan 2027 (20).
    ACKNOWLEDGED = date(2026, 12, 23)

    def test_respond_by_is_ten_working_days_after_acknowledgement(self) -> None:
        found = dues("corporate", date(2026, 12, 21), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.respond_by"] == date(2027, 1, 11)

    def test_max_is_twenty_working_days_after_acknowledgement(self) -> None:
        found = dues("corporate", date(2026, 12, 21), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.max"] == date(2027, 1, 25)

    def test_an_extension_of_ten_working_days_reaches_the_maximum(self) -> None:
        found = dues(
            "corporate",
            date(2026, 12, 21),
            acknowledged=self.ACKNOWLEDGED,
            stage1_extended_to=date(2027, 1, 25),
        )
        assert found["stage1.respond_by"] == date(2027, 1, 25) == found["stage1.max"]

    def test_no_stage_1_deadline_before_the_acknowledgement(self) -> None:
        found = dues("corporate", date(2026, 12, 21))
        assert "stage1.respond_by" not in found
        assert "stage1.max" not in found


class TestCorporateStage2:
    def test_acknowledge_by_is_five_working_days_after_the_escalation_request(self) -> None:
        # Mon 22 Mar 2027: Tue 23 (1), Wed 24 (2), Thu 25 (3); Good Friday, weekend, Easter
        # Monday; Tue 30 (4), Wed 31 Mar (5).
        found = dues("corporate", date(2027, 2, 1), escalation_requested=date(2027, 3, 22))
        assert found["stage2.acknowledge_by"] == date(2027, 3, 31)

    def test_respond_by_is_twenty_working_days_after_acknowledging_the_escalation(self) -> None:
        # Thu 25 Mar 2027: Easter; Tue 30 (1), Wed 31 (2), Thu 1 Apr (3), Fri 2 (4), then
        # three whole weeks to Fri 23 Apr (19), Mon 26 Apr (20).
        found = dues("corporate", date(2027, 2, 1), stage2_clock_start=date(2027, 3, 25))
        assert found["stage2.respond_by"] == date(2027, 4, 26)

    def test_max_is_thirty_working_days_the_councils_stricter_limit(self) -> None:
        # From Mon 26 Apr (20): Tue 27 (21) ... Fri 30 (24); early May bank holiday Mon 3;
        # Tue 4 (25) ... Fri 7 (28), Mon 10 (29), Tue 11 May 2027 (30).
        found = dues("corporate", date(2027, 2, 1), stage2_clock_start=date(2027, 3, 25))
        assert found["stage2.max"] == date(2027, 5, 11)

    def test_an_extension_replaces_the_target_with_the_date_told_to_the_person(self) -> None:
        found = dues(
            "corporate",
            date(2027, 2, 1),
            stage2_clock_start=date(2027, 3, 25),
            stage2_extended_to=date(2027, 5, 7),
        )
        assert found["stage2.respond_by"] == date(2027, 5, 7)
        assert found["stage2.max"] == date(2027, 5, 11)

    def test_corporate_has_no_escalation_after_stage_2(self) -> None:
        found = dues("corporate", date(2027, 2, 1), stage2_responded=date(2027, 4, 20))
        assert "stage2.escalate_by" not in found


class TestHousingStage1:
    # Housing Ombudsman Code 6.3-6.4. Acknowledged Thu 23 Dec 2027: Fri 24 (1); weekend and
    # the substitute Mon 27, Tue 28; Wed 29 (2), Thu 30 (3), Fri 31 (4); New Year's
    # substitute Mon 3 Jan 2028; Tue 4 (5) ... Fri 7 (8), Mon 10 (9), Tue 11 Jan (10); then
    # Wed 12 (11) ... Tue 18 (15) ... Tue 25 Jan 2028 (20).
    ACKNOWLEDGED = date(2027, 12, 23)

    def test_respond_by_is_ten_working_days_after_acknowledgement(self) -> None:
        found = dues("housing", date(2027, 12, 20), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.respond_by"] == date(2028, 1, 11)

    def test_max_with_the_ten_day_extension_is_twenty_working_days(self) -> None:
        found = dues("housing", date(2027, 12, 20), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.max"] == date(2028, 1, 25)

    def test_an_extension_moves_respond_by_to_the_new_date(self) -> None:
        found = dues(
            "housing",
            date(2027, 12, 20),
            acknowledged=self.ACKNOWLEDGED,
            stage1_extended_to=date(2028, 1, 18),
        )
        assert found["stage1.respond_by"] == date(2028, 1, 18)


class TestHousingStage2:
    def test_acknowledge_by_counts_from_an_escalation_received_on_a_sunday(self) -> None:
        # Code 6.11. Sun 3 May 2026 is day 0; Mon 4 is a bank holiday: Tue 5 (1) ... Fri 8
        # (4), Mon 11 May (5).
        found = dues("housing", date(2026, 4, 1), escalation_requested=date(2026, 5, 3))
        assert found["stage2.acknowledge_by"] == date(2026, 5, 11)

    def test_respond_by_is_twenty_working_days_not_the_ten_of_the_policy_table(self) -> None:
        # Code 6.14. Fri 8 May 2026: Mon 11 (1) ... Fri 22 (10); spring bank holiday Mon 25;
        # Tue 26 (11) ... Fri 29 (14), Mon 1 Jun (15) ... Mon 8 Jun (20).
        found = dues("housing", date(2026, 4, 1), stage2_clock_start=date(2026, 5, 8))
        assert found["stage2.respond_by"] == date(2026, 6, 8)

    def test_max_is_thirty_working_days_stricter_than_the_codes_twenty_more(self) -> None:
        # Code 6.15 allows +20; the council's policy +10: Tue 9 (21) ... Mon 22 Jun (30).
        found = dues("housing", date(2026, 4, 1), stage2_clock_start=date(2026, 5, 8))
        assert found["stage2.max"] == date(2026, 6, 22)

    def test_housing_stage_2_is_final_so_there_is_no_escalate_by(self) -> None:
        found = dues("housing", date(2026, 4, 1), stage2_responded=date(2026, 6, 1))
        assert "stage2.escalate_by" not in found


class TestChildrensStage1:
    # Acknowledged Tue 31 Mar 2026: Wed 1 Apr (1), Thu 2 (2); Easter; Tue 7 (3) ... Thu 16
    # (10); Fri 17 (11) ... Thu 30 Apr (20).
    ACKNOWLEDGED = date(2026, 3, 31)

    def test_respond_by_is_ten_working_days_after_acknowledgement(self) -> None:
        found = dues("childrens_social_care", date(2026, 3, 27), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.respond_by"] == date(2026, 4, 16)

    def test_max_is_twenty_working_days_in_total(self) -> None:
        found = dues("childrens_social_care", date(2026, 3, 27), acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.max"] == date(2026, 4, 30)


class TestChildrensStage2:
    # The clock starts at the agreed complaint statement, Mon 14 Dec 2026: Tue 15 (1) ...
    # Thu 24 (8); Christmas, weekend, substitute; Tue 29 (9), Wed 30 (10), Thu 31 (11); New
    # Year; Mon 4 Jan (12) ... Thu 21 Jan 2027 (25). Then Fri 22 (26) and seven whole weeks
    # to Fri 12 Mar (61), Mon 15 (62) ... Thu 18 Mar 2027 (65).
    AGREED = date(2026, 12, 14)

    def test_respond_by_is_25_working_days_after_the_agreed_complaint_statement(self) -> None:
        found = dues("childrens_social_care", date(2026, 10, 1), stage2_clock_start=self.AGREED)
        assert found["stage2.respond_by"] == date(2027, 1, 21)

    def test_max_is_65_working_days_in_total(self) -> None:
        found = dues("childrens_social_care", date(2026, 10, 1), stage2_clock_start=self.AGREED)
        assert found["stage2.max"] == date(2027, 3, 18)

    def test_acknowledge_by_is_five_working_days_after_the_escalation_request(self) -> None:
        # Thu 24 Dec 2026: Tue 29 (1), Wed 30 (2), Thu 31 (3), Mon 4 (4), Tue 5 Jan 2027 (5).
        found = dues(
            "childrens_social_care", date(2026, 10, 1), escalation_requested=date(2026, 12, 24)
        )
        assert found["stage2.acknowledge_by"] == date(2027, 1, 5)

    def test_the_escalation_acknowledgement_is_met_by_its_own_date(self) -> None:
        found = deadlines(
            "childrens_social_care",
            date(2026, 10, 1),
            today=date(2027, 2, 1),
            escalation_requested=date(2026, 12, 24),
            stage2_acknowledged=date(2027, 1, 5),
            stage2_clock_start=date(2027, 1, 20),
        )
        assert found["stage2.acknowledge_by"].state == DeadlineState.MET

    def test_escalate_by_gives_twenty_working_days_to_ask_for_a_review_panel(self) -> None:
        # 001 Appendix B. Responded Thu 17 Dec 2026: Fri 18 (1) ... Thu 24 (5), Tue 29 (6),
        # Wed 30 (7), Thu 31 (8), Mon 4 Jan (9) ... Fri 15 (18), Mon 18 (19), Tue 19 Jan (20).
        found = dues(
            "childrens_social_care", date(2026, 10, 1), stage2_responded=date(2026, 12, 17)
        )
        assert found["stage2.escalate_by"] == date(2027, 1, 19)


class TestChildrensStage3ReviewPanel:
    # Review requested Fri 20 Mar 2026: Mon 23 (1) ... Thu 2 Apr (9); Easter; Tue 7 (10) ...
    # Fri 1 May (28); early May bank holiday; Tue 5 (29), Wed 6 May (30).
    REQUESTED = date(2026, 3, 20)

    def test_panel_by_is_thirty_working_days_after_the_request(self) -> None:
        found = dues("childrens_social_care", date(2026, 1, 5), stage3_requested=self.REQUESTED)
        assert found["stage3.panel_by"] == date(2026, 5, 6)

    def test_findings_and_response_are_projected_when_the_panel_date_is_not_known(self) -> None:
        # Findings 5 after Wed 6 May: Thu 7 (1) ... Wed 13 May (5). Response 15 after that:
        # Thu 14 (1), Fri 15 (2), Mon 18 (3) ... Fri 22 (7); spring bank holiday; Tue 26 (8)
        # ... Fri 29 (11), Mon 1 Jun (12) ... Thu 4 Jun (15): 50 working days in all.
        found = dues("childrens_social_care", date(2026, 1, 5), stage3_requested=self.REQUESTED)
        assert found["stage3.findings_by"] == date(2026, 5, 13)
        assert found["stage3.response_by"] == date(2026, 6, 4)
        assert CALENDAR.working_days_between(self.REQUESTED, found["stage3.response_by"]) == 50

    def test_findings_by_is_five_working_days_after_the_panel_was_held(self) -> None:
        # Panel Thu 30 Apr: Fri 1 May (1); bank holiday; Tue 5 (2) ... Fri 8 May (5).
        found = dues(
            "childrens_social_care",
            date(2026, 1, 5),
            stage3_requested=self.REQUESTED,
            panel_held=date(2026, 4, 30),
        )
        assert found["stage3.findings_by"] == date(2026, 5, 8)

    def test_response_by_is_fifteen_working_days_after_the_findings(self) -> None:
        # Findings Fri 8 May: Mon 11 (1) ... Fri 22 (10); bank holiday; Tue 26 (11) ... Fri 29
        # (14), Mon 1 Jun (15).
        found = dues(
            "childrens_social_care",
            date(2026, 1, 5),
            stage3_requested=self.REQUESTED,
            panel_held=date(2026, 4, 30),
            findings_issued=date(2026, 5, 8),
        )
        assert found["stage3.response_by"] == date(2026, 6, 1)

    def test_the_panel_deadline_is_met_by_holding_the_panel(self) -> None:
        found = deadlines(
            "childrens_social_care",
            date(2026, 1, 5),
            today=date(2026, 5, 20),
            stage3_requested=self.REQUESTED,
            panel_held=date(2026, 4, 30),
        )
        assert found["stage3.panel_by"].state == DeadlineState.MET
        assert found["stage3.findings_by"].state == DeadlineState.MISSED


class TestAdultSocialCare:
    # 2009 Regulations and 001 Appendix D. Acknowledged Wed 30 Dec 2026: Thu 31 (1); New
    # Year; Mon 4 Jan (2) ... Thu 14 Jan 2027 (10); then Fri 15 (11) and ten whole weeks to
    # Fri 19 Mar (56), Mon 22 (57) ... Thu 25 Mar 2027 (60), the day before Good Friday.
    RECEIVED = date(2026, 12, 23)
    ACKNOWLEDGED = date(2026, 12, 30)

    def test_respond_by_is_ten_working_days_when_no_response_plan_is_agreed(self) -> None:
        found = dues("adult_social_care", self.RECEIVED, acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.respond_by"] == date(2027, 1, 14)

    def test_respond_by_is_the_agreed_response_plan_date(self) -> None:
        found = dues(
            "adult_social_care",
            self.RECEIVED,
            acknowledged=self.ACKNOWLEDGED,
            response_plan_due=date(2027, 3, 1),
        )
        assert found["stage1.respond_by"] == date(2027, 3, 1)

    def test_an_extension_told_to_the_person_replaces_the_response_plan_date(self) -> None:
        found = dues(
            "adult_social_care",
            self.RECEIVED,
            acknowledged=self.ACKNOWLEDGED,
            response_plan_due=date(2027, 3, 1),
            stage1_extended_to=date(2027, 3, 15),
        )
        assert found["stage1.respond_by"] == date(2027, 3, 15)

    def test_max_is_the_policy_tables_ceiling_of_sixty_working_days(self) -> None:
        found = dues("adult_social_care", self.RECEIVED, acknowledged=self.ACKNOWLEDGED)
        assert found["stage1.max"] == date(2027, 3, 25)

    def test_backstop_is_six_calendar_months_from_receipt(self) -> None:
        # Six months from Wed 23 Dec 2026 is Wed 23 Jun 2027, whether or not acknowledged.
        assert dues("adult_social_care", self.RECEIVED)["stage1.backstop"] == date(2027, 6, 23)

    def test_backstop_from_the_31st_ends_on_the_last_day_of_a_shorter_month(self) -> None:
        # Received Mon 31 Aug 2026 (a bank holiday): there is no 31 Feb 2027.
        found = dues("adult_social_care", date(2026, 8, 31))
        assert found["stage1.backstop"] == date(2027, 2, 28)

    def test_a_longer_agreed_backstop_replaces_six_months(self) -> None:
        found = dues("adult_social_care", self.RECEIVED, backstop_agreed=date(2027, 9, 30))
        assert found["stage1.backstop"] == date(2027, 9, 30)

    def test_adult_social_care_has_a_single_stage(self) -> None:
        found = dues(
            "adult_social_care",
            self.RECEIVED,
            acknowledged=self.ACKNOWLEDGED,
            stage1_responded=date(2027, 1, 10),
        )
        assert set(found) == {
            "acknowledge_by",
            "stage1.respond_by",
            "stage1.max",
            "stage1.backstop",
        }


class TestEscalationWindow:
    # 001: ask for stage 2 within 20 working days of the stage 1 response; none after 12
    # months. Responded Thu 17 Dec 2026: Fri 18 (1) ... Thu 24 (5); Tue 29 (6), Wed 30 (7),
    # Thu 31 (8); Mon 4 Jan (9) ... Fri 15 (18), Mon 18 (19), Tue 19 Jan 2027 (20).
    RESPONDED = date(2026, 12, 17)

    def test_escalate_by_is_twenty_working_days_after_the_stage_1_response(self) -> None:
        found = dues("corporate", date(2026, 11, 2), stage1_responded=self.RESPONDED)
        assert found["stage1.escalate_by"] == date(2027, 1, 19)

    def test_escalation_longstop_is_twelve_calendar_months_after_the_response(self) -> None:
        found = dues("housing", date(2026, 11, 2), stage1_responded=self.RESPONDED)
        assert found["stage1.escalation_longstop"] == date(2027, 12, 17)

    def test_escalation_longstop_takes_its_months_from_the_configuration(self) -> None:
        version = CONFIG.version_for("corporate", date(2026, 11, 2))
        case = CaseDates(received=date(2026, 11, 2), stage1_responded=self.RESPONDED)
        found = deadline_dates(version, case, calendar=CALENDAR, escalation_longstop_months=6)
        assert found["stage1.escalation_longstop"] == date(2027, 6, 17)

    def test_a_late_request_misses_the_window_but_is_still_recorded(self) -> None:
        found = deadlines(
            "corporate",
            date(2026, 11, 2),
            today=date(2027, 2, 1),
            stage1_responded=self.RESPONDED,
            escalation_requested=date(2027, 1, 20),
        )
        assert found["stage1.escalate_by"].state == DeadlineState.MISSED
        assert found["stage1.escalation_longstop"].state == DeadlineState.MET
        assert "stage2.acknowledge_by" in found

    def test_adult_social_care_has_no_escalation_window(self) -> None:
        found = dues("adult_social_care", date(2026, 11, 2), stage1_responded=self.RESPONDED)
        assert "stage1.escalate_by" not in found


class TestDeadlineStates:
    # Corporate, acknowledged Thu 9 Apr 2026: Fri 10 (1), Mon 13 (2) ... Fri 17 (6), Mon 20
    # (7), Tue 21 (8), Wed 22 (9), Thu 23 Apr (10) is stage1.respond_by.
    RECEIVED = date(2026, 4, 7)
    ACKNOWLEDGED = date(2026, 4, 9)

    def state(self, today: date, **dates: date) -> DeadlineState:
        found = deadlines(
            "corporate", self.RECEIVED, today=today, acknowledged=self.ACKNOWLEDGED, **dates
        )
        assert found["stage1.respond_by"].due == date(2026, 4, 23)
        return found["stage1.respond_by"].state

    def test_pending_when_more_than_two_working_days_remain(self) -> None:
        assert self.state(date(2026, 4, 20)) == DeadlineState.PENDING

    def test_at_risk_within_two_working_days(self) -> None:
        assert self.state(date(2026, 4, 21)) == DeadlineState.AT_RISK

    def test_at_risk_on_the_due_date_itself(self) -> None:
        assert self.state(date(2026, 4, 23)) == DeadlineState.AT_RISK

    def test_missed_when_the_due_date_has_passed_without_a_response(self) -> None:
        assert self.state(date(2026, 4, 24)) == DeadlineState.MISSED

    def test_met_when_the_response_is_on_the_due_date(self) -> None:
        assert self.state(date(2026, 6, 1), stage1_responded=date(2026, 4, 23)) == (
            DeadlineState.MET
        )

    def test_missed_when_the_response_came_after_the_due_date(self) -> None:
        assert self.state(date(2026, 4, 24), stage1_responded=date(2026, 4, 24)) == (
            DeadlineState.MISSED
        )

    def test_at_risk_counts_working_days_not_calendar_days(self) -> None:
        # Acknowledged Mon 13 Apr: due Mon 27 Apr. On Thu 23 it is four calendar days away
        # but two working days (Fri 24, Mon 27).
        found = deadlines(
            "corporate", self.RECEIVED, today=date(2026, 4, 23), acknowledged=date(2026, 4, 13)
        )
        assert found["stage1.respond_by"].due == date(2026, 4, 27)
        assert found["stage1.respond_by"].state == DeadlineState.AT_RISK

    def test_the_at_risk_margin_is_a_parameter(self) -> None:
        version = CONFIG.version_for("corporate", self.RECEIVED)
        case = CaseDates(received=self.RECEIVED, acknowledged=self.ACKNOWLEDGED)
        found = compute_deadlines(
            version, case, today=date(2026, 4, 21), calendar=CALENDAR, at_risk_working_days=0
        )
        assert found["stage1.respond_by"].state == DeadlineState.PENDING

    def test_compute_case_deadlines_takes_the_margin_from_the_configuration(self) -> None:
        version = CONFIG.version_for("corporate", self.RECEIVED)
        case = CaseDates(received=self.RECEIVED, acknowledged=self.ACKNOWLEDGED)
        found = compute_case_deadlines(CONFIG, version, case, today=date(2026, 4, 21))
        assert found["stage1.respond_by"] == Deadline(
            "stage1.respond_by", date(2026, 4, 23), DeadlineState.AT_RISK
        )


class TestHolds:
    # Corporate, received Tue 7 Apr 2026: acknowledge_by Tue 14 Apr. Acknowledged Thu 9 Apr:
    # respond_by Thu 23 Apr, max Fri 8 May (Mon 4 May is a bank holiday). A hold from Mon 13
    # to Mon 20 Apr lasted 5 working days (Tue 14, Wed 15, Thu 16, Fri 17, Mon 20).
    RECEIVED = date(2026, 4, 7)
    ACKNOWLEDGED = date(2026, 4, 9)
    HOLD = Hold(held=date(2026, 4, 13), resumed=date(2026, 4, 20))

    def found(self, *holds: Hold, **dates: date) -> dict[str, Deadline]:
        dates.setdefault("acknowledged", self.ACKNOWLEDGED)
        return deadlines("corporate", self.RECEIVED, today=date(2026, 4, 21), holds=holds, **dates)

    def test_a_hold_moves_open_deadlines_later_by_the_working_days_it_lasted(self) -> None:
        # Thu 23 Apr + 5: Fri 24, Mon 27, Tue 28, Wed 29, Thu 30 Apr.
        # Fri 8 May + 5: Mon 11 ... Fri 15 May.
        found = self.found(self.HOLD)
        assert found["stage1.respond_by"].due == date(2026, 4, 30)
        assert found["stage1.max"].due == date(2026, 5, 15)

    def test_a_deadline_met_before_the_hold_does_not_move(self) -> None:
        found = self.found(self.HOLD)
        assert found["acknowledge_by"] == Deadline(
            "acknowledge_by", date(2026, 4, 14), DeadlineState.MET
        )

    def test_an_unmet_deadline_due_after_the_hold_began_moves(self) -> None:
        # Not yet acknowledged at the hold: Tue 14 Apr + 5 is Tue 21 Apr.
        found = deadlines("corporate", self.RECEIVED, today=date(2026, 4, 21), holds=(self.HOLD,))
        assert found["acknowledge_by"].due == date(2026, 4, 21)

    def test_a_deadline_due_before_the_hold_began_does_not_move(self) -> None:
        late_hold = Hold(held=date(2026, 4, 24), resumed=date(2026, 5, 1))
        found = self.found(late_hold)
        assert found["stage1.respond_by"].due == date(2026, 4, 23)

    def test_an_open_hold_puts_the_deadlines_it_covers_on_hold(self) -> None:
        found = self.found(Hold(held=date(2026, 4, 13)))
        assert found["stage1.respond_by"] == Deadline(
            "stage1.respond_by", None, DeadlineState.ON_HOLD
        )
        assert found["stage1.max"].state == DeadlineState.ON_HOLD
        assert found["acknowledge_by"].state == DeadlineState.MET

    def test_deadline_dates_leaves_out_the_deadlines_on_hold(self) -> None:
        version = CONFIG.version_for("corporate", self.RECEIVED)
        case = CaseDates(
            received=self.RECEIVED,
            acknowledged=self.ACKNOWLEDGED,
            holds=(Hold(held=date(2026, 4, 13)),),
        )
        assert set(deadline_dates(version, case, calendar=CALENDAR)) == {"acknowledge_by"}

    def test_a_clock_that_starts_after_the_hold_ended_does_not_move(self) -> None:
        # Escalated Mon 11 May 2026: acknowledge by Mon 18 May, untouched by the April hold.
        found = self.found(
            self.HOLD,
            stage1_responded=date(2026, 4, 30),
            escalation_requested=date(2026, 5, 11),
        )
        assert found["stage2.acknowledge_by"].due == date(2026, 5, 18)

    def test_a_clock_started_during_a_hold_runs_from_the_resumption(self) -> None:
        # Held Wed 8 Apr, acknowledged Wed 15 Apr, resumed Mon 20 Apr: ten working days from
        # Mon 20: Tue 21 (1) ... Fri 1 May (9); bank holiday; Tue 5 May (10).
        hold = Hold(held=date(2026, 4, 8), resumed=date(2026, 4, 20))
        found = self.found(hold, acknowledged=date(2026, 4, 15))
        assert found["stage1.respond_by"].due == date(2026, 5, 5)

    def test_two_holds_add_up(self) -> None:
        # A second hold Mon 27 to Wed 29 Apr (2 working days) after the first moved the due
        # date to Thu 30 Apr: Fri 1 May, (bank holiday), Tue 5 May.
        second = Hold(held=date(2026, 4, 27), resumed=date(2026, 4, 29))
        found = self.found(self.HOLD, second)
        assert found["stage1.respond_by"].due == date(2026, 5, 5)

    def test_a_hold_moves_the_projected_review_panel_steps_with_the_panel(self) -> None:
        # Review requested Fri 20 Mar 2026, panel by Wed 6 May. Held Wed 1 to Wed 8 Apr:
        # 3 working days (Thu 2, Tue 7, Wed 8). Panel by Mon 11 May; findings 5 later, Mon 18
        # May; response 15 later: Tue 19 (1) ... Fri 22 (4); bank holiday; Tue 26 (5) ... Fri
        # 5 Jun (13), Mon 8 (14), Tue 9 Jun (15).
        hold = Hold(held=date(2026, 4, 1), resumed=date(2026, 4, 8))
        found = deadlines(
            "childrens_social_care",
            date(2026, 1, 5),
            today=date(2026, 4, 9),
            holds=(hold,),
            stage3_requested=date(2026, 3, 20),
        )
        assert found["stage3.panel_by"].due == date(2026, 5, 11)
        assert found["stage3.findings_by"].due == date(2026, 5, 18)
        assert found["stage3.response_by"].due == date(2026, 6, 9)

    def test_an_open_hold_puts_the_projected_steps_on_hold_too(self) -> None:
        found = deadlines(
            "childrens_social_care",
            date(2026, 1, 5),
            today=date(2026, 4, 9),
            holds=(Hold(held=date(2026, 4, 1)),),
            stage3_requested=date(2026, 3, 20),
        )
        states = {found[name].state for name in ("stage3.findings_by", "stage3.response_by")}
        assert states == {DeadlineState.ON_HOLD}


class TestLaterAnnouncedBankHoliday:
    # Corporate, acknowledged Thu 9 Apr 2026: respond_by Thu 23 Apr. Suppose a one-off bank
    # holiday on Mon 20 Apr is announced after the case opened: respond_by becomes Fri 24.
    EXTRA = frozenset({date(2026, 4, 20)})

    def test_an_extra_bank_holiday_moves_the_open_deadline_it_touches(self) -> None:
        version = CONFIG.version_for("corporate", date(2026, 4, 7))
        case = CaseDates(received=date(2026, 4, 7), acknowledged=date(2026, 4, 9))
        before = deadline_dates(version, case, calendar=CALENDAR)
        announced = calendar_for(CalendarSettings(extra_bank_holidays=self.EXTRA))
        after = deadline_dates(version, case, calendar=announced)
        assert before["stage1.respond_by"] == date(2026, 4, 23)
        assert after["stage1.respond_by"] == date(2026, 4, 24)
        assert after["acknowledge_by"] == before["acknowledge_by"] == date(2026, 4, 14)

    def test_the_configurations_extra_bank_holidays_reach_compute_case_deadlines(self) -> None:
        config = load_config()
        settings = CalendarSettings(extra_bank_holidays=self.EXTRA)
        announced = type(config)(
            source=config.source,
            calendar=settings,
            time_limits=config.time_limits,
            processes=config.processes,
            ombudsmen=config.ombudsmen,
            contact_kinds=config.contact_kinds,
            exclusions=config.exclusions,
        )
        version = config.version_for("corporate", date(2026, 4, 7))
        case = CaseDates(received=date(2026, 4, 7), acknowledged=date(2026, 4, 9))
        found = compute_case_deadlines(announced, version, case, today=date(2026, 4, 10))
        assert found["stage1.respond_by"].due == date(2026, 4, 24)

    def test_calendar_for_builds_one_calendar_per_settings(self) -> None:
        settings = CalendarSettings(extra_bank_holidays=self.EXTRA)
        assert calendar_for(settings) is calendar_for(
            CalendarSettings(extra_bank_holidays=self.EXTRA)
        )


ALL_DATES = {
    "acknowledged": date(2026, 4, 8),
    "stage1_responded": date(2026, 4, 20),
    "escalation_requested": date(2026, 4, 27),
    "stage2_clock_start": date(2026, 5, 5),
    "stage2_responded": date(2026, 6, 1),
    "stage3_requested": date(2026, 6, 10),
}
TWO_STAGE_NAMES = [
    "acknowledge_by",
    "stage1.respond_by",
    "stage1.max",
    "stage1.escalate_by",
    "stage1.escalation_longstop",
    "stage2.acknowledge_by",
    "stage2.respond_by",
    "stage2.max",
]


class TestDeadlineNames:
    @pytest.mark.parametrize("process", ["corporate", "housing"])
    def test_two_stage_processes_have_the_stage_1_and_2_keys(self, process: str) -> None:
        assert list(dues(process, date(2026, 4, 7), **ALL_DATES)) == TWO_STAGE_NAMES

    def test_childrens_social_care_adds_the_stage_2_escalation_and_the_review_panel(
        self,
    ) -> None:
        found = dues("childrens_social_care", date(2026, 4, 7), **ALL_DATES)
        assert list(found) == [
            *TWO_STAGE_NAMES,
            "stage2.escalate_by",
            "stage2.escalation_longstop",
            "stage3.panel_by",
            "stage3.findings_by",
            "stage3.response_by",
        ]

    def test_adult_social_care_has_the_single_stage_and_the_backstop(self) -> None:
        found = dues("adult_social_care", date(2026, 4, 7), **ALL_DATES)
        assert list(found) == [
            "acknowledge_by",
            "stage1.respond_by",
            "stage1.max",
            "stage1.backstop",
        ]

    def test_a_new_case_has_only_its_acknowledgement(self) -> None:
        assert list(dues("corporate", date(2026, 4, 7))) == ["acknowledge_by"]

    def test_every_clock_event_of_the_configuration_maps_to_a_case_date(self) -> None:
        assert set(EVENT_FIELDS) == set(CLOCK_EVENTS)
        assert set(EVENT_FIELDS.values()) <= set(DATE_FIELDS)


class TestCaseDates:
    def test_an_event_before_receipt_is_impossible(self) -> None:
        with pytest.raises(ImpossibleCaseDates, match="acknowledged"):
            CaseDates(received=date(2026, 4, 7), acknowledged=date(2026, 4, 6))

    def test_a_hold_cannot_resume_before_it_began(self) -> None:
        with pytest.raises(ImpossibleCaseDates):
            Hold(held=date(2026, 4, 13), resumed=date(2026, 4, 10))

    def test_a_hold_cannot_begin_before_receipt(self) -> None:
        with pytest.raises(ImpossibleCaseDates):
            CaseDates(received=date(2026, 4, 7), holds=(Hold(held=date(2026, 4, 6)),))

    def test_holds_cannot_overlap(self) -> None:
        first = Hold(held=date(2026, 4, 13), resumed=date(2026, 4, 20))
        second = Hold(held=date(2026, 4, 15), resumed=date(2026, 4, 22))
        with pytest.raises(ImpossibleCaseDates):
            CaseDates(received=date(2026, 4, 7), holds=(first, second))

    def test_only_the_last_hold_may_be_open(self) -> None:
        with pytest.raises(ImpossibleCaseDates):
            CaseDates(
                received=date(2026, 4, 7),
                holds=(Hold(held=date(2026, 4, 13)), Hold(held=date(2026, 4, 20))),
            )

    def test_add_months_keeps_the_day_of_the_month(self) -> None:
        assert add_months(date(2026, 12, 23), 6) == date(2027, 6, 23)
        assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


# ---------------------------------------------------------------------------------------
# The bulk path gives the same dates as the readable one.

RECEIVED = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 1, 1))


@st.composite
def case_dates(draw: st.DrawFn) -> CaseDates:
    received = draw(RECEIVED)
    later = st.integers(min_value=0, max_value=200).map(lambda n: received + timedelta(days=n))
    chosen = draw(st.sets(st.sampled_from(DATE_FIELDS[1:])))
    dates = {name: draw(later) for name in sorted(chosen)}
    return CaseDates(received=received, holds=draw(holds(received)), **dates)


@st.composite
def holds(draw: st.DrawFn, received: date) -> tuple[Hold, ...]:
    found: list[Hold] = []
    start = received
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        held = start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
        if draw(st.booleans()):
            found.append(Hold(held=held))
            break
        resumed = held + timedelta(days=draw(st.integers(min_value=0, max_value=40)))
        found.append(Hold(held=held, resumed=resumed))
        start = resumed
    return tuple(found)


def readable_dues(process: str, case: CaseDates) -> dict[str, date | None]:
    version = CONFIG.versions(process)[-1]
    found = compute_deadlines(version, case, today=case.received, calendar=CALENDAR)
    return {name: deadline.due for name, deadline in found.items()}


def bulk_dues(process: str, cases: list[CaseDates]) -> list[dict[str, date | None]]:
    version = CONFIG.versions(process)[-1]
    columns = deadline_ordinals(version, CaseColumns.from_cases(cases), calendar=CALENDAR)
    return [
        {
            name: None if column[i] == ON_HOLD_ORDINAL else date.fromordinal(column[i])
            for name, column in columns.items()
            if column[i] != 0
        }
        for i in range(len(cases))
    ]


class TestBulkPath:
    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(KNOWN_PROCESSES), st.lists(case_dates(), min_size=1, max_size=12))
    def test_gives_the_same_dates_as_compute_deadlines(
        self, process: str, cases: list[CaseDates]
    ) -> None:
        assert bulk_dues(process, cases) == [readable_dues(process, case) for case in cases]

    def test_gives_the_on_hold_marker_and_zero_for_deadlines_not_started(self) -> None:
        case = CaseDates(
            received=date(2026, 4, 7),
            acknowledged=date(2026, 4, 9),
            holds=(Hold(held=date(2026, 4, 13)),),
        )
        version = CONFIG.version_for("corporate", case.received)
        columns = deadline_ordinals(version, CaseColumns.from_cases([case]), calendar=CALENDAR)
        assert columns["acknowledge_by"] == [date(2026, 4, 14).toordinal()]
        assert columns["stage1.respond_by"] == [ON_HOLD_ORDINAL]
        assert columns["stage2.respond_by"] == [0]

    def test_a_date_before_the_calendar_raises(self) -> None:
        version = CONFIG.version_for("corporate", date(1999, 1, 4))
        cases = CaseColumns(1, {"received": [date(1999, 1, 4).toordinal()]})
        with pytest.raises(DateOutsideCalendar):
            deadline_ordinals(version, cases, calendar=CALENDAR)

    def test_a_deadline_past_the_calendar_raises(self) -> None:
        version = CONFIG.version_for("corporate", date(2100, 12, 30))
        cases = CaseColumns(1, {"received": [date(2100, 12, 30).toordinal()]})
        with pytest.raises(DateOutsideCalendar):
            deadline_ordinals(version, cases, calendar=CALENDAR)

    def test_every_case_needs_a_received_date(self) -> None:
        version = CONFIG.version_for("corporate", date(2026, 4, 7))
        with pytest.raises(ValueError, match="received"):
            deadline_ordinals(version, CaseColumns(1, {"received": [0]}), calendar=CALENDAR)

    def test_columns_must_name_dates_of_a_case(self) -> None:
        with pytest.raises(KeyError):
            CaseColumns(1, {"recieved": [1]})
