"""Ombudsman cases on a complaint: the enquiry, the information sent, the determination with
its findings per issue, each order or recommendation with its due date, and the evidence
that the council complied.

Missing an Ombudsman order's date is what earns a landlord a Complaint Handling Failure
Notice, so each order carries its due date, is reminded before it and when overdue
(`putright.notifications.scheduler`), and is recorded "complied" or "complied late".
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from django.core.files import File
from django.db import transaction

from putright.cases.models import (
    Case,
    OmbudsmanCase,
    OmbudsmanEvidence,
    OmbudsmanFinding,
    OmbudsmanOrder,
)
from putright.cases.models.ombudsman import FINDINGS
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.core import clock
from putright.core.policy import policy_config

_FOUND_AT_FAULT = frozenset({"severe_maladministration", "maladministration", "service_failure"})


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"Enter {what}.")
    return value.strip()


@dataclass(frozen=True, slots=True)
class OmbudsmanFindingInput:
    issue: str
    finding: str  # a code of FINDINGS


@dataclass(frozen=True, slots=True)
class OmbudsmanOrderInput:
    text: str
    due_on: date
    kind: str = "order"  # or "recommendation"


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file of evidence, already checked by the interface (size, kind)."""

    name: str
    content_type: str
    size: int
    file: File  # type: ignore[type-arg]


def _ombudsman_name(code: str) -> str:
    found = policy_config().ombudsmen.get(code)
    if found is None:
        raise InvalidInput("Choose the Ombudsman: the Housing Ombudsman or the LGSCO.")
    return found.name


@transaction.atomic
def ombudsman_case_open(
    *,
    case: Case,
    actor: Actor,
    ombudsman: str,
    enquiry_received_on: date,
    response_due_on: date | None = None,
    their_reference: str = "",
    enquiry: str = "",
) -> OmbudsmanCase:
    """Record an Ombudsman's enquiry about the complaint. Raises InvalidInput for an unknown
    Ombudsman, or a response date before the enquiry."""
    name = _ombudsman_name(ombudsman)
    if response_due_on is not None and response_due_on < enquiry_received_on:
        raise InvalidInput("The response due date must be on or after the date of the enquiry.")
    case_claim(case)
    row = OmbudsmanCase.objects.create(
        case=case,
        ombudsman=ombudsman,
        their_reference=their_reference.strip(),
        enquiry_received_on=enquiry_received_on,
        response_due_on=response_due_on,
        enquiry=enquiry.strip(),
    )
    due = f", response due {_day(response_due_on)}" if response_due_on else ""
    timeline_record(
        case=case,
        actor=actor,
        action="ombudsman_enquiry",
        summary=f"{name} enquiry opened ({their_reference.strip() or 'no reference yet'}), "
        f"received {_day(enquiry_received_on)}{due}",
        after={
            "ombudsman_case": row.pk,
            "ombudsman": ombudsman,
            "reference": row.their_reference,
            "enquiry_received_on": enquiry_received_on,
            "response_due_on": response_due_on,
        },
    )
    return row


@transaction.atomic
def ombudsman_information_sent(
    *, case: Case, actor: Actor, ombudsman_case: OmbudsmanCase, sent_on: date, what: str
) -> OmbudsmanCase:
    """Record the information the council sent the Ombudsman, and when."""
    what = _required(what, "what was sent")
    if sent_on < ombudsman_case.enquiry_received_on:
        raise InvalidInput("Information cannot be sent before the enquiry was received.")
    case_claim(case)
    ombudsman_case.information_sent_on = sent_on
    ombudsman_case.information_sent = what
    ombudsman_case.save(update_fields=["information_sent_on", "information_sent"])
    late = ombudsman_case.response_due_on and sent_on > ombudsman_case.response_due_on
    timeline_record(
        case=case,
        actor=actor,
        action="ombudsman_information_sent",
        summary=f"Information sent to the Ombudsman on {_day(sent_on)}"
        + (" (after the date asked for)" if late else "")
        + f": {what[:200]}",
        after={"ombudsman_case": ombudsman_case.pk, "sent_on": sent_on},
    )
    return ombudsman_case


def _orders_create(
    ombudsman_case: OmbudsmanCase, orders: list[OmbudsmanOrderInput], determined_on: date
) -> list[OmbudsmanOrder]:
    kinds = dict(OmbudsmanOrder.KINDS)
    rows = []
    for item in orders:
        if item.kind not in kinds:
            raise InvalidInput("Choose whether each item is an order or a recommendation.")
        if item.due_on < determined_on:
            raise InvalidInput("An order's due date cannot be before the determination.")
        rows.append(
            OmbudsmanOrder(
                ombudsman_case=ombudsman_case,
                kind=item.kind,
                order=_required(item.text, "what the Ombudsman ordered"),
                due_on=item.due_on,
            )
        )
    return OmbudsmanOrder.objects.bulk_create(rows)


@transaction.atomic
def ombudsman_determination_record(
    *,
    case: Case,
    actor: Actor,
    ombudsman_case: OmbudsmanCase,
    determined_on: date,
    determination: str,
    findings: list[OmbudsmanFindingInput],
    orders: list[OmbudsmanOrderInput],
) -> OmbudsmanCase:
    """Record the determination: a finding per issue and the orders with due dates.

    Raises InvalidInput when it is already recorded, without a finding, with an unknown
    finding, or with an order due before the determination.
    """
    if ombudsman_case.determined_on is not None:
        raise InvalidInput("The determination is already recorded; add further orders instead.")
    if determined_on < ombudsman_case.enquiry_received_on:
        raise InvalidInput("The determination cannot be before the enquiry was received.")
    if not findings:
        raise InvalidInput("Enter at least one issue and what the Ombudsman found on it.")
    known = dict(FINDINGS)
    if any(f.finding not in known for f in findings):
        raise InvalidInput("Choose what the Ombudsman found on each issue.")
    case_claim(case)
    ombudsman_case.determined_on = determined_on
    ombudsman_case.determination = _required(determination, "the determination")
    ombudsman_case.maladministration_found = any(f.finding in _FOUND_AT_FAULT for f in findings)
    ombudsman_case.save()
    OmbudsmanFinding.objects.bulk_create(
        OmbudsmanFinding(
            ombudsman_case=ombudsman_case,
            number=n,
            issue=_required(f.issue, "the issue"),
            finding=f.finding,
        )
        for n, f in enumerate(findings, start=1)
    )
    made = _orders_create(ombudsman_case, orders, determined_on)
    found = "; ".join(f"{f.issue[:60]}: {known[f.finding].lower()}" for f in findings)
    timeline_record(
        case=case,
        actor=actor,
        action="ombudsman_determination",
        summary=f"Ombudsman determination on {_day(determined_on)}: {found}"[:400]
        + (f"; {len(made)} order(s) or recommendation(s)" if made else ""),
        after={
            "ombudsman_case": ombudsman_case.pk,
            "findings": [[f.issue, f.finding] for f in findings],
            "orders": [[o.order, o.due_on] for o in made],
        },
    )
    return ombudsman_case


@transaction.atomic
def ombudsman_order_add(
    *, case: Case, actor: Actor, ombudsman_case: OmbudsmanCase, item: OmbudsmanOrderInput
) -> OmbudsmanOrder:
    """An order or recommendation made after the determination (or recorded later)."""
    since = ombudsman_case.determined_on or ombudsman_case.enquiry_received_on
    case_claim(case)
    (order,) = _orders_create(ombudsman_case, [item], since)
    timeline_record(
        case=case,
        actor=actor,
        action="ombudsman_order_added",
        summary=f"Ombudsman {order.get_kind_display().lower()} due {_day(order.due_on)}: "
        f"{order.order[:200]}",
        after={"order": order.pk, "due_on": order.due_on},
    )
    return order


def _evidence_store(order: OmbudsmanOrder, upload: EvidenceFile) -> OmbudsmanEvidence:
    row = OmbudsmanEvidence(
        order=order,
        original_name=upload.name[:255],
        content_type=upload.content_type,
        size=upload.size,
        uploaded_at=clock.now(),
    )
    # The name on disk says nothing about the file or the person.
    suffix = PurePath(upload.name).suffix.lower()[:10]
    row.file.save(f"{secrets.token_urlsafe(24)}{suffix}", upload.file, save=False)
    row.save()
    return row


@transaction.atomic
def ombudsman_order_comply(
    *,
    case: Case,
    actor: Actor,
    order: OmbudsmanOrder,
    evidence: str,
    uploads: tuple[EvidenceFile, ...] = (),
    on: date | None = None,
) -> OmbudsmanOrder:
    """Record that the council complied with `order`, with evidence: a description and at
    least one file, kept with the order. Recorded "complied" when on or before the due
    date, "complied late" after it. Raises InvalidInput without evidence, or when already
    recorded.
    """
    day = on or clock.today()
    if order.complied_on is not None:
        raise InvalidInput("Compliance with this order is already recorded.")
    text = _required(evidence, "what was done to comply")
    if not uploads:
        raise InvalidInput("Add at least one file of evidence that the order was complied with.")
    case_claim(case)
    for upload in uploads:
        _evidence_store(order, upload)
    order.complied_on = day
    order.evidence = text
    order.save(update_fields=["complied_on", "evidence"])
    state = "complied with" if order.state == "complied" else "complied with LATE"
    timeline_record(
        case=case,
        actor=actor,
        action="ombudsman_order_complied",
        summary=f"Ombudsman {order.get_kind_display().lower()} due {_day(order.due_on)} "
        f"{state} on {_day(day)}: {order.order[:150]}",
        after={"order": order.pk, "complied_on": day, "state": order.state},
    )
    return order


@transaction.atomic
def ombudsman_reopen(
    *,
    case: Case,
    actor: Actor,
    ombudsman: str,
    enquiry_received_on: date,
    response_due_on: date | None = None,
    their_reference: str = "",
    enquiry: str = "",
) -> OmbudsmanCase:
    """Reopen a closed case for an Ombudsman enquiry and open its Ombudsman record, in one
    transaction: a refused reopening or a bad detail leaves the case as it was."""
    from putright.cases.services.moves import case_reopen_for_ombudsman

    _ombudsman_name(ombudsman)
    case_reopen_for_ombudsman(case=case, actor=actor)
    return ombudsman_case_open(
        case=case,
        actor=actor,
        ombudsman=ombudsman,
        enquiry_received_on=enquiry_received_on,
        response_due_on=response_due_on,
        their_reference=their_reference,
        enquiry=enquiry,
    )
