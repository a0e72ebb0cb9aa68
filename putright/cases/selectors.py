"""Every read of the case record that an interface needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, QuerySet

from putright.cases.models import Case, EqualityMonitoring, TimelineEvent
from putright.cases.references import reference_is_valid, reference_normalise
from putright.cases.services._deadlines import case_deadlines
from putright.cases.services._facts import facts_of, snapshot_read
from putright.policy.deadlines import Deadline
from putright.policy.lifecycle import Move, allowed_moves


def case_by_reference(*, reference: str) -> Case | None:
    """The case a person quotes; None for a mistyped or unknown reference."""
    if not reference_is_valid(reference):
        return None
    return (
        Case.objects.select_related("person", "service")
        .filter(reference=reference_normalise(reference))
        .first()
    )


def case_timeline(*, case: Case) -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(case=case).order_by("at", "id")


def case_deadline_list(*, case: Case, today: date) -> dict[str, Deadline]:
    """Every deadline of the case with its state today, from the policy core."""
    return case_deadlines(snapshot_read(case), today=today)


def case_moves_allowed(*, case: Case) -> frozenset[Move]:
    """What the staff UI may offer on this case now: exactly what the policy core allows."""
    return allowed_moves(facts_of(snapshot_read(case)))


def cases_open_by_deadline(*, service_id: int | None = None) -> QuerySet[Case]:
    qs = Case.objects.exclude(status__in=("closed", "withdrawn", "excluded")).select_related(
        "person", "service"
    )
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    return qs.order_by("next_deadline_on", "id")


def case_counts_by_service_and_status() -> list[dict[str, Any]]:
    """Cases per service and status: one GROUP BY over the (service, status) index."""
    rows = (
        Case.objects.order_by()
        .values("service__name", "status")
        .annotate(n=Count("id"))
        .order_by("service__name", "status")
    )
    return [dict(row) for row in rows]


def equality_answers_aggregate(*, field: str) -> dict[str, int]:
    """The only read of equality-monitoring answers: counts, never a case or a person."""
    if field not in {f.name for f in EqualityMonitoring._meta.get_fields()} - {
        "id",
        "case",
        "recorded_at",
    }:
        raise ValueError(f"{field} is not an equality-monitoring question")
    rows = EqualityMonitoring.objects.values(field).annotate(n=Count("id")).order_by(field)
    return {row[field] or "Not answered": row["n"] for row in rows}
