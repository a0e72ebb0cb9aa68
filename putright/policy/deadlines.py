"""Deadlines of a case: "within N working days of D", targets, extensions, windows, holds.

Every deadline is computed afresh from the case's key dates (`CaseDates`), the process
version the case runs under and the working-day calendar (closure days included, passed in
as data). The core stores nothing: the case record keeps a copy of the dates queues sort by
and recomputes it after every change of the case or of the calendar, so a bank holiday
announced later moves the open deadlines it touches (SPEC "Holds").

A process version is first turned into a plan, one `DeadlineRule` per deadline: the case
date that starts its clock, how far away it falls, the event that meets it and any agreed
date that replaces it. Two interpreters read the same plan: `compute_deadlines` (dates in,
`Deadline`s with their states out; what the app uses) and `deadline_ordinals` (columns of
date ordinals in and out, for bulk work such as reports and the benchmark).

>>> from putright.policy.calendar import default_calendar
>>> from putright.policy.processes import load_config
>>> housing = load_config().version_for("housing", date(2026, 3, 27))
>>> dates = CaseDates(received=date(2026, 3, 27), acknowledged=date(2026, 3, 31))
>>> found = compute_deadlines(
...     housing, dates, today=date(2026, 4, 14), calendar=default_calendar()
... )
>>> for deadline in found.values():  # Good Friday and Easter Monday are not working days
...     print(deadline.name, deadline.due, deadline.state)
acknowledge_by 2026-04-07 met
stage1.respond_by 2026-04-16 at_risk
stage1.max 2026-04-30 pending
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from itertools import compress
from typing import Final

from putright.policy.calendar import DateOutsideCalendar, WorkingCalendar
from putright.policy.errors import PolicyError
from putright.policy.processes import (
    CalendarSettings,
    PolicyConfig,
    ProcessVersion,
    StageDefinition,
)


class ImpossibleCaseDates(PolicyError):
    """Case dates that cannot all be true: an event before receipt, overlapping holds."""


# ---------------------------------------------------------------------------------------
# The case's dates


@dataclass(frozen=True, slots=True)
class Hold:
    """A pause of every running clock (SPEC "Holds": concurrent proceedings, a council
    investigation). `resumed` is None while the case is still on hold.
    """

    held: date
    resumed: date | None = None

    def __post_init__(self) -> None:
        if self.resumed is not None and self.resumed < self.held:
            raise ImpossibleCaseDates(
                f"A hold cannot resume ({self.resumed.isoformat()}) "
                f"before it began ({self.held.isoformat()})."
            )


@dataclass(frozen=True, slots=True)
class CaseDates:
    """The key dates of a case; None for an event that has not happened (yet).

    `stage2_clock_start` is the acknowledgement of the escalation (corporate, housing) or
    the agreement of the complaint statement (children's social care), whichever the stage 2
    clock starts at; `stage2_acknowledged` is the acknowledgement of the escalation where it
    does not itself start that clock (children's). `response_plan_due` and `backstop_agreed`
    are dates agreed with the person under adult social care. Raises ImpossibleCaseDates for
    an event before receipt, or holds out of order or overlapping.
    """

    received: date
    acknowledged: date | None = None
    stage1_extended_to: date | None = None
    stage1_responded: date | None = None
    escalation_requested: date | None = None
    stage2_acknowledged: date | None = None
    stage2_clock_start: date | None = None
    stage2_extended_to: date | None = None
    stage2_responded: date | None = None
    stage3_requested: date | None = None
    panel_held: date | None = None
    findings_issued: date | None = None
    stage3_responded: date | None = None
    response_plan_due: date | None = None
    backstop_agreed: date | None = None
    holds: tuple[Hold, ...] = ()

    def __post_init__(self) -> None:
        for name in DATE_FIELDS:
            value = self.date_of(name)
            if value is not None and value < self.received:
                raise ImpossibleCaseDates(
                    f"{name} ({value.isoformat()}) is before received "
                    f"({self.received.isoformat()}): nothing happens to a case before it arrives."
                )
        _check_holds(self.received, self.holds)

    def date_of(self, name: str) -> date | None:
        """The date in field `name` (one of DATE_FIELDS)."""
        value: object = getattr(self, name)
        if value is None or isinstance(value, date):
            return value
        raise KeyError(f"{name} is not a date of a case")


DATE_FIELDS: Final = tuple(f.name for f in fields(CaseDates) if f.name != "holds")


def _check_holds(received: date, holds: Sequence[Hold]) -> None:
    previous: Hold | None = None
    for hold in holds:
        if hold.held < received:
            raise ImpossibleCaseDates(
                f"A hold ({hold.held.isoformat()}) cannot begin before the case was received."
            )
        if previous is not None and (previous.resumed is None or previous.resumed > hold.held):
            raise ImpossibleCaseDates(
                f"The hold from {hold.held.isoformat()} begins before the previous one ended: "
                "list holds in order, one at a time."
            )
        previous = hold


# SPEC timescale table, "clock starts at": the case date each configured event is kept in.
EVENT_FIELDS: Final[Mapping[str, str]] = {
    "received": "received",
    "acknowledged": "acknowledged",
    "escalation_requested": "escalation_requested",
    "escalation_acknowledged": "stage2_clock_start",
    "complaint_statement_agreed": "stage2_clock_start",
    "review_requested": "stage3_requested",
}

# Children's review panel steps start "after" these events (001 Appendix B).
STEP_ANCHOR_FIELDS: Final[Mapping[str, str]] = {
    "panel_held": "panel_held",
    "findings_issued": "findings_issued",
}


@dataclass(frozen=True, slots=True)
class _StageFields:
    """The case dates of one stage: asked for, acknowledged, extended to, responded."""

    requested: str
    acknowledged: str | None
    extended_to: str | None
    responded: str


_STAGE_FIELDS: Final[Mapping[int, _StageFields]] = {
    # Stage 1's acknowledgement is the process's own `acknowledge_by`.
    1: _StageFields("received", None, "stage1_extended_to", "stage1_responded"),
    2: _StageFields(
        "escalation_requested", "stage2_acknowledged", "stage2_extended_to", "stage2_responded"
    ),
    3: _StageFields("stage3_requested", None, None, "stage3_responded"),
}


# ---------------------------------------------------------------------------------------
# The plan: one rule per deadline


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How one deadline follows from a case's dates.

    Due `working_days` working days (or `months` calendar months) after the date in the case
    field `start`. The first agreed date found in the `agreed` fields replaces it. Until the
    `start` event happens, the due date of the deadline `projected_from` stands in for it.
    The event in the field `met_by` meets the deadline. An agreed date in an `agreed_past`
    field replaces it only when later: an extension past the maximum, which the lifecycle
    allows only with a good reason (Housing Ombudsman Code 6.16), makes the agreed date the
    deadline, so the case is not overdue before it.
    """

    name: str
    start: str
    met_by: str
    working_days: int = 0
    months: int = 0
    agreed: tuple[str, ...] = ()
    projected_from: str | None = None
    agreed_past: tuple[str, ...] = ()


@cache
def deadline_rules(
    version: ProcessVersion, *, escalation_longstop_months: int = 12
) -> tuple[DeadlineRule, ...]:
    """The plan of every deadline a case under `version` can have, in the order they fall.

    >>> from putright.policy.processes import load_config
    >>> corporate = load_config().version_for("corporate", date(2026, 4, 1))
    >>> [rule.name for rule in deadline_rules(corporate)]  # doctest: +NORMALIZE_WHITESPACE
    ['acknowledge_by', 'stage1.respond_by', 'stage1.max', 'stage1.escalate_by',
     'stage1.escalation_longstop', 'stage2.acknowledge_by', 'stage2.respond_by', 'stage2.max']
    """
    # 001 "Acknowledgement": 5 working days for all; 2009 Regulations: 3 for adult social care.
    acknowledge = DeadlineRule(
        "acknowledge_by",
        start=EVENT_FIELDS[version.acknowledge_clock_starts],
        met_by="acknowledged",
        working_days=version.acknowledge_days,
    )
    rules = [acknowledge]
    for stage in version.stages:
        rules += _stage_rules(version, stage, escalation_longstop_months)
    return tuple(rules)


def _stage_rules(
    version: ProcessVersion, stage: StageDefinition, longstop_months: int
) -> list[DeadlineRule]:
    prefix = f"stage{stage.number}"
    names = _STAGE_FIELDS[stage.number]
    clock = EVENT_FIELDS[stage.clock_starts]
    return [
        *_acknowledge_rules(prefix, stage, names),
        *_response_rules(prefix, stage, names, clock),
        *_backstop_rules(prefix, stage, names),
        *_escalation_rules(version, prefix, stage, names, longstop_months),
        *_step_rules(prefix, stage, names, clock),
    ]


def _acknowledge_rules(
    prefix: str, stage: StageDefinition, names: _StageFields
) -> list[DeadlineRule]:
    if stage.acknowledge_days is None or names.acknowledged is None:
        return []
    # Housing Ombudsman Code 6.11: an escalation is acknowledged within 5 working days of the
    # request. Where that acknowledgement starts the stage clock, its date is the clock start.
    met_by = names.acknowledged
    if stage.clock_starts == "escalation_acknowledged":
        met_by = EVENT_FIELDS[stage.clock_starts]
    rule = DeadlineRule(
        f"{prefix}.acknowledge_by",
        start=names.requested,
        met_by=met_by,
        working_days=stage.acknowledge_days,
    )
    return [rule]


def _response_rules(
    prefix: str, stage: StageDefinition, names: _StageFields, clock: str
) -> list[DeadlineRule]:
    if stage.target_days is None:
        return []
    # An extension (Code 6.4, 6.15) replaces the target with the date told to the person; in
    # adult social care a response plan date agreed with the person does (2009 Regulations).
    plan = "response_plan_due" if stage.response_plan else None
    agreed = tuple(name for name in (names.extended_to, plan) if name is not None)
    rules = [
        DeadlineRule(
            f"{prefix}.respond_by",
            start=clock,
            met_by=names.responded,
            working_days=stage.target_days,
            agreed=agreed,
        )
    ]
    if stage.max_days is not None:
        past = (names.extended_to,) if names.extended_to is not None else ()
        rules.append(
            DeadlineRule(
                f"{prefix}.max",
                start=clock,
                met_by=names.responded,
                working_days=stage.max_days,
                agreed_past=past,
            )
        )
    return rules


def _backstop_rules(prefix: str, stage: StageDefinition, names: _StageFields) -> list[DeadlineRule]:
    if stage.backstop_months is None:
        return []
    # 2009 Regulations: a response within six months of receipt, or a longer agreed period.
    rule = DeadlineRule(
        f"{prefix}.backstop",
        start="received",
        met_by=names.responded,
        months=stage.backstop_months,
        agreed=("backstop_agreed",),
    )
    return [rule]


def _escalation_rules(
    version: ProcessVersion,
    prefix: str,
    stage: StageDefinition,
    names: _StageFields,
    longstop_months: int,
) -> list[DeadlineRule]:
    if stage.escalation_window_days is None or not version.has_stage(stage.number + 1):
        return []
    # 001 "Responding at Stage Two": ask within 20 working days of the response; none after
    # 12 months without a compelling reason. Both are warnings to staff, never blocks.
    requested = _STAGE_FIELDS[stage.number + 1].requested
    window = DeadlineRule(
        f"{prefix}.escalate_by",
        start=names.responded,
        met_by=requested,
        working_days=stage.escalation_window_days,
    )
    longstop = DeadlineRule(
        f"{prefix}.escalation_longstop",
        start=names.responded,
        met_by=requested,
        months=longstop_months,
    )
    return [window, longstop]


def _step_rules(
    prefix: str, stage: StageDefinition, names: _StageFields, clock: str
) -> list[DeadlineRule]:
    # 001 Appendix B: panel within 30 working days of the request, the chair's findings 5
    # after the panel, the council's response 15 after the findings. A step is met by the
    # event the next step starts after; the last by the stage's response.
    rules: list[DeadlineRule] = []
    steps = stage.steps
    for i, step in enumerate(steps):
        following = steps[i + 1].after if i + 1 < len(steps) else ""
        anchored = step.after != "clock_start"
        rules.append(
            DeadlineRule(
                f"{prefix}.{step.name}",
                start=STEP_ANCHOR_FIELDS[step.after] if anchored else clock,
                met_by=STEP_ANCHOR_FIELDS.get(following, names.responded),
                working_days=step.days,
                projected_from=rules[-1].name if anchored and rules else None,
            )
        )
    return rules


# ---------------------------------------------------------------------------------------
# Deadlines with their states: what the app uses


class DeadlineState(StrEnum):
    PENDING = "pending"
    AT_RISK = "at_risk"
    MET = "met"
    MISSED = "missed"
    ON_HOLD = "on_hold"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline of a case. `due` is None while a hold stops its clock: the fresh due
    date is known only when the case resumes.
    """

    name: str
    due: date | None
    state: DeadlineState


def compute_deadlines(
    version: ProcessVersion,
    dates: CaseDates,
    *,
    today: date,
    calendar: WorkingCalendar,
    at_risk_working_days: int = 2,
    escalation_longstop_months: int = 12,
) -> dict[str, Deadline]:
    """Every deadline the case's dates allow, with its state on `today`.

    Met when its event happened on or before the due date; missed when it happened later,
    or has not happened and today is past the due date; at risk when it has not happened
    and falls within `at_risk_working_days` working days of today; on hold while an open
    hold stops its clock; pending otherwise. Raises DateOutsideCalendar for dates beyond
    the calendar's range.
    """
    rules = deadline_rules(version, escalation_longstop_months=escalation_longstop_months)
    dues = _due_dates(rules, dates, calendar)
    found: dict[str, Deadline] = {}
    for rule in rules:
        if rule.name not in dues:
            continue
        due, met = dues[rule.name], dates.date_of(rule.met_by)
        state = _state(due, met, today, calendar, at_risk_working_days)
        found[rule.name] = Deadline(rule.name, due, state)
    return found


def deadline_dates(
    version: ProcessVersion,
    dates: CaseDates,
    *,
    calendar: WorkingCalendar,
    escalation_longstop_months: int = 12,
) -> dict[str, date]:
    """The due date of every deadline the case's dates allow, leaving out those on hold.

    >>> from putright.policy.calendar import default_calendar
    >>> from putright.policy.processes import load_config
    >>> adult = load_config().version_for("adult_social_care", date(2026, 12, 23))
    >>> dates = CaseDates(received=date(2026, 12, 23), acknowledged=date(2026, 12, 30))
    >>> for name, due in deadline_dates(adult, dates, calendar=default_calendar()).items():
    ...     print(name, due)
    acknowledge_by 2026-12-30
    stage1.respond_by 2027-01-14
    stage1.max 2027-03-25
    stage1.backstop 2027-06-23
    """
    rules = deadline_rules(version, escalation_longstop_months=escalation_longstop_months)
    dues = _due_dates(rules, dates, calendar)
    return {name: due for name, due in dues.items() if due is not None}


def compute_case_deadlines(
    config: PolicyConfig,
    version: ProcessVersion,
    dates: CaseDates,
    *,
    today: date,
    extra_closure_days: frozenset[date] = frozenset(),
) -> dict[str, Deadline]:
    """`compute_deadlines` with the calendar, at-risk margin and long-stop of `config`, and
    the closure days kept as data beside it."""
    return compute_deadlines(
        version,
        dates,
        today=today,
        calendar=calendar_for(config.calendar, extra_closure_days),
        at_risk_working_days=config.calendar.at_risk_working_days,
        escalation_longstop_months=config.time_limits.escalation_longstop_months,
    )


@lru_cache(maxsize=8)
def calendar_for(
    settings: CalendarSettings, extra_closure_days: frozenset[date] = frozenset()
) -> WorkingCalendar:
    """The working-day calendar of a configuration plus `extra_closure_days` (the closure
    days and late-announced bank holidays the complaints team keeps as data), built once per
    distinct pair: a change of the days builds a fresh calendar.
    """
    return WorkingCalendar(
        closure_days=settings.closure_days | extra_closure_days,
        extra_bank_holidays=settings.extra_bank_holidays,
    )


def _due_dates(
    rules: Iterable[DeadlineRule], dates: CaseDates, calendar: WorkingCalendar
) -> dict[str, date | None]:
    """Due date per deadline whose clock has started; None while an open hold stops it."""
    dues: dict[str, date | None] = {}
    for rule in rules:
        start = dates.date_of(rule.start)
        if start is None and rule.projected_from in dues:
            # The event has not happened: the earlier deadline's date stands in for it, and
            # while that one is on hold so is this.
            start = dues[rule.projected_from]
            if start is None:
                dues[rule.name] = None
                continue
        if start is not None:
            dues[rule.name] = _due(rule, start, dates, calendar)
    return dues


def _due(
    rule: DeadlineRule, start: date, dates: CaseDates, calendar: WorkingCalendar
) -> date | None:
    agreed = (dates.date_of(name) for name in rule.agreed)
    due = next((day for day in agreed if day is not None), None)
    if due is None and rule.months:
        due = add_months(start, rule.months)
    elif due is None:
        due = calendar.add_working_days(start, rule.working_days)
    for name in rule.agreed_past:
        later = dates.date_of(name)
        if later is not None and later > due:
            due = later
    return _after_holds(due, start, dates.date_of(rule.met_by), dates.holds, calendar)


def _after_holds(
    due: date, start: date, met: date | None, holds: Iterable[Hold], calendar: WorkingCalendar
) -> date | None:
    """`due` moved later by the working days of each hold that stopped its clock, or None
    while an open hold stops it (SPEC "Holds": the clock resumes with a fresh due date).
    """
    for hold in holds:
        if not _stops(hold, due, start, met):
            continue
        if hold.resumed is None:
            return None
        paused = calendar.working_days_between(max(hold.held, start), hold.resumed)
        due = calendar.add_working_days(due, paused)
    return due


def _stops(hold: Hold, due: date, start: date, met: date | None) -> bool:
    """A hold stops a clock that runs during it: started before it resumed, due after it
    began, and its event not yet happened when it began.
    """
    return (
        hold.held < due
        and (met is None or met > hold.held)
        and (hold.resumed is None or start < hold.resumed)
    )


def _state(
    due: date | None, met: date | None, today: date, calendar: WorkingCalendar, at_risk: int
) -> DeadlineState:
    if due is None:
        return DeadlineState.ON_HOLD
    if met is not None:
        return DeadlineState.MET if met <= due else DeadlineState.MISSED
    if today > due:
        return DeadlineState.MISSED
    if calendar.working_days_between(today, due) <= at_risk:
        return DeadlineState.AT_RISK
    return DeadlineState.PENDING


class Timeliness(StrEnum):
    """How a stage's response is reported: on time, within an extension agreed with the
    person (Housing Ombudsman Code 6.4, 6.15), or late."""

    WITHIN_TARGET = "within_target"
    WITHIN_AGREED_EXTENSION = "within_agreed_extension"
    LATE = "late"


def response_timeliness(
    version: ProcessVersion,
    dates: CaseDates,
    stage: int,
    *,
    calendar: WorkingCalendar,
    escalation_longstop_months: int = 12,
) -> Timeliness | None:
    """How the response of `stage` was given; None until it is given, or for a stage
    without a response target.

    Within target when sent by the target date the stage would have had without any
    extension; within an agreed extension when sent later but by the extended date (which,
    past the maximum, needed a good reason); late otherwise.
    """
    names = _STAGE_FIELDS.get(stage)
    responded = dates.date_of(names.responded) if names else None
    if names is None or responded is None:
        return None
    name = f"stage{stage}.respond_by"
    longstop = escalation_longstop_months
    extended = deadline_dates(
        version, dates, calendar=calendar, escalation_longstop_months=longstop
    ).get(name)
    # The same dates without the extension: what the target was before it was agreed.
    plain = replace(dates, stage1_extended_to=None, stage2_extended_to=None)
    target = deadline_dates(
        version, plain, calendar=calendar, escalation_longstop_months=longstop
    ).get(name)
    if target is None or extended is None:
        return None
    if responded <= target:
        return Timeliness.WITHIN_TARGET
    if responded <= extended:
        return Timeliness.WITHIN_AGREED_EXTENSION
    return Timeliness.LATE


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or that month's last day if shorter.

    >>> add_months(date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


# ---------------------------------------------------------------------------------------
# The fast bulk path: the same plan over columns of date ordinals

# In `deadline_ordinals`' output: the deadline's clock is stopped by an open hold.
ON_HOLD_ORDINAL: Final = -1


@dataclass(frozen=True, slots=True)
class CaseColumns:
    """The dates of many cases as columns of date ordinals, 0 where an event has not happened.

    `columns` maps names of DATE_FIELDS to one ordinal per case (a missing name is all 0).
    `holds` maps a case's index to its holds as (held, resumed) ordinals, resumed 0 while
    open. The columns are trusted to hold what CaseDates accepts (`from_cases` builds them
    from CaseDates); only the calendar range is checked.
    """

    size: int
    columns: Mapping[str, Sequence[int]]
    holds: Mapping[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, column in self.columns.items():
            if name not in DATE_FIELDS:
                raise KeyError(f"{name} is not a date of a case")
            if len(column) != self.size:
                raise ValueError(f"column {name} has {len(column)} cases, not {self.size}")

    @classmethod
    def from_cases(cls, cases: Sequence[CaseDates]) -> CaseColumns:
        columns = {name: [_ordinal(case.date_of(name)) for case in cases] for name in DATE_FIELDS}
        holds = {
            i: tuple((hold.held.toordinal(), _ordinal(hold.resumed)) for hold in case.holds)
            for i, case in enumerate(cases)
            if case.holds
        }
        return cls(len(cases), columns, holds)

    def column(self, name: str) -> Sequence[int]:
        found = self.columns.get(name)
        return [0] * self.size if found is None else found


def _ordinal(day: date | None) -> int:
    return 0 if day is None else day.toordinal()


def deadline_ordinals(
    version: ProcessVersion,
    cases: CaseColumns,
    *,
    calendar: WorkingCalendar,
    escalation_longstop_months: int = 12,
) -> dict[str, list[int]]:
    """Every deadline of many cases at once: one column of date ordinals per deadline name.

    The same dates as `deadline_dates` (a property test compares them): 0 where that leaves
    a deadline out because its clock has not started, ON_HOLD_ORDINAL where an open hold
    stops it. Every case's received date must be set. Adding N working days to a day is one
    lookup in a table built once per calendar and N from the calendar's ordinal tables.
    Raises DateOutsideCalendar when a date or a deadline falls outside the calendar.

    >>> from putright.policy.calendar import default_calendar
    >>> from putright.policy.processes import load_config
    >>> corporate = load_config().version_for("corporate", date(2026, 12, 19))
    >>> cases = CaseColumns(1, {"received": [date(2026, 12, 19).toordinal()]})
    >>> found = deadline_ordinals(corporate, cases, calendar=default_calendar())
    >>> date.fromordinal(found["acknowledge_by"][0]), found["stage1.respond_by"][0]
    (datetime.date(2026, 12, 29), 0)
    """
    _check_received(cases, calendar)
    rules = deadline_rules(version, escalation_longstop_months=escalation_longstop_months)
    out: dict[str, list[int]] = {}
    try:
        for rule in rules:
            out[rule.name] = _rule_column(rule, cases, out, calendar)
    except IndexError:
        # A date or a deadline past the calendar's last day: the tables end there. (No date
        # is before its first day: none comes before receipt, checked above.)
        first, count_le, _ = _tables(calendar)
        end = first + len(count_le)
        raise DateOutsideCalendar(
            date.fromordinal(end), date.fromordinal(first), date.fromordinal(end - 1)
        ) from None
    return out


_Tables = tuple[int, list[int], list[int]]


@lru_cache(maxsize=8)
def _tables(calendar: WorkingCalendar) -> _Tables:
    return calendar.ordinal_tables()


@lru_cache(maxsize=64)
def _working_days_table(calendar: WorkingCalendar, n: int) -> list[int]:
    """For each day of the calendar (by index from its first day), the ordinal of the n-th
    working day after it; the table stops where that would fall past the calendar's end.
    """
    _, count_le, workdays = _tables(calendar)
    return [workdays[c + n - 1] for c in count_le if c + n - 1 < len(workdays)]


@lru_cache(maxsize=8)
def _months_table(calendar: WorkingCalendar, months: int) -> list[int]:
    """For each day of the calendar, the ordinal of the same day `months` months later."""
    first, count_le, _ = _tables(calendar)
    return [
        add_months(date.fromordinal(first + i), months).toordinal() for i in range(len(count_le))
    ]


def _check_received(cases: CaseColumns, calendar: WorkingCalendar) -> None:
    received = cases.column("received")
    lowest = min(received, default=1)
    if lowest <= 0:
        raise ValueError("every case needs its received date")
    first, count_le, _ = _tables(calendar)
    if lowest < first:
        raise DateOutsideCalendar(
            date.fromordinal(lowest),
            date.fromordinal(first),
            date.fromordinal(first + len(count_le) - 1),
        )


def _rule_column(
    rule: DeadlineRule,
    cases: CaseColumns,
    out: Mapping[str, list[int]],
    calendar: WorkingCalendar,
) -> list[int]:
    starts = cases.column(rule.start)
    if rule.projected_from is not None:
        projected = out[rule.projected_from]
        starts = [start or stand_in for start, stand_in in zip(starts, projected, strict=True)]
    due = _offset_column(rule, starts, calendar)
    # Agreed dates replace the computed one where the clock has started; the first wins.
    for name in reversed(rule.agreed):
        agreed = cases.column(name)
        for i in compress(range(cases.size), agreed):  # the few cases with an agreed date
            if due[i] > 0:
                due[i] = agreed[i]
    for name in rule.agreed_past:
        later = cases.column(name)
        for i in compress(range(cases.size), later):
            if due[i] > 0 and later[i] > due[i]:
                due[i] = later[i]
    if cases.holds:
        met = cases.column(rule.met_by)
        tables = _tables(calendar)
        for i, holds in cases.holds.items():
            if due[i] > 0:
                due[i] = _shift_ordinal(due[i], starts[i], met[i], holds, tables)
    return due


def _offset_column(
    rule: DeadlineRule, starts: Sequence[int], calendar: WorkingCalendar
) -> list[int]:
    if rule.months:
        later = _months_table(calendar, rule.months)
    elif rule.working_days:
        later = _working_days_table(calendar, rule.working_days)
    else:
        return list(starts)
    first = _tables(calendar)[0]
    # 0 (not started) and ON_HOLD_ORDINAL pass through unchanged.
    return [later[s - first] if s > 0 else s for s in starts]


def _shift_ordinal(
    due: int, start: int, met: int, holds: Iterable[tuple[int, int]], tables: _Tables
) -> int:
    """`_after_holds` on ordinals (0 for an event that has not happened)."""
    first, count_le, workdays = tables
    for held, resumed in holds:
        if held >= due or 0 < met <= held or (resumed and start >= resumed):
            continue
        if not resumed:
            return ON_HOLD_ORDINAL
        paused = count_le[resumed - first] - count_le[max(held, start) - first]
        if paused:
            due = workdays[count_le[due - first] + paused - 1]
    return due
