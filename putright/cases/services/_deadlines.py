"""Keep the stored deadline columns in step with the policy core's answer.

Work queues sort by `Case.next_deadline_on`; stage records show `respond_by` and `max_by`.
They are never computed here: the policy core computes, this module only stores. They are
stored after every move of the case (`deadlines_store`) and after every change of the
calendar (`services.calendar.deadlines_recompute`), which is what makes them the one
source the queues, filters, reminders and reports read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from putright.cases.models import Case, StageRecord
from putright.cases.services._facts import CaseSnapshot, dates_of, snapshot_read
from putright.core.policy import extra_closure_days, policy_config
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


def case_deadlines(
    snap: CaseSnapshot, *, today: date, closure_days: frozenset[date] | None = None
) -> dict[str, Deadline]:
    """Every deadline of the case from the policy core; `closure_days` (the days kept as
    data) are read when not given, so a batch reads them once."""
    days = extra_closure_days() if closure_days is None else closure_days
    return compute_case_deadlines(
        policy_config(), snap.version, dates_of(snap), today=today, extra_closure_days=days
    )


def open_council_deadlines(
    snap: CaseSnapshot, *, today: date, closure_days: frozenset[date] | None = None
) -> list[Deadline]:
    """The council's deadlines whose event has not happened yet, earliest first."""
    return _open_of(snap, case_deadlines(snap, today=today, closure_days=closure_days))


def _open_of(snap: CaseSnapshot, deadlines: dict[str, Deadline]) -> list[Deadline]:
    if CaseStatus(snap.case.status) in _NOTHING_DUE or snap.case.kind not in _PROCESS_KINDS:
        return []
    dates = dates_of(snap)
    met_by = {rule.name: rule.met_by for rule in deadline_rules(snap.version)}
    open_ = [
        d
        for d in deadlines.values()
        if d.due is not None
        and dates.date_of(met_by[d.name]) is None
        and not d.name.endswith(_PERSONS_DEADLINES)
    ]
    return sorted(open_, key=lambda d: d.due or date.max)


@dataclass(frozen=True, slots=True)
class StoredDates:
    """The stored copy of a case's deadlines: per stage (respond by, latest), and next."""

    stages: dict[int, tuple[date | None, date | None]]
    next_on: date | None
    next_name: str

    @classmethod
    def of(cls, snap: CaseSnapshot) -> StoredDates:
        return cls(
            stages={n: (r.respond_by, r.max_by) for n, r in snap.stages.items()},
            next_on=snap.case.next_deadline_on,
            next_name=snap.case.next_deadline_name,
        )

    def moves_from(self, old: StoredDates) -> list[tuple[str, date | None, date | None]]:
        """(deadline name, from, to) for each stored date that differs from `old`."""
        moved: list[tuple[str, date | None, date | None]] = []
        for number, (respond, latest) in sorted(self.stages.items()):
            was_respond, was_latest = old.stages.get(number, (None, None))
            if respond != was_respond:
                moved.append((f"stage{number}.respond_by", was_respond, respond))
            if latest != was_latest:
                moved.append((f"stage{number}.max", was_latest, latest))
        named = {name for name, _, _ in moved}
        if self.next_on != old.next_on and self.next_name not in named:
            moved.append((self.next_name or old.next_name, old.next_on, self.next_on))
        return moved


def stored_dates_due(snap: CaseSnapshot, deadlines: dict[str, Deadline]) -> StoredDates:
    """What the stored columns must hold for the policy core's `deadlines`."""
    stages: dict[int, tuple[date | None, date | None]] = {}
    for number in snap.stages:
        respond = deadlines.get(f"stage{number}.respond_by") or deadlines.get(
            f"stage{number}.response_by"
        )
        maximum = deadlines.get(f"stage{number}.max")
        stages[number] = (respond.due if respond else None, maximum.due if maximum else None)
    upcoming = _open_of(snap, deadlines)
    first = upcoming[0] if upcoming else None
    return StoredDates(
        stages=stages,
        next_on=first.due if first else None,
        next_name=first.name if first else "",
    )


def stored_dates_write(snap: CaseSnapshot, new: StoredDates) -> None:
    """Write the columns of `new` that differ from what `snap` read."""
    for number, record in snap.stages.items():
        due = new.stages[number]
        if (record.respond_by, record.max_by) != due:
            StageRecord.objects.filter(pk=record.pk).update(respond_by=due[0], max_by=due[1])
            record.respond_by, record.max_by = due
    case: Case = snap.case
    if (case.next_deadline_on, case.next_deadline_name) != (new.next_on, new.next_name):
        Case.objects.filter(pk=case.pk).update(
            next_deadline_on=new.next_on, next_deadline_name=new.next_name
        )
    case.next_deadline_on = new.next_on
    case.next_deadline_name = new.next_name


def _unextended_targets(
    snap: CaseSnapshot, *, today: date, closure_days: frozenset[date]
) -> dict[str, Deadline]:
    """The deadlines as if no extension had been decided: reports measure timeliness both
    against the original target and against the date told to the person (SPEC "Reporting")."""
    dates = replace(dates_of(snap), stage1_extended_to=None, stage2_extended_to=None)
    return compute_case_deadlines(
        policy_config(), snap.version, dates, today=today, extra_closure_days=closure_days
    )


def report_targets_write(
    snap: CaseSnapshot,
    deadlines: dict[str, Deadline],
    *,
    today: date,
    closure_days: frozenset[date] | None = None,
) -> None:
    """Store each stage's acknowledgement due date and its target before any extension,
    so reports count timeliness in SQL (issue 13's reports read these columns)."""
    days = extra_closure_days() if closure_days is None else closure_days
    plain = _unextended_targets(snap, today=today, closure_days=days)

    def due(found: dict[str, Deadline], *names: str) -> date | None:
        for name in names:
            if name in found:
                return found[name].due
        return None

    for number, record in snap.stages.items():
        respond = (f"stage{number}.respond_by", f"stage{number}.response_by")
        acknowledge = "acknowledge_by" if number == 1 else f"stage{number}.acknowledge_by"
        new = {
            "acknowledge_by": due(deadlines, acknowledge),
            "target_by": due(plain, *respond),
        }
        if any(getattr(record, name) != value for name, value in new.items()):
            StageRecord.objects.filter(pk=record.pk).update(**new)
            for name, value in new.items():
                setattr(record, name, value)


def deadlines_store(case: Case, *, today: date) -> None:
    """Recompute and store the deadline columns of `case` and its stages."""
    snap = snapshot_read(case)
    days = extra_closure_days()
    deadlines = case_deadlines(snap, today=today, closure_days=days)
    stored_dates_write(snap, stored_dates_due(snap, deadlines))
    report_targets_write(snap, deadlines, today=today, closure_days=days)
