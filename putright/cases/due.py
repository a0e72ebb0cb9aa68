"""Reads behind the scheduled jobs: what falls due on a day, found with indexes, in a fixed
number of queries however many cases there are.

Candidates come from the stored columns (`Case.next_deadline_on`, kept in step with the
policy core by every service); the deadlines themselves are then the policy core's answer
for those candidates only (`cases_due`). The jobs live in putright.notifications.scheduler.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from putright.cases.models import (
    Case,
    Hold,
    LetterContact,
    Officer,
    OmbudsmanCase,
    OmbudsmanOrder,
    OutstandingAction,
    ReasonableAdjustment,
    Restriction,
    StageRecord,
)
from putright.cases.services._deadlines import _NOTHING_DUE as NOTHING_DUE
from putright.cases.services._deadlines import open_council_deadlines
from putright.cases.services._facts import snapshots_read
from putright.core.policy import extra_closure_days
from putright.policy.deadlines import Deadline
from putright.policy.lifecycle import CaseStatus

# Statuses in which the council owes something: the policy core's open statuses.
OPEN_STATUSES = tuple(str(s) for s in CaseStatus if s not in NOTHING_DUE)


@dataclass(frozen=True, slots=True)
class DueCase:
    """A case with the council's deadlines not yet met (earliest first) and the officer
    holding each stage."""

    case: Case
    deadlines: tuple[Deadline, ...]
    officers: dict[int, Officer]


def cases_with_deadline_by(*, last: date) -> QuerySet[Case]:
    """Open cases whose earliest open deadline falls on or before `last`, overdue included.

    Any case with an open council deadline on or before `last` is among them, because
    `next_deadline_on` is its earliest one; the index (status, next_deadline_on) finds them.
    """
    return (
        Case.objects.filter(
            status__in=OPEN_STATUSES, next_deadline_on__lte=last, anonymised_at__isnull=True
        )
        .select_related("service")
        .order_by("next_deadline_on", "pk")
    )


def cases_due(*, cases: Sequence[Case], today: date) -> list[DueCase]:
    """The policy core's open deadlines of `cases` on `today`, read in seven queries."""
    found = []
    days = extra_closure_days()
    for snap in snapshots_read(cases).values():
        officers = {n: s.officer for n, s in snap.stages.items() if s.officer is not None}
        deadlines = tuple(open_council_deadlines(snap, today=today, closure_days=days))
        found.append(DueCase(case=snap.case, deadlines=deadlines, officers=officers))
    return found


def current_officers(*, cases: Iterable[Case]) -> dict[int, Officer]:
    """The officer holding the current stage of each case, where there is one."""
    stage_of = {case.pk: case.stage for case in cases}
    records = StageRecord.objects.filter(case_id__in=stage_of, officer__isnull=False)
    return {
        r.case_id: r.officer
        for r in records.select_related("officer__user")
        if r.officer is not None and stage_of[r.case_id] == r.number
    }


def actions_open() -> QuerySet[OutstandingAction]:
    """Outstanding actions not completed, on cases not anonymised, with their owners."""
    return (
        OutstandingAction.objects.filter(
            completed_on__isnull=True, case__anonymised_at__isnull=True
        )
        .select_related("case", "owner_officer__user")
        .order_by("pk")
    )


def contractor_feedback_awaited(*, asked_by: date) -> QuerySet[StageRecord]:
    """Current stages whose contractor was asked on or before `asked_by` and has not
    answered, on open cases (the partial index stage_contractor_awaited)."""
    return (
        StageRecord.objects.filter(
            contractor_asked_on__isnull=False,
            contractor_feedback_on__isnull=True,
            contractor_asked_on__lte=asked_by,
            number=F("case__stage"),
            case__status__in=OPEN_STATUSES,
            case__anonymised_at__isnull=True,
        )
        .select_related("case", "officer__user")
        .order_by("pk")
    )


def ombudsman_orders_open(*, by: date) -> QuerySet[OmbudsmanOrder]:
    """Ombudsman orders and recommendations not yet complied with, due on or before `by`,
    with their case and service (the partial index on due date finds them)."""
    return (
        OmbudsmanOrder.objects.filter(
            complied_on__isnull=True,
            due_on__lte=by,
            ombudsman_case__case__anonymised_at__isnull=True,
        )
        .select_related("ombudsman_case__case__service")
        .order_by("due_on", "pk")
    )


def ombudsman_information_awaited(*, by: date) -> QuerySet[OmbudsmanCase]:
    """Ombudsman enquiries whose response is due on or before `by` and not yet sent."""
    return (
        OmbudsmanCase.objects.filter(
            information_sent_on__isnull=True,
            response_due_on__lte=by,
            case__anonymised_at__isnull=True,
        )
        .select_related("case__service")
        .order_by("response_due_on", "pk")
    )


def restrictions_to_review(*, by: date) -> QuerySet[Restriction]:
    """Restrictions in force whose review date is on or before `by`."""
    return Restriction.objects.filter(
        ended_on__isnull=True, review_on__lte=by, person__anonymised_at__isnull=True
    ).order_by("pk")


def adjustments_to_review(*, by: date) -> QuerySet[ReasonableAdjustment]:
    """Reasonable adjustments in place whose review date is on or before `by`."""
    return ReasonableAdjustment.objects.filter(
        ended_on__isnull=True,
        review_on__isnull=False,
        review_on__lte=by,
        person__anonymised_at__isnull=True,
    ).order_by("pk")


def latest_case_references(*, person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's most recent case reference: how staff find them."""
    found: dict[int, str] = {}
    rows = Case.objects.filter(person_id__in=set(person_ids)).order_by("-received_on", "-pk")
    for person_id, reference in rows.values_list("person_id", "reference"):
        found.setdefault(person_id, reference)
    return found


def holds_open() -> QuerySet[Hold]:
    """Holds still in force on cases on hold."""
    return (
        Hold.objects.filter(
            resumed_on__isnull=True,
            case__status=str(CaseStatus.ON_HOLD),
            case__anonymised_at__isnull=True,
        )
        .select_related("case")
        .order_by("pk")
    )


def cases_past_retention(*, ended_by: date) -> QuerySet[Case]:
    """Cases that ended on or before `ended_by` and still hold personal data, oldest first.

    Closed and withdrawn cases by `closed_on`; excluded ones (which are never closed) by
    their last change.
    """
    next_day = timezone.make_aware(datetime.combine(ended_by + timedelta(days=1), time.min))
    closed = (str(CaseStatus.CLOSED), str(CaseStatus.WITHDRAWN))
    ended = Q(status__in=closed, closed_on__lte=ended_by) | Q(
        status=str(CaseStatus.EXCLUDED), updated_at__lt=next_day
    )
    return Case.objects.filter(ended, anonymised_at__isnull=True).order_by("pk")


def complaints_team_email() -> str:
    """The complaints team's address on current letters; empty when none is set up."""
    contact = LetterContact.objects.filter(is_current=True).order_by("-pk").first()
    return contact.email if contact is not None else ""
