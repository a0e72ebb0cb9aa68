"""The response being written: drafts, approval before issue, and the ledger rows a response
promises (remedies and outstanding actions), created when it is issued.

Saving or reviewing a draft changes nothing the policy core reads: the stage's clock keeps
running while a draft waits for approval, and the case's version is not claimed, so an
officer's open composer is never made stale by their own save.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from putright.cases.models import Case, Remedy, ResponseDraft
from putright.cases.services._base import Actor, InvalidInput, timeline_record
from putright.cases.services.records import ActionOwner, action_add, remedy_offer
from putright.core import clock


@dataclass(frozen=True, slots=True)
class LedgerRemedy:
    """A remedy a response offers: one row of the ledger, and one line of the letter."""

    kind: str
    description: str
    amount: Decimal | None = None

    @property
    def line(self) -> str:
        label = dict(Remedy.KINDS).get(self.kind, "")
        text = self.description.strip().rstrip(".")
        amount = f" (£{self.amount:,.2f})" if self.amount else ""
        return (
            f"{label}: {text}{amount}"
            if label and label.lower() not in text.lower()
            else (f"{text}{amount}")
        )


@dataclass(frozen=True, slots=True)
class LedgerAction:
    """An action a response promises: who does it and by when."""

    description: str
    owner: ActionOwner
    due_on: date

    @property
    def line(self) -> str:
        who = self.owner.name or (self.owner.officer.name if self.owner.officer else "")
        text = self.description.strip().rstrip(".")
        return f"{text} ({who}, by {self.due_on.day} {self.due_on:%B %Y})"


def ledger_record(
    *,
    case: Case,
    actor: Actor,
    remedies: tuple[LedgerRemedy, ...],
    actions: tuple[LedgerAction, ...],
    on: date | None = None,
) -> None:
    """Put a response's remedies and actions on the case's ledger, through the services that
    track them (so the case never says "Remedies: None" after a letter promised them)."""
    for remedy in remedies:
        remedy_offer(
            case=case,
            actor=actor,
            kind=remedy.kind,
            description=remedy.description,
            amount=remedy.amount,
            on=on,
        )
    for action in actions:
        action_add(
            case=case,
            actor=actor,
            description=action.description,
            owner=action.owner,
            due_on=action.due_on,
            on=on,
        )


def response_draft_current(*, case: Case) -> ResponseDraft | None:
    """The draft of the current stage's response, if one was saved."""
    return ResponseDraft.objects.filter(case=case, stage=case.stage).first()


def _editable(draft: ResponseDraft | None) -> None:
    if draft is None:
        return
    if draft.state == "awaiting_approval":
        raise InvalidInput(
            "The draft is waiting for a service manager's approval. It can change again "
            "once they approve it or return it with comments."
        )
    if draft.state == "issued":
        raise InvalidInput("This stage's response has already been issued.")


def _draft_store(
    *, case: Case, actor: Actor, content: Mapping[str, Any]
) -> tuple[ResponseDraft, bool]:
    """Keep `content` as the current stage's draft; True when the draft is new."""
    draft = ResponseDraft.objects.select_for_update().filter(case=case, stage=case.stage).first()
    _editable(draft)
    now = clock.now()
    if draft is None:
        draft = ResponseDraft.objects.create(
            case=case, stage=case.stage, content=dict(content), saved_by=actor.label, saved_at=now
        )
        return draft, True
    draft.content = dict(content)
    draft.saved_by = actor.label
    draft.saved_at = now
    draft.save(update_fields=["content", "saved_by", "saved_at"])
    return draft, False


@transaction.atomic
def response_draft_save(*, case: Case, actor: Actor, content: Mapping[str, Any]) -> ResponseDraft:
    """Keep what the composer holds as the current stage's draft; anything may be missing.

    Raises InvalidInput while the draft waits for approval or after the response is issued.
    Only the first save writes a timeline event: later saves are the same piece of work,
    and an officer saving every few minutes would bury the case's history.
    """
    draft, created = _draft_store(case=case, actor=actor, content=content)
    if created:
        timeline_record(
            case=case,
            actor=actor,
            action="response_draft_started",
            summary=f"Stage {case.stage} response: draft started",
        )
    return draft


@transaction.atomic
def response_draft_submit(*, case: Case, actor: Actor, content: Mapping[str, Any]) -> ResponseDraft:
    """Save the draft and send it to a service manager for approval (the clock runs on)."""
    if not case.service.responses_need_approval:
        raise InvalidInput(f"{case.service.name} responses are issued without approval.")
    draft, _ = _draft_store(case=case, actor=actor, content=content)
    draft.state = "awaiting_approval"
    draft.sent_for_approval_at = clock.now()
    draft.save(update_fields=["state", "sent_for_approval_at"])
    timeline_record(
        case=case,
        actor=actor,
        action="response_draft_submitted",
        summary=f"Stage {case.stage} response sent to a service manager for approval",
    )
    return draft


def _awaiting(case: Case) -> ResponseDraft:
    draft = ResponseDraft.objects.select_for_update().filter(case=case, stage=case.stage).first()
    if draft is None or draft.state != "awaiting_approval":
        raise InvalidInput("There is no draft response waiting for approval on this case.")
    return draft


@transaction.atomic
def response_draft_return(*, case: Case, actor: Actor, comment: str) -> ResponseDraft:
    """The service manager returns the draft to the officer with comments."""
    if not comment.strip():
        raise InvalidInput("Enter your comments for the officer")
    draft = _awaiting(case)
    draft.state = "returned"
    draft.review_comment = comment.strip()
    draft.reviewed_by = actor.label
    draft.reviewed_at = clock.now()
    draft.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at"])
    timeline_record(
        case=case,
        actor=actor,
        action="response_draft_returned",
        summary=f"Stage {case.stage} response returned to the officer: {comment.strip()}",
        after={"comment": comment.strip()},
    )
    return draft


def response_draft_issued(
    *, case: Case, actor: Actor, approved: bool, on: date | None = None
) -> ResponseDraft | None:
    """Mark the current stage's draft issued (inside the issuing transaction).

    `approved`: the response was approved by `actor`, who must be the service manager when
    the service asks for approval. Raises InvalidInput when approval is needed and missing.
    """
    draft = ResponseDraft.objects.select_for_update().filter(case=case, stage=case.stage).first()
    if case.service.responses_need_approval and not approved:
        raise InvalidInput(
            f"{case.service.name} responses are approved by a service manager before they "
            "are issued: send the draft for approval."
        )
    if approved and (draft is None or draft.state != "awaiting_approval"):
        raise InvalidInput("There is no draft response waiting for approval on this case.")
    if draft is None:
        return None
    draft.state = "issued"
    if approved:
        draft.reviewed_by = actor.label
        draft.reviewed_at = clock.now()
        draft.review_comment = ""
        timeline_record(
            case=case,
            actor=actor,
            action="response_draft_approved",
            summary=f"Stage {case.stage} response approved by {actor.label}",
        )
    draft.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    return draft
