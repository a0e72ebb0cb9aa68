"""Restrictions on contact for unacceptable behaviour: proportionate, reasoned, with a scope,
a start and a review date; reviewed or ended (001, unacceptable behaviour). A restriction is
on the person, so it follows them to every case of theirs."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from putright.cases.models import Case, Restriction
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.core import clock


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"Enter {what}.")
    return value.strip()


@transaction.atomic
def restriction_impose(
    *,
    case: Case,
    actor: Actor,
    restriction: str,
    reason: str,
    scope: str,
    starts_on: date,
    review_on: date,
) -> Restriction:
    """Record a restriction on contact with the person of `case`. Raises InvalidInput for a
    missing restriction or reason, an unknown scope, or a review date not after the start."""
    if scope not in dict(Restriction.SCOPES):
        raise InvalidInput("Choose which contact the restriction covers.")
    if review_on <= starts_on:
        raise InvalidInput("The review date must be after the restriction starts.")
    text = _required(restriction, "what contact is restricted")
    why = _required(reason, "the reason for the restriction")
    case_claim(case)
    row = Restriction.objects.create(
        person_id=case.person_id,
        restriction=text,
        reason=why,
        scope=scope,
        starts_on=starts_on,
        review_on=review_on,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="restriction_added",
        summary=f"Contact restriction from {_day(starts_on)} ({row.get_scope_display()}), "
        f"review by {_day(review_on)}",
        after={"restriction": row.pk, "scope": scope, "review_on": review_on},
    )
    return row


@transaction.atomic
def restriction_review(
    *, case: Case, actor: Actor, restriction: Restriction, next_review_on: date, note: str
) -> Restriction:
    """Keep the restriction after a review, with the next review date."""
    today = clock.today()
    if restriction.ended_on is not None:
        raise InvalidInput("The restriction has ended.")
    if next_review_on <= today:
        raise InvalidInput("The next review date must be after today.")
    text = _required(note, "why the restriction is still needed")
    case_claim(case)
    before = restriction.review_on
    restriction.last_reviewed_on = today
    restriction.review_on = next_review_on
    restriction.save(update_fields=["last_reviewed_on", "review_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="restriction_reviewed",
        summary=f"Contact restriction reviewed and kept, next review {_day(next_review_on)}: "
        f"{text[:200]}",
        before={"review_on": before},
        after={"restriction": restriction.pk, "review_on": next_review_on},
    )
    return restriction


@transaction.atomic
def restriction_end(
    *, case: Case, actor: Actor, restriction: Restriction, note: str, on: date | None = None
) -> Restriction:
    """End the restriction: the person may contact the council as before."""
    if restriction.ended_on is not None:
        raise InvalidInput("The restriction has already ended.")
    text = _required(note, "why the restriction ends")
    case_claim(case)
    restriction.ended_on = on or clock.today()
    restriction.save(update_fields=["ended_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="restriction_ended",
        summary=f"Contact restriction ended on {_day(restriction.ended_on)}: {text[:200]}",
        after={"restriction": restriction.pk},
    )
    return restriction
