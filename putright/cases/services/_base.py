"""What every service shares: who acts, the optimistic lock, and the timeline entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F

from putright.cases.models import Case, Officer, TimelineEvent
from putright.cases.services._volumes import case_volume_fields, case_volume_moved, volume_key
from putright.core import clock


class CaseConflict(Exception):
    """Someone else changed the case between reading it and acting on it."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(
            f"Someone else has just changed case {reference}. "
            "Reload the case to see their change, then try again."
        )


class InvalidInput(Exception):
    """Input a service cannot accept; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something: an officer, or a person on the public site, or the system."""

    label: str
    officer: Officer | None = None

    @classmethod
    def of(cls, officer: Officer) -> Actor:
        return cls(label=officer.name, officer=officer)


SYSTEM = Actor(label="PutRight (automatic)")
RESIDENT_ONLINE = Actor(label="The person, online")


def jsonable(value: Any) -> Any:
    """Dates and decimals as text, so the timeline stores exactly what was written."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def case_claim(case: Case, **changes: Any) -> None:
    """Write `changes` to the case only if nobody changed it since it was read.

    The UPDATE's WHERE clause carries the version the caller read: on PostgreSQL a second
    writer waits for the first to commit and then matches no row; on SQLite IMMEDIATE
    transactions serialise the writers the same way. Either way the loser gets CaseConflict.
    """
    # The case as read is the case as it was: the version check below proves it.
    before = volume_key(case) if case_volume_fields(changes) else None
    updated = Case.objects.filter(pk=case.pk, version=case.version).update(
        version=F("version") + 1, updated_at=clock.now(), **changes
    )
    if updated != 1:
        raise CaseConflict(case.reference)
    case.version += 1
    for name, value in changes.items():
        setattr(case, name, value)
    if before is not None:
        case_volume_moved(before, case)


def timeline_record(
    *,
    case: Case,
    actor: Actor,
    action: str,
    summary: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> TimelineEvent:
    """The one timeline event each successful service call writes."""
    return TimelineEvent.objects.create(
        case=case,
        at=at or clock.now(),
        actor_id=actor.officer.user_id if actor.officer is not None else None,
        actor_label=actor.label,
        action=action,
        summary=summary,
        before=jsonable(dict(before or {})),
        after=jsonable(dict(after or {})),
    )
