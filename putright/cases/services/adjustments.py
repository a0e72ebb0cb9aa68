"""Reasonable adjustments kept under review (Equality Act 2010): reviewed with the next
review date, or ended. Added with `records.adjustment_add`. An adjustment is on the person,
so it applies to every case of theirs; each change is one entry on the case's timeline."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from putright.cases.models import Case, ReasonableAdjustment
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.core import clock


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"Enter {what}.")
    return value.strip()


@transaction.atomic
def adjustment_review(
    *,
    case: Case,
    actor: Actor,
    adjustment: ReasonableAdjustment,
    next_review_on: date,
    note: str,
) -> ReasonableAdjustment:
    """Keep the adjustment after checking it with the person, with the next review date.
    Raises InvalidInput when it has ended, the date is not after today, or no note."""
    today = clock.today()
    if adjustment.ended_on is not None:
        raise InvalidInput("The adjustment has ended.")
    if next_review_on <= today:
        raise InvalidInput("The next review date must be after today.")
    text = _required(note, "what the person told us")
    case_claim(case)
    before = adjustment.review_on
    adjustment.last_reviewed_on = today
    adjustment.review_on = next_review_on
    adjustment.save(update_fields=["last_reviewed_on", "review_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="adjustment_reviewed",
        summary=f"Reasonable adjustment reviewed ({adjustment.get_kind_display()}), next "
        f"review {_day(next_review_on)}: {text[:200]}",
        before={"review_on": before},
        after={"adjustment": adjustment.pk, "review_on": next_review_on},
    )
    return adjustment


@transaction.atomic
def adjustment_end(
    *, case: Case, actor: Actor, adjustment: ReasonableAdjustment, note: str
) -> ReasonableAdjustment:
    """End the adjustment from today: letters and contact go back to the usual way.
    Raises InvalidInput when it has already ended or no reason is given."""
    if adjustment.ended_on is not None:
        raise InvalidInput("The adjustment has already ended.")
    text = _required(note, "why the adjustment ends")
    case_claim(case)
    adjustment.ended_on = clock.today()
    adjustment.save(update_fields=["ended_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="adjustment_ended",
        summary=f"Reasonable adjustment ended ({adjustment.get_kind_display()}) on "
        f"{_day(adjustment.ended_on)}: {text[:200]}",
        after={"adjustment": adjustment.pk},
    )
    return adjustment
