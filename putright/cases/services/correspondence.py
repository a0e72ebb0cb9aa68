"""Correspondence in and out of a case: every piece is kept on the record (SPEC "The record
of a case": every piece of correspondence in and out)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from putright.cases.models import Attachment, Case, Correspondence
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services.online import Upload
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


# What an officer can log, and the channel each is kept under. A note is the council's own
# record: it never reaches the person's "letters we sent you" page.
LOG_KINDS = {
    "call": ("phone", "Phone call"),
    "meeting": ("in_person", "Meeting"),
    "email": ("email", "Email"),
    "letter": ("letter", "Letter"),
    "note": ("note", "Note"),
}
NOTE_CHANNEL = "note"


def attachments_store(*, letter: Correspondence, uploads: Sequence[Upload]) -> list[Attachment]:
    """Keep `uploads` on `letter`, each under a random name that says nothing about it."""
    rows = []
    for upload in uploads:
        row = Attachment(
            correspondence=letter,
            original_name=upload.name[:255],
            content_type=upload.content_type,
            size=upload.size,
        )
        row.file.save(f"{secrets.token_urlsafe(24)}{upload.extension}", upload.file, save=False)
        row.save()
        rows.append(row)
    return rows


@transaction.atomic
def correspondence_log(
    *,
    case: Case,
    actor: Actor,
    kind: str,
    direction: str,
    on: date,
    summary: str,
    detail: str = "",
    uploads: Sequence[Upload] = (),
) -> Correspondence:
    """An officer logs a call, meeting, email, letter or note with its files.

    `on` is the day it happened (not after today). Raises InvalidInput for an unknown kind,
    a date in the future or an empty summary; CaseConflict when the case changed since it
    was read. Nothing is written then, files included.
    """
    if kind not in LOG_KINDS:
        raise InvalidInput("Choose what you are logging: a call, meeting, email, letter or note.")
    today = clock.today()
    if on > today:
        raise InvalidInput("The date cannot be in the future.")
    channel, label = LOG_KINDS[kind]
    if kind == "note":
        direction = "in"  # a note is neither sent nor received; kept as the council's own
    # Today's entries keep the time they were logged; earlier ones sit at midday of the day.
    at = clock.now() if on == today else timezone.make_aware(datetime.combine(on, time(12)))
    row = correspondence_record(
        case=case,
        actor=actor,
        direction=direction,
        channel=channel,
        subject=f"{label}: {summary.strip()}" if summary.strip() else "",
        body=detail.strip(),
        at=at,
    )
    attachments_store(letter=row, uploads=uploads)
    return row
