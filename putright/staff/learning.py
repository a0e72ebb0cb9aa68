"""Reads of the learning log: service improvements by service and theme, each with the
linked cases the member may see (a restricted or another service's case stays hidden)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from putright.accounts.permissions import StaffMember, case_visibility
from putright.cases.models import Case, ServiceImprovement


@dataclass(frozen=True, slots=True)
class LogRow:
    improvement: ServiceImprovement
    cases: list[Case]
    hidden: int  # linked cases the member may not see: counted, never named
    state: str
    colour: str


def _state(improvement: ServiceImprovement, today: date) -> tuple[str, str]:
    if improvement.completed_on is not None:
        return "Complete", "green"
    if improvement.due_on < today:
        return "Overdue", "red"
    return "Due", "blue"


def _link_counts(qs: QuerySet[ServiceImprovement]) -> dict[int, int]:
    through = ServiceImprovement.cases.through
    rows = (
        through.objects.filter(serviceimprovement_id__in=qs.values("pk"))
        .values("serviceimprovement_id")
        .annotate(links=Count("id"))
    )
    return {row["serviceimprovement_id"]: row["links"] for row in rows}


def improvements_listed(
    *,
    member: StaffMember,
    service_id: int | None,
    theme: str,
    today: date,
    within: Q | None = None,
    latest: int | None = None,
) -> list[LogRow]:
    """The log, filtered by service and theme (and `within`, a further filter on the
    improvements: the reports' period and scope), in three queries whatever its length.
    With `latest`, only that many, the most recently recorded first."""
    qs = ServiceImprovement.objects.select_related("service", "owner")
    if within is not None:
        qs = qs.filter(within)
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    if theme:
        qs = qs.filter(theme=theme)
    if latest is not None:
        qs = qs.order_by("-recorded_on", "-id")[:latest]
    seen = Case.objects.filter(case_visibility(member)).only("reference").order_by("reference")
    totals = _link_counts(qs)
    rows = []
    for improvement in qs.prefetch_related(Prefetch("cases", queryset=seen, to_attr="seen")):
        seen_cases: list[Case] = getattr(improvement, "seen", [])
        state, colour = _state(improvement, today)
        rows.append(
            LogRow(
                improvement=improvement,
                cases=seen_cases,
                hidden=totals.get(improvement.pk, 0) - len(seen_cases),
                state=state,
                colour=colour,
            )
        )
    return rows
