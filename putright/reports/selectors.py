"""The performance dashboard's figures, each one SQL aggregation (GROUP BY) over the case
record: nothing here loads cases into Python. Each function returns a Table whose cells
carry the key of the cases behind them (putright.reports.drill lists those).

Periods: volumes and refusals count cases received in the period; timeliness, escalation,
outcomes and root causes count stage acknowledgements or responses made in the period;
remedies count those offered in it; Ombudsman cases their enquiry date; service
improvements (putright.reports.oversight) their recorded and completed dates. Overdue
actions are as of today, whatever the period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import TruncMonth

from putright.cases.models import (
    Case,
    CaseVolume,
    Category,
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
from putright.reports import oversight
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


VOLUME_COLUMNS = {
    "month": "month",
    "service": "service_id",
    "kind": "kind",
    "channel": "channel",
    "category": "category_id",
}


def volume_groups(scope: ReportScope) -> list[dict[str, Any]]:
    """Cases received in the period, counted by month, service, kind, channel and category
    at once: one GROUP BY for every volume table.

    A period of whole months (a year or a quarter) reads the monthly counts the services
    keep (CaseVolume: a few thousand rows a year, whatever the number of cases); any other
    period counts the cases themselves (on PostgreSQL an index-only scan of
    `case_received_reports`)."""
    if _whole_months(scope):
        return _volume_groups_counted(scope)
    return _volume_groups_of_cases(scope)


def _volume_groups_of_cases(scope: ReportScope) -> list[dict[str, Any]]:
    return list(
        Case.objects.filter(scope.cases(), scope.period("received_on"))
        .order_by()
        .annotate(month=TruncMonth("received_on"))
        .values(*VOLUME_COLUMNS.values())
        # COUNT(*), not COUNT(id): the id is not in the index, and reading it would mean
        # reading every case row.
        .annotate(n=Count("*"))
    )


def _whole_months(scope: ReportScope) -> bool:
    return scope.start.day == 1 and (scope.end + timedelta(days=1)).day == 1


def _volume_groups_counted(scope: ReportScope) -> list[dict[str, Any]]:
    rows = (
        CaseVolume.objects.filter(scope.cases(), month__gte=scope.start, month__lte=scope.end)
        .values("month", "service_id", "kind", "channel", "category_key")
        .annotate(total=Sum("n"))
        .filter(total__gt=0)  # keys whose cases all moved to another key
        .order_by()
    )
    return [
        {
            "month": r["month"],
            "service_id": r["service_id"],
            "kind": r["kind"],
            "channel": r["channel"],
            "category_id": r["category_key"] or None,
            "n": r["total"],
        }
        for r in rows
    ]


def _volume_groups(
    scope: ReportScope, by: str, groups: list[dict[str, Any]] | None
) -> list[tuple[Any, int]]:
    """The groups summed over every dimension but `by` (the groups are counts, not cases)."""
    column = VOLUME_COLUMNS[by]
    totals: dict[Any, int] = {}
    for g in groups if groups is not None else volume_groups(scope):
        totals[g[column]] = totals.get(g[column], 0) + g["n"]
    return sorted(totals.items(), key=lambda i: (i[0] is None, str(i[0])))


def volumes(scope: ReportScope, *, by: str, groups: list[dict[str, Any]] | None = None) -> Table:
    """Cases received in the period, by month, service, kind, channel or category."""
    counted = _volume_groups(scope, by, groups)
    labels: dict[Any, str]
    if by == "service":
        labels = _names(Service, (k for k, _ in counted))
    elif by == "category":
        labels = _names(Category, (k for k, _ in counted))
    else:
        labels = dict(CASE_KINDS) if by == "kind" else dict(CHANNELS) if by == "channel" else {}
    table = Table(
        key=f"volumes_{by}", title=f"Received by {by}", columns=[VOLUME_DIMENSIONS[by], "Cases"]
    )
    rows = []
    for key, n in counted:
        if by == "month":
            # TruncMonth gives a date on PostgreSQL and a date or datetime elsewhere.
            label, drill_key = key.strftime("%B %Y"), key.strftime("%Y-%m")
        else:
            label = labels.get(key, "Not categorised" if key is None else str(key))
            drill_key = NONE_KEY if key is None else str(key)
        rows.append(Row(label, [Cell(n, (f"volume_{by}", drill_key))]))
    if by in ("service", "category"):
        rows.sort(key=lambda r: (r.label == "Not categorised", r.label))
    table.rows = rows
    total = sum(n for _, n in counted)
    table.rows.append(Row("All", [Cell(total, ("volume_all", "all"))]))
    return table


# ---------------------------------------------------------------------------------------
# Timeliness


def _flag(q: Q) -> ExpressionWrapper[Q]:
    return ExpressionWrapper(q, output_field=BooleanField())


STAGE_GROUP_KEYS = (
    "p",
    "svc",
    "number",
    "overall_decision",
    "root_cause_id",
    "acked",
    "responded",
    "has_target",
    "ack_ok",
    "target_ok",
    "agreed_ok",
    "extended",
    "in_limit",
)


def stage_groups(scope: ReportScope) -> list[dict[str, Any]]:
    """Stage acknowledgements and responses made in the period, counted at once by process,
    service, stage, decision and root cause, and by whether each met its dates: the groups
    for every timeliness, outcome and root-cause table. A flag is None where a date is
    missing (NULL never compares true), which the tables count as not met.

    Two reads that never count a record twice: those acknowledged in the period, then those
    responded to in it and not acknowledged in it. Each is one GROUP BY over a range of one
    covering index of the stage records (which carry their case's process and service), so
    no case row is read; the two lists never share a group, as `acked` tells them apart."""
    acked = scope.period("acknowledged_on") & Q(acknowledge_by__isnull=False)
    responded = scope.period("responded_on")
    return [
        # Every row of the first read is acknowledged in the period, every row of the
        # second responded to in it: a constant, not a column to group by.
        *_stage_counts(scope, acked, acked=Value(True), responded=_flag(responded)),
        *_stage_counts(scope, responded & ~acked, acked=_flag(acked), responded=Value(True)),
    ]


def _stage_counts(
    scope: ReportScope, where: Q, *, acked: Expression, responded: Expression
) -> list[dict[str, Any]]:
    rows = (
        StageRecord.objects.filter(scope.cases(), where)
        .annotate(
            p=F("process"),
            svc=F("service_id"),
            acked=acked,
            responded=responded,
            has_target=_flag(Q(target_by__isnull=False)),
            ack_ok=_flag(Q(acknowledged_on__lte=F("acknowledge_by"))),
            target_ok=_flag(Q(responded_on__lte=F("target_by"))),
            agreed_ok=_flag(Q(responded_on__lte=F("respond_by"))),
            extended=_flag(Q(respond_by__gt=F("target_by"))),
            # The date agreed is within the stage's maximum (the self-assessment's Code
            # 6.4 and 6.15: an extension no longer than allowed without good reason).
            in_limit=_flag(Q(respond_by__lte=F("max_by"))),
        )
        .values(*STAGE_GROUP_KEYS)
        .annotate(n=Count("*"))
        .order_by()
    )
    return [dict(row) for row in rows]


def _sum(
    groups: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], *flags: str
) -> dict[Any, list[int]]:
    """For each key: the number of rows, then the number with each flag set."""
    totals: dict[Any, list[int]] = {}
    for g in groups:
        row = totals.setdefault(key(g), [0] * (1 + len(flags)))
        row[0] += g["n"]
        for i, name in enumerate(flags, 1):
            row[i] += g["n"] if g[name] else 0
    return dict(sorted(totals.items(), key=lambda i: str(i[0])))


def acknowledgement_timeliness(
    scope: ReportScope, groups: list[dict[str, Any]] | None = None
) -> Table:
    """Acknowledgements made in the period, and how many were within the target."""
    found = groups if groups is not None else stage_groups(scope)
    sums = _sum([g for g in found if g["acked"]], lambda g: (g["p"], g["number"]), "ack_ok")
    table = Table(
        key="ack_timeliness",
        title="Acknowledged within the target",
        columns=["Process and stage", "Acknowledged", "Within target", "Late", "Within target %"],
    )
    for (process, number), (total, within) in sums.items():
        key = f"{process}:{number}"
        table.rows.append(
            Row(
                stage_label(process, number),
                [
                    Cell(total, ("ack_all", key)),
                    Cell(within),
                    Cell(total - within, ("ack_late", key)),
                    Cell(percent(within, total)),
                ],
            )
        )
    return table


def response_timeliness(scope: ReportScope, groups: list[dict[str, Any]] | None = None) -> Table:
    """Responses issued in the period: within the target as first set (without extensions),
    and within the date agreed with the person (with extensions)."""
    found = groups if groups is not None else stage_groups(scope)
    sums = _sum(
        [g for g in found if g["responded"] and g["has_target"]],
        lambda g: (g["p"], g["number"]),
        "extended",
        "target_ok",
        "agreed_ok",
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
    for (process, number), (total, extended, within_target, within_agreed) in sums.items():
        key = f"{process}:{number}"
        table.rows.append(
            Row(
                stage_label(process, number),
                [
                    Cell(total, ("response_all", key)),
                    Cell(extended, ("response_extended", key)),
                    Cell(within_target),
                    Cell(percent(within_target, total)),
                    Cell(within_agreed),
                    Cell(percent(within_agreed, total)),
                    Cell(total - within_agreed, ("response_late", key)),
                ],
            )
        )
    return table


# ---------------------------------------------------------------------------------------
# Escalation and outcomes


def escalation_rate(scope: ReportScope, groups: list[dict[str, Any]] | None = None) -> Table:
    """Of the stage 1 responses issued in the period: resolved at stage 1 or escalated (the
    case has a stage 2 record: asked for, whatever became of it)."""
    found = groups if groups is not None else stage_groups(scope)
    totals = _sum([g for g in found if g["responded"] and g["number"] == 1], lambda g: g["p"])
    # A case has one stage 1 record, so counting the records counts the cases; the stage 2
    # record is found through the (case, number) unique index.
    later = StageRecord.objects.filter(case_id=OuterRef("case_id"), number=2)
    escalated = dict(
        StageRecord.objects.filter(scope.cases(), scope.period("responded_on"), number=1)
        .filter(Exists(later))
        .values_list("process")
        .annotate(n=Count("*"))
        .order_by()
    )
    table = Table(
        key="escalation",
        title="Resolved at stage 1 or escalated",
        columns=["Process", "Stage 1 responses", "Resolved at stage 1", "%", "Escalated", "%"],
    )
    for p, (total,) in totals.items():
        up = escalated.get(p, 0)
        table.rows.append(
            Row(
                PROCESS_LABELS.get(p, p),
                [
                    Cell(total, ("stage1_responses", p)),
                    Cell(total - up, ("resolved_stage1", p)),
                    Cell(percent(total - up, total)),
                    Cell(up, ("escalated", p)),
                    Cell(percent(up, total)),
                ],
            )
        )
    return table


def outcomes_by_service(scope: ReportScope, groups: list[dict[str, Any]] | None = None) -> Table:
    """Decisions of the responses issued in the period, by service and stage."""
    found = groups if groups is not None else stage_groups(scope)
    grid: dict[tuple[int, int], dict[str, int]] = {}
    for g in found:
        if g["responded"] and g["overall_decision"]:
            cell = grid.setdefault((g["svc"], g["number"]), {})
            cell[g["overall_decision"]] = cell.get(g["overall_decision"], 0) + g["n"]
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
        upheld = counts.get("upheld", 0) + counts.get("partly_upheld", 0)
        cells.append(Cell(percent(upheld, sum(counts.values()))))
        table.rows.append(Row(f"{names[service_id]}, stage {number}", cells))
    return table


def root_causes(scope: ReportScope, groups: list[dict[str, Any]] | None = None) -> Table:
    found = groups if groups is not None else stage_groups(scope)
    sums = _sum([g for g in found if g["responded"]], lambda g: g["root_cause_id"])
    counted = sorted(((k, v[0]) for k, v in sums.items()), key=lambda i: (-i[1], str(i[0])))
    names = _names(RootCause, (k for k, _ in counted))
    table = Table(key="root_causes", title="Root causes found", columns=["Root cause", "Responses"])
    for key, n in counted:
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
        .annotate(n=Count("*"))
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
        # Counted on columns of the `remedy_offered` index, not the id: no remedy row is read.
        .annotate(
            offered=Count("*"),
            offered_amount=Sum("amount"),
            paid=Count("state", filter=delivered),
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


def dashboard(scope: ReportScope) -> list[Table]:
    """Every table of the performance dashboard, in the order the page shows them: the
    volumes from one GROUP BY, the stage tables from another."""
    received = volume_groups(scope)
    stages = stage_groups(scope)
    return [
        *(volumes(scope, by=by, groups=received) for by in VOLUME_DIMENSIONS),
        acknowledgement_timeliness(scope, stages),
        response_timeliness(scope, stages),
        escalation_rate(scope, stages),
        outcomes_by_service(scope, stages),
        root_causes(scope, stages),
        refused_by_reason(scope),
        remedies(scope),
        actions_overdue(scope),
        ombudsman_cases(scope),
        # Learning: the service improvements recorded on the learning screen.
        oversight.improvements_by_service(scope),
    ]
