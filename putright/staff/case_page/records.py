"""The case page's records part: its partials' context (see putright.staff.case_page).

Stored dates from the one source (`_deadlines.html`): how each stage's response was given.
Ombudsman cases (`_records.html`, the Ombudsman banner and the panel's links): each with its
findings, orders and evidence files, read in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from django.db.models import Prefetch

from putright.cases import selectors
from putright.cases.models import OmbudsmanCase, OmbudsmanOrder
from putright.core.policy import policy_config
from putright.letters.adjustments import handling_for
from putright.policy.deadlines import Timeliness
from putright.staff.case_page import PageInput

TIMELINESS: Final = {
    Timeliness.WITHIN_TARGET: ("Within target", "green"),
    Timeliness.WITHIN_AGREED_EXTENSION: ("Within an agreed extension", "blue"),
    Timeliness.LATE: ("Late", "red"),
}


@dataclass(frozen=True, slots=True)
class OrderRow:
    order: OmbudsmanOrder
    state: str  # words on the tag
    colour: str

    @property
    def overdue(self) -> bool:
        return self.state == "Overdue"


def _order_row(order: OmbudsmanOrder, today: date) -> OrderRow:
    if order.state == "complied":
        return OrderRow(order, "Complied", "green")
    if order.state == "complied_late":
        return OrderRow(order, "Complied late", "orange")
    if order.due_on < today:
        return OrderRow(order, "Overdue", "red")
    return OrderRow(order, "Due", "blue")


def _responses(page: PageInput) -> list[dict[str, Any]]:
    rows = []
    for number, how in selectors.case_response_timeliness(case=page.case).items():
        text, colour = TIMELINESS[how]
        record = page.record.stages.get(number)
        rows.append(
            {
                "stage": number,
                "sent": record.responded_on if record is not None else None,
                "text": text,
                "colour": colour,
            }
        )
    return rows


def _ombudsman(page: PageInput) -> list[dict[str, Any]]:
    orders = OmbudsmanOrder.objects.prefetch_related("files")
    found = (
        OmbudsmanCase.objects.filter(case=page.case)
        .prefetch_related("findings", Prefetch("orders", queryset=orders))
        .order_by("enquiry_received_on", "id")
    )
    names = policy_config().ombudsmen
    return [
        {
            "row": oc,
            "name": names[oc.ombudsman].name if oc.ombudsman in names else oc.ombudsman,
            "findings": list(oc.findings.all()),
            "orders": [_order_row(o, page.today) for o in oc.orders.all()],
        }
        for oc in found
    ]


def _adjustment_banners(page: PageInput) -> list[dict[str, Any]]:
    """Each adjustment in force with what its handling rule asks of the officer: support to
    book for a meeting or call, or the transcription its letters get. No query."""
    rows = []
    for adjustment in page.record.adjustments:
        handling = handling_for(adjustment.kind)
        rows.append(
            {
                "adjustment": adjustment,
                "book": handling.support if handling.rule == "book_support" else "",
                "transcription": handling.format if handling.rule == "transcribe" else "",
            }
        )
    return rows


def context(page: PageInput) -> dict[str, Any]:
    ombudsman = _ombudsman(page)
    open_orders = [o for oc in ombudsman for o in oc["orders"] if o.state in ("Due", "Overdue")]
    return {
        "adjustment_banners": _adjustment_banners(page),
        "responses_timeliness": _responses(page),
        "ombudsman_cases": ombudsman,
        "ombudsman_orders_open": open_orders,
        "ombudsman_orders_overdue": [o for o in open_orders if o.overdue],
        "improvements": list(
            page.case.improvements.select_related("owner").order_by("due_on", "id")
        ),
    }
