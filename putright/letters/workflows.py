"""One domain call each for the staff and public interfaces: a case move and its letter.

Each wrapper runs the case service and `letter_issue` in ONE transaction: a move the policy
refuses raises its named error and leaves nothing behind (no change, no letter, no email),
and a letter that cannot be made (a template problem, a response without items (a)-(g))
rolls the move back too. Each returns the IssuedLetter; the case passed in is updated in
place.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from putright.cases import services
from putright.cases.models import Case, Category, Officer, RootCause
from putright.cases.services import Actor, InvalidInput
from putright.letters.kinds import LetterKind, response_kind_for
from putright.letters.models import IssuedLetter
from putright.letters.services import letter_issue
from putright.policy.lifecycle import CaseStatus, ResponseContent


@transaction.atomic
def acknowledge_and_issue(
    *,
    case: Case,
    actor: Actor,
    issues: list[str],
    outcomes_sought: str,
    responsible: str = "",
    not_responsible: str = "",
    definition_state: str = "agreed",
    officer: Officer | None = None,
    late_complaint_discretion: str = "",
    expected_delay: str = "",
    category: Category | None = None,
    tenure: str = "",
    on: date | None = None,
) -> IssuedLetter:
    """Acknowledge and define the complaint, and send the acknowledgement.

    `expected_delay`: why the response may take longer than the target; when given, the
    letter says so (the acknowledgement "with an expected delay", 002 appendix a).
    """
    services.complaint_acknowledge(
        case=case,
        actor=actor,
        issues=issues,
        outcomes_sought=outcomes_sought,
        responsible=responsible,
        not_responsible=not_responsible,
        definition_state=definition_state,
        officer=officer,
        late_complaint_discretion=late_complaint_discretion,
        category=category,
        tenure=tenure,
        on=on,
    )
    if expected_delay.strip():
        return letter_issue(
            case=case,
            kind=LetterKind.ACKNOWLEDGEMENT_DELAY,
            actor=actor,
            on=on,
            extra={"delay_reason": expected_delay},
        )
    return letter_issue(case=case, kind=LetterKind.ACKNOWLEDGEMENT, actor=actor, on=on)


@transaction.atomic
def extend_and_issue(
    *,
    case: Case,
    actor: Actor,
    new_due: date,
    reason: str,
    good_reason: str = "",
    on: date | None = None,
) -> IssuedLetter:
    """Extend the response date and tell the person: new date, reason, the Ombudsman."""
    services.stage_extend(
        case=case, actor=actor, new_due=new_due, reason=reason, good_reason=good_reason, on=on
    )
    return letter_issue(case=case, kind=LetterKind.EXTENSION_NOTICE, actor=actor, on=on)


@transaction.atomic
def respond_and_issue(
    *,
    case: Case,
    actor: Actor,
    content: ResponseContent,
    how_considered: str = "",
    what_happened: str = "",
    root_cause: RootCause | None = None,
    on: date | None = None,
) -> IssuedLetter:
    """Issue the stage response and its letter, the kind chosen by process and stage.

    The policy core refuses a response without every item (a)-(g) (ResponseIncomplete)
    before anything is written. `how_considered` and `what_happened` fill the letter's
    sections of those names.
    """
    services.stage_respond(case=case, actor=actor, content=content, root_cause=root_cause, on=on)
    return letter_issue(
        case=case,
        kind=response_kind_for(process=case.process, stage=case.stage),
        actor=actor,
        on=on,
        extra={"how_considered": how_considered, "what_happened": what_happened},
    )


@transaction.atomic
def escalation_acknowledge_and_issue(
    *, case: Case, actor: Actor, officer: Officer, on: date | None = None
) -> IssuedLetter:
    """Acknowledge a request for the next stage; children's stage 3 gets the panel letter."""
    services.escalation_acknowledge(case=case, actor=actor, officer=officer, on=on)
    kind = (
        LetterKind.PANEL_REQUEST_ACKNOWLEDGEMENT
        if case.stage == 3
        else LetterKind.ESCALATION_ACKNOWLEDGEMENT
    )
    return letter_issue(case=case, kind=kind, actor=actor, on=on)


@transaction.atomic
def panel_findings_and_issue(
    *, case: Case, actor: Actor, findings: str, on: date | None = None
) -> IssuedLetter:
    """Children's stage 3: record the panel's findings and send them to the person."""
    services.panel_findings_record(case=case, actor=actor, findings=findings, on=on)
    return letter_issue(case=case, kind=LetterKind.PANEL_FINDINGS, actor=actor, on=on)


@transaction.atomic
def exclude_and_issue(
    *, case: Case, actor: Actor, code: str, reasons: str, on: date | None = None
) -> IssuedLetter:
    """Exclude on a catalogue ground with reasons; the notice gives the route and the
    Ombudsman. A ground whose outcome is a hold sends the hold notice instead."""
    services.case_exclude(case=case, actor=actor, code=code, reasons=reasons, on=on)
    kind = (
        LetterKind.HOLD_NOTICE if case.status == CaseStatus.ON_HOLD else LetterKind.EXCLUSION_NOTICE
    )
    return letter_issue(case=case, kind=kind, actor=actor, on=on)


@transaction.atomic
def hold_and_issue(
    *, case: Case, actor: Actor, ground: str, detail: str = "", on: date | None = None
) -> IssuedLetter:
    """Put the case on hold (concurrent proceedings, a council investigation) and say why."""
    services.case_hold(case=case, actor=actor, ground=ground, detail=detail, on=on)
    return letter_issue(case=case, kind=LetterKind.HOLD_NOTICE, actor=actor, on=on)


@transaction.atomic
def escalation_refuse_and_issue(
    *, case: Case, actor: Actor, ground: str, reasons: str, on: date | None = None
) -> IssuedLetter:
    """Refuse the next stage, only on an exclusion ground, in writing with reasons and the
    Ombudsman's details (never because "the outcome would be the same")."""
    services.escalation_refuse(case=case, actor=actor, ground=ground, reasons=reasons, on=on)
    return letter_issue(case=case, kind=LetterKind.ESCALATION_REFUSED, actor=actor, on=on)


@transaction.atomic
def withdraw_and_issue(
    *, case: Case, actor: Actor, channel: str, on: date | None = None
) -> IssuedLetter:
    """Record a withdrawal, by any channel, and acknowledge it in writing."""
    services.case_withdraw(case=case, actor=actor, channel=channel, on=on)
    return letter_issue(case=case, kind=LetterKind.WITHDRAWAL_ACKNOWLEDGEMENT, actor=actor, on=on)


@transaction.atomic
def feedback_triage_and_thank(
    *, case: Case, actor: Actor, kind: str, reason: str = "", on: date | None = None
) -> IssuedLetter:
    """Triage a contact as a comment or a compliment, and thank the person for it.

    Raises InvalidInput for any other kind (those go through `contact_triage`).
    """
    letters = {"comment": LetterKind.COMMENT_THANKS, "compliment": LetterKind.COMPLIMENT_THANKS}
    if kind not in letters:
        raise InvalidInput("Only a comment or a compliment is thanked with a letter.")
    services.contact_triage(case=case, actor=actor, kind=kind, reason=reason, on=on)
    return letter_issue(case=case, kind=letters[kind], actor=actor, on=on)
