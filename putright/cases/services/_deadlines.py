"""Keep the stored deadline columns in step with the policy core's answer.

Work queues sort by `Case.next_deadline_on`; stage records show `respond_by` and `max_by`.
They are never computed here: the policy core computes, this module only stores.
"""

from __future__ import annotations

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
    for number, record in snap.stages.items():
        respond = deadlines.get(f"stage{number}.respond_by") or deadlines.get(
            f"stage{number}.response_by"
        )
        maximum = deadlines.get(f"stage{number}.max")
        new = (respond.due if respond else None, maximum.due if maximum else None)
        if (record.respond_by, record.max_by) != new:
            StageRecord.objects.filter(pk=record.pk).update(respond_by=new[0], max_by=new[1])
    upcoming = open_council_deadlines(snap, today=today)
    first = upcoming[0] if upcoming else None
    Case.objects.filter(pk=case.pk).update(
        next_deadline_on=first.due if first else None,
        next_deadline_name=first.name if first else "",
    )
    case.next_deadline_on = first.due if first else None
    case.next_deadline_name = first.name if first else ""
