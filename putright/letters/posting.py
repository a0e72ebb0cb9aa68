"""The print-and-post queue: letters to people who asked for post or gave no email.

A letter whose addressee has no postal address is held, with a warning, and can never be
marked posted: nobody may believe a letter went that could not have gone.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from putright.cases.models import Case
from putright.cases.services import Actor, InvalidInput
from putright.cases.services._base import timeline_record
from putright.core import clock
from putright.letters.models import IssuedLetter, LetterPosting


def has_address(letter: IssuedLetter) -> bool:
    recipient = letter.context.get("recipient", {}) if isinstance(letter.context, dict) else {}
    return bool(recipient.get("address_lines"))


def letters_to_post(*, cases: Q) -> QuerySet[IssuedLetter]:
    """Letters kept for the post and not posted yet, oldest first, of the cases `cases`
    selects (the member's visibility). The PDFs are not read."""
    return (
        IssuedLetter.objects.filter(channel="post", posting__isnull=True)
        .filter(case__in=Case.objects.filter(cases).values("pk"))
        .exclude(pdf=b"")
        .select_related("case")
        .defer("pdf", "body_html", "body_text")
        .order_by("created_at", "id")
    )


def letters_batch_pdf(*, letters: Sequence[IssuedLetter]) -> bytes:
    """A zip of the letters' PDFs, one file each, to print in one go."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            archive.writestr(f"{letter.pk:06d}-{letter.filename}", bytes(letter.pdf))
    return buffer.getvalue()


@transaction.atomic
def letters_mark_posted(*, letters: Sequence[IssuedLetter], on: date, actor: Actor) -> int:
    """Record the letters as posted on `on`, each with an event on its case's timeline.

    Raises InvalidInput for none chosen, a date in the future, a letter already posted, or
    one without a postal address (held: it cannot have gone); then nothing is written.
    """
    if not letters:
        raise InvalidInput("Choose the letters you posted.")
    if on > clock.today():
        raise InvalidInput("The date posted cannot be in the future.")
    held = [x for x in letters if not has_address(x)]
    if held:
        names = ", ".join(f"{x.case.reference} to {x.recipient_name}" for x in held)
        raise InvalidInput(f"These letters have no postal address and cannot be posted: {names}.")
    if LetterPosting.objects.filter(letter__in=letters).exists():
        raise InvalidInput("Some of these letters were already marked posted.")
    now = clock.now()
    for letter in letters:
        LetterPosting.objects.create(
            letter=letter, posted_on=on, posted_by=actor.label, recorded_at=now
        )
        timeline_record(
            case=letter.case,
            actor=actor,
            action="letter_posted",
            summary=f"Posted on {on:%-d %B %Y}: {letter.subject} to {letter.recipient_name}",
            after={"letter": letter.pk, "posted_on": on},
        )
    return len(letters)
