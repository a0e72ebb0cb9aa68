"""Every read of the case record that an interface needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from putright.cases.models import (
    Attachment,
    Case,
    ComplaintDefinition,
    ComplaintIssue,
    Contact,
    Correspondence,
    EqualityMonitoring,
    OutstandingAction,
    Service,
    SignInLinkUse,
    StageRecord,
)
from putright.cases.references import reference_is_valid, reference_normalise
from putright.cases.services._deadlines import case_deadlines
from putright.cases.services._facts import CaseSnapshot, dates_of, facts_of, snapshot_read
from putright.cases.services.online import LATE_ESCALATION_KIND
from putright.core.policy import extra_closure_days, policy_config, working_calendar_with
from putright.policy.deadlines import Deadline, Timeliness, response_timeliness
from putright.policy.lifecycle import Move, allowed_moves
from putright.policy.processes import Ombudsman


def case_by_reference(*, reference: str) -> Case | None:
    """The case a person quotes; None for a mistyped or unknown reference."""
    if not reference_is_valid(reference):
        return None
    return (
        Case.objects.select_related("person", "service")
        .filter(reference=reference_normalise(reference))
        .first()
    )


def case_deadline_list(*, case: Case, today: date) -> dict[str, Deadline]:
    """Every deadline of the case with its state today, from the policy core."""
    return case_deadlines(snapshot_read(case), today=today)


@dataclass(frozen=True, slots=True)
class CaseOverview:
    deadlines: dict[str, Deadline]
    moves: frozenset[Move]
    # Per stage whose response has been sent: within target, an agreed extension, or late.
    timeliness: dict[int, Timeliness]


def _timeliness(snap: CaseSnapshot, days: frozenset[date]) -> dict[int, Timeliness]:
    calendar = working_calendar_with(days)
    dates = dates_of(snap)
    found: dict[int, Timeliness] = {}
    for number in sorted(snap.stages):
        how = response_timeliness(
            snap.version,
            dates,
            number,
            calendar=calendar,
            escalation_longstop_months=policy_config().time_limits.escalation_longstop_months,
        )
        if how is not None:
            found[number] = how
    return found


def case_overview(*, case: Case, today: date) -> CaseOverview:
    """The case page's deadlines, allowed moves and how each response was given, from ONE
    read of the case's rows."""
    snap = snapshot_read(case)
    days = extra_closure_days()
    return CaseOverview(
        deadlines=case_deadlines(snap, today=today, closure_days=days),
        moves=allowed_moves(facts_of(snap)),
        timeliness=_timeliness(snap, days),
    )


def case_response_timeliness(*, case: Case) -> dict[int, Timeliness]:
    """How each stage's response was given: within target, within an agreed extension
    (the extended date, past the maximum only with a good reason), or late."""
    return _timeliness(snapshot_read(case), extra_closure_days())


def case_moves_allowed(*, case: Case) -> frozenset[Move]:
    """What the staff UI may offer on this case now: exactly what the policy core allows."""
    return allowed_moves(facts_of(snapshot_read(case)))


def case_counts_by_service_and_status() -> list[dict[str, Any]]:
    """Cases per service and status: one GROUP BY over the (service, status) index."""
    rows = (
        Case.objects.order_by()
        .values("service__name", "status")
        .annotate(n=Count("id"))
        .order_by("service__name", "status")
    )
    return [dict(row) for row in rows]


def equality_answers_aggregate(*, field: str, fewest_shown: int = 1) -> dict[str, int | None]:
    """The only read of equality-monitoring answers: counts, never a case or a person.

    A count below `fewest_shown` is None (small-number suppression): a "1" beside a
    religion in a small service can name the person.
    """
    if field not in {f.name for f in EqualityMonitoring._meta.get_fields()} - {
        "id",
        "case",
        "recorded_at",
    }:
        raise ValueError(f"{field} is not an equality-monitoring question")
    rows = EqualityMonitoring.objects.values(field).annotate(n=Count("id")).order_by(field)
    return {
        row[field] or "Not answered": row["n"] if row["n"] >= fewest_shown else None for row in rows
    }


# ---------------------------------------------------------------------------------------
# The public site: what a person may see of their own case


def services_offered() -> QuerySet[Service]:
    """The services a person can give feedback about, by name."""
    return Service.objects.filter(is_active=True).order_by("name")


def case_by_id(*, case_id: int) -> Case | None:
    return Case.objects.select_related("person", "service").filter(pk=case_id).first()


def sign_in_link_used(*, nonce: str) -> bool:
    return SignInLinkUse.objects.filter(nonce=nonce).exists()


def case_for_sign_in(*, reference: str, email: str) -> Case | None:
    """The case whose reference and email address (the person's or a representative's)
    both match, or None. Says nothing about which of the two did not."""
    case = case_by_reference(reference=reference)
    address = email.strip().lower()
    if case is None or not address or case.anonymised_at is not None:
        return None
    if case.person.email.strip().lower() == address:
        return case
    if case.representatives.filter(email__iexact=address).exists():
        return case
    return None


@dataclass(frozen=True, slots=True)
class CaseForPerson:
    """A case as its person sees it: read in a fixed number of queries."""

    case: Case
    stages: dict[int, StageRecord]
    definition: ComplaintDefinition | None
    issues: list[ComplaintIssue]
    letters: list[Correspondence]
    uploads: list[Correspondence]
    actions: list[OutstandingAction]
    deadlines: dict[str, Deadline]
    moves: frozenset[Move]
    late_escalation_waiting: bool
    final_stage: bool
    ombudsman: Ombudsman | None

    @property
    def current_stage(self) -> StageRecord | None:
        return self.stages.get(self.case.stage)

    @property
    def requested_stage(self) -> StageRecord | None:
        return self.stages.get(self.case.stage + 1)


def case_for_person(*, case_id: int, today: date) -> CaseForPerson | None:
    """Everything the follow-your-case page shows, or None if there is no such case."""
    case = Case.objects.select_related("person", "service").filter(pk=case_id).first()
    if case is None:
        return None
    snap = snapshot_read(case)
    definition = (
        ComplaintDefinition.objects.filter(case=case, stage__lte=case.stage)
        .order_by("-stage")
        .first()
    )
    issues = list(definition.issues.all()) if definition is not None else []
    correspondence = list(
        Correspondence.objects.filter(case=case)
        .filter(Q(direction="out") | Q(direction="in", channel="web"))
        .prefetch_related("attachments")
        .order_by("at", "id")
    )
    responded = snap.current.responded_on if snap.current else None
    facts = facts_of(snap)
    late = Contact.objects.filter(case=case, kind=LATE_ESCALATION_KIND)
    if responded is not None:
        late = late.filter(received_at__date__gte=responded)
    return CaseForPerson(
        case=case,
        stages=snap.stages,
        definition=definition,
        issues=issues,
        letters=[c for c in correspondence if c.direction == "out"],
        uploads=[c for c in correspondence if c.direction == "in"],
        actions=list(OutstandingAction.objects.filter(case=case).order_by("due_on", "id")),
        deadlines=case_deadlines(snap, today=today),
        moves=allowed_moves(facts),
        late_escalation_waiting=(
            case.status in ("responded", "closed") and responded is not None and late.exists()
        ),
        final_stage=facts.is_final_stage,
        ombudsman=facts.ombudsman,
    )


def attachment_for_person(*, attachment_id: int, case_id: int) -> Attachment | None:
    """A file the person of `case_id` may download: a letter we sent them, or a file they
    sent online. None for anything else, including other people's files."""
    return (
        Attachment.objects.select_related("correspondence")
        .filter(pk=attachment_id, correspondence__case_id=case_id)
        .filter(
            Q(correspondence__direction="out")
            | Q(correspondence__direction="in", correspondence__channel="web")
        )
        .first()
    )


def attachment_by_id(*, attachment_id: int) -> Attachment | None:
    """Any file, for staff (who still need the back office's permission to see the case)."""
    return (
        Attachment.objects.select_related("correspondence__case").filter(pk=attachment_id).first()
    )


def case_officer_ids(*, case_id: int) -> set[int]:
    """Every officer who has held a stage of the case."""
    return set(
        StageRecord.objects.filter(case_id=case_id, officer_id__isnull=False).values_list(
            "officer_id", flat=True
        )
    )


def escalation_requests_awaiting_decision() -> QuerySet[Case]:
    """Cases whose person asked for the next stage after the window, still waiting for
    staff's discretion decision (the case has not moved since)."""
    return (
        Case.objects.filter(status__in=("responded", "closed"), contacts__kind=LATE_ESCALATION_KIND)
        .distinct()
        .select_related("person", "service")
        .order_by("updated_at")
    )
