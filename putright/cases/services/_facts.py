"""Snapshots of a case for the policy core: CaseFacts for its guards, CaseDates for its clocks.

These are the only translations between the database and the core; every service builds
them here, so a rule never sees a half-read case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from putright.cases.models import (
    Case,
    Extension,
    Hold,
    OutstandingAction,
    PanelReview,
    Representative,
    ResponsePlan,
    StageRecord,
)
from putright.core.policy import policy_config
from putright.policy.deadlines import CaseDates
from putright.policy.deadlines import Hold as HoldDates
from putright.policy.lifecycle import CaseFacts, CaseStatus
from putright.policy.processes import ProcessVersion


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """A case with the related rows the policy core needs, read once."""

    case: Case
    version: ProcessVersion
    stages: dict[int, StageRecord]
    extensions: dict[int, list[Extension]]
    holds: list[Hold]
    panel: PanelReview | None
    plan: ResponsePlan | None
    consent_outstanding: bool
    works_completed_on: date | None = None

    @property
    def current(self) -> StageRecord | None:
        return self.stages.get(self.case.stage)

    @property
    def pending_request(self) -> StageRecord | None:
        """The record of a next stage that has been asked for but not yet acknowledged."""
        return self.stages.get(self.case.stage + 1)


def snapshot_read(case: Case) -> CaseSnapshot:
    stages = {s.number: s for s in StageRecord.objects.filter(case=case)}
    extensions: dict[int, list[Extension]] = {}
    for ext in Extension.objects.filter(stage__case=case).select_related("stage").order_by("id"):
        extensions.setdefault(ext.stage.number, []).append(ext)
    # Housing: the escalation window also runs from agreed works being completed (002 app. b).
    done = list(case.actions.values_list("completed_on", flat=True))
    works_done = max(d for d in done if d) if done and all(done) else None
    return CaseSnapshot(
        case=case,
        version=policy_config().version_by_key(case.policy_version),
        stages=stages,
        extensions=extensions,
        holds=list(Hold.objects.filter(case=case).order_by("held_on")),
        panel=PanelReview.objects.filter(case=case).first(),
        plan=ResponsePlan.objects.filter(case=case).order_by("-id").first(),
        consent_outstanding=case.representatives.filter(
            consent_state__in=Representative.CONSENT_BLOCKING, ended_on__isnull=True
        ).exists(),
        works_completed_on=works_done,
    )


def snapshots_read(cases: Sequence[Case]) -> dict[int, CaseSnapshot]:
    """`snapshot_read` for many cases in seven queries, whatever their number.

    For scheduled jobs and reports that need the policy core's answer for a batch of cases.
    Stage records come with their officers. Keep it in step with `snapshot_read` (a test
    compares the two).
    """
    ids = [case.pk for case in cases]
    stages: dict[int, dict[int, StageRecord]] = defaultdict(dict)
    for record in StageRecord.objects.filter(case_id__in=ids).select_related("officer__user"):
        stages[record.case_id][record.number] = record
    extensions: dict[int, dict[int, list[Extension]]] = defaultdict(dict)
    rows = Extension.objects.filter(stage__case_id__in=ids).select_related("stage").order_by("id")
    for ext in rows:
        extensions[ext.stage.case_id].setdefault(ext.stage.number, []).append(ext)
    completed: dict[int, list[date | None]] = defaultdict(list)
    for case_id, done_on in OutstandingAction.objects.filter(case_id__in=ids).values_list(
        "case_id", "completed_on"
    ):
        completed[case_id].append(done_on)
    holds: dict[int, list[Hold]] = defaultdict(list)
    for hold in Hold.objects.filter(case_id__in=ids).order_by("held_on", "id"):
        holds[hold.case_id].append(hold)
    panels = {panel.case_id: panel for panel in PanelReview.objects.filter(case_id__in=ids)}
    plans: dict[int, ResponsePlan] = {}
    for plan in ResponsePlan.objects.filter(case_id__in=ids).order_by("-id"):
        plans.setdefault(plan.case_id, plan)
    waiting = set(
        Representative.objects.filter(
            case_id__in=ids,
            consent_state__in=Representative.CONSENT_BLOCKING,
            ended_on__isnull=True,
        ).values_list("case_id", flat=True)
    )
    config = policy_config()
    found: dict[int, CaseSnapshot] = {}
    for case in cases:
        done = completed.get(case.pk, [])
        works_done = max(d for d in done if d) if done and all(done) else None
        found[case.pk] = CaseSnapshot(
            case=case,
            version=config.version_by_key(case.policy_version),
            stages=stages.get(case.pk, {}),
            extensions=extensions.get(case.pk, {}),
            holds=holds.get(case.pk, []),
            panel=panels.get(case.pk),
            plan=plans.get(case.pk),
            consent_outstanding=case.pk in waiting,
            works_completed_on=works_done,
        )
    return found


def facts_of(snap: CaseSnapshot) -> CaseFacts:
    case = snap.case
    current = snap.current
    status = CaseStatus(case.status)
    request = snap.pending_request if status is CaseStatus.ESCALATION_REQUESTED else current
    open_hold = next((h for h in snap.holds if h.resumed_on is None), None)
    config = policy_config()
    return CaseFacts(
        version=snap.version,
        status=status,
        received_on=case.received_on,
        stage=case.stage,
        aware_since=case.aware_on,
        officers={n: tuple(s.handled_by) for n, s in snap.stages.items() if s.handled_by},
        stage_acknowledged_on=current.acknowledged_on if current else None,
        complaint_statement_agreed_on=current.statement_agreed_on if current else None,
        escalation_requested_on=request.requested_on if request else None,
        due_on=current.respond_by if current else None,
        response_issued_on=current.responded_on if current else None,
        works_completed_on=snap.works_completed_on,
        panel_held_on=snap.panel.panel_held_on if snap.panel else None,
        findings_issued_on=snap.panel.findings_issued_on if snap.panel else None,
        status_before_hold=CaseStatus(case.status_before_hold) if case.status_before_hold else None,
        hold_ground=open_hold.reason if open_hold else None,
        status_before_exclusion=(
            CaseStatus(case.status_before_exclusion) if case.status_before_exclusion else None
        ),
        representative_consent_outstanding=snap.consent_outstanding,
        is_complaint=case.kind in ("complaint", "mp_councillor_enquiry"),
        ombudsman=config.ombudsmen.get(case.ombudsman) if case.ombudsman else None,
        limits=config.time_limits,
    )


def _latest_extension(snap: CaseSnapshot, stage: int) -> date | None:
    exts = snap.extensions.get(stage)
    return exts[-1].new_due_on if exts else None


def dates_of(snap: CaseSnapshot) -> CaseDates:
    s1, s2, s3 = (snap.stages.get(n) for n in (1, 2, 3))
    panel = snap.panel
    plan = snap.plan
    return CaseDates(
        received=snap.case.received_on,
        acknowledged=s1.acknowledged_on if s1 else None,
        stage1_extended_to=_latest_extension(snap, 1),
        stage1_responded=s1.responded_on if s1 else None,
        escalation_requested=s2.requested_on if s2 else None,
        stage2_acknowledged=s2.acknowledged_on if s2 else None,
        stage2_clock_start=s2.clock_start_on if s2 else None,
        stage2_extended_to=_latest_extension(snap, 2),
        stage2_responded=s2.responded_on if s2 else None,
        stage3_requested=s3.requested_on if s3 else None,
        panel_held=panel.panel_held_on if panel else None,
        findings_issued=panel.findings_issued_on if panel else None,
        stage3_responded=s3.responded_on if s3 else None,
        response_plan_due=plan.respond_by if plan else None,
        backstop_agreed=plan.backstop_agreed_on if plan else None,
        holds=tuple(HoldDates(held=h.held_on, resumed=h.resumed_on) for h in snap.holds),
    )
