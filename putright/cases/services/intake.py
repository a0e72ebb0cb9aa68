"""Contacts in from any channel, triage, and complaints raised from service requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction

from putright.cases.models import (
    Case,
    CaseLink,
    ComplaintDefinition,
    ComplaintIssue,
    Contact,
    Person,
    Service,
)
from putright.cases.references import reference_generate
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services._deadlines import deadlines_store
from putright.cases.services._facts import facts_of, snapshot_read
from putright.cases.services._volumes import case_volumes_add, volume_key
from putright.cases.text import printable_name
from putright.core import clock
from putright.core.policy import policy_config
from putright.policy import lifecycle, ombudsman
from putright.policy.lifecycle import CaseStatus

CHANNELS = ("web", "email", "phone", "letter", "in_person", "contractor", "mp_councillor")
# Kinds that run through a complaints process; the rest are recorded and routed.
COMPLAINT_KINDS = ("complaint", "mp_councillor_enquiry")
KIND_LABELS = {
    "complaint": "Complaint",
    "service_request": "Service request",
    "comment": "Comment",
    "compliment": "Compliment",
    "mp_councillor_enquiry": "MP or councillor enquiry",
}
TRIAGE_KINDS = tuple(KIND_LABELS)


@dataclass(frozen=True, slots=True)
class PersonDetails:
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    is_tenant_or_leaseholder: bool = False
    preferred_contact_method: str = "email"
    is_staff_member: bool = False


def _person_create(details: PersonDetails) -> Person:
    if not printable_name(details.name):
        raise InvalidInput("Enter the person's name.")
    if not (details.email or details.phone or details.address):
        raise InvalidInput("Enter at least one way to contact the person.")
    return Person.objects.create(
        name=printable_name(details.name),
        email=details.email.strip().lower(),
        phone=details.phone.strip(),
        address=details.address.strip(),
        postcode=details.postcode.strip().upper(),
        is_tenant_or_leaseholder=details.is_tenant_or_leaseholder,
        preferred_contact_method=details.preferred_contact_method,
        is_staff_member=details.is_staff_member,
    )


def _unique_reference() -> str:
    # Ten million references: a clash is rare; try again rather than number sequentially.
    for _ in range(20):
        reference = reference_generate()
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free CU reference")


def _ombudsman_code(service: Service, person: Person) -> str:
    return ombudsman.ombudsman_for(
        policy_config(),
        process=service.process,
        landlord_matter=service.landlord_function,
        person_is_tenant_or_leaseholder=person.is_tenant_or_leaseholder,
    ).code


@transaction.atomic
def contact_record(
    *,
    channel: str,
    person: PersonDetails,
    service: Service,
    text: str,
    actor: Actor,
    kind: str = "complaint",
    summary: str = "",
    aware_on: date | None = None,
    outcomes_sought: str = "",
    received_at: datetime | None = None,
    known_person: Person | None = None,
) -> Case:
    """Record a contact from any channel; it gets its CU reference now and awaits triage.

    "If in doubt, record it as a complaint" (SPEC): `kind` is what the person or the officer
    said; triage can change it.
    """
    if channel not in CHANNELS:
        raise InvalidInput("Choose how the contact came in.")
    if kind not in TRIAGE_KINDS:
        raise InvalidInput("Choose what kind of feedback this is.")
    if not text.strip():
        raise InvalidInput("Enter what happened, in the person's own words.")
    at = received_at or clock.now()
    received_on = clock.localdate(at)
    if aware_on is not None and aware_on > received_on:
        raise InvalidInput("The date the person became aware cannot be in the future.")
    config = policy_config()
    version = config.version_for(service.process, received_on)
    who = known_person if known_person is not None else _person_create(person)
    for _ in range(3):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=_unique_reference(),
                    kind=kind,
                    channel=channel,
                    received_on=received_on,
                    aware_on=aware_on,
                    person=who,
                    service=service,
                    process=service.process,
                    policy_version=version.key,
                    landlord_matter=service.landlord_function,
                    ombudsman=_ombudsman_code(service, who),
                    status=str(CaseStatus.RECEIVED),
                    summary=(summary or text).strip()[:300],
                    restricted=person.is_staff_member,
                )
                case_volumes_add({volume_key(case): 1})
            break
        except IntegrityError:  # two submissions drew the same reference at once
            continue
    else:
        raise RuntimeError("Could not store the case under a unique reference")
    Contact.objects.create(
        channel=channel,
        received_at=at,
        person=who,
        summary=case.summary,
        text=text.strip(),
        service=service,
        aware_on=aware_on,
        outcomes_sought=outcomes_sought.strip(),
        case=case,
        kind=kind,
        logged_by=actor.officer,
    )
    if kind in COMPLAINT_KINDS:
        deadlines_store(case, today=received_on)
    timeline_record(
        case=case,
        actor=actor,
        action="contact_recorded",
        summary=f"{KIND_LABELS[kind]} received by {channel.replace('_', ' ')}",
        after={"kind": kind, "channel": channel, "service": service.code, "text": text.strip()},
        at=at,
    )
    return case


@transaction.atomic
def contact_triage(
    *, case: Case, actor: Actor, kind: str, reason: str = "", on: date | None = None
) -> Case:
    """Classify a new contact. Comments and compliments are recorded, routed and closed."""
    day = on or clock.today()
    if kind not in TRIAGE_KINDS:
        raise InvalidInput("Choose what kind of feedback this is.")
    # Triaged once every contact on the case is: a note the person added before triage
    # ("Tell us something more") joins the case already triaged, and must not block it.
    if (
        case.status != CaseStatus.RECEIVED
        or not case.contacts.filter(triaged_at__isnull=True).exists()
    ):
        raise InvalidInput(f"Case {case.reference} has already been triaged.")
    before = {"kind": case.kind, "status": case.status}
    closes = kind in ("comment", "compliment")
    case_claim(
        case,
        kind=kind,
        status=str(CaseStatus.CLOSED) if closes else case.status,
        closed_on=day if closes else None,
    )
    case.contacts.update(triaged_at=clock.now(), triage_reason=reason, kind=kind)
    deadlines_store(case, today=day)
    timeline_record(
        case=case,
        actor=actor,
        action="triaged",
        summary=f"Triaged as {kind.replace('_', ' ')}" + (f": {reason}" if reason else ""),
        before=before,
        after={"kind": kind, "status": case.status, "reason": reason},
    )
    return case


@transaction.atomic
def contact_join_case(
    *,
    case: Case,
    open_case: Case,
    actor: Actor,
    would_unreasonably_delay: bool = False,
    on: date | None = None,
) -> Case:
    """A related new issue joins the open case before its stage 1 response (001, Code 6.3).

    The new contact's own record is closed with a link to the case it joined. Raises the
    core's IssueMustBeNewComplaint when it must become a new stage 1 complaint instead.
    """
    day = on or clock.today()
    if case.pk == open_case.pk:
        raise InvalidInput("Choose a different case to join.")
    facts = facts_of(snapshot_read(open_case))
    transition = lifecycle.decide_add_related_issue(
        facts, on=day, related=True, would_unreasonably_delay=would_unreasonably_delay
    )
    case_claim(open_case)
    case_claim(case, status=str(CaseStatus.CLOSED), closed_on=day, next_deadline_on=None)
    contact = case.contacts.order_by("id").first()
    text = contact.text if contact else case.summary
    if contact is not None:
        Contact.objects.filter(case=case).update(
            case=open_case, triaged_at=clock.now(), triage_reason=f"Joined {open_case.reference}"
        )
    definition = ComplaintDefinition.objects.filter(case=open_case, stage=open_case.stage).first()
    if definition is not None:
        ComplaintIssue.objects.create(
            definition=definition, number=definition.issues.count() + 1, text=text
        )
    CaseLink.objects.create(from_case=case, to_case=open_case, kind="related")
    timeline_record(
        case=open_case,
        actor=actor,
        action=str(transition.move),
        summary=f"New issue from {case.reference} joined this complaint",
        after={"joined": case.reference, "issue": text},
    )
    timeline_record(
        case=case,
        actor=actor,
        action="joined_case",
        summary=f"Joined the open complaint {open_case.reference}",
        before={"status": str(CaseStatus.RECEIVED)},
        after={"status": case.status},
    )
    return open_case


@transaction.atomic
def service_request_complete(
    *, request: Case, actor: Actor, outcome: str, on: date | None = None
) -> Case:
    """Record what was done about a service request and close it.

    Service requests are not complaints, so the complaints lifecycle does not govern them;
    they are recorded, monitored and closed with what was done (SPEC "Kinds of contact").
    """
    day = on or clock.today()
    if request.kind != "service_request":
        raise InvalidInput(f"{request.reference} is not a service request.")
    if request.status == CaseStatus.CLOSED:
        raise InvalidInput(f"Service request {request.reference} is already closed.")
    if not outcome.strip():
        raise InvalidInput("Say what was done about the request.")
    before = {"status": request.status}
    case_claim(request, status=str(CaseStatus.CLOSED), closed_on=day, next_deadline_on=None)
    timeline_record(
        case=request,
        actor=actor,
        action="service_request_completed",
        summary=f"Service request completed: {outcome.strip()[:200]}",
        before=before,
        after={"status": request.status, "outcome": outcome.strip()},
    )
    return request


@transaction.atomic
def complaint_raise_from_service_request(
    *, request: Case, actor: Actor, text: str, on: date | None = None
) -> Case:
    """Dissatisfaction with a service request raises a stage 1 complaint linked to it,
    while the request itself stays open (Housing Ombudsman Code 1.5)."""
    if request.kind != "service_request":
        raise InvalidInput(f"{request.reference} is not a service request.")
    if not text.strip():
        raise InvalidInput("Say what the person is unhappy about.")
    person = request.person
    complaint = contact_record(
        channel=request.channel,
        person=PersonDetails(
            name=person.name,
            email=person.email,
            phone=person.phone,
            address=person.address,
            postcode=person.postcode,
            is_tenant_or_leaseholder=person.is_tenant_or_leaseholder,
            preferred_contact_method=person.preferred_contact_method,
        ),
        service=request.service,
        text=text,
        actor=actor,
        kind="complaint",
        received_at=None if on is None else clock.start_of_day(on),
        known_person=person,
    )
    CaseLink.objects.create(from_case=complaint, to_case=request, kind="raised_from")
    return complaint
