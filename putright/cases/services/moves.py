"""Services that move a case through its process.

Each one reads a snapshot, asks ONE decide_ function of the policy core, and only then
writes: the optimistic claim on the case first (so a conflict leaves nothing behind), then
the rows the transition calls for, the stored deadlines, and one timeline event. A refused
move raises the core's named error and changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction

from putright.cases.models import (
    Case,
    Category,
    ComplaintDefinition,
    ComplaintIssue,
    Extension,
    Hold,
    Officer,
    PanelReview,
    ResponsePlan,
    RootCause,
    StageRecord,
)
from putright.cases.models.reporting import TENURES
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record
from putright.cases.services._deadlines import deadlines_store
from putright.cases.services._facts import CaseSnapshot, facts_of, snapshot_read
from putright.core import clock
from putright.core.policy import policy_config, working_calendar
from putright.policy import lifecycle
from putright.policy.lifecycle import ResponseContent, Transition


def _status_fields(transition: Transition) -> dict[str, Any]:
    return {"status": str(transition.status), "stage": transition.stage}


def _finish(
    *,
    case: Case,
    actor: Actor,
    transition: Transition,
    summary: str,
    before: dict[str, Any],
    after: dict[str, Any] | None = None,
) -> Case:
    deadlines_store(case, today=clock.today())
    timeline_record(
        case=case,
        actor=actor,
        action=str(transition.move),
        summary=summary,
        before=before,
        after={"status": str(transition.status), "stage": transition.stage, **(after or {})},
    )
    return case


def _begin(case: Case) -> tuple[CaseSnapshot, lifecycle.CaseFacts, dict[str, Any]]:
    snap = snapshot_read(case)
    return snap, facts_of(snap), {"status": case.status, "stage": case.stage}


def _stage_record(case: Case, number: int) -> StageRecord:
    # The case's process and service go with the record: the reports count by them.
    record, _ = StageRecord.objects.get_or_create(
        case=case,
        number=number,
        defaults={"process": case.process, "service_id": case.service_id},
    )
    return record


def _officer_join(record: StageRecord, officer: Officer) -> None:
    handled = [h for h in record.handled_by if h != str(officer.pk)] + [str(officer.pk)]
    record.officer = officer
    record.handled_by = handled


# ---------------------------------------------------------------------------------------
# Stage 1 and the complaint definition


def _definition_write(
    *,
    case: Case,
    stage: int,
    issues: list[str],
    outcomes_sought: str,
    responsible: str,
    not_responsible: str,
    state: str,
    on: date,
) -> ComplaintDefinition:
    issues = [i.strip() for i in issues if i and i.strip()]
    if not issues:
        raise InvalidInput("Write down at least one issue, in the person's own words.")
    if not outcomes_sought.strip():
        raise InvalidInput("Write down the outcome the person wants.")
    if state not in dict(ComplaintDefinition.STATES):
        raise InvalidInput("Say whether the definition is agreed or clarification was asked.")
    definition, _ = ComplaintDefinition.objects.update_or_create(
        case=case,
        stage=stage,
        defaults={
            "outcomes_sought": outcomes_sought.strip(),
            "council_responsible_for": responsible,
            "council_not_responsible_for": not_responsible,
            "state": state,
            "recorded_on": on,
        },
    )
    definition.issues.all().delete()
    ComplaintIssue.objects.bulk_create(
        [ComplaintIssue(definition=definition, number=n, text=t) for n, t in enumerate(issues, 1)]
    )
    return definition


def _category_fields(category: Category | None) -> dict[str, Any]:
    """A case's category and sub-category from the one chosen (either level)."""
    if category is None:
        return {}
    if category.parent_id is not None:
        return {"category_id": category.parent_id, "sub_category_id": category.pk}
    return {"category_id": category.pk, "sub_category_id": None}


@transaction.atomic
def complaint_acknowledge(
    *,
    case: Case,
    actor: Actor,
    issues: list[str],
    outcomes_sought: str,
    responsible: str = "",
    not_responsible: str = "",
    definition_state: str = "agreed",
    officer: Officer | None = None,
    late_complaint_discretion: str = "",
    category: Category | None = None,
    tenure: str = "",
    on: date | None = None,
) -> Case:
    """Acknowledge, define and log the complaint; stage 1's clock starts (Code 5.1, 6.2).

    `category` (a category or a sub-category) files the complaint under a theme for reports;
    `tenure` ("rented", "shared_ownership" or "") is the home's, for the Tenant Satisfaction
    Measures.
    """
    if tenure and tenure not in dict(TENURES):
        raise InvalidInput("Choose the tenure of the home from the list.")
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_acknowledge(
        facts, on=day, late_complaint_discretion=late_complaint_discretion
    )
    if officer is not None:
        lifecycle.decide_allocate(
            facts, on=day, officer=str(officer.pk), officer_is_independent=officer.is_independent
        )
    case_claim(
        case,
        **_status_fields(transition),
        late_complaint_reason=transition.discretion_reason if transition.late_complaint else "",
        **_category_fields(category),
        **({"tenure": tenure} if tenure else {}),
    )
    _definition_write(
        case=case,
        stage=1,
        issues=issues,
        outcomes_sought=outcomes_sought,
        responsible=responsible,
        not_responsible=not_responsible,
        state=definition_state,
        on=day,
    )
    record = _stage_record(case, 1)
    record.acknowledged_on = day
    record.clock_start_on = day
    if officer is not None:
        _officer_join(record, officer)
    record.save()
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Complaint acknowledged and defined ({len(issues)} issue(s))"
        + (
            " - accepted at discretion after the 12-month limit"
            if transition.late_complaint
            else ""
        ),
        after={
            "issues": issues,
            "outcomes_sought": outcomes_sought,
            "officer": officer and officer.name,
        },
    )


@transaction.atomic
def case_allocate(*, case: Case, actor: Actor, officer: Officer, on: date | None = None) -> Case:
    """Give the current stage to an officer; refused if they handled an earlier stage."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_allocate(
        facts, on=day, officer=str(officer.pk), officer_is_independent=officer.is_independent
    )
    case_claim(case)
    record = _stage_record(case, case.stage)
    previous = record.officer.name if record.officer_id and record.officer else None
    _officer_join(record, officer)
    record.save()
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before={**before, "officer": previous},
        summary=f"Stage {case.stage} allocated to {officer.name}",
        after={"officer": officer.name},
    )


@transaction.atomic
def stage_extend(
    *,
    case: Case,
    actor: Actor,
    new_due: date,
    reason: str,
    good_reason: str = "",
    on: date | None = None,
) -> Case:
    """Extend the current stage's response date, with a reason the person is told."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_extend(
        facts,
        on=day,
        new_due=new_due,
        reason=reason,
        good_reason=good_reason,
        calendar=working_calendar(),
    )
    case_claim(case)
    record = _stage_record(case, case.stage)
    Extension.objects.create(
        stage=record,
        decided_on=day,
        new_due_on=new_due,
        reason=transition.reason,
        good_reason_beyond_maximum=transition.good_reason,
        decided_by=actor.officer,
    )
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before={**before, "respond_by": facts.due_on},
        summary=f"Stage {case.stage} response date extended to {new_due:%d %B %Y}: "
        f"{transition.reason}",
        after={
            "respond_by": new_due,
            "reason": transition.reason,
            "beyond_maximum": transition.beyond_maximum,
            "good_reason": transition.good_reason,
        },
    )


@transaction.atomic
def contractor_feedback_record(
    *, case: Case, actor: Actor, feedback: str, asked_on: date, on: date | None = None
) -> Case:
    """A contractor's first feedback to the investigating officer (due in 1 working day)."""
    day = on or clock.today()
    if not feedback.strip():
        raise InvalidInput("Enter the contractor's feedback.")
    _, facts, before = _begin(case)
    transition = lifecycle.decide_record_contractor_feedback(
        facts, on=day, asked_on=asked_on, calendar=working_calendar()
    )
    case_claim(case)
    record = _stage_record(case, case.stage)
    record.contractor_feedback_on = day
    record.contractor_feedback = feedback.strip()
    record.save(update_fields=["contractor_feedback_on", "contractor_feedback"])
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Contractor's first feedback received"
        + (" (late)" if transition.contractor_feedback_late else ""),
        after={"feedback": feedback.strip(), "late": transition.contractor_feedback_late},
    )


@transaction.atomic
def contractor_feedback_request(
    *, case: Case, actor: Actor, contractor: str, on: date | None = None
) -> Case:
    """The investigating officer asks the contractor for first feedback (002, HM&I process).

    Records the day asked on the current stage, so the scheduler can remind the officer when
    the feedback falls due (time_limits.contractor_first_feedback_days working days later).
    Raises the policy core's error when contractor feedback has no place on the case now.
    """
    day = on or clock.today()
    if not contractor.strip():
        raise InvalidInput("Enter the contractor's name.")
    _, facts, before = _begin(case)
    problem = lifecycle.why_not(facts, lifecycle.Move.RECORD_CONTRACTOR_FEEDBACK)
    if problem is not None:
        raise problem
    case_claim(case)
    record = _stage_record(case, case.stage)
    record.contractor_asked_on = day
    record.save(update_fields=["contractor_asked_on"])
    due = working_calendar().add_working_days(
        day, policy_config().time_limits.contractor_first_feedback_days
    )
    timeline_record(
        case=case,
        actor=actor,
        action="contractor_asked",
        summary=f"{contractor.strip()} asked for first feedback by {due:%d %B %Y}",
        before=before,
        after={"contractor": contractor.strip(), "asked_on": day, "due_on": due},
    )
    return case


@transaction.atomic
def complaint_statement_agree(
    *,
    case: Case,
    actor: Actor,
    issues: list[str],
    outcomes_sought: str,
    on: date | None = None,
) -> Case:
    """Children's stage 2: the agreed complaint statement starts the 25-day clock."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_agree_complaint_statement(facts, on=day)
    case_claim(case, **_status_fields(transition))
    _definition_write(
        case=case,
        stage=case.stage,
        issues=issues,
        outcomes_sought=outcomes_sought,
        responsible="",
        not_responsible="",
        state="agreed",
        on=day,
    )
    record = _stage_record(case, case.stage)
    record.statement_agreed_on = day
    record.clock_start_on = day
    record.save(update_fields=["statement_agreed_on", "clock_start_on"])
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Complaint statement agreed; stage {case.stage} clock started",
        after={"issues": issues},
    )


@transaction.atomic
def response_plan_agree(
    *,
    case: Case,
    actor: Actor,
    respond_by: date,
    how_handled: str,
    good_reason: str = "",
    longer_period_agreed: bool = False,
    on: date | None = None,
) -> Case:
    """Adult social care: the response plan agreed with the person (2009 Regulations)."""
    day = on or clock.today()
    if not how_handled.strip():
        raise InvalidInput("Describe how the complaint will be handled, as agreed.")
    _, facts, before = _begin(case)
    transition = lifecycle.decide_agree_response_plan(
        facts,
        on=day,
        respond_by=respond_by,
        calendar=working_calendar(),
        good_reason=good_reason,
        longer_period_agreed=longer_period_agreed,
    )
    case_claim(case, **_status_fields(transition))
    ResponsePlan.objects.create(
        case=case,
        agreed_on=day,
        respond_by=respond_by,
        how_handled=how_handled.strip(),
        backstop_agreed_on=respond_by if longer_period_agreed else None,
    )
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Response plan agreed: response by {respond_by:%d %B %Y}",
        after={"respond_by": respond_by, "how_handled": how_handled.strip()},
    )


@transaction.atomic
def stage_respond(
    *,
    case: Case,
    actor: Actor,
    content: ResponseContent,
    root_cause: RootCause | None = None,
    on: date | None = None,
) -> Case:
    """Issue the current stage's response; refused without every item (a)-(g).

    `root_cause`: why it went wrong, as the officer found (reports of themes)."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_respond(facts, on=day, content=content)
    case_claim(case, **_status_fields(transition))
    record = _stage_record(case, case.stage)
    record.responded_on = day
    record.overall_decision = str(content.decision or "")
    record.reasons = content.reasons
    record.response = _jsonable_response(content)
    record.root_cause = root_cause
    record.save(
        update_fields=["responded_on", "overall_decision", "reasons", "response", "root_cause"]
    )
    definition = (
        ComplaintDefinition.objects.filter(case=case, stage__lte=case.stage)
        .order_by("-stage")
        .first()
    )
    if definition is not None:
        by_text = {d.issue: d for d in content.issues}
        for issue in definition.issues.all():
            decided = by_text.get(issue.text)
            if decided is not None:
                issue.decision = str(decided.decision)
                issue.reasons = decided.reasons
                issue.save(update_fields=["decision", "reasons"])
    if case.stage == 3:
        PanelReview.objects.filter(case=case).update(council_response_on=day)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Stage {case.stage} response issued: "
        f"{str(content.decision or '').replace('_', ' ')}"
        + (" (final response)" if transition.final_response else ""),
        after={"decision": str(content.decision or ""), "final": transition.final_response},
    )


def _jsonable_response(content: ResponseContent) -> dict[str, Any]:
    raw = asdict(content)
    raw["decision"] = str(content.decision) if content.decision else ""
    raw["issues"] = [
        {"issue": d.issue, "decision": str(d.decision), "reasons": d.reasons}
        for d in content.issues
    ]
    return raw


# ---------------------------------------------------------------------------------------
# Escalation


@transaction.atomic
def escalation_request(
    *,
    case: Case,
    actor: Actor,
    channel: str,
    context: str = "",
    discretion: str = "",
    compelling_reason: str = "",
    on: date | None = None,
) -> Case:
    """The person asks for the next stage. No reasons are required (Code 6.12)."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_request_escalation(
        facts,
        on=day,
        calendar=working_calendar(),
        discretion=discretion,
        compelling_reason=compelling_reason,
    )
    case_claim(case, **_status_fields(transition))
    record = _stage_record(case, case.stage + 1)
    record.requested_on = day
    record.request_channel = channel
    record.request_context = context.strip()
    record.discretion_reason = transition.discretion_reason
    record.save()
    if case.stage + 1 == 3:
        PanelReview.objects.update_or_create(case=case, defaults={"requested_on": day})
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Stage {case.stage + 1} requested"
        + (" after the window, accepted at discretion" if transition.late_escalation else ""),
        after={
            "requested_on": day,
            "channel": channel,
            "context": context.strip(),
            "discretion": transition.discretion_reason,
        },
    )


@transaction.atomic
def escalation_acknowledge(
    *, case: Case, actor: Actor, officer: Officer, on: date | None = None
) -> Case:
    """Acknowledge the request and give the next stage to a different officer (Code 6.13)."""
    day = on or clock.today()
    snap, facts, before = _begin(case)
    transition = lifecycle.decide_acknowledge_escalation(
        facts, on=day, officer=str(officer.pk), officer_is_independent=officer.is_independent
    )
    case_claim(case, **_status_fields(transition))
    record = _stage_record(case, transition.stage)
    record.acknowledged_on = day
    clock_event = snap.version.stage(transition.stage).clock_starts
    if clock_event == "escalation_acknowledged":
        record.clock_start_on = day
    elif clock_event == "review_requested":
        record.clock_start_on = record.requested_on
    _officer_join(record, officer)
    record.save()
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Stage {transition.stage} acknowledged and allocated to {officer.name}",
        after={"officer": officer.name},
    )


@transaction.atomic
def escalation_refuse(
    *, case: Case, actor: Actor, ground: str, reasons: str, on: date | None = None
) -> Case:
    """Refuse the next stage: only on an exclusion ground, in writing, with reasons."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_refuse_escalation(
        facts, on=day, ground=ground, reasons=reasons, catalogue=policy_config().exclusions
    )
    case_claim(case, **_exclusion_fields(transition))
    StageRecord.objects.filter(case=case, number=case.stage + 1, acknowledged_on=None).delete()
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Request for the next stage refused: "
        f"{transition.exclusion.title if transition.exclusion else ground}",
        after={"ground": ground, "reasons": reasons},
    )


def _exclusion_fields(transition: Transition) -> dict[str, Any]:
    fields = _status_fields(transition)
    fields["exclusion_code"] = transition.exclusion.code if transition.exclusion else ""
    fields["exclusion_reasons"] = transition.reason
    fields["status_before_exclusion"] = str(transition.status_before_exclusion or "")
    fields["status_before_hold"] = str(transition.status_before_hold or "")
    return fields


# ---------------------------------------------------------------------------------------
# Exclusion, hold, withdrawal, closure


@transaction.atomic
def case_exclude(
    *, case: Case, actor: Actor, code: str, reasons: str, on: date | None = None
) -> Case:
    """Exclude the complaint on a catalogue ground, with reasons; the letter follows."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_exclude(
        facts, on=day, code=code, reasons=reasons, catalogue=policy_config().exclusions
    )
    case_claim(case, **_exclusion_fields(transition))
    if transition.status == lifecycle.CaseStatus.ON_HOLD:
        Hold.objects.create(case=case, reason=code, detail=transition.reason, held_on=day)
    title = transition.exclusion.title if transition.exclusion else code
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Excluded: {title}"
        if transition.status != lifecycle.CaseStatus.ON_HOLD
        else f"Logged and put on hold: {title}",
        after={"code": code, "reasons": transition.reason},
    )


@transaction.atomic
def case_hold(
    *, case: Case, actor: Actor, ground: str, detail: str = "", on: date | None = None
) -> Case:
    """Stop the clocks for concurrent proceedings or a council investigation."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_hold(
        facts, on=day, ground=ground, catalogue=policy_config().exclusions
    )
    case_claim(
        case,
        **_status_fields(transition),
        status_before_hold=str(transition.status_before_hold or ""),
    )
    Hold.objects.create(case=case, reason=ground, detail=detail, held_on=day)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Put on hold: {transition.exclusion.title if transition.exclusion else ground}",
        after={"ground": ground, "detail": detail},
    )


@transaction.atomic
def case_resume(
    *,
    case: Case,
    actor: Actor,
    proceedings_ended_on: date | None = None,
    on: date | None = None,
) -> Case:
    """Restart the clocks; every open deadline moves by the working days of the hold."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_resume(facts, on=day, proceedings_ended_on=proceedings_ended_on)
    case_claim(case, **_status_fields(transition), status_before_hold="")
    Hold.objects.filter(case=case, resumed_on=None).update(resumed_on=day)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Hold ended: clocks restarted with fresh due dates",
    )


@transaction.atomic
def case_withdraw(*, case: Case, actor: Actor, channel: str, on: date | None = None) -> Case:
    """The person withdraws, by any channel; a written acknowledgement follows."""
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_withdraw(facts, on=day, channel=channel)
    case_claim(case, **_status_fields(transition), closed_on=day)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Withdrawn by the person ({channel.replace('_', ' ')})",
        after={"channel": channel},
    )


@transaction.atomic
def case_reinstate(*, case: Case, actor: Actor, reason: str, on: date | None = None) -> Case:
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_reinstate(facts, on=day, reason=reason)
    case_claim(case, **_status_fields(transition), status_before_exclusion="", exclusion_code="")
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary=f"Reinstated: {reason.strip()}",
        after={"reason": reason.strip()},
    )


@transaction.atomic
def case_close(*, case: Case, actor: Actor, on: date | None = None) -> Case:
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_close(facts, on=day)
    case_claim(case, **_status_fields(transition), closed_on=day)
    return _finish(
        case=case, actor=actor, transition=transition, before=before, summary="Case closed"
    )


@transaction.atomic
def case_reopen_for_ombudsman(*, case: Case, actor: Actor, on: date | None = None) -> Case:
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_reopen_for_ombudsman(facts, on=day)
    case_claim(case, **_status_fields(transition), closed_on=None)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Reopened for an Ombudsman enquiry",
    )


# ---------------------------------------------------------------------------------------
# Children's stage 3: the review panel


@transaction.atomic
def panel_held_record(*, case: Case, actor: Actor, on: date | None = None) -> Case:
    day = on or clock.today()
    _, facts, before = _begin(case)
    transition = lifecycle.decide_record_panel_held(facts, on=day)
    case_claim(case, **_status_fields(transition))
    PanelReview.objects.filter(case=case).update(panel_held_on=day, panel_date=day)
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Review panel held",
        after={"panel_held_on": day},
    )


@transaction.atomic
def panel_findings_record(
    *, case: Case, actor: Actor, findings: str, on: date | None = None
) -> Case:
    day = on or clock.today()
    if not findings.strip():
        raise InvalidInput("Enter the panel chair's findings and recommendations.")
    _, facts, before = _begin(case)
    transition = lifecycle.decide_record_findings(facts, on=day)
    case_claim(case, **_status_fields(transition))
    PanelReview.objects.filter(case=case).update(findings_issued_on=day, findings=findings.strip())
    return _finish(
        case=case,
        actor=actor,
        transition=transition,
        before=before,
        summary="Review panel's findings issued",
        after={"findings": findings.strip()},
    )
