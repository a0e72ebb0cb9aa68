"""One domain call each for the staff and public interfaces: a case move and its letter.

Each wrapper runs the case service and `letter_issue` in ONE transaction: a move the policy
refuses raises its named error and leaves nothing behind (no change, no letter, no email),
and a letter that cannot be made (a template problem, a response without items (a)-(g))
rolls the move back too. Each returns the IssuedLetter; the case passed in is updated in
place.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db import transaction

from putright.cases import services
from putright.cases.models import Case, Category, Officer, OutstandingAction, RootCause
from putright.cases.services import Actor, InvalidInput, LedgerAction, LedgerRemedy
from putright.core import clock
from putright.core.policy import working_calendar
from putright.letters.kinds import LetterKind, response_kind_for
from putright.letters.models import IssuedLetter
from putright.letters.services import letter_issue
from putright.notifications.services import email_enqueue
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
    remedies: tuple[LedgerRemedy, ...] = (),
    actions: tuple[LedgerAction, ...] = (),
    approved: bool = False,
    root_cause: RootCause | None = None,
    on: date | None = None,
) -> IssuedLetter:
    """Issue the stage response and its letter, the kind chosen by process and stage.

    The policy core refuses a response without every item (a)-(g) (ResponseIncomplete)
    before anything is written. `how_considered` and `what_happened` fill the letter's
    sections of those names. `remedies` and `actions` are the ledger rows the letter
    promises: they are offered and added on the case in the same transaction, and the
    letter prints exactly their lines. `approved`: a service manager approves the draft
    as they issue it (required when the service asks for approval; InvalidInput if not).
    The current stage's draft, if any, is marked issued.
    """
    services.response_draft_issued(case=case, actor=actor, approved=approved, on=on)
    return _respond(
        case=case,
        actor=actor,
        content=content,
        how_considered=how_considered,
        what_happened=what_happened,
        remedies=remedies,
        actions=actions,
        root_cause=root_cause,
        on=on,
    )


def _respond(
    *,
    case: Case,
    actor: Actor,
    content: ResponseContent,
    how_considered: str,
    what_happened: str,
    remedies: tuple[LedgerRemedy, ...],
    actions: tuple[LedgerAction, ...],
    root_cause: RootCause | None,
    on: date | None,
) -> IssuedLetter:
    if remedies or actions:
        content = replace(
            content,
            remedies=(*content.remedies, *(r.line for r in remedies)),
            outstanding_actions=(*content.outstanding_actions, *(a.line for a in actions)),
        )
    services.stage_respond(case=case, actor=actor, content=content, root_cause=root_cause, on=on)
    services.ledger_record(case=case, actor=actor, remedies=remedies, actions=actions, on=on)
    return letter_issue(
        case=case,
        kind=response_kind_for(process=case.process, stage=case.stage),
        actor=actor,
        on=on,
        extra={"how_considered": how_considered, "what_happened": what_happened},
    )


class _DryRun(Exception):
    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf


def respond_preview(
    *,
    case: Case,
    actor: Actor,
    content: ResponseContent,
    how_considered: str = "",
    what_happened: str = "",
    remedies: tuple[LedgerRemedy, ...] = (),
    actions: tuple[LedgerAction, ...] = (),
    on: date | None = None,
) -> bytes:
    """The exact PDF `respond_and_issue` would send, with nothing kept.

    The response is issued in a savepoint that is then rolled back: the same checks, the
    same ledger lines, the same template and signature, but no letter, ledger row, timeline
    event or email survives. Raises what `respond_and_issue` raises.
    """
    # A fresh copy: the dry run moves the case in memory as well as in the database.
    shadow = Case.objects.select_related("service", "person").get(pk=case.pk)
    try:
        with transaction.atomic():
            letter = _respond(
                case=shadow,
                actor=actor,
                content=content,
                how_considered=how_considered,
                what_happened=what_happened,
                remedies=remedies,
                actions=actions,
                root_cause=None,  # a theme for reports: it never changes the letter
                on=on,
            )
            raise _DryRun(bytes(letter.pdf))
    except _DryRun as done:
        return done.pdf


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


@transaction.atomic
def feedback_thank_and_route(
    *, case: Case, actor: Actor, kind: str, reason: str = "", on: date | None = None
) -> tuple[IssuedLetter, str]:
    """Triage a comment or compliment, thank the person in writing, and pass it to the
    service it is about (an email to the service's manager). Returns the letter and the
    manager's address ("" when the service has none set: the triage page says so)."""
    letter = feedback_triage_and_thank(case=case, actor=actor, kind=kind, reason=reason, on=on)
    to = case.service.manager_email
    if to:
        contact = case.contacts.order_by("id").first()
        email_enqueue(
            to=to,
            subject=f"A {kind} about {case.service.name} ({case.reference})",
            body=(
                f"A {kind} about {case.service.name} came in on {case.received_on:%-d %B %Y}"
                f" from {case.person.name}:\n\n{contact.text if contact else case.summary}\n\n"
                "We have thanked them. Please share it with your team."
            ),
            kind=f"feedback_routed:{kind}",
            case_reference=case.reference,
        )
    return letter, to


@transaction.atomic
def action_update_and_tell(
    *,
    case: Case,
    actor: Actor,
    action: OutstandingAction,
    text: str,
    completed: bool = False,
    on: date | None = None,
) -> IssuedLetter:
    """Record an update on an outstanding action and send it to the person in writing
    (email or letter, as they prefer, or to whoever the case's letters go to), saying when
    the next update is due at the agreed interval."""
    day = on or clock.today()
    services.action_update(
        case=case, actor=actor, action=action, text=text, completed=completed, on=day
    )
    following = working_calendar().add_working_days(day, action.update_every_days)
    return letter_issue(
        case=case,
        kind=LetterKind.ACTION_UPDATE,
        actor=actor,
        on=day,
        extra={
            "action_description": action.description,
            "update_text": text.strip(),
            "action_done": "yes" if completed else "",
            "next_update_by": "" if completed else f"{following:%-d %B %Y}",
        },
    )


def restriction_impose_and_issue(
    *,
    case: Case,
    actor: Actor,
    restriction: str,
    reason: str,
    scope: str,
    starts_on: date,
    review_on: date,
) -> IssuedLetter:
    """Record a restriction on contact and tell the person in writing: what, why, until the
    review, their right to ask for a review, and the Ombudsman's details (001)."""
    services.restriction_impose(
        case=case,
        actor=actor,
        restriction=restriction,
        reason=reason,
        scope=scope,
        starts_on=starts_on,
        review_on=review_on,
    )
    return letter_issue(case=case, kind=LetterKind.RESTRICTION_NOTICE, actor=actor)


@transaction.atomic
def panel_arrange_and_issue(
    *,
    case: Case,
    actor: Actor,
    chair: Officer,
    persons: tuple[Officer, Officer],
    panel_on: date,
    on: date | None = None,
) -> IssuedLetter:
    """Children's stage 3: arrange the review panel and invite the person in writing (their
    representative and a copy to them, when someone acts for them): when it meets and who
    sits on it. A refusal by the
    policy core (an officer who is not independent, a date past the target) changes nothing."""
    services.panel_arrange(
        case=case, actor=actor, chair=chair, persons=persons, panel_on=panel_on, on=on
    )
    return letter_issue(case=case, kind=LetterKind.PANEL_INVITATION, actor=actor, on=on)
