"""Representatives and the person's consent, changed by an officer on the case page.

A representative (an advocate, carer, family member, solicitor, MP or councillor) acts for
the person. Until the person's written consent is in hand nothing is disclosed to them and
no response is issued (001 "Definition of a complaint"); an elected member acting on a
constituent's behalf needs none (Data Protection Act 2018, Sch. 1 para. 24), so "not
needed" is a state an officer may choose for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from putright.cases.models import Case, Correspondence, Representative
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services.correspondence import attachments_store
from putright.cases.services.online import Upload
from putright.cases.services.records import representative_add
from putright.core import clock

ELECTED = ("mp", "councillor")


@dataclass(frozen=True, slots=True)
class RepresentativeInput:
    name: str
    relationship: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    receives_response: bool = True


def _check(details: RepresentativeInput) -> None:
    if not details.name.strip():
        raise InvalidInput("Enter the representative's name.")
    if details.relationship not in dict(Representative.RELATIONSHIPS):
        raise InvalidInput("Choose how the representative is related to the person.")


@transaction.atomic
def representative_create(
    *, case: Case, actor: Actor, details: RepresentativeInput, consent_state: str
) -> Representative:
    """Add a representative with all their details. Consent starts "outstanding" unless
    the officer says it was received already (then record it with its evidence instead) or
    the representative is an elected member ("not needed")."""
    _check(details)
    if consent_state not in ("outstanding", "not_needed"):
        raise InvalidInput("Consent starts outstanding; record it when it arrives.")
    if consent_state == "not_needed" and details.relationship not in ELECTED:
        raise InvalidInput("Only an MP or councillor can act without the person's consent.")
    rep = representative_add(
        case=case,
        actor=actor,
        name=details.name,
        relationship=details.relationship,
        consent_state=consent_state,
        email=details.email.strip().lower(),
        organisation=details.organisation.strip(),
    )
    Representative.objects.filter(pk=rep.pk).update(
        phone=details.phone.strip(),
        address=details.address.strip(),
        receives_response=details.receives_response,
    )
    rep.refresh_from_db()
    return rep


@transaction.atomic
def representative_change(
    *, case: Case, actor: Actor, representative: Representative, details: RepresentativeInput
) -> Representative:
    """Correct or update a representative's details; one timeline event with what changed."""
    _check(details)
    if representative.case_id != case.pk or representative.ended_on is not None:
        raise InvalidInput("This representative no longer acts on the case.")
    fields = {
        "name": details.name.strip(),
        "relationship": details.relationship,
        "organisation": details.organisation.strip(),
        "email": details.email.strip().lower(),
        "phone": details.phone.strip(),
        "address": details.address.strip(),
        "receives_response": details.receives_response,
    }
    before = {k: getattr(representative, k) for k in fields}
    changed = {k: v for k, v in fields.items() if before[k] != v}
    if not changed:
        raise InvalidInput("Nothing has changed.")
    case_claim(case)
    for name, value in changed.items():
        setattr(representative, name, value)
    representative.save(update_fields=list(changed))
    timeline_record(
        case=case,
        actor=actor,
        action="representative_changed",
        summary=f"Details of {representative.name} changed: {', '.join(sorted(changed))}",
        before={k: before[k] for k in changed},
        after=changed,
    )
    return representative


@transaction.atomic
def representative_end(
    *, case: Case, actor: Actor, representative: Representative, reason: str
) -> Representative:
    """The representative no longer acts: letters go to the person again."""
    if representative.case_id != case.pk or representative.ended_on is not None:
        raise InvalidInput("This representative no longer acts on the case.")
    if not reason.strip():
        raise InvalidInput("Enter why the representative no longer acts.")
    case_claim(case)
    representative.ended_on = clock.today()
    representative.save(update_fields=["ended_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="representative_ended",
        summary=f"{representative.name} no longer acts for the person: {reason.strip()}",
        after={"reason": reason.strip()},
    )
    return representative


@transaction.atomic
def consent_decide(
    *,
    case: Case,
    actor: Actor,
    representative: Representative,
    state: str,
    evidence: str,
    on: date | None = None,
    uploads: Sequence[Upload] = (),
) -> Representative:
    """Record the person's consent received (with its evidence: what it is, and the file
    when there is one) or refused. A form uploaded online ("received, to check") becomes
    "received" only this way, once an officer has looked at it.

    Raises InvalidInput for received consent without evidence, a date in the future, or a
    representative who no longer acts; CaseConflict as every write.
    """
    day = on or clock.today()
    if day > clock.today():
        raise InvalidInput("The date cannot be in the future.")
    if representative.case_id != case.pk or representative.ended_on is not None:
        raise InvalidInput("This representative no longer acts on the case.")
    if state not in ("received", "refused"):
        raise InvalidInput("Choose whether the person gave or refused consent.")
    if state == "received" and not evidence.strip() and not uploads:
        raise InvalidInput("Describe the evidence of consent, or attach it.")
    case_claim(case)
    before = representative.consent_state
    text = evidence.strip() or "Evidence attached"
    if uploads:
        letter = Correspondence.objects.create(
            case=case,
            direction="in",
            channel="letter",
            at=clock.now(),
            subject=f"Consent for {representative.name} to act: evidence",
        )
        stored = attachments_store(letter=letter, uploads=uploads)
        text = f"{text} (files: {', '.join(a.original_name for a in stored)})"
    representative.consent_state = state
    representative.consent_evidence = text
    representative.consent_recorded_on = day
    representative.save(update_fields=["consent_state", "consent_evidence", "consent_recorded_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="consent_recorded",
        summary=(
            f"Consent for {representative.name} "
            f"{'received' if state == 'received' else 'refused'}: {text}"
        ),
        before={"consent_state": before},
        after={"consent_state": state, "evidence": text},
    )
    return representative
