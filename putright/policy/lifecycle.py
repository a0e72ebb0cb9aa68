"""Case states, the moves between them, and the guards on each move.

The service layer builds an immutable `CaseFacts` snapshot of a case, calls ONE
`decide_<move>` function and persists the `Transition` it returns. A move the case's status
does not allow raises `MoveNotAllowed`; a broken rule raises its own `RuleBroken` subclass,
whose `rule` is a stable snake_case code and whose `message` is plain English for an officer
or a resident. Some rules can be passed by recording a decision (`RuleBroken.override` names
it): a late escalation with a discretion decision, an extension past the maximum with a good
reason. The transition then says so (`discretion_used`, `beyond_maximum`) so it is reported.

Model (see docs/policy.md for the full table and the clause behind each rule):

* `stage` is the stage the case has been accepted into. It moves up only when a request for
  the next stage is acknowledged (`acknowledge_escalation`); while the request waits, the
  status is `escalation_requested` and the stage is still the one that was answered.
* Children's social care stage 3 (the review panel) runs `in_progress` (panel being
  arranged) -> `panel_held` -> `findings_issued` -> `responded` (the council's response).
  Its clock starts when the review is requested.
* Children's stage 2 clock starts when the complaint statement is agreed, and the adult
  social care response plan sets the response date: both are facts recorded by a move that
  keeps the status (`agree_complaint_statement`, `agree_response_plan`).
* `closed` after a non-final stage still lets the person ask for the next stage, late and at
  discretion, until the long stop (001 "Note", Housing Ombudsman Code 5.11).

Pure: no Django, no I/O, no clock. Callers pass every date in, and the working-day calendar
where a window is counted in working days.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar, Final

from putright.policy.calendar import WorkingCalendar
from putright.policy.errors import PolicyError
from putright.policy.processes import (
    Exclusion,
    Ombudsman,
    ProcessVersion,
    StageDefinition,
    TimeLimits,
)


class CaseStatus(StrEnum):
    RECEIVED = "received"  # logged, awaiting acknowledgement
    IN_PROGRESS = "in_progress"  # acknowledged, being investigated at the current stage
    PANEL_HELD = "panel_held"  # children's stage 3: panel held, awaiting the chair's findings
    FINDINGS_ISSUED = "findings_issued"  # children's stage 3: awaiting the council's response
    RESPONDED = "responded"  # the current stage's response issued; escalation possible
    ESCALATION_REQUESTED = "escalation_requested"  # next stage asked for, not yet acknowledged
    ON_HOLD = "on_hold"  # concurrent proceedings or a council investigation
    WITHDRAWN = "withdrawn"
    EXCLUDED = "excluded"
    CLOSED = "closed"
    WITH_OMBUDSMAN = "with_ombudsman"  # reopened for an Ombudsman enquiry


class Move(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ALLOCATE = "allocate"
    ADD_RELATED_ISSUE = "add_related_issue"
    EXTEND = "extend"
    RECORD_CONTRACTOR_FEEDBACK = "record_contractor_feedback"
    AGREE_COMPLAINT_STATEMENT = "agree_complaint_statement"
    AGREE_RESPONSE_PLAN = "agree_response_plan"
    RESPOND = "respond"
    REQUEST_ESCALATION = "request_escalation"
    ACKNOWLEDGE_ESCALATION = "acknowledge_escalation"
    REFUSE_ESCALATION = "refuse_escalation"
    RECORD_PANEL_HELD = "record_panel_held"
    RECORD_FINDINGS = "record_findings"
    HOLD = "hold"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    EXCLUDE = "exclude"
    REINSTATE = "reinstate"
    CLOSE = "close"
    REOPEN_FOR_OMBUDSMAN = "reopen_for_ombudsman"


class Letter(StrEnum):
    """The letter a transition obliges the council to send (SPEC "Letters and responses")."""

    ACKNOWLEDGEMENT = "acknowledgement"
    EXTENSION_NOTICE = "extension_notice"
    STAGE_RESPONSE = "stage_response"
    ESCALATION_ACKNOWLEDGEMENT = "escalation_acknowledgement"
    ESCALATION_REFUSED = "escalation_refused"
    EXCLUSION_NOTICE = "exclusion_notice"
    HOLD_NOTICE = "hold_notice"
    WITHDRAWAL_ACKNOWLEDGEMENT = "withdrawal_acknowledgement"


class Decision(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


# ---------------------------------------------------------------------------------------
# Errors


class InvalidCaseFacts(PolicyError):
    """A snapshot that contradicts itself: a bug in the caller, not a rule for a person."""


class RuleBroken(PolicyError):
    """A move breaks a rule of the policy. `rule` is stable; `message` is for people.

    `override` names what staff can record to pass the rule anyway (None: nothing can).
    """

    rule: ClassVar[str] = "rule_broken"
    override: ClassVar[str | None] = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MoveNotAllowed(RuleBroken):
    rule = "move_not_allowed"

    def __init__(self, status: CaseStatus, move: Move) -> None:
        self.status = status
        self.move = move
        super().__init__(f"This case {_STATUS_PHRASES[status]}, so {_MOVE_BLOCKED[move]}.")


class MoveNotAvailable(RuleBroken):
    """The process or stage has no such step (a response plan outside adult social care)."""

    rule = "move_not_available"


class EscalationBeforeResponse(RuleBroken):
    rule = "escalation_before_response"

    def __init__(self, stage: int) -> None:
        super().__init__(
            f"The stage {stage} response has not been issued yet, so the complaint cannot go "
            f"to stage {stage + 1}. The person can ask for stage {stage + 1} once they have "
            "the response."
        )


class NoThirdStage(RuleBroken):
    rule = "no_third_stage"

    def __init__(self, title: str, stage: int, ombudsman: str) -> None:
        super().__init__(
            f"Stage {stage} is the final stage for {title.lower()}, so there is no further "
            f"stage to ask for. If the person is still unhappy they can go to {ombudsman}."
        )


class OfficerNotIndependent(RuleBroken):
    rule = "officer_not_independent"


class ResponseIncomplete(RuleBroken):
    rule = "response_incomplete"

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(
            "The response cannot be issued until it covers: " + "; ".join(missing) + "."
        )


class RepresentativeConsentOutstanding(RuleBroken):
    rule = "representative_consent_outstanding"

    def __init__(self) -> None:
        super().__init__(
            "The resident has not yet given written consent for their representative to act "
            "for them. Consent can be gathered during the investigation, but it must be in "
            "place before the response is issued."
        )


class ComplaintStatementNotAgreed(RuleBroken):
    rule = "complaint_statement_not_agreed"

    def __init__(self) -> None:
        super().__init__(
            "The complaint statement has not been agreed with the person yet. The stage 2 "
            "investigation, and its clock, start from that agreement."
        )


class ReasonMissing(RuleBroken):
    rule = "reason_missing"

    def __init__(self, what: str) -> None:
        super().__init__(f"Record the reason for {what}.")


class ExtensionReasonMissing(ReasonMissing):
    rule = "extension_reason_missing"

    def __init__(self) -> None:
        super().__init__("the extension; it is explained to the person with the new date")


class ExtensionNotLater(RuleBroken):
    rule = "extension_not_later"

    def __init__(self, new_due: date, due: date) -> None:
        super().__init__(
            f"The new response date ({_day(new_due)}) is not later than the current one "
            f"({_day(due)}), so it is not an extension."
        )


class ExtensionBeyondMaximum(RuleBroken):
    rule = "extension_beyond_maximum"
    override = "good_reason"

    def __init__(self, new_due: date, maximum: date, max_days: int) -> None:
        self.maximum = maximum
        super().__init__(
            f"The new response date ({_day(new_due)}) is after the latest this stage allows "
            f"({_day(maximum)}, {max_days} working days from the start of the stage). "
            "Going beyond it needs a good reason, recorded."
        )


class StatutoryBackstopPassed(RuleBroken):
    rule = "statutory_backstop_passed"
    override = "longer_period_agreed"

    def __init__(self, new_due: date, backstop: date) -> None:
        super().__init__(
            f"The response date ({_day(new_due)}) is after the six-month limit from receipt "
            f"({_day(backstop)}). That needs the person's agreement to a longer period."
        )


class ClockNotStarted(RuleBroken):
    rule = "clock_not_started"

    def __init__(self) -> None:
        super().__init__(
            "This stage's clock has not started yet, so there is no response date to change."
        )


class EscalationWindowClosed(RuleBroken):
    """A warning, not a block: it passes once a discretion decision is recorded."""

    rule = "escalation_window_closed"
    override = "discretion"

    def __init__(self, on: date, window_end: date, days: int) -> None:
        self.window_end = window_end
        super().__init__(
            f"The request came on {_day(on)}, after the {days} working days allowed "
            f"(to {_day(window_end)}). It can still be accepted: record the discretion "
            "decision and its reason. The person does not have to give reasons."
        )


class EscalationLongStopPassed(RuleBroken):
    rule = "escalation_long_stop_passed"
    override = "compelling_reason"

    def __init__(self, on: date, long_stop: date, months: int) -> None:
        self.long_stop = long_stop
        super().__init__(
            f"The request came on {_day(on)}, more than {months} months after the response "
            f"(the limit was {_day(long_stop)}). It can only be accepted for a compelling "
            "reason, recorded."
        )


class ComplaintOutOfTime(RuleBroken):
    rule = "complaint_out_of_time"
    override = "discretion"

    def __init__(self, received: date, aware_since: date, months: int) -> None:
        super().__init__(
            f"The person became aware of the problem on {_day(aware_since)}, more than "
            f"{months} months before the complaint arrived on {_day(received)}. It can still "
            "be accepted: record the discretion decision and its reason."
        )


class EscalationRefusalGroundNotAllowed(RuleBroken):
    rule = "escalation_refusal_ground_not_allowed"

    def __init__(self, ground: str) -> None:
        self.ground = ground
        super().__init__(
            f'The reason "{_words(ground)}" is not a ground to refuse the next stage. A '
            "request can only be refused on one of the exclusion grounds in the complaints "
            "policy; otherwise the complaint must go to the next stage."
        )


class UnknownExclusion(RuleBroken):
    rule = "unknown_exclusion"

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f'There is no exclusion called "{_words(code)}" in the complaints policy. '
            "Choose one from the list."
        )


class HoldGroundNotAllowed(RuleBroken):
    rule = "hold_ground_not_allowed"

    def __init__(self, title: str) -> None:
        super().__init__(
            f'The exclusion "{title}" is not a reason to put a case on hold. A case is held '
            "only for concurrent proceedings or a council investigation."
        )


class ResubmissionOutOfTime(RuleBroken):
    rule = "resubmission_out_of_time"

    def __init__(self, on: date, limit: date) -> None:
        super().__init__(
            f"The proceedings ended more than a year before {_day(on)} (the limit was "
            f"{_day(limit)}), so the complaint can no longer be picked up again."
        )


class IssueMustBeNewComplaint(RuleBroken):
    rule = "issue_must_be_new_complaint"

    def __init__(self, why: str) -> None:
        super().__init__(f"{why} Log it as a new stage 1 complaint.")


class DateOutOfOrder(RuleBroken):
    rule = "date_out_of_order"

    def __init__(self, on: date, earlier: date, event: str) -> None:
        super().__init__(f"The date given ({_day(on)}) is before {event} ({_day(earlier)}).")


# ---------------------------------------------------------------------------------------
# What a guard needs to know, and what a move decides


@dataclass(frozen=True, slots=True)
class IssueDecision:
    issue: str
    decision: Decision
    reasons: str = ""


@dataclass(frozen=True, slots=True)
class ResponseContent:
    """What a stage response says: SPEC items (a)-(g), Housing Ombudsman Code 6.9/6.19."""

    stage: int | None = None  # (a)
    complaint_definition: str = ""  # (b)
    decision: Decision | None = None  # (c) overall
    issues: tuple[IssueDecision, ...] = ()  # (c) per issue
    reasons: str = ""  # (d)
    remedies: tuple[str, ...] = ()  # (e)
    no_remedy_reason: str = ""  # (e) an explicit "no remedy is due, because ..."
    outstanding_actions: tuple[str, ...] = ()  # (f)
    no_outstanding_actions: bool = False  # (f) an explicit "there are none"
    how_to_escalate: str = ""  # (g) to the next stage, or to the Ombudsman
    ombudsman: str = ""  # (g) at the final stage: code of the Ombudsman named


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """An immutable snapshot of a case: everything a guard reads.

    `officers` maps each stage to who has handled it: one id, or a tuple of ids when the
    stage was reallocated (the current officer last). Dates are those of the current stage:
    `stage_acknowledged_on` is the acknowledgement of the complaint (stage 1) or of the
    request for this stage; `escalation_requested_on` the request that led to this stage, or
    the pending one while the status is `escalation_requested`; `response_issued_on` this
    stage's response.
    """

    version: ProcessVersion
    status: CaseStatus
    received_on: date
    stage: int = 1
    aware_since: date | None = None
    officers: Mapping[int, str | tuple[str, ...]] = field(default_factory=dict)
    stage_acknowledged_on: date | None = None
    complaint_statement_agreed_on: date | None = None
    escalation_requested_on: date | None = None
    due_on: date | None = None
    response_issued_on: date | None = None
    works_completed_on: date | None = None
    panel_held_on: date | None = None
    findings_issued_on: date | None = None
    status_before_hold: CaseStatus | None = None
    hold_ground: str | None = None
    status_before_exclusion: CaseStatus | None = None
    representative_consent_outstanding: bool = False
    ombudsman: Ombudsman | None = None
    limits: TimeLimits = field(default_factory=TimeLimits)
    # A service request (or a comment or compliment) is not a complaint: the complaints
    # lifecycle does not govern it and none of its moves apply (SPEC "Kinds of contact";
    # Housing Ombudsman Code 1.5: a complaint about it is raised as a linked complaint).
    is_complaint: bool = True

    def __post_init__(self) -> None:
        if not self.version.has_stage(self.stage):
            raise InvalidCaseFacts(f"{self.version.key} has no stage {self.stage}")
        if self.status is CaseStatus.ON_HOLD and self.status_before_hold is None:
            raise InvalidCaseFacts("a case on hold needs status_before_hold")
        officers = {
            stage: (ids,) if isinstance(ids, str) else tuple(ids)
            for stage, ids in self.officers.items()
        }
        object.__setattr__(self, "officers", MappingProxyType(officers))

    @property
    def stage_definition(self) -> StageDefinition:
        return self.version.stage(self.stage)

    @property
    def is_final_stage(self) -> bool:
        return self.stage == self.version.final_stage

    @property
    def ombudsman_code(self) -> str:
        """The Ombudsman for this case: as decided at registration, else the process's."""
        return self.ombudsman.code if self.ombudsman else self.version.ombudsman

    @property
    def ombudsman_name(self) -> str:
        return f"the {self.ombudsman.name}" if self.ombudsman else "the Ombudsman"

    def handled(self, stage: int) -> tuple[str, ...]:
        """Everyone who has handled `stage`, the current officer last."""
        value = self.officers.get(stage, ())
        return (value,) if isinstance(value, str) else value

    def clock_started_on(self) -> date | None:
        """When the current stage's clock started (SPEC table, "clock starts at")."""
        return _CLOCK_FACTS[self.stage_definition.clock_starts](self)


_CLOCK_FACTS: Final[Mapping[str, Callable[[CaseFacts], date | None]]] = MappingProxyType(
    {
        "received": lambda f: f.received_on,
        "acknowledged": lambda f: f.stage_acknowledged_on,
        "escalation_acknowledged": lambda f: f.stage_acknowledged_on,
        "escalation_requested": lambda f: f.escalation_requested_on,
        "review_requested": lambda f: f.escalation_requested_on,
        "complaint_statement_agreed": lambda f: f.complaint_statement_agreed_on,
    }
)


@dataclass(frozen=True, slots=True)
class Transition:
    """What a move decided: the new status and stage, and the facts the caller must record."""

    move: Move
    status: CaseStatus
    stage: int
    on: date
    letter: Letter | None = None
    ombudsman: str | None = None  # code of the Ombudsman whose details the letter gives
    officer: str | None = None
    due: date | None = None  # a new response date (extension, response plan)
    clock_started_on: date | None = None
    status_before_hold: CaseStatus | None = None
    status_before_exclusion: CaseStatus | None = None
    exclusion: Exclusion | None = None
    reason: str = ""
    beyond_maximum: bool = False
    good_reason: str = ""
    longer_period_agreed: bool = False
    late_complaint: bool = False
    late_escalation: bool = False
    discretion_used: bool = False
    discretion_reason: str = ""
    compelling_reason: str = ""
    restart_clock: bool = False
    response: ResponseContent | None = None
    final_response: bool = False
    contractor_feedback_late: bool = False
    channel: str = ""


# ---------------------------------------------------------------------------------------
# Which moves each status allows: data, read by allowed_moves and every decide_ function.

_S = CaseStatus
_M = Move

ALLOWED_MOVES: Final[Mapping[CaseStatus, frozenset[Move]]] = MappingProxyType(
    {
        _S.RECEIVED: frozenset(
            {_M.ACKNOWLEDGE, _M.ALLOCATE, _M.ADD_RELATED_ISSUE, _M.HOLD, _M.WITHDRAW, _M.EXCLUDE}
        ),
        _S.IN_PROGRESS: frozenset(
            {
                _M.ALLOCATE,
                _M.ADD_RELATED_ISSUE,
                _M.EXTEND,
                _M.RECORD_CONTRACTOR_FEEDBACK,
                _M.AGREE_COMPLAINT_STATEMENT,
                _M.AGREE_RESPONSE_PLAN,
                _M.RESPOND,
                _M.RECORD_PANEL_HELD,
                _M.HOLD,
                _M.WITHDRAW,
                _M.EXCLUDE,
            }
        ),
        _S.PANEL_HELD: frozenset({_M.RECORD_FINDINGS, _M.HOLD, _M.WITHDRAW}),
        _S.FINDINGS_ISSUED: frozenset({_M.RESPOND, _M.HOLD, _M.WITHDRAW}),
        _S.RESPONDED: frozenset({_M.REQUEST_ESCALATION, _M.CLOSE, _M.REOPEN_FOR_OMBUDSMAN}),
        _S.ESCALATION_REQUESTED: frozenset(
            {_M.ACKNOWLEDGE_ESCALATION, _M.REFUSE_ESCALATION, _M.HOLD, _M.WITHDRAW}
        ),
        _S.ON_HOLD: frozenset(
            {_M.RESUME, _M.ALLOCATE, _M.ADD_RELATED_ISSUE, _M.WITHDRAW, _M.CLOSE}
        ),
        _S.WITHDRAWN: frozenset(),
        _S.EXCLUDED: frozenset({_M.REINSTATE, _M.REOPEN_FOR_OMBUDSMAN}),
        _S.CLOSED: frozenset({_M.REQUEST_ESCALATION, _M.REOPEN_FOR_OMBUDSMAN}),
        _S.WITH_OMBUDSMAN: frozenset({_M.REINSTATE, _M.CLOSE}),
    }
)

# Statuses in which the current stage's response has not been issued yet.
_AWAITING_RESPONSE: Final = frozenset(
    {_S.RECEIVED, _S.IN_PROGRESS, _S.PANEL_HELD, _S.FINDINGS_ISSUED}
)

_STATUS_PHRASES: Final[Mapping[CaseStatus, str]] = MappingProxyType(
    {
        _S.RECEIVED: "is waiting to be acknowledged",
        _S.IN_PROGRESS: "is being investigated",
        _S.PANEL_HELD: "is waiting for the review panel's findings",
        _S.FINDINGS_ISSUED: "is waiting for the council's response to the panel's findings",
        _S.RESPONDED: "has had its response",
        _S.ESCALATION_REQUESTED: "is waiting for the request for the next stage to be acknowledged",
        _S.ON_HOLD: "is on hold",
        _S.WITHDRAWN: "has been withdrawn",
        _S.EXCLUDED: "has been excluded from the complaints process",
        _S.CLOSED: "is closed",
        _S.WITH_OMBUDSMAN: "is with the Ombudsman",
    }
)

_MOVE_BLOCKED: Final[Mapping[Move, str]] = MappingProxyType(
    {
        _M.ACKNOWLEDGE: "it cannot be acknowledged",
        _M.ALLOCATE: "it cannot be allocated to an officer",
        _M.ADD_RELATED_ISSUE: "a new issue cannot join it",
        _M.EXTEND: "its response date cannot be extended",
        _M.RECORD_CONTRACTOR_FEEDBACK: "contractor feedback cannot be recorded on it",
        _M.AGREE_COMPLAINT_STATEMENT: "a complaint statement cannot be agreed",
        _M.AGREE_RESPONSE_PLAN: "a response plan cannot be agreed",
        _M.RESPOND: "a response cannot be issued",
        _M.REQUEST_ESCALATION: "it cannot be escalated",
        _M.ACKNOWLEDGE_ESCALATION: "there is no request for the next stage to acknowledge",
        _M.REFUSE_ESCALATION: "there is no request for the next stage to refuse",
        _M.RECORD_PANEL_HELD: "a review panel cannot be recorded as held",
        _M.RECORD_FINDINGS: "the review panel's findings cannot be recorded",
        _M.HOLD: "it cannot be put on hold",
        _M.RESUME: "it cannot be resumed",
        _M.WITHDRAW: "it cannot be withdrawn",
        _M.EXCLUDE: "it cannot be excluded",
        _M.REINSTATE: "it cannot be reinstated",
        _M.CLOSE: "it cannot be closed",
        _M.REOPEN_FOR_OMBUDSMAN: "it cannot be reopened for the Ombudsman",
    }
)


# ---------------------------------------------------------------------------------------
# Availability: moves the process or stage does not have, whatever the status allows.
# Each returns the error that explains why, or None.


def _escalation_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.is_final_stage:
        # 001 s."Responding at Stage Two", Housing Ombudsman Code 5.3/6.20: stage 2 is final
        # except in children's social care (stage 3, 001 Appendix B); then the Ombudsman.
        return NoThirdStage(facts.version.title, facts.stage, facts.ombudsman_name)
    if facts.response_issued_on is None:
        return EscalationBeforeResponse(facts.stage)
    return None


def _related_issue_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.stage != 1:
        return IssueMustBeNewComplaint(
            "New issues can only join a complaint before its stage 1 response; this "
            f"complaint is at stage {facts.stage}."
        )
    return None


def _extension_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.stage_definition.target_days is None:
        return MoveNotAvailable(
            f"{facts.stage_definition.name} runs to fixed steps, so its dates cannot be extended."
        )
    return _clock_availability(facts)


def _clock_availability(facts: CaseFacts) -> RuleBroken | None:
    return ClockNotStarted() if facts.clock_started_on() is None else None


def _statement_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.stage_definition.clock_starts != "complaint_statement_agreed":
        return MoveNotAvailable(
            "Only stage 2 of children's social care complaints starts from an agreed "
            "complaint statement."
        )
    if facts.complaint_statement_agreed_on is not None:
        return MoveNotAvailable("The complaint statement for this stage is already agreed.")
    return None


def _plan_availability(facts: CaseFacts) -> RuleBroken | None:
    if not facts.stage_definition.response_plan:
        return MoveNotAvailable("Only adult social care complaints have a response plan.")
    return _clock_availability(facts)


def _respond_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.stage_definition.steps and facts.status is not CaseStatus.FINDINGS_ISSUED:
        return MoveNotAvailable(
            "At the review panel stage the council responds after the panel has been held "
            "and the chair's findings have been issued."
        )
    if facts.representative_consent_outstanding:
        # 001 "Definition of a complaint": consent "will happen concurrently with the
        # complaint investigation ... but must be completed before the response is issued".
        return RepresentativeConsentOutstanding()
    if _statement_outstanding(facts):
        # 004 / SPEC: children's stage 2 runs from the agreed complaint statement.
        return ComplaintStatementNotAgreed()
    return None


def _panel_availability(facts: CaseFacts) -> RuleBroken | None:
    if not facts.stage_definition.steps:
        return MoveNotAvailable("Only the review panel stage holds a panel.")
    return None


def _reinstate_availability(facts: CaseFacts) -> RuleBroken | None:
    if facts.status_before_exclusion is None:
        return MoveNotAvailable("This case was not excluded, so there is nothing to reinstate.")
    return None


_AVAILABILITY: Final[Mapping[Move, Callable[[CaseFacts], RuleBroken | None]]] = MappingProxyType(
    {
        _M.REQUEST_ESCALATION: _escalation_availability,
        _M.ADD_RELATED_ISSUE: _related_issue_availability,
        _M.EXTEND: _extension_availability,
        _M.AGREE_COMPLAINT_STATEMENT: _statement_availability,
        _M.AGREE_RESPONSE_PLAN: _plan_availability,
        _M.RESPOND: _respond_availability,
        _M.RECORD_PANEL_HELD: _panel_availability,
        _M.REINSTATE: _reinstate_availability,
    }
)


def _escalation_refused_by_status(facts: CaseFacts, move: Move) -> RuleBroken:
    before = facts.status_before_hold if facts.status is CaseStatus.ON_HOLD else facts.status
    if before not in _AWAITING_RESPONSE:
        return MoveNotAllowed(facts.status, move)
    if facts.is_final_stage:
        return NoThirdStage(facts.version.title, facts.stage, facts.ombudsman_name)
    return EscalationBeforeResponse(facts.stage)


def _issue_refused_by_status(facts: CaseFacts, move: Move) -> RuleBroken:
    # 001 "Responding at Stage One", Housing Ombudsman Code 6.8.
    return IssueMustBeNewComplaint(
        f"This case {_STATUS_PHRASES[facts.status]}, so a new issue cannot join it."
    )


# A more specific explanation than MoveNotAllowed for some moves the status does not allow.
_REFUSED_BY_STATUS: Final[Mapping[Move, Callable[[CaseFacts, Move], RuleBroken]]] = (
    MappingProxyType(
        {
            _M.REQUEST_ESCALATION: _escalation_refused_by_status,
            _M.ADD_RELATED_ISSUE: _issue_refused_by_status,
        }
    )
)


def why_not(facts: CaseFacts, move: Move) -> RuleBroken | None:
    """The error that stops `move` whatever is entered, or None when it can be made.

    The staff UI shows it beside a move it does not offer ("consent is outstanding").
    """
    if not facts.is_complaint:
        return MoveNotAvailable(
            "This is not a complaint: complete it, or raise a complaint about it, instead."
        )
    if move not in ALLOWED_MOVES[facts.status]:
        explain = _REFUSED_BY_STATUS.get(move)
        return explain(facts, move) if explain else MoveNotAllowed(facts.status, move)
    check = _AVAILABILITY.get(move)
    return check(facts) if check else None


def allowed_moves(facts: CaseFacts) -> frozenset[Move]:
    """The moves the staff UI offers: those some valid input can make now.

    The status table allows the move and the case's facts do not rule it out. What is
    entered (a reason, an officer, a date) is checked by the decide_ function.
    """
    return frozenset(m for m in ALLOWED_MOVES[facts.status] if why_not(facts, m) is None)


def _require(facts: CaseFacts, move: Move, on: date) -> None:
    problem = why_not(facts, move)
    if problem is not None:
        raise problem
    _not_before(on, facts.received_on, "the complaint was received")


# ---------------------------------------------------------------------------------------
# Small guards, shared by the decide_ functions


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _words(code: str) -> str:
    return code.replace("_", " ").strip()


def _not_before(on: date, earlier: date | None, event: str) -> None:
    if earlier is not None and on < earlier:
        raise DateOutOfOrder(on, earlier, event)


def _require_reason(reason: str, what: str) -> None:
    if not reason.strip():
        raise ReasonMissing(what)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day if shorter.

    >>> add_months(date(2024, 2, 29), 12).isoformat()
    '2025-02-28'
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))


def is_out_of_time(received_on: date, aware_since: date | None, limits: TimeLimits) -> bool:
    """More than `complain_within_months` from awareness to receipt (001 Appendix A)."""
    if aware_since is None:
        return False
    return received_on > add_months(aware_since, limits.complain_within_months)


def guard_time_limit(facts: CaseFacts, discretion: str) -> bool:
    """Raise ComplaintOutOfTime unless in time or a discretion decision is recorded.

    Returns whether the complaint was late (so discretion was used). 001 Appendix A,
    000 "Time limit", Housing Ombudsman Code 2.3.
    """
    aware = facts.aware_since
    if aware is None or not is_out_of_time(facts.received_on, aware, facts.limits):
        return False
    if not discretion.strip():
        raise ComplaintOutOfTime(facts.received_on, aware, facts.limits.complain_within_months)
    return True


def guard_independent_officer(
    facts: CaseFacts,
    *,
    stage: int,
    officer: str,
    officer_is_independent: bool,
    who: str | None = None,
) -> None:
    """Raise OfficerNotIndependent for an officer who may not take `stage`.

    Any stage whose independence is not "none" needs someone who handled no earlier stage
    (Housing Ombudsman Code 6.13, 001 "Responding at Stage Two": "a new investigating
    officer"). Children's stages 2 and 3 also need someone independent of the council's
    line management (004 Stage Two/Three, 001 Appendix B), which only the caller can confirm.
    """
    rule = facts.version.stage(stage).independence
    if rule == "none":
        return
    for earlier in range(1, stage):
        if officer in facts.handled(earlier):
            raise OfficerNotIndependent(
                f"This officer dealt with the complaint at stage {earlier}, so they cannot "
                f"consider it at stage {stage}. Choose an officer who has not been involved."
            )
    if rule in ("independent_investigator", "independent_panel") and not officer_is_independent:
        who = who or (
            "an independent investigating officer" if stage == 2 else "an independent chair"
        )
        raise OfficerNotIndependent(
            f"Stage {stage} needs {who}, from outside the service's line management. "
            "Confirm the officer is independent before allocating them."
        )


class PanelNotFormed(RuleBroken):
    rule = "panel_not_formed"


@dataclass(frozen=True, slots=True)
class PanelSeat:
    """An officer proposed for the review panel: who, and whether they are independent."""

    officer: str
    independent: bool


def guard_review_panel(
    facts: CaseFacts,
    *,
    chair: PanelSeat,
    persons: tuple[PanelSeat, ...],
    panel_on: date,
    panel_by: date | None,
) -> None:
    """Children's stage 3: an independent chair and two independent persons, three different
    people, meeting inside the target (001 Appendix B, 004 Stage Three).

    Independence is the rule every stage allocation uses (`guard_independent_officer`), so an
    officer refused as the stage's officer is refused here too. Raises OfficerNotIndependent
    or PanelNotFormed.
    """
    guard_independent_officer(
        facts, stage=3, officer=chair.officer, officer_is_independent=chair.independent
    )
    for seat in persons:
        guard_independent_officer(
            facts,
            stage=3,
            officer=seat.officer,
            officer_is_independent=seat.independent,
            who="independent persons on its panel",
        )
    people = [chair.officer, *(seat.officer for seat in persons)]
    if len(persons) != 2 or len(set(people)) != 3:
        raise PanelNotFormed(
            "The panel needs a chair and two independent persons: three different people."
        )
    if panel_by is not None and panel_on > panel_by:
        raise PanelNotFormed(
            f"The panel must meet by {panel_by:%-d %B %Y}, the target for this stage. "
            "Choose that date or an earlier one."
        )
    if facts.escalation_requested_on is not None and panel_on < facts.escalation_requested_on:
        raise PanelNotFormed("The panel cannot meet before the review was requested.")


def response_gaps(facts: CaseFacts, content: ResponseContent) -> tuple[str, ...]:
    """The items (a)-(g) a response does not yet cover, in words, in order.

    SPEC "Letters and responses", 001 "Responding at Stage One/Two", Housing Ombudsman Code
    6.9 and 6.19: the stage, the complaint definition, the decision, the reasons, any remedy,
    any outstanding actions, how to escalate. A remedy and outstanding actions may be "none",
    but said explicitly.
    """
    gaps: list[str] = []
    if content.stage is None:
        gaps.append("(a) the stage")
    elif content.stage != facts.stage:
        gaps.append(f"(a) the right stage (it says stage {content.stage}; this is {facts.stage})")
    if not content.complaint_definition.strip():
        gaps.append("(b) the complaint definition")
    if content.decision is None or not content.issues:
        gaps.append("(c) the decision, overall and on each issue")
    if not content.reasons.strip():
        gaps.append("(d) the reasons for the decision")
    if not content.remedies and not content.no_remedy_reason.strip():
        gaps.append("(e) the remedy offered, or why none is due")
    if not content.outstanding_actions and not content.no_outstanding_actions:
        gaps.append("(f) the outstanding actions, or that there are none")
    gaps.extend(_escalation_gap(facts, content))
    return tuple(gaps)


def _escalation_gap(facts: CaseFacts, content: ResponseContent) -> tuple[str, ...]:
    if not facts.is_final_stage:
        if content.how_to_escalate.strip():
            return ()
        return (f"(g) how to ask for stage {facts.stage + 1}",)
    if content.how_to_escalate.strip() and content.ombudsman == facts.ombudsman_code:
        return ()
    return (f"(g) how to take the complaint to {facts.ombudsman_name}",)


def related_issue_problem(
    facts: CaseFacts, *, related: bool, would_unreasonably_delay: bool = False
) -> RuleBroken | None:
    """Why a new issue cannot join this case, or None when it joins.

    001 "Responding at Stage One" and Housing Ombudsman Code 6.8: a related issue raised
    before the stage 1 response joins it, unless that would unreasonably delay the response;
    an unrelated one, or one after the response, is a new stage 1 complaint.
    """
    problem = why_not(facts, Move.ADD_RELATED_ISSUE)
    if problem is not None:
        return problem
    if not related:
        return IssueMustBeNewComplaint("This issue is not related to the open complaint.")
    if would_unreasonably_delay:
        return IssueMustBeNewComplaint(
            "Adding this issue would unreasonably delay the response to the open complaint."
        )
    return None


def _stage_maximum(facts: CaseFacts, calendar: WorkingCalendar) -> tuple[date, int]:
    start = facts.clock_started_on()
    stage = facts.stage_definition
    days = stage.max_days if stage.max_days is not None else stage.extended_days
    if start is None or days is None:
        raise ClockNotStarted()
    return calendar.add_working_days(start, days), days


def _guard_new_due(
    facts: CaseFacts,
    new_due: date,
    *,
    calendar: WorkingCalendar,
    good_reason: str,
    longer_period_agreed: bool,
) -> bool:
    """Check a new response date against the stage maximum and any statutory backstop.

    Returns whether it goes beyond the maximum (allowed only with a good reason: SPEC
    "Extensions", Housing Ombudsman Code 6.4/6.15, 001 timescales table).
    """
    maximum, days = _stage_maximum(facts, calendar)
    months = facts.stage_definition.backstop_months
    if months is not None and not longer_period_agreed:
        # Adult social care: respond within six months of receipt unless a longer period
        # is agreed with the person (2009 Regulations; SPEC timescale table).
        backstop = add_months(facts.received_on, months)
        if new_due > backstop:
            raise StatutoryBackstopPassed(new_due, backstop)
    if new_due <= maximum:
        return False
    if not good_reason.strip():
        raise ExtensionBeyondMaximum(new_due, maximum, days)
    return True


# ---------------------------------------------------------------------------------------
# The decide_ functions: one per move. Each raises MoveNotAllowed (or a more specific
# RuleBroken) when the move cannot be made, and returns the Transition to persist.


def decide_acknowledge(
    facts: CaseFacts, *, on: date, late_complaint_discretion: str = ""
) -> Transition:
    """Acknowledge, define and log a complaint; stage 1's clock starts (Code 6.2, 001).

    Raises ComplaintOutOfTime for a complaint more than 12 months after the person became
    aware, unless `late_complaint_discretion` records why it is accepted anyway.
    """
    _require(facts, Move.ACKNOWLEDGE, on)
    late = guard_time_limit(facts, late_complaint_discretion)
    return Transition(
        move=Move.ACKNOWLEDGE,
        status=CaseStatus.IN_PROGRESS,
        stage=facts.stage,
        on=on,
        letter=Letter.ACKNOWLEDGEMENT,
        ombudsman=facts.ombudsman_code,
        late_complaint=late,
        discretion_used=late,
        discretion_reason=late_complaint_discretion.strip() if late else "",
    )


def decide_allocate(
    facts: CaseFacts, *, on: date, officer: str, officer_is_independent: bool = False
) -> Transition:
    """Give the current stage to an officer (re-allocation included)."""
    _require(facts, Move.ALLOCATE, on)
    guard_independent_officer(
        facts, stage=facts.stage, officer=officer, officer_is_independent=officer_is_independent
    )
    return Transition(
        move=Move.ALLOCATE, status=facts.status, stage=facts.stage, on=on, officer=officer
    )


def decide_add_related_issue(
    facts: CaseFacts, *, on: date, related: bool, would_unreasonably_delay: bool = False
) -> Transition:
    """Join a new issue to the open complaint; raises IssueMustBeNewComplaint otherwise."""
    problem = related_issue_problem(
        facts, related=related, would_unreasonably_delay=would_unreasonably_delay
    )
    if problem is not None:
        raise problem
    _require(facts, Move.ADD_RELATED_ISSUE, on)
    return Transition(move=Move.ADD_RELATED_ISSUE, status=facts.status, stage=facts.stage, on=on)


def decide_extend(
    facts: CaseFacts,
    *,
    on: date,
    new_due: date,
    reason: str,
    calendar: WorkingCalendar,
    good_reason: str = "",
    longer_period_agreed: bool = False,
) -> Transition:
    """Move the current stage's response date later, with a reason told to the person.

    Raises ExtensionReasonMissing, ExtensionNotLater, ClockNotStarted, and
    ExtensionBeyondMaximum past clock start + max_days unless `good_reason` is recorded.
    The extension notice gives the Ombudsman's details (Housing Ombudsman Code 6.5/6.16).
    """
    _require(facts, Move.EXTEND, on)
    if not reason.strip():
        raise ExtensionReasonMissing()
    _not_before(new_due, on, "the date of the decision to extend")
    if facts.due_on is not None and new_due <= facts.due_on:
        raise ExtensionNotLater(new_due, facts.due_on)
    beyond = _guard_new_due(
        facts,
        new_due,
        calendar=calendar,
        good_reason=good_reason,
        longer_period_agreed=longer_period_agreed,
    )
    return Transition(
        move=Move.EXTEND,
        status=facts.status,
        stage=facts.stage,
        on=on,
        letter=Letter.EXTENSION_NOTICE,
        ombudsman=facts.ombudsman_code,
        due=new_due,
        reason=reason.strip(),
        beyond_maximum=beyond,
        good_reason=good_reason.strip() if beyond else "",
        longer_period_agreed=longer_period_agreed,
    )


def decide_record_contractor_feedback(
    facts: CaseFacts, *, on: date, asked_on: date, calendar: WorkingCalendar
) -> Transition:
    """Record the contractor's first feedback; late after 1 working day (002 HM&I process)."""
    _require(facts, Move.RECORD_CONTRACTOR_FEEDBACK, on)
    _not_before(on, asked_on, "the contractor was asked")
    due = calendar.add_working_days(asked_on, facts.limits.contractor_first_feedback_days)
    return Transition(
        move=Move.RECORD_CONTRACTOR_FEEDBACK,
        status=facts.status,
        stage=facts.stage,
        on=on,
        contractor_feedback_late=on > due,
    )


def decide_agree_complaint_statement(facts: CaseFacts, *, on: date) -> Transition:
    """Children's stage 2: the agreed complaint statement starts the clock (004, SPEC)."""
    _require(facts, Move.AGREE_COMPLAINT_STATEMENT, on)
    _not_before(on, facts.stage_acknowledged_on, "the request for this stage was acknowledged")
    return Transition(
        move=Move.AGREE_COMPLAINT_STATEMENT,
        status=facts.status,
        stage=facts.stage,
        on=on,
        clock_started_on=on,
    )


def decide_agree_response_plan(
    facts: CaseFacts,
    *,
    on: date,
    respond_by: date,
    calendar: WorkingCalendar,
    good_reason: str = "",
    longer_period_agreed: bool = False,
) -> Transition:
    """Adult social care: the response date agreed with the person (001 Appendix D).

    The policy table's ceiling (max_days) needs a good reason to pass; the six-month
    backstop from receipt needs the person's agreement to a longer period.
    """
    _require(facts, Move.AGREE_RESPONSE_PLAN, on)
    _not_before(respond_by, on, "the date the plan was agreed")
    beyond = _guard_new_due(
        facts,
        respond_by,
        calendar=calendar,
        good_reason=good_reason,
        longer_period_agreed=longer_period_agreed,
    )
    return Transition(
        move=Move.AGREE_RESPONSE_PLAN,
        status=facts.status,
        stage=facts.stage,
        on=on,
        due=respond_by,
        beyond_maximum=beyond,
        good_reason=good_reason.strip() if beyond else "",
        longer_period_agreed=longer_period_agreed,
    )


def decide_respond(facts: CaseFacts, *, on: date, content: ResponseContent) -> Transition:
    """Issue the current stage's response.

    Raises RepresentativeConsentOutstanding (001 "Definition of a complaint": consent
    before the response), ComplaintStatementNotAgreed (children's stage 2), and
    ResponseIncomplete listing every item (a)-(g) not covered.
    """
    _require(facts, Move.RESPOND, on)
    _not_before(on, facts.clock_started_on(), "this stage's clock started")
    gaps = response_gaps(facts, content)
    if gaps:
        raise ResponseIncomplete(gaps)
    return Transition(
        move=Move.RESPOND,
        status=CaseStatus.RESPONDED,
        stage=facts.stage,
        on=on,
        letter=Letter.STAGE_RESPONSE,
        ombudsman=facts.ombudsman_code,
        response=content,
        final_response=facts.is_final_stage,
    )


def _statement_outstanding(facts: CaseFacts) -> bool:
    starts = facts.stage_definition.clock_starts
    return starts == "complaint_statement_agreed" and facts.complaint_statement_agreed_on is None


def decide_request_escalation(
    facts: CaseFacts,
    *,
    on: date,
    calendar: WorkingCalendar,
    discretion: str = "",
    compelling_reason: str = "",
) -> Transition:
    """Record the person's request for the next stage. They never have to give reasons
    (Housing Ombudsman Code 6.12), so this takes none.

    Raises EscalationBeforeResponse, NoThirdStage, EscalationLongStopPassed (after the long
    stop, unless a `compelling_reason` is recorded) and EscalationWindowClosed (after the
    window, unless a `discretion` decision is recorded).
    """
    _require(facts, Move.REQUEST_ESCALATION, on)
    responded = facts.response_issued_on
    if responded is None:  # _require already refused it; this narrows the type
        raise EscalationBeforeResponse(facts.stage)
    _not_before(on, responded, "the response was issued")
    months = facts.limits.escalation_longstop_months
    long_stop = add_months(responded, months)
    if on > long_stop:
        # 001 "Note": none "once twelve months have elapsed after the stage one response,
        # unless there is a compelling reason to do so".
        if not compelling_reason.strip():
            raise EscalationLongStopPassed(on, long_stop, months)
        return _escalation_requested(facts, on, compelling_reason.strip(), compelling=True)
    window_end = _escalation_window_end(facts, responded, calendar)
    if window_end is None or on <= window_end:
        return _escalation_requested(facts, on, "", compelling=False)
    # SPEC "Escalation window": a later request is a warning, not a block.
    if not discretion.strip():
        days = facts.stage_definition.escalation_window_days or 0
        raise EscalationWindowClosed(on, window_end, days)
    return _escalation_requested(facts, on, discretion.strip(), compelling=False)


def _escalation_window_end(
    facts: CaseFacts, responded: date, calendar: WorkingCalendar
) -> date | None:
    """The last day to ask for the next stage without discretion, or None for no window.

    001 "Responding at Stage One/Two": within 20 working days of the response; housing:
    "or ... of works agreed within this response being completed" (002 Appendix b).
    """
    days = facts.stage_definition.escalation_window_days
    if days is None:
        return None
    start = responded
    if facts.version.process == "housing" and facts.works_completed_on is not None:
        start = max(responded, facts.works_completed_on)
    return calendar.add_working_days(start, days)


def _escalation_requested(
    facts: CaseFacts, on: date, discretion_reason: str, *, compelling: bool
) -> Transition:
    late = bool(discretion_reason)
    return Transition(
        move=Move.REQUEST_ESCALATION,
        status=CaseStatus.ESCALATION_REQUESTED,
        stage=facts.stage,
        on=on,
        late_escalation=late,
        discretion_used=late,
        discretion_reason=discretion_reason,
        compelling_reason=discretion_reason if compelling else "",
    )


def decide_acknowledge_escalation(
    facts: CaseFacts, *, on: date, officer: str, officer_is_independent: bool = False
) -> Transition:
    """Acknowledge the request and give the next stage to an officer who may take it.

    Raises OfficerNotIndependent (Housing Ombudsman Code 6.13; 004 for children's).
    """
    _require(facts, Move.ACKNOWLEDGE_ESCALATION, on)
    _not_before(on, facts.escalation_requested_on, "the next stage was requested")
    next_stage = facts.stage + 1
    guard_independent_officer(
        facts, stage=next_stage, officer=officer, officer_is_independent=officer_is_independent
    )
    return Transition(
        move=Move.ACKNOWLEDGE_ESCALATION,
        status=CaseStatus.IN_PROGRESS,
        stage=next_stage,
        on=on,
        letter=Letter.ESCALATION_ACKNOWLEDGEMENT,
        ombudsman=facts.ombudsman_code,
        officer=officer,
    )


def _catalogue_entry(catalogue: Mapping[str, Exclusion], code: str) -> Exclusion:
    try:
        return catalogue[code]
    except KeyError:
        raise UnknownExclusion(code) from None


def _exclusion_transition(
    facts: CaseFacts, move: Move, exclusion: Exclusion, reasons: str, on: date, letter: Letter
) -> Transition:
    # An exclusion's outcome says what happens: "hold" pauses the case (001 Appendix A,
    # "logged but no further action ... until proceedings have been fully concluded").
    held = exclusion.outcome == "hold"
    return Transition(
        move=move,
        status=CaseStatus.ON_HOLD if held else CaseStatus.EXCLUDED,
        stage=facts.stage,
        on=on,
        letter=Letter.HOLD_NOTICE if held else letter,
        ombudsman=facts.ombudsman_code,
        exclusion=exclusion,
        reason=reasons.strip(),
        status_before_hold=facts.status if held else None,
        status_before_exclusion=None if held else facts.status,
    )


def decide_refuse_escalation(
    facts: CaseFacts, *, on: date, ground: str, reasons: str, catalogue: Mapping[str, Exclusion]
) -> Transition:
    """Refuse the next stage, in writing, with reasons and the Ombudsman's details.

    Only an exclusion ground from the catalogue will do (Housing Ombudsman Code 5.11 and
    section 2): "the outcome would be the same" is not one, though 001 Appendix A and the
    002 letters say so. Raises EscalationRefusalGroundNotAllowed and ReasonMissing.
    """
    _require(facts, Move.REFUSE_ESCALATION, on)
    if ground not in catalogue:
        raise EscalationRefusalGroundNotAllowed(ground)
    _require_reason(reasons, "refusing the next stage; the person is told it in writing")
    return _exclusion_transition(
        facts, Move.REFUSE_ESCALATION, catalogue[ground], reasons, on, Letter.ESCALATION_REFUSED
    )


def decide_exclude(
    facts: CaseFacts, *, on: date, code: str, reasons: str, catalogue: Mapping[str, Exclusion]
) -> Transition:
    """Exclude the complaint on a catalogued ground, reasoned for this case.

    Housing Ombudsman Code 2.1, 2.4, 2.5: never a blanket exclusion, always with reasons and
    the Ombudsman's details. Raises UnknownExclusion and ReasonMissing.
    """
    _require(facts, Move.EXCLUDE, on)
    exclusion = _catalogue_entry(catalogue, code)
    _require_reason(reasons, "excluding this complaint; each exclusion is decided case by case")
    return _exclusion_transition(
        facts, Move.EXCLUDE, exclusion, reasons, on, Letter.EXCLUSION_NOTICE
    )


def decide_hold(
    facts: CaseFacts, *, on: date, ground: str, catalogue: Mapping[str, Exclusion]
) -> Transition:
    """Pause the case for concurrent proceedings or a council investigation (SPEC "Holds").

    The ground must be a catalogued exclusion whose outcome is "hold" (001 Appendix A, 004
    "concurrent consideration"). Raises UnknownExclusion and HoldGroundNotAllowed.
    """
    _require(facts, Move.HOLD, on)
    exclusion = _catalogue_entry(catalogue, ground)
    if exclusion.outcome != "hold":
        raise HoldGroundNotAllowed(exclusion.title)
    return Transition(
        move=Move.HOLD,
        status=CaseStatus.ON_HOLD,
        stage=facts.stage,
        on=on,
        letter=Letter.HOLD_NOTICE,
        ombudsman=facts.ombudsman_code,
        exclusion=exclusion,
        status_before_hold=facts.status,
    )


def decide_resume(
    facts: CaseFacts, *, on: date, proceedings_ended_on: date | None = None
) -> Transition:
    """Restore the status before the hold; the clocks restart with a fresh due date.

    Children's concurrent consideration: resubmission no later than one year after the
    proceedings end (004). Raises ResubmissionOutOfTime.
    """
    _require(facts, Move.RESUME, on)
    before = facts.status_before_hold
    if before is None:  # CaseFacts refuses on_hold without it; this narrows the type
        raise InvalidCaseFacts("a case on hold needs status_before_hold")
    if facts.hold_ground == "concurrent_proceedings" and proceedings_ended_on is not None:
        limit = add_months(proceedings_ended_on, 12)
        if on > limit:
            raise ResubmissionOutOfTime(on, limit)
    return Transition(move=Move.RESUME, status=before, stage=facts.stage, on=on, restart_clock=True)


def decide_withdraw(facts: CaseFacts, *, on: date, channel: str) -> Transition:
    """Withdraw, by any channel; acknowledged in writing (000, 004 "Withdrawing")."""
    _require(facts, Move.WITHDRAW, on)
    return Transition(
        move=Move.WITHDRAW,
        status=CaseStatus.WITHDRAWN,
        stage=facts.stage,
        on=on,
        letter=Letter.WITHDRAWAL_ACKNOWLEDGEMENT,
        channel=channel,
    )


def decide_reinstate(facts: CaseFacts, *, on: date, reason: str) -> Transition:
    """Take an excluded complaint back on, e.g. when the Ombudsman says the exclusion was
    not fairly applied (Housing Ombudsman Code 2.4). Clocks restart from today."""
    _require(facts, Move.REINSTATE, on)
    before = facts.status_before_exclusion
    if before is None:  # _require already refused it; this narrows the type
        raise InvalidCaseFacts("reinstating needs status_before_exclusion")
    _require_reason(reason, "taking the complaint back on")
    return Transition(
        move=Move.REINSTATE,
        status=before,
        stage=facts.stage,
        on=on,
        reason=reason.strip(),
        restart_clock=True,
    )


def decide_close(facts: CaseFacts, *, on: date) -> Transition:
    """Close after a response, an ended hold, or an Ombudsman enquiry."""
    _require(facts, Move.CLOSE, on)
    return Transition(move=Move.CLOSE, status=CaseStatus.CLOSED, stage=facts.stage, on=on)


def decide_reopen_for_ombudsman(facts: CaseFacts, *, on: date) -> Transition:
    """Reopen for an Ombudsman enquiry (SPEC "Remedies and the Ombudsman")."""
    _require(facts, Move.REOPEN_FOR_OMBUDSMAN, on)
    return Transition(
        move=Move.REOPEN_FOR_OMBUDSMAN,
        status=CaseStatus.WITH_OMBUDSMAN,
        stage=facts.stage,
        on=on,
        ombudsman=facts.ombudsman_code,
    )


def decide_record_panel_held(facts: CaseFacts, *, on: date) -> Transition:
    """Children's stage 3: the review panel met (001 Appendix B: within 30 working days)."""
    _require(facts, Move.RECORD_PANEL_HELD, on)
    _not_before(on, facts.escalation_requested_on, "the review was requested")
    return Transition(
        move=Move.RECORD_PANEL_HELD, status=CaseStatus.PANEL_HELD, stage=facts.stage, on=on
    )


def decide_record_findings(facts: CaseFacts, *, on: date) -> Transition:
    """Children's stage 3: the chair's findings (5 working days after the panel)."""
    _require(facts, Move.RECORD_FINDINGS, on)
    _not_before(on, facts.panel_held_on, "the panel was held")
    return Transition(
        move=Move.RECORD_FINDINGS, status=CaseStatus.FINDINGS_ISSUED, stage=facts.stage, on=on
    )
