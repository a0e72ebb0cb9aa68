"""Learning: a service improvement linked to the cases that caused it, with an owner, a due
date and its completion. Each change leaves one timeline entry on every linked case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from putright.cases.models import Case, Officer, Service, ServiceImprovement
from putright.cases.models.learning import THEMES
from putright.cases.services._base import Actor, InvalidInput, timeline_record
from putright.core import clock


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


@transaction.atomic
def improvement_record(
    *,
    cases: Sequence[Case],
    actor: Actor,
    service: Service,
    theme: str,
    description: str,
    owner: Officer,
    due_on: date,
    on: date | None = None,
) -> ServiceImprovement:
    """Record a service improvement and link it to `cases`. Raises InvalidInput without a
    case, a description, a known theme, or with a due date in the past."""
    day = on or clock.today()
    text = description.strip()
    if not cases:
        raise InvalidInput("Link the improvement to at least one case.")
    if not text:
        raise InvalidInput("Describe the improvement.")
    if theme not in dict(THEMES):
        raise InvalidInput("Choose the theme of the improvement.")
    if due_on < day:
        raise InvalidInput("The due date must be today or later.")
    improvement = ServiceImprovement.objects.create(
        service=service,
        theme=theme,
        description=text,
        owner=owner,
        due_on=due_on,
        recorded_on=day,
        recorded_by_id=actor.officer.user_id if actor.officer is not None else None,
    )
    improvement.cases.set(cases)
    others = len(cases) - 1
    for case in cases:
        timeline_record(
            case=case,
            actor=actor,
            action="learning_recorded",
            summary=f"Service improvement recorded ({owner.name}, due {_day(due_on)})"
            + (f", linked to {others} other case(s)" if others else "")
            + f": {text[:200]}",
            after={"improvement": improvement.pk, "due_on": due_on},
        )
    return improvement


@transaction.atomic
def improvement_complete(
    *, improvement: ServiceImprovement, actor: Actor, note: str, on: date | None = None
) -> ServiceImprovement:
    """Record that the improvement was made. Raises InvalidInput without a note or when
    already complete."""
    if improvement.completed_on is not None:
        raise InvalidInput("The improvement is already recorded as complete.")
    text = note.strip()
    if not text:
        raise InvalidInput("Say what was done.")
    improvement.completed_on = on or clock.today()
    improvement.completion_note = text
    improvement.save(update_fields=["completed_on", "completion_note"])
    for case in improvement.cases.all():
        timeline_record(
            case=case,
            actor=actor,
            action="learning_completed",
            summary=f"Service improvement completed on {_day(improvement.completed_on)}: "
            f"{text[:200]}",
            after={"improvement": improvement.pk},
        )
    return improvement
