"""Ombudsman orders: the officer hears before an order is due and once when it is overdue;
an order complied with is never reminded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case, OmbudsmanOrder
from putright.cases.services import Actor, EvidenceFile, OmbudsmanFindingInput, OmbudsmanOrderInput
from tests.notifications.scheduler.conftest import OFFICER, outbox, run
from tests.notifications.scheduler.test_other_reminders import days_sent

pytestmark = pytest.mark.django_db
D = dt.date
DUE = D(2027, 1, 20)  # a Wednesday


@pytest.fixture
def orders(complaint: Callable[..., Case], team: Actor) -> tuple[OmbudsmanOrder, OmbudsmanOrder]:
    case = complaint(D(2026, 11, 2), D(2026, 11, 4))
    record = services.ombudsman_case_open(
        case=case,
        actor=team,
        ombudsman="housing_ombudsman",
        their_reference="202412345",
        enquiry_received_on=D(2026, 12, 1),
        response_due_on=D(2026, 12, 15),
    )
    case.refresh_from_db()
    services.ombudsman_information_sent(
        case=case, actor=team, ombudsman_case=record, sent_on=D(2026, 12, 14), what="The file"
    )
    case.refresh_from_db()
    services.ombudsman_determination_record(
        case=case,
        actor=team,
        ombudsman_case=record,
        determined_on=D(2027, 1, 4),
        determination="Maladministration in the handling of the repair.",
        findings=[OmbudsmanFindingInput("Black mould not treated", "maladministration")],
        orders=[
            OmbudsmanOrderInput("Pay £300 compensation", DUE),
            OmbudsmanOrderInput("Inspect the home", DUE),
        ],
    )
    paid, inspect = OmbudsmanOrder.objects.order_by("pk")
    return paid, inspect


class TestOmbudsmanOrderReminders:
    def test_an_open_order_is_reminded_before_it_is_due_and_once_when_overdue(
        self, orders: tuple[OmbudsmanOrder, OmbudsmanOrder], team: Actor
    ) -> None:
        paid, _inspect = orders
        case = paid.ombudsman_case.case
        case.refresh_from_db()
        services.ombudsman_order_comply(
            case=case,
            actor=team,
            order=paid,
            evidence="Paid by BACS",
            uploads=(EvidenceFile("paid.pdf", "application/pdf", 8, _pdf()),),
            on=D(2027, 1, 15),
        )

        sent = days_sent(D(2027, 1, 14), D(2027, 1, 29), "ombudsman_order_reminders")

        assert sent == {
            D(2027, 1, 18): ["Ombudsman order due Wednesday 20 January 2027"],
            D(2027, 1, 21): ["OVERDUE: Ombudsman order was due Wednesday 20 January 2027"],
        }
        assert {m.to_address for m in outbox()} == {OFFICER}
        assert "Inspect the home" in outbox()[-1].body_text

    def test_the_response_to_an_enquiry_is_reminded_before_it_is_due_and_once_overdue(
        self, complaint: Callable[..., Case], team: Actor
    ) -> None:
        case = complaint(D(2026, 11, 2), D(2026, 11, 4))
        services.ombudsman_case_open(
            case=case,
            actor=team,
            ombudsman="housing_ombudsman",
            enquiry_received_on=D(2026, 12, 1),
            response_due_on=D(2026, 12, 15),
        )

        sent = days_sent(D(2026, 12, 9), D(2026, 12, 18), "ombudsman_order_reminders")

        assert sent == {
            D(2026, 12, 11): ["response to the Ombudsman due Tuesday 15 December 2026"],
            D(2026, 12, 16): [
                "OVERDUE: response to the Ombudsman was due Tuesday 15 December 2026"
            ],
        }

    def test_nothing_is_sent_on_a_day_that_is_not_a_working_day(
        self, orders: tuple[OmbudsmanOrder, OmbudsmanOrder]
    ) -> None:
        run(D(2027, 1, 23), "ombudsman_order_reminders")
        assert outbox() == []


def _pdf() -> object:
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4")
