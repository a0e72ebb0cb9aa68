"""The lifecycle moves, each ONE call to the same service or letters workflow the staff
screens make (putright/staff/moves.py): this table only says what input each takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers as rf

from putright.api.clients import CASEWORK, CONTRACTOR, ApiClient
from putright.cases import services
from putright.cases.models import Case, Officer
from putright.cases.models.case import CASE_KINDS, CHANNELS
from putright.letters import workflows
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent

DECISIONS = [d.value for d in Decision]
_OFFICER = Officer.objects.filter(is_active=True)


class MoveIn(rf.Serializer):
    version = rf.IntegerField(
        required=False,
        min_value=1,
        help_text="The case's version you read; a different current version answers 409.",
    )


class TriageIn(MoveIn):
    kind = rf.ChoiceField(CASE_KINDS)
    reason = rf.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AcknowledgeIn(MoveIn):
    issues = rf.ListField(child=rf.CharField(max_length=2000), min_length=1, max_length=50)
    outcomes_sought = rf.CharField(max_length=5000)
    responsible = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    not_responsible = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    definition_state = rf.ChoiceField(
        ["agreed", "clarification_asked"], required=False, default="agreed"
    )
    officer = rf.PrimaryKeyRelatedField(queryset=_OFFICER, required=False, allow_null=True)
    late_complaint_discretion = rf.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    expected_delay = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class OfficerIn(MoveIn):
    officer = rf.PrimaryKeyRelatedField(queryset=_OFFICER)


class ExtendIn(MoveIn):
    new_due = rf.DateField()
    reason = rf.CharField(max_length=5000)
    good_reason = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ContractorFeedbackIn(MoveIn):
    feedback = rf.CharField(max_length=20000)
    asked_on = rf.DateField()


class ContractorRequestIn(MoveIn):
    contractor = rf.CharField(max_length=200)


class StatementIn(MoveIn):
    issues = rf.ListField(child=rf.CharField(max_length=2000), min_length=1, max_length=50)
    outcomes_sought = rf.CharField(max_length=5000)


class PlanIn(MoveIn):
    respond_by = rf.DateField()
    how_handled = rf.CharField(max_length=5000)
    good_reason = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    longer_period_agreed = rf.BooleanField(required=False, default=False)


class IssueDecisionIn(rf.Serializer):
    text = rf.CharField(max_length=2000)
    decision = rf.ChoiceField(DECISIONS)
    reasons = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class RespondIn(MoveIn):
    """The response's items (a) to (g); the policy core refuses it without all seven."""

    stage = rf.IntegerField(min_value=1, max_value=3)
    complaint_definition = rf.CharField(max_length=5000, allow_blank=True)
    decision = rf.ChoiceField(DECISIONS, required=False, allow_null=True, default=None)
    issues = IssueDecisionIn(many=True, required=False, default=list)
    reasons = rf.CharField(max_length=20000, allow_blank=True)
    remedies = rf.ListField(child=rf.CharField(max_length=2000), required=False, default=list)
    no_remedy_reason = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    outstanding_actions = rf.ListField(
        child=rf.CharField(max_length=2000), required=False, default=list
    )
    no_outstanding_actions = rf.BooleanField(required=False, default=False)
    how_to_escalate = rf.CharField(max_length=5000, allow_blank=True)
    ombudsman = rf.CharField(max_length=40, required=False, allow_blank=True, default="")
    how_considered = rf.CharField(max_length=20000, required=False, allow_blank=True, default="")
    what_happened = rf.CharField(max_length=20000, required=False, allow_blank=True, default="")


class EscalationRequestIn(MoveIn):
    channel = rf.ChoiceField(CHANNELS)
    context = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    discretion = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")
    compelling_reason = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class GroundIn(MoveIn):
    ground = rf.CharField(max_length=60)
    reasons = rf.CharField(max_length=5000)


class HoldIn(MoveIn):
    ground = rf.CharField(max_length=60)
    detail = rf.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ResumeIn(MoveIn):
    proceedings_ended_on = rf.DateField(required=False, allow_null=True, default=None)


class ChannelIn(MoveIn):
    channel = rf.ChoiceField(CHANNELS)


class ExcludeIn(MoveIn):
    code = rf.CharField(max_length=60)
    reasons = rf.CharField(max_length=5000)


class ReasonIn(MoveIn):
    reason = rf.CharField(max_length=5000)


class FindingsIn(MoveIn):
    findings = rf.CharField(max_length=20000)


Perform = Callable[[ApiClient, Case, dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class MoveSpec:
    slug: str
    summary: str
    serializer: type[MoveIn]
    perform: Perform
    scopes: tuple[str, ...] = (CASEWORK,)


def response_content(d: dict[str, Any]) -> ResponseContent:
    return ResponseContent(
        stage=d["stage"],
        complaint_definition=d["complaint_definition"],
        decision=Decision(d["decision"]) if d["decision"] else None,
        issues=tuple(
            IssueDecision(i["text"], Decision(i["decision"]), i["reasons"]) for i in d["issues"]
        ),
        reasons=d["reasons"],
        remedies=tuple(d["remedies"]),
        no_remedy_reason=d["no_remedy_reason"],
        outstanding_actions=tuple(d["outstanding_actions"]),
        no_outstanding_actions=d["no_outstanding_actions"],
        how_to_escalate=d["how_to_escalate"],
        ombudsman=d["ombudsman"],
    )


def _triage(c: ApiClient, case: Case, d: dict[str, Any]) -> Any:
    if d["kind"] in ("comment", "compliment"):
        return workflows.feedback_triage_and_thank(
            case=case, actor=c.actor, kind=d["kind"], reason=d["reason"]
        )
    return services.contact_triage(case=case, actor=c.actor, kind=d["kind"], reason=d["reason"])


def _acknowledge(c: ApiClient, case: Case, d: dict[str, Any]) -> Any:
    return workflows.acknowledge_and_issue(
        case=case,
        actor=c.actor,
        issues=d["issues"],
        outcomes_sought=d["outcomes_sought"],
        responsible=d["responsible"],
        not_responsible=d["not_responsible"],
        definition_state=d["definition_state"],
        officer=d.get("officer"),
        late_complaint_discretion=d["late_complaint_discretion"],
        expected_delay=d["expected_delay"],
    )


def _respond(c: ApiClient, case: Case, d: dict[str, Any]) -> Any:
    return workflows.respond_and_issue(
        case=case,
        actor=c.actor,
        content=response_content(d),
        how_considered=d["how_considered"],
        what_happened=d["what_happened"],
    )


def _spec(slug: str, summary: str, serializer: type[MoveIn], perform: Perform) -> MoveSpec:
    return MoveSpec(slug, summary, serializer, perform)


MOVES: tuple[MoveSpec, ...] = (
    _spec("triage", "Triage a new contact", TriageIn, _triage),
    _spec("acknowledge", "Acknowledge and define the complaint", AcknowledgeIn, _acknowledge),
    _spec(
        "allocate",
        "Allocate the current stage to an officer",
        OfficerIn,
        lambda c, case, d: services.case_allocate(case=case, actor=c.actor, officer=d["officer"]),
    ),
    _spec(
        "extend",
        "Extend the response date (the person is told)",
        ExtendIn,
        lambda c, case, d: workflows.extend_and_issue(
            case=case,
            actor=c.actor,
            new_due=d["new_due"],
            reason=d["reason"],
            good_reason=d["good_reason"],
        ),
    ),
    _spec(
        "contractor-request",
        "Ask a contractor for first feedback (allocates the case to it)",
        ContractorRequestIn,
        lambda c, case, d: services.contractor_feedback_request(
            case=case, actor=c.actor, contractor=d["contractor"]
        ),
    ),
    MoveSpec(
        "contractor-feedback",
        "Record the contractor's first feedback",
        ContractorFeedbackIn,
        lambda c, case, d: services.contractor_feedback_record(
            case=case, actor=c.actor, feedback=d["feedback"], asked_on=d["asked_on"]
        ),
        scopes=(CASEWORK, CONTRACTOR),
    ),
    _spec(
        "complaint-statement",
        "Agree the complaint statement (children's stage 2)",
        StatementIn,
        lambda c, case, d: services.complaint_statement_agree(
            case=case, actor=c.actor, issues=d["issues"], outcomes_sought=d["outcomes_sought"]
        ),
    ),
    _spec(
        "response-plan",
        "Agree the response plan (adult social care)",
        PlanIn,
        lambda c, case, d: services.response_plan_agree(
            case=case,
            actor=c.actor,
            respond_by=d["respond_by"],
            how_handled=d["how_handled"],
            good_reason=d["good_reason"],
            longer_period_agreed=d["longer_period_agreed"],
        ),
    ),
    _spec("respond", "Issue the stage response and its letter", RespondIn, _respond),
    _spec(
        "escalation-request",
        "Record a request for the next stage",
        EscalationRequestIn,
        lambda c, case, d: services.escalation_request(
            case=case,
            actor=c.actor,
            channel=d["channel"],
            context=d["context"],
            discretion=d["discretion"],
            compelling_reason=d["compelling_reason"],
        ),
    ),
    _spec(
        "escalation-acknowledge",
        "Acknowledge the request and allocate the next stage",
        OfficerIn,
        lambda c, case, d: workflows.escalation_acknowledge_and_issue(
            case=case, actor=c.actor, officer=d["officer"]
        ),
    ),
    _spec(
        "escalation-refuse",
        "Refuse the next stage, on an exclusion ground only",
        GroundIn,
        lambda c, case, d: workflows.escalation_refuse_and_issue(
            case=case, actor=c.actor, ground=d["ground"], reasons=d["reasons"]
        ),
    ),
    _spec(
        "panel-held",
        "Record that the review panel was held",
        MoveIn,
        lambda c, case, d: services.panel_held_record(case=case, actor=c.actor),
    ),
    _spec(
        "panel-findings",
        "Record the panel's findings",
        FindingsIn,
        lambda c, case, d: workflows.panel_findings_and_issue(
            case=case, actor=c.actor, findings=d["findings"]
        ),
    ),
    _spec(
        "hold",
        "Put the case on hold",
        HoldIn,
        lambda c, case, d: workflows.hold_and_issue(
            case=case, actor=c.actor, ground=d["ground"], detail=d["detail"]
        ),
    ),
    _spec(
        "resume",
        "Resume the case",
        ResumeIn,
        lambda c, case, d: services.case_resume(
            case=case, actor=c.actor, proceedings_ended_on=d["proceedings_ended_on"]
        ),
    ),
    _spec(
        "withdraw",
        "Record a withdrawal (acknowledged in writing)",
        ChannelIn,
        lambda c, case, d: workflows.withdraw_and_issue(
            case=case, actor=c.actor, channel=d["channel"]
        ),
    ),
    _spec(
        "exclude",
        "Exclude from the complaints process",
        ExcludeIn,
        lambda c, case, d: workflows.exclude_and_issue(
            case=case, actor=c.actor, code=d["code"], reasons=d["reasons"]
        ),
    ),
    _spec(
        "reinstate",
        "Reinstate the complaint",
        ReasonIn,
        lambda c, case, d: services.case_reinstate(case=case, actor=c.actor, reason=d["reason"]),
    ),
    _spec(
        "close",
        "Close the case",
        MoveIn,
        lambda c, case, d: services.case_close(case=case, actor=c.actor),
    ),
    _spec(
        "reopen-for-ombudsman",
        "Reopen for an Ombudsman enquiry",
        MoveIn,
        lambda c, case, d: services.case_reopen_for_ombudsman(case=case, actor=c.actor),
    ),
)
