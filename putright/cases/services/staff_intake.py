"""A contact an officer takes by phone, email, letter, in person, from a contractor or from
an MP or councillor, recorded with everything that came with it in one transaction.

The clock starts on the day the contact was received, not the day it was typed in; the
date the person became aware of the problem is kept so the 12-month rule (001 s.6) applies
to every channel and the inbox can show it; a person already known is chosen rather than
created again, so their adjustments, restrictions and history follow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from putright.cases.models import (
    Case,
    Contact,
    Correspondence,
    Person,
    ReasonableAdjustment,
    SatisfactionSurvey,
    Service,
    StageRecord,
)
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services._deadlines import deadlines_store
from putright.cases.services.correspondence import attachments_store
from putright.cases.services.intake import (
    COMPLAINT_KINDS,
    PersonDetails,
    _ombudsman_code,
    contact_record,
)
from putright.cases.services.online import AdjustmentRequest, Upload
from putright.cases.services.records import adjustment_add
from putright.cases.services.representatives import (
    RepresentativeInput,
    consent_decide,
    representative_create,
)
from putright.core import clock
from putright.core.policy import policy_config
from putright.policy.lifecycle import CaseStatus, is_out_of_time


@dataclass(frozen=True, slots=True)
class Intake:
    """Everything the "Log a contact" form asked, ready to be recorded."""

    channel: str
    kind: str
    service: Service
    text: str
    person: PersonDetails
    received_on: date
    aware_on: date | None = None
    outcomes_sought: str = ""
    housing_reference: str = ""
    known_person: Person | None = None
    representative: RepresentativeInput | None = None
    # "outstanding", "received" (with `consent_evidence`) or "not_needed" (an elected member)
    representative_consent: str = "outstanding"
    consent_evidence: str = ""
    adjustments: tuple[AdjustmentRequest, ...] = ()
    attachments: tuple[Upload, ...] = ()


def people_matching(
    *,
    name: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    housing_reference: str = "",
    limit: int = 10,
) -> list[Person]:
    """People who may be the one on the phone: the same email, phone or housing reference,
    or the same name at the same postcode (or the same name when no postcode is given).
    Anonymised people are never offered."""
    match = Q()
    if email.strip():
        match |= Q(email__iexact=email.strip())
    if _digits(phone):
        match |= Q(phone__icontains=_digits(phone)[-6:])
    if housing_reference.strip():
        match |= Q(housing_reference__iexact=housing_reference.strip())
    if name.strip():
        by_name = Q(name__iexact=name.strip())
        match |= by_name & Q(postcode__iexact=postcode.strip()) if postcode.strip() else by_name
    if not match:
        return []
    found: QuerySet[Person] = Person.objects.filter(match, anonymised_at__isnull=True)
    return list(found.order_by("-created_at", "-id")[:limit])


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def _received_at(day: date) -> datetime:
    # Today's contact keeps its moment; an earlier one is dated at the start of that day.
    return clock.now() if day == clock.today() else clock.start_of_day(day)


@transaction.atomic
def contact_intake(*, intake: Intake, actor: Actor) -> Case:
    """Record the contact (contact_record), its out-of-time flag, the representative and
    their consent, each adjustment not already in force, and the files.

    Raises InvalidInput for a received date in the future or before the awareness date,
    and as the services it calls do; then nothing is written, files included.
    """
    today = clock.today()
    if intake.received_on > today:
        raise InvalidInput("The date received cannot be in the future.")
    case = contact_record(
        channel=intake.channel,
        person=intake.person,
        service=intake.service,
        text=intake.text,
        actor=actor,
        kind=intake.kind,
        aware_on=intake.aware_on,
        outcomes_sought=intake.outcomes_sought,
        received_at=_received_at(intake.received_on),
        known_person=intake.known_person,
    )
    late = is_out_of_time(case.received_on, intake.aware_on, policy_config().time_limits)
    if late:
        Case.objects.filter(pk=case.pk).update(out_of_time=True)
        case.out_of_time = True
    if intake.housing_reference.strip() and not case.person.housing_reference:
        Person.objects.filter(pk=case.person_id).update(
            housing_reference=intake.housing_reference.strip()
        )
    _representative(case, actor, intake)
    _adjustments(case, actor, intake.adjustments)
    if intake.attachments:
        letter = Correspondence.objects.create(
            case=case,
            direction="in",
            channel=intake.channel,
            at=_received_at(intake.received_on),
            subject="Files sent with the contact",
        )
        attachments_store(letter=letter, uploads=intake.attachments)
    case.refresh_from_db()
    return case


def _representative(case: Case, actor: Actor, intake: Intake) -> None:
    if intake.representative is None:
        return
    received = intake.representative_consent == "received"
    rep = representative_create(
        case=case,
        actor=actor,
        details=intake.representative,
        consent_state="outstanding" if received else intake.representative_consent,
    )
    if received:
        consent_decide(
            case=case,
            actor=actor,
            representative=rep,
            state="received",
            evidence=intake.consent_evidence,
            on=intake.received_on,
        )


def _adjustments(case: Case, actor: Actor, wanted: tuple[AdjustmentRequest, ...]) -> None:
    in_force = set(
        ReasonableAdjustment.objects.filter(
            person_id=case.person_id, ended_on__isnull=True
        ).values_list("kind", "detail")
    )
    for adjustment in wanted:
        if (adjustment.kind, adjustment.detail) not in in_force:
            adjustment_add(case=case, actor=actor, kind=adjustment.kind, detail=adjustment.detail)


@transaction.atomic
def contact_service_change(*, case: Case, actor: Actor, service: Service, reason: str) -> Case:
    """Triage moves a contact to the service it is really about (a new issue added online
    lands under the original case's service). The process, its version, the Ombudsman and
    the deadlines follow the new service; the date received stays.

    Raises InvalidInput once the contact has been triaged, for the same service, or
    without a reason; CaseConflict as every write.
    """
    if (
        case.status != CaseStatus.RECEIVED
        or case.contacts.filter(triaged_at__isnull=False).exists()
    ):
        raise InvalidInput("The service can only be changed before the contact is triaged.")
    if service.pk == case.service_id:
        raise InvalidInput(f"The contact is already about {service.name}.")
    if not reason.strip():
        raise InvalidInput("Enter why the contact is about a different service.")
    before = case.service.name
    version = policy_config().version_for(service.process, case.received_on)
    case_claim(
        case,
        service=service,
        process=service.process,
        policy_version=version.key,
        landlord_matter=service.landlord_function,
        ombudsman=_ombudsman_code(service, case.person),
    )
    Contact.objects.filter(case=case).update(service=service)
    # The copies the reports count by follow the case (StageRecord.process).
    StageRecord.objects.filter(case=case).update(process=service.process, service=service)
    SatisfactionSurvey.objects.filter(case=case).update(process=service.process)
    if case.kind in COMPLAINT_KINDS:
        deadlines_store(case, today=clock.today())
    timeline_record(
        case=case,
        actor=actor,
        action="service_changed",
        summary=f"Moved from {before} to {service.name}: {reason.strip()}",
        before={"service": before},
        after={"service": service.name, "reason": reason.strip()},
    )
    return case
