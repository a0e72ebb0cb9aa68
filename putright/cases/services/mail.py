"""Correspondence that arrives with files: emails to the complaints mailbox (a reply quoting
a case's CU reference joins that case; anything else is a new contact in the triage inbox)
and files a system sends for a case through the API."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from putright.cases.models import Attachment, Case, Correspondence, Person, Service
from putright.cases.references import reference_is_valid, reference_normalise
from putright.cases.services._base import Actor
from putright.cases.services.correspondence import correspondence_record
from putright.cases.services.intake import PersonDetails, contact_record
from putright.cases.services.online import Upload

# "CU1234 5678", "cu-12345678": what people and mail clients make of a quoted reference.
_QUOTED = re.compile(r"\bCU[\s-]?\d{4}[\s-]?\d{4}\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EmailIn:
    """An email already read and checked by the mailbox (its files by their content)."""

    sender_name: str
    sender_email: str
    subject: str
    text: str
    received_at: datetime
    attachments: tuple[Upload, ...] = ()


@dataclass(frozen=True, slots=True)
class EmailOutcome:
    case: Case
    joined: bool  # True: it joined an existing case's correspondence


def quoted_case(*texts: str) -> Case | None:
    """The first case whose valid CU reference appears in `texts`."""
    for text in texts:
        for found in _QUOTED.findall(text):
            if reference_is_valid(found):
                case = Case.objects.filter(reference=reference_normalise(found)).first()
                if case is not None:
                    return case
    return None


def _files_store(letter: Correspondence, uploads: tuple[Upload, ...]) -> None:
    for upload in uploads:
        row = Attachment(
            correspondence=letter,
            original_name=upload.name[:255],
            content_type=upload.content_type,
            size=upload.size,
        )
        # A random name on disk: it says nothing about the file or the person.
        row.file.save(f"{secrets.token_urlsafe(24)}{upload.extension}", upload.file, save=False)
        row.save()


@transaction.atomic
def correspondence_in_with_files(
    *,
    case: Case,
    actor: Actor,
    channel: str,
    subject: str,
    body: str = "",
    at: datetime | None = None,
    uploads: tuple[Upload, ...] = (),
) -> Correspondence:
    """Correspondence received on a case with its files (already checked by content by the
    interface), each stored under a random name; one timeline event."""
    letter = correspondence_record(
        case=case, actor=actor, direction="in", channel=channel, subject=subject, body=body, at=at
    )
    _files_store(letter, uploads)
    return letter


@transaction.atomic
def email_receive(*, email: EmailIn, service: Service, actor: Actor) -> EmailOutcome:
    """Keep an email on the record, with its files.

    A reply quoting a CU reference joins that case as correspondence received. Otherwise a
    contact is recorded for triage, received when the email was sent, from the person with
    that email address when one is known (else a new person). Raises InvalidInput as
    contact_record does.
    """
    subject = email.subject.strip() or "(no subject)"
    case = quoted_case(email.subject, email.text)
    joined = case is not None
    if case is None:
        known = (
            Person.objects.filter(email__iexact=email.sender_email, anonymised_at__isnull=True)
            .order_by("-id")
            .first()
            if email.sender_email
            else None
        )
        case = contact_record(
            channel="email",
            person=PersonDetails(
                name=email.sender_name or email.sender_email, email=email.sender_email
            ),
            service=service,
            text=email.text.strip() or subject,
            actor=actor,
            summary=subject,
            received_at=email.received_at,
            known_person=known,
        )
    correspondence_in_with_files(
        case=case,
        actor=actor,
        channel="email",
        subject=subject,
        body=email.text,
        at=email.received_at,
        uploads=email.attachments,
    )
    return EmailOutcome(case=case, joined=joined)
