"""Keep the stored deadline columns in step with the policy core's answer.

Work queues sort by `Case.next_deadline_on`; stage records show `respond_by` and `max_by`.
They are never computed here: the policy core computes, this module only stores.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from putright.cases.models import Case, StageRecord
from putright.cases.services._facts import CaseSnapshot, dates_of, snapshot_read
from putright.core.policy import policy_config
from putright.policy.deadlines import Deadline, compute_case_deadlines, deadline_rules
from putright.policy.lifecycle import CaseStatus

# Statuses in which the council owes nothing more until something new happens.
_NOTHING_DUE = frozenset(
    {CaseStatus.CLOSED, CaseStatus.WITHDRAWN, CaseStatus.EXCLUDED, CaseStatus.ON_HOLD}
)
# Service requests, comments and compliments are recorded and routed, not run through a
# complaints process, so they carry no complaint deadlines (SPEC "Kinds of contact").
_PROCESS_KINDS = frozenset({"complaint", "mp_councillor_enquiry"})
# Deadlines that are the person's, not the council's: they never head a work queue.
_PERSONS_DEADLINES = ("escalate_by", "escalation_longstop")


def case_deadlines(snap: CaseSnapshot, *, today: date) -> dict[str, Deadline]:
    config = policy_config()
    return compute_case_deadlines(config, snap.version, dates_of(snap), today=today)


def _unextended_targets(snap: CaseSnapshot, *, today: date) -> dict[str, Deadline]:
    """The deadlines as if no extension had been decided: reports measure timeliness both
    against the original target and against the date told to the person (SPEC "Reporting")."""
    dates = replace(dates_of(snap), stage1_extended_to=None, stage2_extended_to=None)
    return compute_case_deadlines(policy_config(), snap.version, dates, today=today)


def _stage_columns(
    number: int, deadlines: dict[str, Deadline], plain: dict[str, Deadline]
) -> dict[str, date | None]:
    """The stored deadline columns of stage `number`, by the core's deadline names."""

    def due(found: dict[str, Deadline], *names: str) -> date | None:
        for name in names:
            if name in found:
                return found[name].due
        return None

    respond = (f"stage{number}.respond_by", f"stage{number}.response_by")
    acknowledge = "acknowledge_by" if number == 1 else f"stage{number}.acknowledge_by"
    return {
        "respond_by": due(deadlines, *respond),
        "max_by": due(deadlines, f"stage{number}.max"),
        "acknowledge_by": due(deadlines, acknowledge),
        "target_by": due(plain, *respond),
    }


def open_council_deadlines(snap: CaseSnapshot, *, today: date) -> list[Deadline]:
    """The council's deadlines whose event has not happened yet, earliest first."""
    if CaseStatus(snap.case.status) in _NOTHING_DUE or snap.case.kind not in _PROCESS_KINDS:
        return []
    dates = dates_of(snap)
    met_by = {rule.name: rule.met_by for rule in deadline_rules(snap.version)}
    deadlines = case_deadlines(snap, today=today).values()
    open_ = [
        d
        for d in deadlines
        if d.due is not None
        and dates.date_of(met_by[d.name]) is None
        and not d.name.endswith(_PERSONS_DEADLINES)
    ]
    return sorted(open_, key=lambda d: d.due or date.max)


def deadlines_store(case: Case, *, today: date) -> None:
    """Recompute and store the deadline columns of `case` and its current stage."""
    snap = snapshot_read(case)
    deadlines = case_deadlines(snap, today=today)
    plain = _unextended_targets(snap, today=today)
    for number, record in snap.stages.items():
        new = _stage_columns(number, deadlines, plain)
        if any(getattr(record, name) != value for name, value in new.items()):
            StageRecord.objects.filter(pk=record.pk).update(**new)
    upcoming = open_council_deadlines(snap, today=today)
    first = upcoming[0] if upcoming else None
    Case.objects.filter(pk=case.pk).update(
        next_deadline_on=first.due if first else None,
        next_deadline_name=first.name if first else "",
    )
    case.next_deadline_on = first.due if first else None
    case.next_deadline_name = first.name if first else ""
