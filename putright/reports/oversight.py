"""Figures the annual report and the governance pack need beyond the dashboard's: service
improvements, what the Ombudsman found, and progress on the Ombudsman's orders. Each is one
SQL aggregation, like putright.reports.selectors; and `compared`, which sets two periods'
tables from those selectors side by side without counting anything again.

Service improvements (putright.cases.models.learning, recorded on the staff learning
screen) are every report's learning figures: the dashboard's, the learning log's, the
self-assessment's and the annual report's all read them here. An improvement counts in the
period it was recorded in (`recorded_on`) and, apart, in the period it was completed in
(`completed_on`); the complaints behind it are the cases linked to it.

Periods: findings count their determination date; orders their due date, and "overdue" is
as of today whatever the period.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q

from putright.cases.models import OmbudsmanCase, OmbudsmanOrder, ServiceImprovement
from putright.cases.models.learning import THEMES
from putright.cases.models.ombudsman import FINDINGS, OmbudsmanFinding
from putright.reports.scope import ReportScope
from putright.reports.tables import Cell, Row, Table, Value

THEME_LABELS = dict(THEMES)
FINDING_LABELS = dict(FINDINGS)
SEVERE = "severe_maladministration"
_LINKS = ServiceImprovement.cases.through


def improvement_scope(scope: ReportScope) -> Q:
    """The improvements a scope covers, whatever the period. An improvement belongs to a
    service, not a case: a service filter (a service manager's own service) reads its own
    service; a process filter keeps those linked to at least one case of that process
    (EXISTS, so an improvement linked to several such cases is still one)."""
    q = Q()
    if scope.service_id is not None:
        q &= Q(service_id=scope.service_id)
    if scope.process:
        linked = _LINKS.objects.filter(
            serviceimprovement_id=OuterRef("pk"), case__process=scope.process
        )
        q &= Q(Exists(linked))
    return q


def improvements_behind(scope: ReportScope, extra: Q | None = None) -> Q:
    """The filter on Case for the complaints behind the improvements recorded in the period
    (and matching `extra`): the drill-down of every learning figure."""
    found = ServiceImprovement.objects.filter(
        improvement_scope(scope), scope.period("recorded_on"), cases=OuterRef("pk")
    )
    if extra is not None:
        found = found.filter(extra)
    return Q(Exists(found))


def _improvement_counts(scope: ReportScope, *columns: str) -> list[dict[str, Any]]:
    """Improvements recorded in the period, the complaints (cases in scope) behind them and
    improvements completed in the period, grouped by `columns`: one GROUP BY. The counts
    are DISTINCT because counting the complaints joins the links; the scope itself is an
    EXISTS, so it never multiplies rows."""
    recorded, completed = scope.period("recorded_on"), scope.period("completed_on")
    return list(
        ServiceImprovement.objects.filter(improvement_scope(scope), recorded | completed)
        .order_by()
        .values(*columns)
        .annotate(
            recorded=Count("id", filter=recorded, distinct=True),
            complaints=Count("cases", filter=recorded & scope.cases("cases__"), distinct=True),
            completed=Count("id", filter=completed, distinct=True),
        )
    )


def _improvement_cells(r: dict[str, Any], drill: tuple[str, str]) -> list[Cell]:
    return [Cell(r["recorded"]), Cell(r["complaints"], drill), Cell(r["completed"])]


IMPROVEMENT_COLUMNS = ["Improvements recorded", "Complaints behind them", "Improvements completed"]


def improvements_by_service(scope: ReportScope) -> Table:
    """The dashboard's learning table: improvements by the service that owns them."""
    rows = sorted(
        _improvement_counts(scope, "service_id", "service__name"),
        key=lambda r: r["service__name"],
    )
    table = Table(
        key="learning",
        title="Service improvements from complaints",
        columns=["Service", *IMPROVEMENT_COLUMNS],
    )
    for r in rows:
        drill = ("learning", str(r["service_id"]))
        table.rows.append(Row(r["service__name"], _improvement_cells(r, drill)))
    return table


def improvements_by_theme(scope: ReportScope) -> Table:
    """Service improvements recorded in the period by theme, with the complaints behind
    them, and those completed in the period (the learning log and the annual report)."""
    rows = sorted(
        _improvement_counts(scope, "theme"),
        key=lambda r: (-r["recorded"], -r["completed"], THEME_LABELS.get(r["theme"], "")),
    )
    table = Table(
        key="improvements_themes",
        title="Service improvements by theme",
        columns=["Theme", *IMPROVEMENT_COLUMNS],
    )
    for r in rows:
        label = THEME_LABELS.get(r["theme"], r["theme"])
        table.rows.append(Row(label, _improvement_cells(r, ("learning_theme", r["theme"]))))
    return table


def improvements_recorded(scope: ReportScope) -> int:
    """How many improvements were recorded in the period (the self-assessment's Code 9.1
    figure)."""
    return ServiceImprovement.objects.filter(
        improvement_scope(scope), scope.period("recorded_on")
    ).count()


def improvements_of_period(scope: ReportScope) -> Q:
    """The improvements the learning log lists: recorded or completed in the period."""
    return improvement_scope(scope) & (scope.period("recorded_on") | scope.period("completed_on"))


def improvements_completed(scope: ReportScope, *, limit: int = 200) -> list[dict[str, Any]]:
    """The improvements completed in the period, each with the number of complaints that
    led to it (one query)."""
    rows = (
        ServiceImprovement.objects.filter(improvement_scope(scope), scope.period("completed_on"))
        .values("id", "description", "completion_note", "completed_on", "theme", "service__name")
        .annotate(complaints=Count("cases"))
        .order_by("completed_on", "id")[:limit]
    )
    return [{**r, "theme_label": THEME_LABELS.get(r["theme"], r["theme"])} for r in rows]


def ombudsman_findings(scope: ReportScope) -> Table:
    """The issues the Ombudsman determined in the period, by what they found."""
    rows = (
        OmbudsmanFinding.objects.filter(
            scope.cases("ombudsman_case__case__"),
            scope.period("ombudsman_case__determined_on"),
        )
        .values("finding")
        .annotate(
            n=Count("id"),
            determinations=Count("ombudsman_case_id", distinct=True),
        )
        .order_by()
    )
    found = {r["finding"]: r for r in rows}
    table = Table(
        key="ombudsman_findings",
        title="What the Ombudsman found on the issues it determined",
        columns=["Finding", "Issues", "Determinations with this finding"],
    )
    for code, label in FINDINGS:  # the Ombudsman's own order, most serious first
        if code in found:
            table.rows.append(
                Row(label, [Cell(found[code]["n"]), Cell(found[code]["determinations"])])
            )
    return table


def ombudsman_determinations(scope: ReportScope) -> dict[str, int]:
    """How many determinations were made in the period, and how many found severe
    maladministration on at least one issue."""
    severe = Exists(OmbudsmanFinding.objects.filter(ombudsman_case=OuterRef("pk"), finding=SEVERE))
    return OmbudsmanCase.objects.filter(
        scope.cases("case__"), scope.period("determined_on")
    ).aggregate(
        total=Count("id"),
        severe=Count("id", filter=Q(severe)),
    )


def ombudsman_orders(scope: ReportScope) -> Table:
    """Orders and recommendations due in the period and whether they were complied with by
    their due date; and those not complied with and overdue today, whatever their period.
    Those following a severe maladministration finding are shown again apart (Code 9.7 c)."""
    due = scope.period("due_on")
    open_ = Q(complied_on__isnull=True)
    overdue = open_ & Q(due_on__lt=scope.today)
    severe = Exists(
        OmbudsmanFinding.objects.filter(
            ombudsman_case_id=OuterRef("ombudsman_case_id"), finding=SEVERE
        )
    )
    rows = (
        OmbudsmanOrder.objects.filter(scope.cases("ombudsman_case__case__"))
        .filter(due | overdue)
        .annotate(severe=ExpressionWrapper(severe, output_field=BooleanField()))
        .values("kind", "severe")
        .annotate(
            due=Count("id", filter=due),
            on_time=Count("id", filter=due & Q(complied_on__lte=F("due_on"))),
            late=Count("id", filter=due & Q(complied_on__gt=F("due_on"))),
            not_yet=Count("id", filter=due & open_),
            overdue=Count("id", filter=overdue),
        )
        .order_by()
    )
    counts: dict[tuple[str, bool], list[int]] = {}
    for r in rows:
        counts[(r["kind"], bool(r["severe"]))] = [
            r["due"],
            r["on_time"],
            r["late"],
            r["not_yet"],
            r["overdue"],
        ]
    table = Table(
        key="ombudsman_orders",
        title="Ombudsman orders and recommendations: progress in complying",
        columns=[
            "Orders and recommendations",
            "Due in the period",
            "Complied with by the due date",
            "Complied with late",
            "Not yet complied with",
            "Overdue today (due in any period)",
        ],
        note="Overdue means not complied with and past the due date, as of today.",
    )
    for kind, label in OmbudsmanOrder.KINDS:
        every = [a + b for a, b in zip(*_both(counts, kind), strict=True)]
        if any(every):
            table.rows.append(Row(f"{label}s", [Cell(v) for v in every]))
        after_severe = counts.get((kind, True))
        if after_severe and any(after_severe):
            table.rows.append(
                Row(
                    f"{label}s after a severe maladministration finding",
                    [Cell(v) for v in after_severe],
                )
            )
    return table


def _both(counts: dict[tuple[str, bool], list[int]], kind: str) -> tuple[list[int], list[int]]:
    empty = [0] * 5
    return counts.get((kind, False), empty), counts.get((kind, True), empty)


# ---------------------------------------------------------------------------------------
# Two periods side by side


def _blank(other: Value) -> Value:
    # A row one period has and the other lacks: none counted, or no share to give.
    return 0 if isinstance(other, int) else "-"


def compared(
    current: Table,
    previous: Table,
    *,
    columns: list[tuple[int, str]],
    names: tuple[str, str],
    key: str,
    title: str,
) -> Table:
    """Cells of `current` and `previous` (tables of the same selector over two periods)
    side by side, row by row: the trend the governance pack shows. `columns` are (index
    among the cells, header). Values are copied from the two tables as they are, the
    earlier period first (`names` are the periods' names in that order); rows only one
    period has show 0 (or "-") for the other."""
    previous_rows = {row.label: row for row in previous.rows}
    current_rows = {row.label: row for row in current.rows}
    labels = [row.label for row in current.rows]
    labels += [row.label for row in previous.rows if row.label not in current_rows]
    if "All" in labels:  # the total stays last
        labels.remove("All")
        labels.append("All")
    header = [f"{heading}: {name}" for _, heading in columns for name in names]
    table = Table(key=key, title=title, columns=[current.columns[0], *header])
    for label in labels:
        now, before = current_rows.get(label), previous_rows.get(label)
        cells = []
        for i, _ in columns:
            new = now.cells[i].value if now is not None else None
            old = before.cells[i].value if before is not None else None
            cells.append(Cell(old if before is not None else _blank(new)))
            cells.append(Cell(new if now is not None else _blank(old)))
        table.rows.append(Row(label, cells))
    return table
