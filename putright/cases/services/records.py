"""Services that add to a case's record without moving it through the process.

Each one: keyword-only, one transaction, checks the optimistic lock, one timeline event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from putright.cases.models import (
    ActionUpdate,
    Case,
    ChildrensRepresentation,
    DisclosedDisability,
    EqualityMonitoring,
    FrozenDecision,
    Officer,
    OutstandingAction,
    ReasonableAdjustment,
    Remedy,
    Representative,
)
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.text import printable_name
from putright.core import clock

REMEDY_MOVES: dict[str, tuple[str, ...]] = {
    # Each remedy goes offer -> accepted/declined -> delivered/paid (SPEC "Remedies").
    "offered": ("accepted", "declined", "replaced"),
    "accepted": ("delivered", "replaced"),
    "declined": (),
    "delivered": (),
    "replaced": (),
}


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"Enter {what}.")
    return value.strip()


@transaction.atomic
def representative_add(
    *,
    case: Case,
    actor: Actor,
    name: str,
    relationship: str,
    consent_state: str = "outstanding",
    consent_evidence: str = "",
    email: str = "",
    organisation: str = "",
) -> Representative:
    """Someone acting for the person. Consent may follow, but before any response is issued."""
    if relationship not in dict(Representative.RELATIONSHIPS):
        raise InvalidInput("Choose how the representative is related to the person.")
    if consent_state not in dict(Representative.CONSENT_STATES):
        raise InvalidInput("Choose the state of the person's consent.")
    case_claim(case)
    rep = Representative.objects.create(
        case=case,
        name=_required(printable_name(name), "the representative's name"),
        relationship=relationship,
        consent_state=consent_state,
        consent_evidence=consent_evidence,
        consent_recorded_on=clock.today() if consent_state == "received" else None,
        email=email,
        organisation=organisation,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="representative_added",
        summary=(
            f"{rep.name} ({rep.get_relationship_display()}) acts for the person; "
            f"consent {rep.get_consent_state_display().lower()}"
        ),
        after={"name": rep.name, "relationship": relationship, "consent_state": consent_state},
    )
    return rep


@transaction.atomic
def adjustment_add(
    *, case: Case, actor: Actor, kind: str, detail: str = "", review_on: date | None = None
) -> ReasonableAdjustment:
    """Equality Act 2010: recorded on the person, honoured in every letter and contact."""
    if kind not in dict(ReasonableAdjustment.KINDS):
        raise InvalidInput("Choose the adjustment the person needs.")
    if kind in ("interpreter", "other") and not detail.strip():
        raise InvalidInput("Say which language or what adjustment is needed.")
    case_claim(case)
    adjustment = ReasonableAdjustment.objects.create(
        person_id=case.person_id, kind=kind, detail=detail, review_on=review_on
    )
    timeline_record(
        case=case,
        actor=actor,
        action="adjustment_added",
        summary=f"Reasonable adjustment recorded: {adjustment.get_kind_display()}",
        after={"kind": kind, "detail": detail, "review_on": review_on},
    )
    return adjustment


@transaction.atomic
def disability_add(
    *, case: Case, actor: Actor, description: str, review_on: date | None = None
) -> DisclosedDisability:
    case_claim(case)
    disability = DisclosedDisability.objects.create(
        person_id=case.person_id,
        description=_required(description, "what the person told us"),
        review_on=review_on,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="disability_recorded",
        summary="Disclosed disability recorded",
    )
    return disability


@transaction.atomic
def remedy_offer(
    *,
    case: Case,
    actor: Actor,
    kind: str,
    description: str,
    amount: Decimal | None = None,
    agreed_by: date | None = None,
    on: date | None = None,
) -> Remedy:
    if kind not in dict(Remedy.KINDS):
        raise InvalidInput("Choose the kind of remedy.")
    if kind.startswith("financial") and (amount is None or amount <= 0):
        raise InvalidInput("Enter the amount of a financial remedy, in pounds.")
    case_claim(case)
    remedy = Remedy.objects.create(
        case=case,
        stage=case.stage,
        kind=kind,
        description=_required(description, "what the remedy is"),
        amount=amount,
        agreed_by=agreed_by,
        offered_on=on or clock.today(),
    )
    timeline_record(
        case=case,
        actor=actor,
        action="remedy_offered",
        summary=f"Remedy offered: {remedy.get_kind_display()}" + (f" £{amount}" if amount else ""),
        after={"kind": kind, "description": description, "amount": amount},
    )
    return remedy


@transaction.atomic
def remedy_update(
    *,
    case: Case,
    actor: Actor,
    remedy: Remedy,
    state: str,
    on: date | None = None,
    replaced_with: str = "",
) -> Remedy:
    """Move a remedy on: accepted or declined, then delivered/paid; or replaced with reasons."""
    if state not in REMEDY_MOVES.get(remedy.state, ()):
        if state not in dict(Remedy.STATES):
            raise InvalidInput("Choose what happened to the remedy.")
        current = remedy.get_state_display().lower()
        raise InvalidInput(
            f"A remedy that is {current} cannot become {dict(Remedy.STATES)[state].lower()}."
        )
    if state == "replaced" and not replaced_with.strip():
        raise InvalidInput("Say what replaced the remedy that could not be delivered.")
    case_claim(case)
    day = on or clock.today()
    before = remedy.state
    remedy.state = state
    field = {"accepted": "accepted_on", "declined": "declined_on", "delivered": "delivered_on"}.get(
        state
    )
    if field:
        setattr(remedy, field, day)
    remedy.replaced_with = replaced_with
    remedy.save()
    timeline_record(
        case=case,
        actor=actor,
        action="remedy_updated",
        summary=f"Remedy {remedy.get_kind_display().lower()}: {remedy.get_state_display().lower()}",
        before={"state": before},
        after={"state": state, "on": day, "replaced_with": replaced_with},
    )
    return remedy


@dataclass(frozen=True, slots=True)
class ActionOwner:
    kind: str  # "staff" or "contractor"
    officer: Officer | None = None
    name: str = ""


@transaction.atomic
def action_add(
    *,
    case: Case,
    actor: Actor,
    description: str,
    owner: ActionOwner,
    due_on: date,
    update_every_days: int = 10,
    on: date | None = None,
) -> OutstandingAction:
    """A promised action, tracked to completion with updates to the person (Code 6.11)."""
    day = on or clock.today()
    if owner.kind not in ("staff", "contractor"):
        raise InvalidInput("Say whether council staff or a contractor owns the action.")
    if owner.officer is None and not owner.name.strip():
        raise InvalidInput("Say who owns the action.")
    if due_on < day:
        raise InvalidInput("The due date must be today or later.")
    if update_every_days < 1:
        raise InvalidInput("Agree how often the person gets an update, in working days.")
    case_claim(case)
    action = OutstandingAction.objects.create(
        case=case,
        description=_required(description, "what will be done"),
        owner_kind=owner.kind,
        owner_officer=owner.officer,
        owner_name=owner.name,
        due_on=due_on,
        update_every_days=update_every_days,
        created_on=day,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="action_added",
        summary=f"Outstanding action: {action.description[:120]} (due {due_on:%d %B %Y})",
        after={
            "description": description,
            "due_on": due_on,
            "owner": owner.name or str(owner.officer),
        },
    )
    return action


@transaction.atomic
def action_update(
    *,
    case: Case,
    actor: Actor,
    action: OutstandingAction,
    text: str,
    completed: bool = False,
    on: date | None = None,
) -> ActionUpdate:
    if action.completed_on is not None:
        raise InvalidInput("This action is already complete.")
    day = on or clock.today()
    case_claim(case)
    update = ActionUpdate.objects.create(action=action, on=day, text=_required(text, "the update"))
    action.last_update_on = day
    if completed:
        action.completed_on = day
    action.save(update_fields=["last_update_on", "completed_on"])
    timeline_record(
        case=case,
        actor=actor,
        action="action_completed" if completed else "action_updated",
        summary=("Action completed: " if completed else "Action update: ") + text[:200],
        after={"action": action.pk, "text": text, "completed": completed},
    )
    return update


@transaction.atomic
def frozen_decision_add(
    *,
    case: Case,
    actor: Actor,
    decision: str,
    until: date | None = None,
    on: date | None = None,
) -> FrozenDecision:
    """Children's and adults' social care: a decision deferred until the complaint ends."""
    if case.process not in ("childrens_social_care", "adult_social_care"):
        raise InvalidInput(
            "Decisions are frozen only in children's and adults' social care complaints."
        )
    if until is not None and until < (on or clock.today()):
        raise InvalidInput("The date it is frozen until cannot be before today.")
    case_claim(case)
    row = FrozenDecision.objects.create(
        case=case,
        decision=_required(decision, "the decision that is frozen"),
        frozen_on=on or clock.today(),
        frozen_until=until,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="decision_frozen",
        summary=f"Decision frozen: {decision[:200]}",
    )
    return row


@transaction.atomic
def childrens_representation_record(
    *,
    case: Case,
    actor: Actor,
    sufficient_interest: bool | None,
    reasons: str,
    childs_views: str = "",
    childs_views_sought: bool | None = None,
    advocate_offered_on: date | None = None,
    advocate_taken_up: bool | None = None,
    on: date | None = None,
) -> ChildrensRepresentation:
    """Source 004: a reasoned "sufficient interest" decision; the child's views; advocacy."""
    if case.process != "childrens_social_care":
        raise InvalidInput("This is recorded only on children's social care complaints.")
    if sufficient_interest is not None and not reasons.strip():
        raise InvalidInput("Give the reasons for the sufficient interest decision.")
    case_claim(case)
    row, _ = ChildrensRepresentation.objects.update_or_create(
        case=case,
        defaults={
            "sufficient_interest": sufficient_interest,
            "sufficient_interest_reasons": reasons,
            "decided_on": (on or clock.today()) if sufficient_interest is not None else None,
            "childs_views": childs_views,
            "childs_views_sought": childs_views_sought,
            "advocate_offered_on": advocate_offered_on,
            "advocate_taken_up": advocate_taken_up,
        },
    )
    timeline_record(
        case=case,
        actor=actor,
        action="childrens_representation_recorded",
        summary="Representation for a child recorded",
        after={
            "sufficient_interest": sufficient_interest,
            "reasons": reasons,
            "childs_views_sought": childs_views_sought,
            "advocate_offered_on": advocate_offered_on,
            "advocate_taken_up": advocate_taken_up,
        },
    )
    return row


EQUALITY_FIELDS = (
    "age_band",
    "sex",
    "gender_identity_same_as_birth",
    "disability",
    "ethnicity",
    "religion",
    "sexual_orientation",
)


@transaction.atomic
def equality_answers_record(*, case: Case, answers: dict[str, str]) -> None:
    """Optional answers, stored apart from the case record.

    No timeline event: the timeline is read by case officers, and these answers must never
    be visible on a case, only in aggregate.
    """
    unknown = set(answers) - set(EQUALITY_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown equality question: {', '.join(sorted(unknown))}.")
    EqualityMonitoring.objects.update_or_create(
        case=case, defaults={k: v[:60] for k, v in answers.items()}
    )
