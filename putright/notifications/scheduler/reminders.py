"""The reminder jobs. Each finds what falls due with the case record's selectors
(putright.cases.due), builds `Reminder`s and hands them to `reminders_send`.

Reminders go to staff only, on working days only (a run on a weekend or a bank holiday
sends none; the next working day's run catches up). They name the case by its reference and
carry no personal data of the person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import batched

from putright.cases import due
from putright.cases.models import Officer, OmbudsmanCase
from putright.core.policy import policy_config
from putright.notifications.scheduler.base import (
    JobContext,
    JobResult,
    Reminder,
    officer_email,
    reminders_send,
)

# Cases read per batch for the policy core's deadlines (seven queries a batch).
CASE_BATCH = 500


def _not_a_working_day(job: str, ctx: JobContext) -> JobResult | None:
    if ctx.working_day:
        return None
    return JobResult(job, skipped=f"{ctx.on.isoformat()} is not a working day")


def _periods_due(ctx: JobContext, start: date, every: int) -> date | None:
    """The latest date `start` + k x `every` working days (k >= 1) on or before today."""
    elapsed = ctx.calendar.working_days_between(start, ctx.on)
    periods = elapsed // every
    return ctx.add_working_days(start, periods * every) if periods >= 1 else None


# ---------------------------------------------------------------------------------------
# Deadlines: the officer before and on the day; the service manager once missed


def deadline_label(name: str) -> str:
    """Plain words for a deadline of the policy core ('stage1.respond_by')."""
    if name == "acknowledge_by":
        return "acknowledgement"
    stage, _, rule = name.partition(".")
    number = stage.removeprefix("stage")
    labels = {
        "acknowledge_by": f"acknowledgement of the stage {number} request",
        "respond_by": f"stage {number} response",
        "max": f"stage {number} response at the latest (longest extension)",
        "backstop": f"stage {number} response: statutory time limit",
        "panel_by": "review panel to be held",
        "findings_by": "review panel chair's findings",
        "response_by": "council's response to the panel's findings",
    }
    return labels.get(rule, f"stage {number} {rule.replace('_', ' ')}")


def _deadline_stage(name: str, current: int) -> int:
    stage, dot, _ = name.partition(".")
    return int(stage.removeprefix("stage")) if dot and stage.startswith("stage") else current


def _deadline_recipient(ctx: JobContext, item: due.DueCase, name: str) -> str:
    # The complaints team logs and acknowledges (SPEC "People who use it"); the officer
    # holding a stage answers for its other deadlines.
    if name.split(".")[-1] == "acknowledge_by":
        return ctx.team_email
    officer = item.officers.get(_deadline_stage(name, item.case.stage))
    return officer_email(officer) or ctx.team_email


def _cases_due(ctx: JobContext, *, last: date) -> Iterator[due.DueCase]:
    cases = list(due.cases_with_deadline_by(last=last))
    for chunk in batched(cases, CASE_BATCH, strict=False):
        yield from due.cases_due(cases=chunk, today=ctx.on)


def deadline_reminders(ctx: JobContext) -> JobResult:
    """The officer, N working days before each deadline (default 2) and on the day.

    On a working day D, deadlines from D up to the day before the next working day are due
    "today"; those from the next working day up to D + N working days are coming up (the
    ones 1 day away are caught up if a run was missed). Keyed per deadline and due date,
    so an extension to a new date brings new reminders.
    """
    job = "deadline_reminders"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    next_working_day = ctx.add_working_days(ctx.on, 1)
    last = ctx.add_working_days(ctx.on, ctx.config.deadline_reminder_working_days)
    reminders = []
    for item in _cases_due(ctx, last=last):
        case = item.case
        for deadline in item.deadlines:
            if deadline.due is None or not ctx.on <= deadline.due <= last:
                continue
            today = deadline.due < next_working_day
            label = deadline_label(deadline.name)
            when = ctx.day(deadline.due)
            left = ctx.calendar.working_days_between(ctx.on, deadline.due)
            reminders.append(
                Reminder(
                    job="deadline_due" if today else "deadline_soon",
                    subject_key=f"case:{case.pk}:{deadline.name}",
                    due_on=deadline.due,
                    to=_deadline_recipient(ctx, item, deadline.name),
                    case_reference=case.reference,
                    headline=f"{label} due {when}",
                    detail=(
                        f"Case {case.reference} ({case.service.name}): the {label} is due "
                        + (when if deadline.due == ctx.on else f"on {when}")
                        + ("." if today else f", in {left} working day(s).")
                    ),
                )
            )
    return reminders_send(job, reminders, ctx=ctx)


def overdue_alerts(ctx: JobContext) -> JobResult:
    """The service manager (Service.manager_email, else the complaints team), once for each
    deadline missed, on the first working day after it."""
    job = "overdue_alerts"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    yesterday = date.fromordinal(ctx.on.toordinal() - 1)
    reminders = []
    for item in _cases_due(ctx, last=yesterday):
        case = item.case
        for deadline in item.deadlines:
            if deadline.due is None or deadline.due >= ctx.on:
                continue
            label = deadline_label(deadline.name)
            late = ctx.calendar.working_days_between(deadline.due, ctx.on)
            reminders.append(
                Reminder(
                    job="deadline_overdue",
                    subject_key=f"case:{case.pk}:{deadline.name}",
                    due_on=deadline.due,
                    to=case.service.manager_email or ctx.team_email,
                    case_reference=case.reference,
                    headline=f"OVERDUE: {label} was due {ctx.day(deadline.due)}",
                    detail=(
                        f"Case {case.reference} ({case.service.name}) has missed a deadline: "
                        f"the {label} was due on {ctx.day(deadline.due)} and is now {late} "
                        "working day(s) late. Please make sure the officer has what they need."
                    ),
                )
            )
    return reminders_send(job, reminders, ctx=ctx)


# ---------------------------------------------------------------------------------------
# Outstanding actions, contractors, reviews, holds


def action_update_reminders(ctx: JobContext) -> JobResult:
    """The action's owner, each time an update to the person falls due: every
    `update_every_days` working days since the last update (or since the action was agreed),
    while the action is not complete (Housing Ombudsman Code 6.11, SPEC outstanding actions).
    """
    job = "action_update_reminders"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    actions = list(due.actions_open())
    owners = due.current_officers(cases={a.case for a in actions})
    reminders = []
    for action in actions:
        start = action.last_update_on or action.created_on
        update_due = _periods_due(ctx, start, action.update_every_days)
        if update_due is None:
            continue
        case = action.case
        to = (
            officer_email(action.owner_officer)
            or officer_email(owners.get(case.pk))
            or ctx.team_email
        )
        last = "last update" if action.last_update_on else "agreed"
        what = action.description[:120] + ("…" if len(action.description) > 120 else "")
        reminders.append(
            Reminder(
                job="action_update",
                subject_key=f"action:{action.pk}",
                due_on=update_due,
                to=to,
                case_reference=case.reference,
                headline="an update to the person on an outstanding action is due",
                detail=(
                    f"Case {case.reference}: the person was promised an update every "
                    f"{action.update_every_days} working day(s) on this action "
                    f"({last} {ctx.day(start)}; due {ctx.day(action.due_on)}):\n  {what}\n"
                    "Record the update on the case (it is sent to the person in writing), or "
                    "complete the action."
                ),
            )
        )
    return reminders_send(job, reminders, ctx=ctx)


def contractor_feedback_reminders(ctx: JobContext) -> JobResult:
    """The investigating officer, when a contractor's first feedback falls due
    (time_limits.contractor_first_feedback_days working days after asking; 002) and none is
    recorded."""
    job = "contractor_feedback_reminders"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    days = policy_config().time_limits.contractor_first_feedback_days
    reminders = []
    for record in due.contractor_feedback_awaited(asked_by=ctx.on):
        asked = record.contractor_asked_on
        if asked is None:  # the selector excludes these; this narrows the type
            continue
        feedback_due = ctx.add_working_days(asked, days)
        if feedback_due > ctx.on:
            continue
        case = record.case
        reminders.append(
            Reminder(
                job="contractor_feedback",
                subject_key=f"stage:{record.pk}",
                due_on=feedback_due,
                to=officer_email(record.officer) or ctx.team_email,
                case_reference=case.reference,
                headline=f"contractor's first feedback due {ctx.day(feedback_due)}",
                detail=(
                    f"Case {case.reference}, stage {record.number}: the contractor was asked for "
                    f"first feedback on {ctx.day(asked)}, due within {days} working day(s) "
                    f"({ctx.day(feedback_due)}), and none is recorded. Chase the contractor, "
                    "then record their feedback on the case."
                ),
            )
        )
    return reminders_send(job, reminders, ctx=ctx)


def review_reminders(ctx: JobContext) -> JobResult:
    """The complaints team, on the review date of each restriction in force (001,
    unacceptable behaviour) and each reasonable adjustment in place (Equality Act 2010)."""
    job = "review_reminders"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    # Today's reminders cover review dates up to the day before the next working day.
    by = date.fromordinal(ctx.add_working_days(ctx.on, 1).toordinal() - 1)
    restrictions = list(due.restrictions_to_review(by=by))
    adjustments = list(due.adjustments_to_review(by=by))
    references = due.latest_case_references(
        person_ids=[r.person_id for r in restrictions] + [a.person_id for a in adjustments]
    )
    reminders = []
    for restriction in restrictions:
        reference = references.get(restriction.person_id, "")
        reminders.append(
            Reminder(
                job="restriction_review",
                subject_key=f"restriction:{restriction.pk}",
                due_on=restriction.review_on,
                to=ctx.team_email,
                case_reference=reference,
                headline=f"restriction on contact to review {ctx.day(restriction.review_on)}",
                detail=(
                    f"The restriction on contact with the person of case {reference} (in force "
                    f"since {ctx.day(restriction.starts_on)}) is due for review on "
                    f"{ctx.day(restriction.review_on)}. Decide whether it is still "
                    "proportionate: end it, or record a new review date, and tell the person."
                ),
            )
        )
    for adjustment in adjustments:
        if adjustment.review_on is None:  # the selector excludes these; narrows the type
            continue
        reference = references.get(adjustment.person_id, "")
        kind = adjustment.get_kind_display().lower()
        reminders.append(
            Reminder(
                job="adjustment_review",
                subject_key=f"adjustment:{adjustment.pk}",
                due_on=adjustment.review_on,
                to=ctx.team_email,
                case_reference=reference,
                headline=f"reasonable adjustment to review {ctx.day(adjustment.review_on)}",
                detail=(
                    f"The reasonable adjustment ({kind}) for the person of case {reference} is "
                    f"due for review on {ctx.day(adjustment.review_on)}. Check with the person "
                    "that it still meets their needs, and record the outcome."
                ),
            )
        )
    return reminders_send(job, reminders, ctx=ctx)


def hold_reviews(ctx: JobContext) -> JobResult:
    """The officer of a case on hold, every HOLD_REVIEW_WORKING_DAYS working days (default
    20) while it stays held: have the proceedings or the investigation ended? When they
    have, resume the case (its clocks restart with fresh due dates)."""
    job = "hold_reviews"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    every = ctx.config.hold_review_working_days
    holds = list(due.holds_open())
    officers = due.current_officers(cases={h.case for h in holds})
    exclusions = policy_config().exclusions
    reminders = []
    for hold in holds:
        review_due = _periods_due(ctx, hold.held_on, every)
        if review_due is None:
            continue
        case = hold.case
        ground = exclusions[hold.reason].title if hold.reason in exclusions else hold.reason
        detail = (
            f"Case {case.reference} has been on hold since {ctx.day(hold.held_on)} "
            f"({ground}). Check whether that has ended. When it has, resume the case: its "
            "clocks restart with fresh due dates."
        )
        if hold.reason == "concurrent_proceedings":
            # 004, concurrent consideration: resubmission up to one year after they end.
            detail += (
                " Concurrent proceedings: the complaint can be taken up again no later than "
                "one year after they end, so record the date they ended when you resume."
            )
        reminders.append(
            Reminder(
                job="hold_review",
                subject_key=f"hold:{hold.pk}",
                due_on=review_due,
                to=officer_email(officers.get(case.pk)) or ctx.team_email,
                case_reference=case.reference,
                headline="case on hold: check whether it can resume",
                detail=detail,
            )
        )
    return reminders_send(job, reminders, ctx=ctx)


# ---------------------------------------------------------------------------------------
# Ombudsman orders: a Complaint Handling Failure Notice follows a missed order date


def _information_reminder(
    ctx: JobContext, enquiry: OmbudsmanCase, officers: dict[int, Officer]
) -> Reminder:
    """The Ombudsman's enquiry: the council's response (information) is due, or overdue."""
    case = enquiry.case
    due_on = enquiry.response_due_on
    assert due_on is not None  # noqa: S101 - the selector excludes enquiries without one
    overdue = due_on < ctx.on
    when = ctx.day(due_on)
    return Reminder(
        job="ombudsman_information_overdue" if overdue else "ombudsman_information_due",
        subject_key=f"ombudsman_case:{enquiry.pk}",
        due_on=due_on,
        to=officer_email(officers.get(case.pk)) or ctx.team_email,
        case_reference=case.reference,
        headline=(
            f"OVERDUE: response to the Ombudsman was due {when}"
            if overdue
            else f"response to the Ombudsman due {when}"
        ),
        detail=(
            f"Case {case.reference} ({case.service.name}): the Ombudsman asked for the "
            f"council's response by {when} and none is recorded as sent. Send it, then "
            "record it on the case."
        ),
    )


def ombudsman_order_reminders(ctx: JobContext) -> JobResult:
    """The officer of the case (else the complaints team): N working days before an
    Ombudsman order or recommendation is due (DEADLINE_REMINDER_WORKING_DAYS) and once when
    it is overdue. Keyed per order and due date, so each is sent once."""
    job = "ombudsman_order_reminders"
    if (skip := _not_a_working_day(job, ctx)) is not None:
        return skip
    last = ctx.add_working_days(ctx.on, ctx.config.deadline_reminder_working_days)
    orders = list(due.ombudsman_orders_open(by=last))
    enquiries = list(due.ombudsman_information_awaited(by=last))
    officers = due.current_officers(
        cases={o.ombudsman_case.case for o in orders} | {e.case for e in enquiries}
    )
    reminders = [_information_reminder(ctx, e, officers) for e in enquiries]
    for order in orders:
        case = order.ombudsman_case.case
        what = order.get_kind_display().lower()
        overdue = order.due_on < ctx.on
        when = ctx.day(order.due_on)
        text = order.order[:120] + ("…" if len(order.order) > 120 else "")
        reminders.append(
            Reminder(
                job="ombudsman_order_overdue" if overdue else "ombudsman_order_due",
                subject_key=f"ombudsman_order:{order.pk}",
                due_on=order.due_on,
                to=officer_email(officers.get(case.pk)) or ctx.team_email,
                case_reference=case.reference,
                headline=(
                    f"OVERDUE: Ombudsman {what} was due {when}"
                    if overdue
                    else f"Ombudsman {what} due {when}"
                ),
                detail=(
                    f"Case {case.reference} ({case.service.name}): the Ombudsman {what} "
                    f"{'was due on' if overdue else 'is due on'} {when} and no compliance is "
                    f"recorded:\n  {text}\nComply, then record it with the evidence on the "
                    "case. A missed Ombudsman date can bring a Complaint Handling Failure Notice."
                ),
            )
        )
    return reminders_send(job, reminders, ctx=ctx)
