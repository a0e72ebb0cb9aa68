"""Cases in each state a person can find theirs in, made through the services."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.files.base import ContentFile
from django.test import Client

from putright.cases import services
from putright.cases.models import Attachment, Case, Correspondence, Officer, Service
from putright.cases.services import (
    Actor,
    Feedback,
    PersonDetails,
    RepresentativeDetails,
    Upload,
)
from putright.core import clock
from putright.notifications.models import OutboxMessage
from tests.cases.test_journeys import response
from tests.public.journey_data import PDF

TEAM = Actor(label="Complaints team")
ISSUE = "The bin was missed three weeks running."


def submitted(
    service: Service,
    *,
    email: str = "ada@example.org",
    representative_email: str = "",
    received: dt.date | None = None,
    with_file: bool = False,
) -> Case:
    rep = (
        RepresentativeDetails(
            name="Bob Carer", relationship="carer", consent="declared", email=representative_email
        )
        if representative_email
        else None
    )
    upload = Upload(
        name="photo.pdf", content_type="application/pdf", size=len(PDF), file=ContentFile(PDF)
    )
    return services.feedback_submit(
        feedback=Feedback(
            kind="complaint",
            service=service,
            text=ISSUE,
            person=PersonDetails(name="Ada Lovelace", email=email),
            outcomes_sought="Collect it",
            representative=rep,
            attachments=(upload,) if with_file else (),
        ),
        received_at=clock.start_of_day(received) if received else None,
    )


def acknowledged(case: Case, officer: Officer, *, on: dt.date | None = None) -> Case:
    services.complaint_acknowledge(
        case=case,
        actor=TEAM,
        issues=[ISSUE, "Nobody called me back"],
        outcomes_sought="Collect it and say sorry",
        not_responsible="The private collection at the shops",
        officer=officer,
        on=on,
    )
    case.refresh_from_db()
    return case


def responded(case: Case, officer: Officer, *, on: dt.date | None = None) -> Case:
    services.stage_respond(case=case, actor=Actor.of(officer), content=response(1), on=on)
    case.refresh_from_db()
    return case


def letter_sent(case: Case, subject: str = "Stage 1 response") -> Attachment:
    """What the letters app leaves: outgoing correspondence with the letter attached."""
    letter = Correspondence.objects.create(
        case=case, direction="out", channel="email", at=clock.now(), subject=subject
    )
    attachment = Attachment(
        correspondence=letter,
        original_name="stage-1-response.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    attachment.file.save("letter-random.pdf", ContentFile(PDF), save=True)
    return attachment


def last_email(kind: str = "") -> OutboxMessage:
    """The newest message in the outbox (of `kind`): written in the same transaction as
    the change it reports. (Delivery is the outbox's business and tested there.)"""
    messages = OutboxMessage.objects.order_by("-id")
    if kind:
        messages = messages.filter(kind=kind)
    message = messages.first()
    assert message is not None, "no email in the outbox"
    return message


def link_from_outbox() -> str:
    body = last_email("public_sign_in_link").body_text
    found = re.search(r"http://testserver(/follow/sign-in/[^/\s]+/)", body)
    assert found is not None, body
    return found.group(1)


def sign_in(client: Client, case: Case, capture: Any, email: str = "ada@example.org") -> None:
    with capture(execute=True):
        asked = client.post("/follow/", {"reference": case.reference, "email": email})
    assert asked["Location"] == "/follow/check-your-email/"
    link = link_from_outbox()
    assert client.get(link).status_code == 200
    assert client.post(link)["Location"] == "/follow/case/"
