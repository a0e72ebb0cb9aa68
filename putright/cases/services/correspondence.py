"""Correspondence in and out of a case: every piece is kept on the record (SPEC "The record
of a case": every piece of correspondence in and out)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from putright.cases.models import Case, Correspondence
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.core import clock

DIRECTIONS = {"in": "received", "out": "sent"}


@transaction.atomic
def correspondence_record(
    *,
    case: Case,
    actor: Actor,
    direction: str,
    channel: str,
    subject: str,
    body: str = "",
    letter_kind: str = "",
    at: datetime | None = None,
) -> Correspondence:
    """Keep a letter, email or call on the case, with one timeline event.

    Raises InvalidInput for an unknown direction or an empty subject, CaseConflict when the
    case changed since it was read.
    """
    if direction not in DIRECTIONS:
        raise InvalidInput("Say whether the correspondence was received or sent.")
    if not subject.strip():
        raise InvalidInput("Enter what the correspondence is about.")
    when = at or clock.now()
    case_claim(case)
    row = Correspondence.objects.create(
        case=case,
        direction=direction,
        channel=channel,
        at=when,
        subject=subject.strip()[:300],
        body=body,
        letter_kind=letter_kind,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="correspondence_" + DIRECTIONS[direction],
        summary=f"{'Sent' if direction == 'out' else 'Received'} by {channel}: {row.subject}",
        after={"channel": channel, "subject": row.subject, "letter_kind": letter_kind},
        at=when,
    )
    return row
