"""The performance dashboard's figures, each one SQL aggregation (GROUP BY) over the case
record: nothing here loads cases into Python. Each function returns a Table whose cells
carry the key of the cases behind them (putright.reports.drill lists those).

Periods: volumes and refusals count cases received in the period; timeliness, escalation,
outcomes and root causes count stage acknowledgements or responses made in the period;
remedies count those offered in it; Ombudsman cases their enquiry date; learning its
recorded date. Overdue actions are as of today, whatever the period.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

from putright.cases.models import (
    Case,
    Category,
    LearningEntry,
    OmbudsmanCase,
    OutstandingAction,
    Remedy,
    RootCause,
    Service,
    StageRecord,
)
from putright.cases.models.case import CASE_KINDS, CHANNELS
from putright.cases.models.reference import PROCESS_CHOICES
from putright.cases.models.stages import DECISIONS
from putright.core.policy import policy_config
from putright.reports.scope import ReportScope
from putright.reports.tables import Cell, Row, Table, money, percent

PROCESS_LABELS = dict(PROCESS_CHOICES)
DECISION_LABELS = dict(DECISIONS)
NONE_KEY = "none"


def _names(model: Any, ids: Iterable[Any]) -> dict[Any, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(model.objects.filter(pk__in=wanted).values_list("pk", "name"))


def stage_label(process: str, number: int) -> str:
    return f"{PROCESS_LABELS.get(process, process)}, stage {number}"


# ---------------------------------------------------------------------------------------
# Volumes


VOLUME_DIMENSIONS = {
    "month": "Month received",
    "service": "Service",
    "kind": "Kind",
    "channel": "Channel",
    "category": "Category",
}


def _volume_groups(scope: ReportScope, by: str) -> list[tuple[Any, int]]:
    qs = Case.objects.filter(scope.cases(), scope.period("received_on")).order_by()
    column = {"service": "service_id", "category": "category_id"}.get(by, by)
    if by == "month":
        qs = qs.annotate(month=TruncMonth("received_on"))
    rows = qs.values(column).annotate(n=Count("id")).order_by(column)
    return [(r[column], r["n"]) for r in rows]


def volumes(scope: ReportScope, *, by: str) -> Table:
    """Cases received in the period, by month, service, kind, channel or category."""
    groups = _volume_groups(scope, by)
    labels: dict[Any, str]
    if by == "service":
        labels = _names(Service, (k for k, _ in groups))
    elif by == "category":
        labels = _names(Category, (k for k, _ in groups))
    else:
        labels = dict(CASE_KINDS) if by == "kind" else dict(CHANNELS) if by == "channel" else {}
    table = Table(
        key=f"volumes_{by}", title=f"Received by {by}", columns=[VOLUME_DIMENSIONS[by], "Cases"]
    )
    for key, n in groups:
        if by == "month":
            # TruncMonth gives a date on PostgreSQL and a date or datetime elsewhere.
            month = key.strftime("%Y-%m")
            label, drill_key = key.strftime("%B %Y"), month
        else:
            label = labels.get(key, "Not categorised" if key is None else str(key))
            drill_key = NONE_KEY if key is None else str(key)
        table.rows.append(Row(label, [Cell(n, (f"volume_{by}", drill_key))]))
    total = sum(n for _, n in groups)
    table.rows.append(Row("All", [Cell(total, ("volume_all", "all"))]))
    return table


# ---------------------------------------------------------------------------------------
# Timeliness


def acknowledgement_timeliness(scope: ReportScope) -> Table:
    """Acknowledgements made in the period, and how many were within the target."""
    rows = (
        StageRecord.objects.filter(
            scope.cases("case__"), scope.period("acknowledged_on"), acknowledge_by__isnull=False
        )
        .values("case__process", "number")
        .annotate(
            total=Count("id"),
            within=Count("id", filter=Q(acknowledged_on__lte=F("acknowledge_by"))),
        )
        .order_by("case__process", "number")
    )
    table = Table(
        key="ack_timeliness",
        title="Acknowledged within the target",
        columns=["Process and stage", "Acknowledged", "Within target", "Late", "Within target %"],
    )
    for r in rows:
        key = f"{r['case__process']}:{r['number']}"
        table.rows.append(
            Row(
                stage_label(r["case__process"], r["number"]),
                [
                    Cell(r["total"], ("ack_all", key)),
                    Cell(r["within"]),
                    Cell(r["total"] - r["within"], ("ack_late", key)),
                    Cell(percent(r["within"], r["total"])),
                ],
            )
        )
    return table


def response_timeliness(scope: ReportScope) -> Table:
    """Responses issued in the period: within the target as first set (without extensions),
    and within the date agreed with the person (with extensions)."""
    rows = (
        StageRecord.objects.filter(
            scope.cases("case__"), scope.period("responded_on"), target_by__isnull=False
        )
        .values("case__process", "number")
        .annotate(
            total=Count("id"),
            within_target=Count("id", filter=Q(responded_on__lte=F("target_by"))),
            within_agreed=Count("id", filter=Q(responded_on__lte=F("respond_by"))),
            extended=Count("id", filter=Q(respond_by__gt=F("target_by"))),
        )
        .order_by("case__process", "number")
    )
    table = Table(
        key="response_timeliness",
        title="Responded within the target",
        columns=[
            "Process and stage",
            "Responses",
            "Extended",
            "Within target (no extensions)",
            "Within target %",
            "Within date agreed (with extensions)",
            "Within date agreed %",
            "Late",
        ],
    )
    for r in rows:
        key = f"{r['case__process']}:{r['number']}"
        table.rows.append(
            Row(
                stage_label(r["case__process"], r["number"]),
                [
                    Cell(r["total"], ("response_all", key)),
                    Cell(r["extended"], ("response_extended", key)),
                    Cell(r["within_target"]),
                    Cell(percent(r["within_target"], r["total"])),
                    Cell(r["within_agreed"]),
                    Cell(percent(r["within_agreed"], r["total"])),
                    Cell(r["total"] - r["within_agreed"], ("response_late", key)),
                ],
            )
        )
    return table


# ---------------------------------------------------------------------------------------
# Escalation and outcomes


def escalation_rate(scope: ReportScope) -> Table:
    """Of the stage 1 responses issued in the period: resolved at stage 1 or escalated."""
    later = StageRecord.objects.filter(case_id=OuterRef("case_id"), number=2)
    rows = (
        StageRecord.objects.filter(scope.cases("case__"), scope.period("responded_on"), number=1)
        .annotate(escalated=Exists(later))
        .values("case__process")
        .annotate(total=Count("id"), up=Count("id", filter=Q(escalated=True)))
        .order_by("case__process")
    )
    table = Table(
        key="escalation",
        title="Resolved at stage 1 or escalated",
        columns=["Process", "Stage 1 responses", "Resolved at stage 1", "%", "Escalated", "%"],
    )
    for r in rows:
        p = r["case__process"]
        table.rows.append(
            Row(
                PROCESS_LABELS.get(p, p),
                [
                    Cell(r["total"], ("stage1_responses", p)),
                    Cell(r["total"] - r["up"], ("resolved_stage1", p)),
                    Cell(percent(r["total"] - r["up"], r["total"])),
                    Cell(r["up"], ("escalated", p)),
                    Cell(percent(r["up"], r["total"])),
                ],
            )
        )
    return table


def outcomes_by_service(scope: ReportScope) -> Table:
    """Decisions of the responses issued in the period, by service and stage."""
    rows = (
        StageRecord.objects.filter(
            scope.cases("case__"), scope.period("responded_on"), ~Q(overall_decision="")
        )
        .values("case__service_id", "number", "overall_decision")
        .annotate(n=Count("id"))
        .order_by("case__service_id", "number")
    )
    grid: dict[tuple[int, int], dict[str, int]] = {}
    for r in rows:
        grid.setdefault((r["case__service_id"], r["number"]), {})[r["overall_decision"]] = r["n"]
    names = _names(Service, (s for s, _ in grid))
    table = Table(
        key="outcomes",
        title="Outcomes by service",
        columns=["Service and stage", *DECISION_LABELS.values(), "Upheld or partly upheld %"],
    )
    for (service_id, number), counts in sorted(
        grid.items(), key=lambda i: (names[i[0][0]], i[0][1])
    ):
        cells = [
            Cell(counts.get(d, 0), ("outcome", f"{service_id}:{number}:{d}"))
            for d in DECISION_LABELS
        ]
        found = counts.get("upheld", 0) + counts.get("partly_upheld", 0)
        cells.append(Cell(percent(found, sum(counts.values()))))
        table.rows.append(Row(f"{names[service_id]}, stage {number}", cells))
    return table


def root_causes(scope: ReportScope) -> Table:
    rows = (
        StageRecord.objects.filter(scope.cases("case__"), scope.period("responded_on"))
        .values("root_cause_id")
        .annotate(n=Count("id"))
        .order_by("-n", "root_cause_id")
    )
    found = [(r["root_cause_id"], r["n"]) for r in rows]
    names = _names(RootCause, (k for k, _ in found))
    table = Table(key="root_causes", title="Root causes found", columns=["Root cause", "Responses"])
    for key, n in found:
        label = names.get(key, "Not recorded")
        table.rows.append(
            Row(label, [Cell(n, ("root_cause", NONE_KEY if key is None else str(key)))])
        )
    return table


# ---------------------------------------------------------------------------------------
# Refusals, remedies, actions, the Ombudsman, learning


def refused_by_reason(scope: ReportScope) -> Table:
    rows = (
        Case.objects.filter(scope.cases(), scope.period("received_on"), ~Q(exclusion_code=""))
        .order_by()
        .values("exclusion_code")
        .annotate(n=Count("id"))
        .order_by("-n", "exclusion_code")
    )
    exclusions = policy_config().exclusions
    table = Table(
        key="refused", title="Complaints refused, by exclusion reason", columns=["Reason", "Cases"]
    )
    for r in rows:
        code = r["exclusion_code"]
        found = exclusions.get(code)
        label = found.title if found is not None else code
        table.rows.append(Row(label, [Cell(r["n"], ("refused", code))]))
    return table


def remedies(scope: ReportScope) -> Table:
    delivered = Q(state="delivered")
    rows = (
        Remedy.objects.filter(scope.cases("case__"), scope.period("offered_on"))
        .values("kind")
        .annotate(
            offered=Count("id"),
            offered_amount=Sum("amount"),
            paid=Count("id", filter=delivered),
            paid_amount=Sum("amount", filter=delivered),
        )
        .order_by("kind")
    )
    labels = dict(Remedy.KINDS)
    table = Table(
        key="remedies",
        title="Remedies offered and delivered or paid",
        columns=["Remedy", "Offered", "£ offered", "Delivered or paid", "£ paid"],
    )
    for r in rows:
        table.rows.append(
            Row(
                labels.get(r["kind"], r["kind"]),
                [
                    Cell(r["offered"], ("remedy_offered", r["kind"])),
                    Cell(money(r["offered_amount"])),
                    Cell(r["paid"], ("remedy_paid", r["kind"])),
                    Cell(money(r["paid_amount"])),
                ],
            )
        )
    return table


def actions_overdue(scope: ReportScope) -> Table:
    """Outstanding actions not completed, and those past their due date, as of today."""
    overdue = Q(due_on__lt=scope.today)
    rows = (
        OutstandingAction.objects.filter(scope.cases("case__"), completed_on__isnull=True)
        .values("case__service_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue))
        .order_by("case__service_id")
    )
    found = list(rows)
    names = _names(Service, (r["case__service_id"] for r in found))
    table = Table(
        key="actions",
        title="Outstanding actions",
        columns=["Service", "Not completed", "Overdue"],
        note="As of today, whatever the period.",
    )
    for r in sorted(found, key=lambda r: names[r["case__service_id"]]):
        key = str(r["case__service_id"])
        table.rows.append(
            Row(
                names[r["case__service_id"]],
                [
                    Cell(r["open"], ("actions_open", key)),
                    Cell(r["overdue"], ("actions_overdue", key)),
                ],
            )
        )
    return table


def ombudsman_cases(scope: ReportScope) -> Table:
    rows = (
        OmbudsmanCase.objects.filter(scope.cases("case__"), scope.period("enquiry_received_on"))
        .values("ombudsman")
        .annotate(
            total=Count("id"),
            determined=Count("id", filter=Q(determined_on__isnull=False)),
            maladministration=Count("id", filter=Q(maladministration_found=True)),
            no_maladministration=Count("id", filter=Q(maladministration_found=False)),
        )
        .order_by("ombudsman")
    )
    ombudsmen = policy_config().ombudsmen
    table = Table(
        key="ombudsman",
        title="Ombudsman cases and findings",
        columns=["Ombudsman", "Enquiries", "Determined", "Maladministration found", "Not found"],
    )
    for r in rows:
        code = r["ombudsman"]
        found = ombudsmen.get(code)
        table.rows.append(
            Row(
                found.name if found is not None else code,
                [
                    Cell(r["total"], ("ombudsman_all", code)),
                    Cell(r["determined"]),
                    Cell(r["maladministration"], ("ombudsman_maladministration", code)),
                    Cell(r["no_maladministration"]),
                ],
            )
        )
    return table


def learning(scope: ReportScope) -> Table:
    rows = (
        LearningEntry.objects.filter(scope.cases("case__"), scope.period("recorded_on"))
        .values("case__service_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(completed_on__isnull=False)))
        .order_by("case__service_id")
    )
    found = list(rows)
    names = _names(Service, (r["case__service_id"] for r in found))
    table = Table(
        key="learning",
        title="Learning and service improvements",
        columns=["Service", "Lessons recorded", "Improvements completed"],
    )
    for r in sorted(found, key=lambda r: names[r["case__service_id"]]):
        table.rows.append(
            Row(
                names[r["case__service_id"]],
                [Cell(r["total"], ("learning", str(r["case__service_id"]))), Cell(r["done"])],
            )
        )
    return table


def dashboard(scope: ReportScope) -> list[Table]:
    """Every table of the performance dashboard, in the order the page shows them."""
    return [
        *(volumes(scope, by=by) for by in VOLUME_DIMENSIONS),
        acknowledgement_timeliness(scope),
        response_timeliness(scope),
        escalation_rate(scope),
        outcomes_by_service(scope),
        root_causes(scope),
        refused_by_reason(scope),
        remedies(scope),
        actions_overdue(scope),
        ombudsman_cases(scope),
        learning(scope),
    ]


def learning_by_theme(scope: ReportScope) -> Table:
    """Lessons recorded in the period and improvements completed, by the case's category."""
    rows = (
        LearningEntry.objects.filter(scope.cases("case__"), scope.period("recorded_on"))
        .values("case__category_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(completed_on__isnull=False)))
        .order_by("-total", "case__category_id")
    )
    found = list(rows)
    names = _names(Category, (r["case__category_id"] for r in found))
    table = Table(
        key="learning_themes",
        title="Learning by theme",
        columns=["Theme (category)", "Lessons recorded", "Improvements completed"],
    )
    for r in found:
        key = r["case__category_id"]
        table.rows.append(
            Row(
                names.get(key, "Not categorised"),
                [
                    Cell(r["total"], ("learning_theme", NONE_KEY if key is None else str(key))),
                    Cell(r["done"]),
                ],
            )
        )
    return table


def learning_entries(scope: ReportScope, *, limit: int = 100) -> list[dict[str, Any]]:
    """The latest lessons of the period with their case and theme (one query)."""
    rows = (
        LearningEntry.objects.filter(scope.cases("case__"), scope.period("recorded_on"))
        .order_by("-recorded_on", "-id")
        .values(
            "lesson",
            "improvement",
            "recorded_on",
            "completed_on",
            "case__reference",
            "case__category__name",
            "case__service__name",
        )[:limit]
    )
    return [dict(row) for row in rows]
