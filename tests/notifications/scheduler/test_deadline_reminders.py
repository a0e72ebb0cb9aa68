"""Reminders to the officer before and on each deadline, and alerts to the service manager
once it is missed, on the right working days across Christmas 2026.

Christmas Day is a Friday and Boxing Day a Saturday, so Monday 28 December is its
substitute bank holiday: 24 December and 29 December are consecutive working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case, Officer, Service
from putright.cases.services import Actor
from putright.notifications.models import SentReminder
from tests.cases.conftest import naive_add_working_days
from tests.notifications.scheduler.conftest import MANAGER, OFFICER, TEAM, outbox, run

pytestmark = pytest.mark.django_db
D = dt.date

# Acknowledged on Friday 11 December: stage 1 response due 10 working days later, on
# Tuesday 29 December (the oracle walks the days itself).
RECEIVED, ACKNOWLEDGED, DUE = D(2026, 12, 9), D(2026, 12, 11), D(2026, 12, 29)


def walk(first: D, last: D) -> dict[D, list[tuple[str, str, str]]]:
    """Run the scheduler every day from `first` to `last`; what each day sent."""
    sent: dict[D, list[tuple[str, str, str]]] = {}
    day = first
    while day <= last:
        before = {m.pk for m in outbox()}
        run(day)
        sent[day] = [(m.kind, m.to_address, m.subject) for m in outbox() if m.pk not in before]
        day += dt.timedelta(days=1)
    return {d: s for d, s in sent.items() if s}


class TestAcrossChristmas:
    def test_the_oracle_agrees_on_the_due_date(self) -> None:
        assert naive_add_working_days(ACKNOWLEDGED, 10) == DUE
        assert naive_add_working_days(D(2026, 12, 23), 2) == DUE

    def test_officer_hears_two_working_days_before_and_on_the_day_manager_the_day_after(
        self, complaint: Callable[..., Case]
    ) -> None:
        case = complaint(RECEIVED, ACKNOWLEDGED)
        ref = case.reference
        # The latest date with an extension: 20 working days, Wednesday 13 January 2027.
        latest = naive_add_working_days(ACKNOWLEDGED, 20)
        assert latest == D(2027, 1, 13)

        sent = walk(D(2026, 12, 14), D(2027, 1, 18))

        max_label = "stage 1 response at the latest (longest extension)"
        assert sent == {
            # Two working days before: Wednesday 23 December (24th, then 29th).
            D(2026, 12, 23): [
                ("deadline_soon", OFFICER, f"{ref}: stage 1 response due Tuesday 29 December 2026")
            ],
            D(2026, 12, 29): [("deadline_due", OFFICER, f"{ref}: stage 1 response due today")],
            # Missed: the service manager hears on the next working day, and only then.
            D(2026, 12, 30): [
                (
                    "deadline_overdue",
                    MANAGER,
                    f"{ref}: OVERDUE: stage 1 response was due Tuesday 29 December 2026",
                )
            ],
            D(2027, 1, 11): [
                ("deadline_soon", OFFICER, f"{ref}: {max_label} due Wednesday 13 January 2027")
            ],
            D(2027, 1, 13): [("deadline_due", OFFICER, f"{ref}: {max_label} due today")],
            D(2027, 1, 14): [
                (
                    "deadline_overdue",
                    MANAGER,
                    f"{ref}: OVERDUE: {max_label} was due Wednesday 13 January 2027",
                )
            ],
        }

    def test_the_body_names_the_case_and_the_day_but_not_the_person(
        self, complaint: Callable[..., Case]
    ) -> None:
        case = complaint(RECEIVED, ACKNOWLEDGED)
        run(D(2026, 12, 23))
        (message,) = outbox()
        assert message.case_reference == case.reference
        assert f"Case {case.reference} (Housing repairs)" in message.body_text
        assert "in 2 working day(s)" in message.body_text
        assert "Margaret" not in message.body_text + message.subject

    def test_nothing_is_sent_on_a_bank_holiday_and_the_next_working_day_catches_up(
        self, complaint: Callable[..., Case]
    ) -> None:
        # Due Tuesday 5 January 2027; two working days before is Thursday 31 December.
        complaint(D(2026, 12, 14), D(2026, 12, 17))
        assert naive_add_working_days(D(2026, 12, 17), 10) == D(2027, 1, 5)
        run(D(2027, 1, 1))  # New Year's Day: a run sends nothing
        assert outbox() == []
        results = {r.job: r for r in run(D(2027, 1, 1), "deadline_reminders")}
        assert results["deadline_reminders"].skipped == "2027-01-01 is not a working day"

        # The 31 December run was missed; Monday 4 January, one working day before, catches up.
        run(D(2027, 1, 4))
        assert [(m.kind, m.subject.split(": ", 1)[1]) for m in outbox()] == [
            ("deadline_soon", "stage 1 response due Tuesday 5 January 2027")
        ]

    def test_an_extension_brings_reminders_for_the_new_date(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        case = complaint(RECEIVED, ACKNOWLEDGED)
        run(D(2026, 12, 23))
        services.stage_extend(
            case=case,
            actor=Actor.of(officer),
            new_due=D(2027, 1, 8),
            reason="Waiting for the damp survey",
            on=D(2026, 12, 24),
        )
        run(D(2026, 12, 29))  # the old date: no longer a deadline
        assert [m.kind for m in outbox()] == ["deadline_soon"]
        run(D(2027, 1, 6))
        assert [m.kind for m in outbox()] == ["deadline_soon", "deadline_soon"]
        assert outbox()[-1].subject.endswith("stage 1 response due Friday 8 January 2027")

    def test_a_response_in_time_stops_the_reminders(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        from tests.cases.test_journeys import response

        case = complaint(RECEIVED, ACKNOWLEDGED)
        run(D(2026, 12, 23))
        services.stage_respond(
            case=case, actor=Actor.of(officer), content=response(1), on=D(2026, 12, 24)
        )
        for day in (D(2026, 12, 29), D(2026, 12, 30), D(2027, 1, 11), D(2027, 1, 14)):
            run(day)
        assert [m.kind for m in outbox()] == ["deadline_soon"]


class TestWhoHears:
    def test_acknowledgement_deadlines_go_to_the_complaints_team(
        self, complaint: Callable[..., Case]
    ) -> None:
        # Received Monday 21 December: acknowledge within 5 working days, by 30 December.
        case = complaint(D(2026, 12, 21))
        assert (
            case.next_deadline_on == D(2026, 12, 30) == naive_add_working_days(D(2026, 12, 21), 5)
        )
        run(D(2026, 12, 24))
        assert [(m.kind, m.to_address) for m in outbox()] == [("deadline_soon", TEAM)]
        assert outbox()[0].subject.endswith("acknowledgement due Wednesday 30 December 2026")

    def test_a_stage_with_no_officer_goes_to_the_complaints_team(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        complaint(RECEIVED, ACKNOWLEDGED, officer=None)
        run(D(2026, 12, 23))
        assert [(m.kind, m.to_address) for m in outbox()] == [("deadline_soon", TEAM)]

    def test_a_service_with_no_manager_address_alerts_the_complaints_team(
        self, complaint: Callable[..., Case], repairs: Service
    ) -> None:
        Service.objects.filter(pk=repairs.pk).update(manager_email="")
        complaint(RECEIVED, ACKNOWLEDGED)
        run(D(2026, 12, 30), "overdue_alerts")
        assert [(m.kind, m.to_address) for m in outbox()] == [("deadline_overdue", TEAM)]

    def test_the_officer_sign_in_address_serves_when_the_officer_has_none(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        Officer.objects.filter(pk=officer.pk).update(email="")
        complaint(RECEIVED, ACKNOWLEDGED)
        run(D(2026, 12, 23))
        assert [m.to_address for m in outbox()] == [officer.user.email]

    def test_no_address_anywhere_sends_nothing_and_records_nothing(
        self, complaint: Callable[..., Case], officer: Officer, letter_contact: object
    ) -> None:
        from putright.cases.models import LetterContact

        LetterContact.objects.all().delete()
        complaint(D(2026, 12, 21))
        results = {r.job: r for r in run(D(2026, 12, 24))}
        assert results["deadline_reminders"].no_address == 1
        assert outbox() == [] and not SentReminder.objects.exists()

    def test_cases_on_hold_or_closed_get_no_reminders(
        self, complaint: Callable[..., Case], team: Actor
    ) -> None:
        held = complaint(RECEIVED, ACKNOWLEDGED)
        services.case_hold(
            case=held, actor=team, ground="concurrent_proceedings", on=D(2026, 12, 15)
        )
        withdrawn = complaint(RECEIVED, ACKNOWLEDGED)
        services.case_withdraw(case=withdrawn, actor=team, channel="phone", on=D(2026, 12, 15))
        for day in (D(2026, 12, 23), D(2026, 12, 29), D(2026, 12, 30)):
            run(day, "deadline_reminders", "overdue_alerts")
        assert outbox() == []
