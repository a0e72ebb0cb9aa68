"""The annual complaints performance and service improvement report (Housing Ombudsman
Complaint Handling Code 2024, 8.1 a-f, with the governing body's response, 8.2) and the
quarterly governance pack for the Member Responsible for Complaints (Code 9.7 a-c).

Both are put together from the dashboard's selectors (putright.reports.selectors) over the
year or the quarter, the figures in putright.reports.oversight, and the records the insight
lead keeps (putright.reports.models). Nothing here counts: it picks tables and records.
Both cover the whole organisation (every service and process).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from putright.core.policy import complaint_codes
from putright.reports import oversight, selectors
from putright.reports.assessment import AssessmentSummary, assessment_summary
from putright.reports.forms import period_dates, previous_quarter, quarter_dates
from putright.reports.models import (
    GoverningBodyResponse,
    OmbudsmanPublication,
    PerformanceNarrative,
    RecordChange,
)
from putright.reports.scope import ReportScope
from putright.reports.tables import Table

# Code 8.1 (b), quantitative: the dashboard's tables in this order.
QUANTITATIVE = [
    "volumes_month",
    "volumes_service",
    "volumes_kind",
    "volumes_channel",
    "ack_timeliness",
    "response_timeliness",
    "escalation",
    "outcomes",
    "remedies",
    "actions",
    "ombudsman",
]
# Code 8.1 (b), qualitative: the themes (with the insight lead's narrative).
QUALITATIVE = ["volumes_category", "root_causes"]
HISTORY_SHOWN = 20


@dataclass(slots=True)
class AnnualReport:
    year: int
    scope: ReportScope
    tables: dict[str, Table]
    improvements: list[dict[str, Any]]
    publications: dict[str, list[OmbudsmanPublication]]
    narrative: PerformanceNarrative | None
    response: GoverningBodyResponse | None
    history: list[RecordChange]
    # Code 8.1 (a): the year's self-assessment against each configured code, summarised
    # (Yes, No, not answered; each No with its action and date). The answers themselves are
    # on the self-assessment page and its downloads.
    self_assessments: list[AssessmentSummary] = field(default_factory=list)

    def section(self, keys: list[str]) -> list[Table]:
        return [self.tables[key] for key in keys]


def year_scope(year: int, today: date) -> ReportScope:
    start, end = period_dates(str(year))
    return ReportScope(start=start, end=end, today=today)


def annual_report(*, year: int, today: date) -> AnnualReport:
    """Every section of the year's report: the figures and the records kept for it."""
    scope = year_scope(year, today)
    tables = {table.key: table for table in selectors.dashboard(scope)}
    tables["improvements_themes"] = oversight.improvements_by_theme(scope)
    publications: dict[str, list[OmbudsmanPublication]] = {
        "non_compliance": [],
        "annual_report": [],
        "other": [],
    }
    for publication in OmbudsmanPublication.objects.filter(year=year):
        publications[publication.kind].append(publication)
    return AnnualReport(
        year=year,
        scope=scope,
        tables=tables,
        improvements=oversight.improvements_completed(scope),
        publications=publications,
        narrative=PerformanceNarrative.objects.filter(year=year).first(),
        response=GoverningBodyResponse.objects.filter(year=year).first(),
        history=list(RecordChange.objects.filter(year=year)[:HISTORY_SHOWN]),
        self_assessments=[assessment_summary(code_id, year) for code_id in complaint_codes()],
    )


# ---------------------------------------------------------------------------------------
# The governance pack


@dataclass(slots=True)
class GovernancePack:
    quarter: str
    previous: str
    scope: ReportScope
    previous_scope: ReportScope
    # (a) and (b): each this quarter beside the previous one.
    trends: dict[str, Table]
    # This quarter's own tables, in full.
    tables: dict[str, Table]
    determinations: dict[str, int] = field(default_factory=dict)
    improvements: list[dict[str, Any]] = field(default_factory=list)


def quarter_name(value: str) -> str:
    """ "2025-Q3" is "Quarter 3 2025 to 2026"."""
    year = int(value[:4])
    return f"Quarter {value[-1]} {year} to {year + 1}"


# The trend tables: (key, the dashboard table, the cells compared with their headers, title).
TRENDS: list[tuple[str, str, list[tuple[int, str]], str]] = [
    ("trend_service", "volumes_service", [(0, "Received")], "Cases received by service"),
    ("trend_category", "volumes_category", [(0, "Received")], "Cases received by category"),
    ("trend_kind", "volumes_kind", [(0, "Received")], "Cases received by kind"),
    (
        "trend_outcomes",
        "outcomes",
        [(3, "Upheld or partly upheld %")],
        "Outcomes of the responses by service and stage",
    ),
    (
        "trend_ack",
        "ack_timeliness",
        [(0, "Acknowledged"), (3, "Within target %")],
        "Acknowledged within the target",
    ),
    (
        "trend_response",
        "response_timeliness",
        [(0, "Responses"), (3, "Within target %"), (5, "Within date agreed %")],
        "Responded within the target, and within the date agreed",
    ),
    (
        "trend_escalation",
        "escalation",
        [(0, "Stage 1 responses"), (3, "Escalated"), (4, "Escalated %")],
        "Resolved at stage 1 or escalated",
    ),
    ("trend_root_causes", "root_causes", [(0, "Responses")], "Root causes found"),
    (
        "trend_learning",
        "learning",
        [(0, "Improvements recorded"), (2, "Improvements completed")],
        "Service improvements recorded and completed, by service",
    ),
]


def governance_pack(*, quarter: str, today: date) -> GovernancePack:
    """The quarter's pack for the Member Responsible for Complaints (Code 9.7 a-c)."""
    before = previous_quarter(quarter)
    scope = ReportScope(*quarter_dates(quarter), today=today)
    previous_scope = ReportScope(*quarter_dates(before), today=today)
    now = {t.key: t for t in selectors.dashboard(scope)}
    then = {t.key: t for t in selectors.dashboard(previous_scope)}
    names = (quarter_name(before), quarter_name(quarter))
    trends = {
        key: oversight.compared(now[of], then[of], columns=cols, names=names, key=key, title=title)
        for key, of, cols, title in TRENDS
    }
    now["ombudsman_findings"] = oversight.ombudsman_findings(scope)
    now["ombudsman_orders"] = oversight.ombudsman_orders(scope)
    return GovernancePack(
        quarter=quarter,
        previous=before,
        scope=scope,
        previous_scope=previous_scope,
        trends=trends,
        tables=now,
        determinations=oversight.ombudsman_determinations(scope),
        improvements=oversight.improvements_completed(scope),
    )
