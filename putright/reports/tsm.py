"""The Tenant Satisfaction Measures on complaints, as the Regulator of Social Housing defines
them, for the housing (landlord) process; each figure one SQL aggregation.

CH01: stage 1 and stage 2 complaints received in the year per 1,000 homes, rented (low cost
rental accommodation) and shared ownership (low cost home ownership) separately; homes are
configuration per year (HousingStock). Stage 1 counts complaints received; stage 2 counts
escalation requests received.

TP09: the proportion of those who answered the survey emailed when a complaint closed who
are very or fairly satisfied with the approach to complaints handling, with response rates.

CH02: the proportion of stage 1 and stage 2 complaints responded to in the year within the
Housing Ombudsman's Code timescales, judged on the received, acknowledged and responded
dates: acknowledged by the stage's acknowledgement date (Code 5.1, 6.11: 5 working days of
the request) and responded by the date due (Code 6.5, 6.14: 10 or 20 working days from the
acknowledgement, or the extended date told to the person, never past the maximum).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q

from putright.cases.models import Case, HousingStock, SatisfactionSurvey, StageRecord
from putright.cases.models.reporting import TENURES
from putright.reports.scope import ReportScope
from putright.reports.tables import Cell, Row, Table, percent

HOUSING = "housing"
COMPLAINT_KINDS = ("complaint", "mp_councillor_enquiry")
TENURE_LABELS = dict(TENURES)
SATISFIED = (1, 2)  # very or fairly satisfied, on the Regulator's five-point scale


def within_code() -> Q:
    """Acknowledged and responded within the Code's timescales (see the module's note)."""
    return Q(
        acknowledged_on__lte=F("acknowledge_by"),
        responded_on__lte=F("respond_by"),
        respond_by__lte=F("max_by"),
    )


def per_thousand(n: int, homes: int | None) -> str:
    if not homes:
        return "no homes recorded"
    return str((Decimal(n) * 1000 / Decimal(homes)).quantize(Decimal("0.01")))


@dataclass(frozen=True, slots=True)
class TenantMeasures:
    ch01: Table
    ch02: Table
    tp09: Table
    stock: HousingStock | None


def ch01(scope: ReportScope, stock: HousingStock | None) -> Table:
    """Stage 1 and stage 2 complaints received per 1,000 homes, by tenure."""
    stage1 = dict(
        Case.objects.filter(scope.period("received_on"), process=HOUSING, kind__in=COMPLAINT_KINDS)
        .order_by()
        .values_list("tenure")
        .annotate(n=Count("*"))
    )
    stage2 = dict(
        StageRecord.objects.filter(scope.period("requested_on"), process=HOUSING, number=2)
        .values_list("case__tenure")
        .annotate(n=Count("*"))
    )
    homes = {
        "rented": stock.rented_homes if stock else None,
        "shared_ownership": stock.shared_ownership_homes if stock else None,
    }
    table = Table(
        key="ch01",
        title="CH01: complaints received per 1,000 homes",
        columns=[
            "Tenure",
            "Homes",
            "Stage 1 complaints",
            "Stage 1 per 1,000 homes",
            "Stage 2 complaints",
            "Stage 2 per 1,000 homes",
        ],
    )
    for tenure, label in TENURES:
        s1, s2 = stage1.get(tenure, 0), stage2.get(tenure, 0)
        table.rows.append(
            Row(
                label,
                [
                    Cell(homes[tenure] if homes[tenure] is not None else "not recorded"),
                    Cell(s1, ("tsm_stage1", tenure)),
                    Cell(per_thousand(s1, homes[tenure])),
                    Cell(s2, ("tsm_stage2", tenure)),
                    Cell(per_thousand(s2, homes[tenure])),
                ],
            )
        )
    unknown1, unknown2 = stage1.get("", 0), stage2.get("", 0)
    if unknown1 or unknown2:
        table.rows.append(
            Row(
                "Tenure not recorded",
                [
                    Cell("-"),
                    Cell(unknown1, ("tsm_stage1", "none")),
                    Cell("-"),
                    Cell(unknown2, ("tsm_stage2", "none")),
                    Cell("-"),
                ],
            )
        )
        table.note = (
            "Complaints whose tenure was not recorded at acknowledgement are not in the "
            "figures per 1,000 homes: record the tenure to count them."
        )
    return table


def ch02(scope: ReportScope) -> Table:
    """Stage 1 and stage 2 responses in the year within the Code's timescales."""
    rows = {
        r["number"]: r
        for r in StageRecord.objects.filter(
            scope.period("responded_on"), process=HOUSING, number__in=(1, 2)
        )
        .values("number")
        # responded_on, never NULL here, stands for the row: the id is not in the index.
        .annotate(total=Count("*"), within=Count("responded_on", filter=within_code()))
        .order_by("number")
    }
    table = Table(
        key="ch02",
        title="CH02: complaints responded to within the Code's timescales",
        columns=["Stage", "Responses", "Within the timescales", "Proportion", "Outside"],
    )
    for number in (1, 2):
        found = rows.get(number, {"total": 0, "within": 0})
        total, within = found["total"], found["within"]
        table.rows.append(
            Row(
                f"Stage {number}",
                [
                    Cell(total, ("tsm_responses", str(number))),
                    Cell(within),
                    Cell(percent(within, total)),
                    Cell(total - within, ("tsm_outside", str(number))),
                ],
            )
        )
    return table


def tp09(scope: ReportScope) -> Table:
    """Satisfaction with the approach to complaints handling, from the surveys emailed when
    housing complaints were closed in the period: satisfied = very or fairly satisfied, of
    those who answered. Counts only: answers are never listed by case."""
    found = SatisfactionSurvey.objects.filter(scope.period("sent_on"), process=HOUSING).aggregate(
        # Counted on columns of the covering index (not the id), so no survey row is read.
        sent=Count("*"),
        answered=Count("answer"),
        satisfied=Count("answer", filter=Q(answer__in=SATISFIED)),
    )
    table = Table(
        key="tp09",
        title="TP09: satisfaction with the approach to complaints handling",
        columns=["Surveys", "Sent", "Answered", "Response rate", "Satisfied", "TP09"],
    )
    sent, answered, satisfied = found["sent"], found["answered"], found["satisfied"]
    table.rows.append(
        Row(
            "Housing complaints closed",
            [
                Cell(sent),
                Cell(answered),
                Cell(percent(answered, sent)),
                Cell(satisfied),
                Cell(percent(satisfied, answered)),
            ],
        )
    )
    return table


def tenant_measures(scope: ReportScope) -> TenantMeasures:
    stock = HousingStock.objects.filter(year=scope.start.year).first()
    return TenantMeasures(ch01=ch01(scope, stock), ch02=ch02(scope), tp09=tp09(scope), stock=stock)
