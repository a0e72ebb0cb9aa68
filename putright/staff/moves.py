"""The actions panel: one form and one service call for each move of the policy core, and
for the additions to a case's record (remedies, outstanding actions).

The case page offers exactly the moves `selectors.case_moves_allowed` returns (to a member
of staff who may act on the case); each entry here says how to ask for the move's input
and which ONE domain call makes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from putright.accounts.permissions import StaffMember
from putright.cases import services
from putright.cases.models import Case, OutstandingAction, Remedy
from putright.cases.services import ActionOwner, InvalidInput
from putright.core.policy import policy_config
from putright.letters import workflows
from putright.notifications.survey import case_close_and_survey
from putright.policy.lifecycle import Decision, IssueDecision, Move, ResponseContent
from putright.staff import forms as f
from putright.staff.queries import CaseRecord
from putright.staff.records_forms import OmbudsmanOpenForm


@dataclass(frozen=True, slots=True)
class MoveContext:
    case: Case
    record: CaseRecord
    member: StaffMember
    today: date


@dataclass(frozen=True, slots=True)
class MoveSpec:
    slug: str
    label: str  # the action's name in the panel and the form page's heading
    button: str
    form: type[forms.Form]
    perform: Callable[[MoveContext, forms.Form], Any]
    hint: str = ""
    initial: Callable[[MoveContext], dict[str, Any]] | None = None
    # RuleBroken.rule -> the field its message belongs beside (else the top of the form)
    rule_fields: tuple[tuple[str, str], ...] = ()
    warning: bool = False  # a move that ends the case: a warning button

    def field_for(self, rule: str) -> str | None:
        return dict(self.rule_fields).get(rule)


def _d(form: forms.Form) -> dict[str, Any]:
    return form.cleaned_data


# ---------------------------------------------------------------------------------------
# Each move's ONE call


def _acknowledge(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return workflows.acknowledge_and_issue(
        case=ctx.case,
        actor=ctx.member.actor,
        issues=f.lines(d["issues"]),
        outcomes_sought=d["outcomes_sought"],
        responsible=d["responsible"],
        not_responsible=d["not_responsible"],
        definition_state=d["definition_state"],
        officer=d.get("officer"),
        late_complaint_discretion=d["late_complaint_discretion"],
        expected_delay=d.get("expected_delay", ""),
        category=d.get("category"),  # issue 13: themes
        tenure=d.get("tenure", ""),  # issue 13: Tenant Satisfaction Measures
    )


def _acknowledge_initial(ctx: MoveContext) -> dict[str, Any]:
    contact = ctx.case.contacts.order_by("id").first()
    return {
        "issues": contact.text if contact else ctx.case.summary,
        "outcomes_sought": contact.outcomes_sought if contact else "",
    }


def _allocate(ctx: MoveContext, form: forms.Form) -> Any:
    return services.case_allocate(
        case=ctx.case, actor=ctx.member.actor, officer=_d(form)["officer"]
    )


def _extend(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return workflows.extend_and_issue(
        case=ctx.case,
        actor=ctx.member.actor,
        new_due=d["new_due"],
        reason=d["reason"],
        good_reason=d["good_reason"],
    )


def _contractor(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return services.contractor_feedback_record(
        case=ctx.case, actor=ctx.member.actor, feedback=d["feedback"], asked_on=d["asked_on"]
    )


def _statement(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return services.complaint_statement_agree(
        case=ctx.case,
        actor=ctx.member.actor,
        issues=f.lines(d["issues"]),
        outcomes_sought=d["outcomes_sought"],
    )


def _definition_issues(ctx: MoveContext) -> dict[str, Any]:
    definition = ctx.record.definition
    if definition is None:
        return {}
    return {
        "issues": "\n".join(i.text for i in definition.issues.all()),
        "outcomes_sought": definition.outcomes_sought,
    }


def _plan(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return services.response_plan_agree(
        case=ctx.case,
        actor=ctx.member.actor,
        respond_by=d["respond_by"],
        how_handled=d["how_handled"],
        good_reason=d["good_reason"],
        longer_period_agreed=d["longer_period_agreed"],
    )


def response_content(form: f.RespondForm) -> ResponseContent:
    """The composer's fields as the policy core's ResponseContent, items (a) to (g)."""
    d = form.cleaned_data
    decision = d.get("decision")
    return ResponseContent(
        stage=d.get("stage"),
        complaint_definition=d.get("complaint_definition", ""),
        decision=Decision(decision) if decision else None,
        issues=tuple(
            IssueDecision(text, Decision(d[f"issue_{n}_decision"]), d.get(f"issue_{n}_reasons", ""))
            for n, text in enumerate(form.issue_texts, 1)
            if d.get(f"issue_{n}_decision")
        ),
        reasons=d.get("reasons", ""),
        # (e) and (f) are the ledger rows (form.ledger_remedies, form.ledger_actions): the
        # workflow prints their lines and puts them on the case in the same transaction.
        no_remedy_reason=d.get("no_remedy_reason", ""),
        no_outstanding_actions=bool(d.get("no_outstanding_actions")),
        how_to_escalate=d.get("how_to_escalate", ""),
        ombudsman=d.get("ombudsman", ""),
    )


def _respond(ctx: MoveContext, form: forms.Form) -> Any:
    assert isinstance(form, f.RespondForm)  # noqa: S101 - the spec's form
    return workflows.respond_and_issue(
        case=ctx.case,
        actor=ctx.member.actor,
        content=response_content(form),
        remedies=form.ledger_remedies,
        actions=form.ledger_actions,
        root_cause=form.cleaned_data.get("root_cause"),  # issue 13: themes
    )


def is_final_stage(case: Case) -> bool:
    version = policy_config().version_by_key(case.policy_version)
    return not version.has_stage(case.stage + 1)


def complaint_definition_text(issues: list[str], outcomes_sought: str) -> str:
    """The agreed definition as one paragraph, each sentence ending once ("ruined." and
    then ". You would like" must not make "ruined.. You would like")."""
    stated = "; ".join(i.strip().rstrip(".;") for i in issues if i.strip())
    text = f"{stated}." if stated else ""
    wanted = outcomes_sought.strip().rstrip(".")
    if wanted:
        text += f" You would like: {wanted}."
    return text.strip()


def _respond_initial(ctx: MoveContext) -> dict[str, Any]:
    """The composer's starting text. (g) says only what the letter's template does not:
    the template already gives the time limit, the ways to ask and the Ombudsman's details,
    so repeating them here printed the escalation paragraph (or the details) twice."""
    case = ctx.case
    definition = ctx.record.definition
    text = ""
    if definition is not None:
        text = complaint_definition_text(
            [i.text for i in definition.issues.all()], definition.outcomes_sought
        )
    initial: dict[str, Any] = {"stage": case.stage, "complaint_definition": text}
    if is_final_stage(case):
        ombudsman = policy_config().ombudsmen.get(case.ombudsman)
        if ombudsman is not None:
            initial["ombudsman"] = ombudsman.code
            initial["how_to_escalate"] = (
                f"You do not need our permission to contact {ombudsman.name}, and it will "
                "not cost you anything."
            )
    else:
        initial["how_to_escalate"] = (
            f"To ask for stage {case.stage + 1}, tell us that you are still unhappy with "
            "this response."
        )
    return initial


def _escalation_request(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return services.escalation_request(
        case=ctx.case,
        actor=ctx.member.actor,
        channel=d["channel"],
        context=d["context"],
        discretion=d["discretion"],
        compelling_reason=d["compelling_reason"],
    )


def _escalation_acknowledge(ctx: MoveContext, form: forms.Form) -> Any:
    return workflows.escalation_acknowledge_and_issue(
        case=ctx.case, actor=ctx.member.actor, officer=_d(form)["officer"]
    )


def _escalation_refuse(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return workflows.escalation_refuse_and_issue(
        case=ctx.case, actor=ctx.member.actor, ground=d["ground"], reasons=d["reasons"]
    )


def _panel_held(ctx: MoveContext, form: forms.Form) -> Any:
    return services.panel_held_record(case=ctx.case, actor=ctx.member.actor)


def _findings(ctx: MoveContext, form: forms.Form) -> Any:
    return workflows.panel_findings_and_issue(
        case=ctx.case, actor=ctx.member.actor, findings=_d(form)["findings"]
    )


def _hold(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return workflows.hold_and_issue(
        case=ctx.case, actor=ctx.member.actor, ground=d["ground"], detail=d["detail"]
    )


def _resume(ctx: MoveContext, form: forms.Form) -> Any:
    return services.case_resume(
        case=ctx.case,
        actor=ctx.member.actor,
        proceedings_ended_on=_d(form)["proceedings_ended_on"],
    )


def _withdraw(ctx: MoveContext, form: forms.Form) -> Any:
    return workflows.withdraw_and_issue(
        case=ctx.case, actor=ctx.member.actor, channel=_d(form)["channel"]
    )


def _exclude(ctx: MoveContext, form: forms.Form) -> Any:
    d = _d(form)
    return workflows.exclude_and_issue(
        case=ctx.case, actor=ctx.member.actor, code=d["code"], reasons=d["reasons"]
    )


def _reinstate(ctx: MoveContext, form: forms.Form) -> Any:
    return services.case_reinstate(case=ctx.case, actor=ctx.member.actor, reason=_d(form)["reason"])


def _close(ctx: MoveContext, form: forms.Form) -> Any:
    # Issue 13: closing a complaint emails the satisfaction survey (TP09).
    return case_close_and_survey(case=ctx.case, actor=ctx.member.actor)


def _reopen(ctx: MoveContext, form: forms.Form) -> Any:
    # Reopening for the Ombudsman opens the Ombudsman record too (issue 12).
    d = _d(form)
    return services.ombudsman_reopen(
        case=ctx.case,
        actor=ctx.member.actor,
        ombudsman=d["ombudsman"],
        their_reference=d["their_reference"],
        enquiry_received_on=d["enquiry_received_on"],
        response_due_on=d["response_due_on"],
        enquiry=d["enquiry"],
    )


def _join(ctx: MoveContext, form: forms.Form) -> Any:
    from putright.staff.queries import inbox_case

    d = _d(form)
    contact = inbox_case(member=ctx.member, reference=d["contact"])
    if contact is None:
        raise InvalidInput("There is no new contact in the triage inbox with that reference.")
    return services.contact_join_case(
        case=contact,
        open_case=ctx.case,
        actor=ctx.member.actor,
        would_unreasonably_delay=d["would_unreasonably_delay"],
    )


MOVES: dict[Move, MoveSpec] = {
    Move.ACKNOWLEDGE: MoveSpec(
        "acknowledge",
        "Acknowledge and define the complaint",
        "Acknowledge the complaint",
        f.AcknowledgeForm,
        _acknowledge,
        hint="Record the complaint definition agreed with the person; stage 1's clock starts.",
        initial=_acknowledge_initial,
        rule_fields=(
            ("complaint_out_of_time", "late_complaint_discretion"),
            ("officer_not_independent", "officer"),
        ),
    ),
    Move.ALLOCATE: MoveSpec(
        "allocate",
        "Allocate to an officer",
        "Allocate",
        f.AllocateForm,
        _allocate,
        rule_fields=(("officer_not_independent", "officer"),),
    ),
    Move.EXTEND: MoveSpec(
        "extend",
        "Extend the response date",
        "Extend",
        f.ExtendForm,
        _extend,
        hint="The person is told the new date, the reason and the Ombudsman's details.",
        rule_fields=(
            ("extension_reason_missing", "reason"),
            ("extension_beyond_maximum", "good_reason"),
            ("statutory_backstop_passed", "new_due"),
            ("extension_not_later", "new_due"),
        ),
    ),
    Move.RECORD_CONTRACTOR_FEEDBACK: MoveSpec(
        "contractor-feedback",
        "Record the contractor's first feedback",
        "Record feedback",
        f.ContractorFeedbackForm,
        _contractor,
        rule_fields=(("date_out_of_order", "asked_on"),),
    ),
    Move.AGREE_COMPLAINT_STATEMENT: MoveSpec(
        "complaint-statement",
        "Agree the complaint statement",
        "Agree the statement",
        f.StatementForm,
        _statement,
        hint="Children's social care stage 2: the response clock starts from this agreement.",
        initial=_definition_issues,
    ),
    Move.AGREE_RESPONSE_PLAN: MoveSpec(
        "response-plan",
        "Agree the response plan",
        "Agree the plan",
        f.ResponsePlanForm,
        _plan,
        rule_fields=(
            ("extension_beyond_maximum", "good_reason"),
            ("statutory_backstop_passed", "longer_period_agreed"),
        ),
    ),
    Move.RESPOND: MoveSpec(
        "respond",
        "Write and issue the response",
        "Issue the response",
        f.RespondForm,
        _respond,
        hint="A response cannot be issued without every item (a) to (g).",
        initial=_respond_initial,
    ),
    Move.REQUEST_ESCALATION: MoveSpec(
        "escalation-request",
        "Record a request for the next stage",
        "Record the request",
        f.EscalationRequestForm,
        _escalation_request,
        rule_fields=(
            ("escalation_window_closed", "discretion"),
            ("escalation_long_stop_passed", "compelling_reason"),
        ),
    ),
    Move.ACKNOWLEDGE_ESCALATION: MoveSpec(
        "escalation-acknowledge",
        "Acknowledge the request and allocate the next stage",
        "Acknowledge and allocate",
        f.EscalationAcknowledgeForm,
        _escalation_acknowledge,
        hint="The next stage goes to an officer who has not dealt with the complaint.",
        rule_fields=(("officer_not_independent", "officer"),),
    ),
    Move.REFUSE_ESCALATION: MoveSpec(
        "escalation-refuse",
        "Refuse the next stage",
        "Refuse the next stage",
        f.EscalationRefuseForm,
        _escalation_refuse,
        hint="Only on an exclusion ground, in writing, with reasons and the Ombudsman's details.",
        rule_fields=(("escalation_refusal_ground_not_allowed", "ground"),),
        warning=True,
    ),
    Move.RECORD_PANEL_HELD: MoveSpec(
        "panel-held",
        "Record that the review panel was held",
        "Record the panel",
        f.ConfirmForm,
        _panel_held,
    ),
    Move.RECORD_FINDINGS: MoveSpec(
        "panel-findings",
        "Record the panel's findings",
        "Record the findings",
        f.FindingsForm,
        _findings,
    ),
    Move.HOLD: MoveSpec(
        "hold",
        "Put the case on hold",
        "Put on hold",
        f.HoldForm,
        _hold,
        hint="For concurrent proceedings or a council investigation: the clocks stop.",
        rule_fields=(("hold_ground_not_allowed", "ground"), ("unknown_exclusion", "ground")),
    ),
    Move.RESUME: MoveSpec(
        "resume",
        "Resume the case",
        "Resume",
        f.ResumeForm,
        _resume,
        hint="The clocks restart with fresh due dates.",
        rule_fields=(("resubmission_out_of_time", "proceedings_ended_on"),),
    ),
    Move.WITHDRAW: MoveSpec(
        "withdraw",
        "Record a withdrawal",
        "Record the withdrawal",
        f.WithdrawForm,
        _withdraw,
        warning=True,
    ),
    Move.EXCLUDE: MoveSpec(
        "exclude",
        "Exclude from the complaints process",
        "Exclude",
        f.ExcludeForm,
        _exclude,
        hint="The exclusion letter is sent with the reasons and the Ombudsman's details.",
        rule_fields=(("unknown_exclusion", "code"),),
        warning=True,
    ),
    Move.REINSTATE: MoveSpec(
        "reinstate", "Reinstate the complaint", "Reinstate", f.ReasonForm, _reinstate
    ),
    Move.CLOSE: MoveSpec("close", "Close the case", "Close the case", f.ConfirmForm, _close),
    Move.REOPEN_FOR_OMBUDSMAN: MoveSpec(
        "reopen-for-ombudsman",
        "Reopen for an Ombudsman enquiry",
        "Reopen",
        OmbudsmanOpenForm,
        _reopen,
        initial=lambda ctx: {"ombudsman": ctx.case.ombudsman},
    ),
    Move.ADD_RELATED_ISSUE: MoveSpec(
        "join-contact",
        "Join a new related issue to this complaint",
        "Join it to this complaint",
        f.JoinContactForm,
        _join,
        hint="A related issue raised before the stage 1 response joins the open complaint.",
        rule_fields=(("issue_must_be_new_complaint", "contact"),),
    ),
}
MOVES_BY_SLUG: dict[str, Move] = {spec.slug: move for move, spec in MOVES.items()}
# The order of the actions panel: the usual next step first.
PANEL_ORDER: tuple[Move, ...] = (
    Move.ACKNOWLEDGE,
    Move.RESPOND,
    Move.ACKNOWLEDGE_ESCALATION,
    Move.AGREE_COMPLAINT_STATEMENT,
    Move.AGREE_RESPONSE_PLAN,
    Move.RECORD_PANEL_HELD,
    Move.RECORD_FINDINGS,
    Move.ALLOCATE,
    Move.EXTEND,
    Move.RECORD_CONTRACTOR_FEEDBACK,
    Move.REQUEST_ESCALATION,
    Move.ADD_RELATED_ISSUE,
    Move.CLOSE,
    Move.RESUME,
    Move.HOLD,
    Move.REINSTATE,
    Move.REOPEN_FOR_OMBUDSMAN,
    Move.REFUSE_ESCALATION,
    Move.WITHDRAW,
    Move.EXCLUDE,
)


# ---------------------------------------------------------------------------------------
# Additions to the record: remedies and outstanding actions


@dataclass(frozen=True, slots=True)
class RecordSpec:
    slug: str
    label: str
    button: str
    form: type[forms.Form]
    perform: Callable[[MoveContext, forms.Form, Any], Any]
    item: str = ""  # "remedy" / "action": the record the form changes


def _remedy_offer(ctx: MoveContext, form: forms.Form, _item: Any) -> Any:
    d = _d(form)
    return services.remedy_offer(
        case=ctx.case,
        actor=ctx.member.actor,
        kind=d["kind"],
        description=d["description"],
        amount=d["amount"],
    )


def _remedy_update(ctx: MoveContext, form: forms.Form, remedy: Remedy) -> Any:
    d = _d(form)
    return services.remedy_update(
        case=ctx.case,
        actor=ctx.member.actor,
        remedy=remedy,
        state=d["state"],
        replaced_with=d["replaced_with"],
    )


def _action_add(ctx: MoveContext, form: forms.Form, _item: Any) -> Any:
    d = _d(form)
    owner = (
        ActionOwner(kind="contractor", name=d["owner_name"])
        if d["owner_name"].strip()
        else ActionOwner(kind="staff", officer=ctx.member.officer, name=ctx.member.name)
    )
    return services.action_add(
        case=ctx.case,
        actor=ctx.member.actor,
        description=d["description"],
        owner=owner,
        due_on=d["due_on"],
        update_every_days=d["update_every_days"],
    )


def _action_update(ctx: MoveContext, form: forms.Form, action: OutstandingAction) -> Any:
    d = _d(form)
    # Case work (#10): every update reaches the person in writing.
    return workflows.action_update_and_tell(
        case=ctx.case,
        actor=ctx.member.actor,
        action=action,
        text=d["text"],
        completed=d["completed"],
    )


RECORDS: dict[str, RecordSpec] = {
    spec.slug: spec
    for spec in (
        RecordSpec(
            "remedy", "Offer a remedy", "Offer the remedy", f.RemedyOfferForm, _remedy_offer
        ),
        RecordSpec(
            "remedy-update",
            "Update a remedy",
            "Save",
            f.RemedyUpdateForm,
            _remedy_update,
            item="remedy",
        ),
        RecordSpec(
            "action", "Add an outstanding action", "Add the action", f.ActionAddForm, _action_add
        ),
        RecordSpec(
            "action-update",
            "Update an outstanding action",
            "Save the update",
            f.ActionUpdateForm,
            _action_update,
            item="action",
        ),
    )
}
