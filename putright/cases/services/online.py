"""What a person does on the public site, each as one call in one transaction.

The public site makes one domain call per request. Some of these calls are made of
services that already exist (a contact with a representative and adjustments), so they
leave the timeline events those services leave, each on the case it changes: the case's
history then reads the same whether the person typed it in online or an officer keyed it
in from a letter. All of them commit together or not at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files import File
from django.db import IntegrityError, transaction

from putright.cases.models import (
    Attachment,
    Case,
    CaseLink,
    Contact,
    Correspondence,
    Person,
    Representative,
    Service,
    SignInLinkUse,
)
from putright.cases.services._base import RESIDENT_ONLINE, Actor, InvalidInput, timeline_record
from putright.cases.services.intake import (
    COMPLAINT_KINDS,
    PersonDetails,
    contact_join_case,
    contact_record,
)
from putright.cases.services.moves import escalation_request
from putright.cases.services.records import adjustment_add, representative_add
from putright.cases.text import printable_name
from putright.core import clock
from putright.policy.lifecycle import (
    EscalationLongStopPassed,
    EscalationWindowClosed,
    IssueMustBeNewComplaint,
)

REPRESENTATIVE_ONLINE = Actor(label="Their representative, online")

# A late request for the next stage waits on the case as a contact of this kind.
LATE_ESCALATION_KIND = "late_escalation_request"


class LinkAlreadyUsed(Exception):
    """A one-time sign-in link was used before."""


@dataclass(frozen=True, slots=True)
class Upload:
    """A file a person sent, already checked by the interface (size, count, content)."""

    name: str
    content_type: str
    size: int
    file: File  # type: ignore[type-arg]
    extension: str = ""


@dataclass(frozen=True, slots=True)
class RepresentativeDetails:
    """Someone giving feedback for the person. `consent` is how they showed the person
    agreed: "uploaded" (a signed form or letter, in `consent_file`), "power_of_attorney"
    (its document in `consent_file`), "declared", or "cannot_consent" (see CONSENT_EVIDENCE)."""

    name: str
    relationship: str
    consent: str
    email: str = ""
    phone: str = ""
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class AdjustmentRequest:
    kind: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Feedback:
    """Everything the feedback journey asked, ready to be recorded."""

    kind: str
    service: Service
    text: str
    person: PersonDetails
    summary: str = ""
    aware_on: date | None = None
    outcomes_sought: str = ""
    contact_frequency: str = ""
    representative: RepresentativeDetails | None = None
    consent_file: Upload | None = None
    adjustments: tuple[AdjustmentRequest, ...] = ()
    attachments: tuple[Upload, ...] = ()


def _attachments_store(
    *, case: Case, at: datetime, subject: str, uploads: tuple[Upload, ...]
) -> Correspondence:
    """One incoming piece of correspondence holding `uploads`, each under a random name."""
    letter = Correspondence.objects.create(
        case=case, direction="in", channel="web", at=at, subject=subject
    )
    for upload in uploads:
        row = Attachment(
            correspondence=letter,
            original_name=printable_name(upload.name)[:255],
            content_type=upload.content_type,
            size=upload.size,
        )
        # The name on disk says nothing about the file or the person (uploads are served
        # only through a view that checks who asks).
        row.file.save(f"{secrets.token_urlsafe(24)}{upload.extension}", upload.file, save=False)
        row.save()
    return letter


# How a representative online showed they may act for the person, and what staff need next.
UPLOADED_CONSENT = {
    "uploaded": "Consent to act for the person",
    "power_of_attorney": "Power of attorney for the person",
}
CONSENT_EVIDENCE = {
    "uploaded": "Signed consent uploaded",
    "power_of_attorney": "Power of attorney uploaded",
    "declared": "The representative declared online that the person agreed.",
    "cannot_consent": (
        "The representative says the person cannot give consent. Ask for evidence of their "
        "authority (a power of attorney, a deputyship order, or a letter from a professional "
        "involved in the person's care) before sharing personal information."
    ),
}


@transaction.atomic
def feedback_submit(
    *,
    feedback: Feedback,
    channel: str = "web",
    received_at: datetime | None = None,
) -> Case:
    """Record feedback given online with everything that came with it.

    Writes the contact and its case (contact_record), the representative
    (representative_add), each adjustment (adjustment_add), how often the person wants
    to hear from us, and the files. Raises InvalidInput as those services do; then
    nothing is written.
    """
    rep = feedback.representative
    actor = REPRESENTATIVE_ONLINE if rep is not None else RESIDENT_ONLINE
    at = received_at or clock.now()
    if rep is not None and rep.consent not in CONSENT_EVIDENCE:
        raise InvalidInput("Say how the person agreed to you acting for them.")
    if rep is not None and rep.consent in UPLOADED_CONSENT and feedback.consent_file is None:
        raise InvalidInput("Upload the person's signed consent or the power of attorney.")
    case = contact_record(
        channel=channel,
        person=feedback.person,
        service=feedback.service,
        text=feedback.text,
        actor=actor,
        kind=feedback.kind,
        summary=feedback.summary,
        aware_on=feedback.aware_on,
        outcomes_sought=feedback.outcomes_sought,
        received_at=at,
    )
    if feedback.contact_frequency:
        Person.objects.filter(pk=case.person_id).update(
            contact_frequency=feedback.contact_frequency[:200]
        )
    if rep is not None:
        if feedback.consent_file is not None and rep.consent in UPLOADED_CONSENT:
            _attachments_store(
                case=case,
                at=at,
                subject=UPLOADED_CONSENT[rep.consent],
                uploads=(feedback.consent_file,),
            )
            # An upload is not yet consent: an officer opens it and accepts it first.
            state = "to_check"
            evidence = (
                f"{CONSENT_EVIDENCE[rep.consent]} with the online form "
                f"({feedback.consent_file.name})"
            )
        else:
            # The representative's word is not the person's written consent (001): staff
            # confirm it with the person, or ask for evidence of the representative's
            # authority when the person cannot consent, before any response is issued.
            state = "outstanding"
            evidence = CONSENT_EVIDENCE[rep.consent]
        added = representative_add(
            case=case,
            actor=actor,
            name=rep.name,
            relationship=rep.relationship,
            consent_state=state,
            consent_evidence=evidence,
            email=rep.email.strip().lower(),
            organisation=rep.organisation.strip(),
        )
        if rep.phone.strip():
            Representative.objects.filter(pk=added.pk).update(phone=rep.phone.strip())
    for adjustment in feedback.adjustments:
        adjustment_add(case=case, actor=actor, kind=adjustment.kind, detail=adjustment.detail)
    if feedback.attachments:
        _attachments_store(
            case=case,
            at=at,
            subject="Files sent with the online form",
            uploads=feedback.attachments,
        )
    return case


@dataclass(frozen=True, slots=True)
class EscalationAsked:
    """What became of a person's request for the next stage.

    `accepted`: recorded as a request (status escalation_requested). Otherwise it came
    after the window and waits for staff's discretion decision; `window_end` says when the
    window closed.
    """

    accepted: bool
    stage: int
    window_end: date | None = None


@transaction.atomic
def escalation_ask(
    *, case: Case, actor: Actor, context: str = "", on: date | None = None
) -> EscalationAsked:
    """The person asks for the next stage online. No reasons are needed (Code 6.12).

    Inside the window it is escalation_request. After it (or after the 12-month long
    stop) the policy wants a discretion decision that only staff can make, so the request
    is TAKEN all the same: recorded on the case as a contact with one timeline event, for
    staff to decide, and the case does not move. Any other refusal (no response yet, no
    further stage) raises the policy core's error.
    """
    day = on or clock.today()
    try:
        with transaction.atomic():
            escalation_request(case=case, actor=actor, channel="web", context=context, on=day)
        return EscalationAsked(accepted=True, stage=case.stage + 1)
    except (EscalationWindowClosed, EscalationLongStopPassed) as late:
        window_end = getattr(late, "window_end", None) or getattr(late, "long_stop", None)
    text = context.strip() or "Asked for the next stage online (no reasons given, none needed)."
    Contact.objects.create(
        channel="web",
        received_at=clock.now(),
        person_id=case.person_id,
        summary=f"Asked for stage {case.stage + 1} after the window",
        text=text,
        service_id=case.service_id,
        kind=LATE_ESCALATION_KIND,
        case=case,
        # Not new feedback to triage: it waits on the case for a discretion decision.
        triaged_at=clock.now(),
        triage_reason="Request for the next stage after the window: needs a discretion decision",
    )
    timeline_record(
        case=case,
        actor=actor,
        action="escalation_requested_late",
        summary=(
            f"Stage {case.stage + 1} asked for online after the window closed"
            + (f" ({window_end:%d %B %Y})" if window_end else "")
            + ": record a discretion decision"
        ),
        after={"requested_on": day, "context": context.strip(), "window_end": window_end},
    )
    return EscalationAsked(accepted=False, stage=case.stage + 1, window_end=window_end)


@dataclass(frozen=True, slots=True)
class IssueAdded:
    """`joined`: the issue joined `case`; otherwise it is the new complaint `new_case`."""

    joined: bool
    case: Case
    new_case: Case | None = None


@transaction.atomic
def issue_add(
    *,
    case: Case,
    actor: Actor,
    text: str,
    related: bool,
    uploads: tuple[Upload, ...] = (),
    on: date | None = None,
) -> IssueAdded:
    """The person adds something to their complaint, with any files (already checked).

    A related issue before the stage 1 response joins the open case (contact_join_case);
    an unrelated one, or one after the response, becomes a new stage 1 complaint linked to
    this one (001 "Responding at Stage One", Housing Ombudsman Code 6.8). The files go
    where the words go.
    """
    if not text.strip():
        raise InvalidInput("Enter what you want to add.")
    person = case.person
    new = contact_record(
        channel="web",
        person=PersonDetails(name=person.name, email=person.email),
        service=case.service,
        text=text,
        actor=actor,
        kind="complaint",
        received_at=None if on is None else clock.start_of_day(on),
        known_person=person,
    )
    if related and case.kind in COMPLAINT_KINDS:
        try:
            with transaction.atomic():
                joined = contact_join_case(case=new, open_case=case, actor=actor, on=on)
            _added_files(joined, uploads)
            return IssueAdded(joined=True, case=joined)
        except IssueMustBeNewComplaint:
            pass
    CaseLink.objects.create(from_case=new, to_case=case, kind="related")
    _added_files(new, uploads)
    return IssueAdded(joined=False, case=case, new_case=new)


def _added_files(case: Case, uploads: tuple[Upload, ...]) -> None:
    if uploads:
        _attachments_store(case=case, at=clock.now(), subject="Files added online", uploads=uploads)


def sign_in_link_spend(*, case: Case, nonce: str, at: datetime | None = None) -> None:
    """Mark a one-time sign-in link used; raises LinkAlreadyUsed if it was, even by a
    request racing this one (the nonce is unique)."""
    if not nonce:
        raise InvalidInput("The link has no nonce.")
    try:
        with transaction.atomic():
            SignInLinkUse.objects.create(nonce=nonce, case=case, used_at=at or clock.now())
    except IntegrityError:
        raise LinkAlreadyUsed(nonce) from None
