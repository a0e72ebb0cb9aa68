"""The live figures of the self-assessment: for each measure a code names
(putright.policy.codes KNOWN_MEASURES), what it counts for the year and the cases behind its
misses (a figure of putright.reports.drill).

Every figure is SQL aggregation, and the measures share their queries: the timeliness ones
read the dashboard's own GROUP BY over the year's stage events (selectors.stage_groups), so
the self-assessment and the dashboard never disagree; the others are one aggregate each.
A page of any number of requirements runs at most six queries for its figures.

The scope is the code's process for the financial year: the Housing Ombudsman's Code counts
housing (landlord) cases, the LGSCO Code corporate ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from putright.cases.models import Case, ReasonableAdjustment, Remedy, StageRecord
from putright.reports.oversight import improvements_recorded
from putright.reports.scope import ReportScope
from putright.reports.selectors import stage_groups


@dataclass(frozen=True, slots=True)
class Measured:
    """One figure for the year: `part` of `whole` (a share), or a count when `whole` is
    None."""

    key: str
    label: str
    part: int
    whole: int | None
    # (figure, key) of putright.reports.drill: the cases behind the misses of a share, or
    # the cases counted by a count; None when there are none to list.
    drill: tuple[str, str] | None = None
    label_one: str = ""  # a count's label for one

    @property
    def is_count(self) -> bool:
        return self.whole is None

    @property
    def nothing_to_measure(self) -> bool:
        return self.whole == 0

    @property
    def counted(self) -> str:
        """A count with its label, "1 service improvement recorded …" or "3 service
        improvements recorded …"."""
        return f"{self.part:,} {self.label_one if self.part == 1 else self.label}"

    @property
    def missed(self) -> int:
        return 0 if self.whole is None else self.whole - self.part

    @property
    def percent(self) -> str:
        """ "97.3%"; empty when there is no share to give."""
        if not self.whole:
            return ""
        return f"{(Decimal(self.part) * 100 / Decimal(self.whole)).quantize(Decimal('0.1'))}%"

    def sentence(self, year_label: str) -> str:
        """The figure as the self-assessment's evidence says it."""
        if self.nothing_to_measure:
            return f"Measured in PutRight for {year_label}: no cases in the year ({self.label})."
        if self.whole is None:
            return f"Measured in PutRight for {year_label}: {self.counted}."
        return (
            f"Measured in PutRight for {year_label}: {self.percent} "
            f"({self.part:,} of {self.whole:,}) {self.label}."
        )


# --- the shared queries ---------------------------------------------------------------


def _stages(scope: ReportScope) -> list[dict[str, Any]]:
    return stage_groups(scope)


def _officers(scope: ReportScope) -> dict[str, int]:
    """Stage 2 responses issued in the year, and how many came from an officer other than
    the one who held stage 1 (Code 6.13)."""
    first = StageRecord.objects.filter(case_id=OuterRef("case_id"), number=1).values("officer_id")[
        :1
    ]
    different = Q(officer_id__isnull=False, first__isnull=False) & ~Q(officer_id=F("first"))
    return dict(
        # Stage records carry their case's process and service: no join to the cases.
        StageRecord.objects.filter(scope.cases(), scope.period("responded_on"), number=2)
        .annotate(first=Subquery(first))
        .aggregate(whole=Count("id"), part=Count("id", filter=different))
    )


def adjustment_people(scope: ReportScope) -> Q:
    """Adjustments in force for people with a case received in the year (the adjustment
    is on the person, so every case of theirs honours it)."""
    cases = Case.objects.filter(
        scope.cases(), scope.period("received_on"), person_id=OuterRef("person_id")
    )
    return Q(Exists(cases), ended_on__isnull=True)


def adjustment_reviewed(scope: ReportScope) -> Q:
    """Kept under review: it has a review date, and that date has not passed today (a
    review moves it on, putright.cases.services.adjustments)."""
    return Q(review_on__isnull=False, review_on__gte=scope.today)


def _adjustments(scope: ReportScope) -> dict[str, int]:
    return dict(
        ReasonableAdjustment.objects.filter(adjustment_people(scope)).aggregate(
            whole=Count("id"), part=Count("id", filter=adjustment_reviewed(scope))
        )
    )


def _exclusions(scope: ReportScope) -> dict[str, int]:
    """Complaints refused under an exclusion (received in the year, as the dashboard counts
    refusals), and how many have the reasons given to the person recorded (Code 2.4)."""
    return dict(
        Case.objects.filter(scope.cases(), scope.period("received_on"), ~Q(exclusion_code=""))
        .order_by()
        .aggregate(whole=Count("id"), part=Count("id", filter=~Q(exclusion_reasons="")))
    )


REMEDY_DUE = ~Q(state="declined")  # a declined offer has nothing left to follow through


def _remedies(scope: ReportScope) -> dict[str, int]:
    """Remedies offered in the year and not declined, and how many were delivered or paid
    (Code 7.3: followed through to completion)."""
    return dict(
        Remedy.objects.filter(scope.cases("case__"), scope.period("offered_on"), REMEDY_DUE)
        .order_by()
        .aggregate(whole=Count("id"), part=Count("id", filter=Q(state="delivered")))
    )


def _learning(scope: ReportScope) -> dict[str, int]:
    """Service improvements recorded in the year from complaints of the code's process
    (Code 9.1: learning from complaints)."""
    return {"part": improvements_recorded(scope)}


QUERIES: dict[str, Callable[[ReportScope], Any]] = {
    "stages": _stages,
    "officers": _officers,
    "adjustments": _adjustments,
    "exclusions": _exclusions,
    "remedies": _remedies,
    "learning": _learning,
}


# --- the measures ---------------------------------------------------------------------


def _stage_share(number: int, event: str, met: Callable[[dict[str, Any]], bool]) -> Any:
    """part/whole over the stage groups of one stage: acknowledgements made in the year
    (event "acked") or responses with a target issued in it (event "responded")."""

    def count(groups: list[dict[str, Any]]) -> dict[str, int]:
        rows = [
            g
            for g in groups
            if g["number"] == number and g[event] and (event == "acked" or g["has_target"])
        ]
        return {
            "whole": sum(g["n"] for g in rows),
            "part": sum(g["n"] for g in rows if met(g)),
        }

    return count


def _extended_share(number: int) -> Any:
    def count(groups: list[dict[str, Any]]) -> dict[str, int]:
        rows = [
            g
            for g in groups
            if g["number"] == number and g["responded"] and g["has_target"] and g["extended"]
        ]
        return {
            "whole": sum(g["n"] for g in rows),
            "part": sum(g["n"] for g in rows if g["in_limit"] and g["agreed_ok"]),
        }

    return count


@dataclass(frozen=True, slots=True)
class Measure:
    label: str
    query: str  # a key of QUERIES
    count: Callable[[Any], dict[str, int]]
    drill: str | None  # the drill figure of the cases not met (of a count: counted)
    is_count: bool = False
    label_one: str = ""  # a count's label for one


def _same(result: Any) -> dict[str, int]:
    return dict(result)


MEASURES: dict[str, Measure] = {
    "stage1_acknowledged_in_time": Measure(
        "stage 1 complaints acknowledged within the target",
        "stages",
        _stage_share(1, "acked", lambda g: bool(g["ack_ok"])),
        "ack_late",
    ),
    "stage1_responded_in_time": Measure(
        "stage 1 responses within the target from acknowledgement (before any extension)",
        "stages",
        _stage_share(1, "responded", lambda g: bool(g["target_ok"])),
        "response_over_target",
    ),
    "stage1_extension_within_limit": Measure(
        "extended stage 1 responses sent by a date within the allowed extension",
        "stages",
        _extended_share(1),
        "extension_not_kept",
    ),
    "stage2_acknowledged_in_time": Measure(
        "stage 2 requests acknowledged within the target",
        "stages",
        _stage_share(2, "acked", lambda g: bool(g["ack_ok"])),
        "ack_late",
    ),
    "stage2_responded_in_time": Measure(
        "stage 2 responses within the target from acknowledgement (before any extension)",
        "stages",
        _stage_share(2, "responded", lambda g: bool(g["target_ok"])),
        "response_over_target",
    ),
    "stage2_extension_within_limit": Measure(
        "extended stage 2 responses sent by a date within the allowed extension",
        "stages",
        _extended_share(2),
        "extension_not_kept",
    ),
    "stage2_different_officer": Measure(
        "stage 2 responses from an officer other than the stage 1 officer",
        "officers",
        _same,
        "stage2_same_officer",
    ),
    "adjustments_reviewed": Measure(
        "reasonable adjustments for people who complained in the year with a review date "
        "not yet passed",
        "adjustments",
        _same,
        "adjustment_not_reviewed",
    ),
    "exclusions_explained": Measure(
        "complaints refused with the reasons recorded for the person",
        "exclusions",
        _same,
        "refused_unexplained",
    ),
    "remedies_delivered": Measure(
        "remedies offered (and not declined) that were delivered or paid",
        "remedies",
        _same,
        "remedy_not_delivered",
    ),
    "learning_recorded": Measure(
        "service improvements recorded from complaints in the year",
        "learning",
        _same,
        "learning_recorded",
        is_count=True,
        label_one="service improvement recorded from complaints in the year",
    ),
}

# Stage measures whose drill key names the stage as well as the process.
_STAGE_OF = {key: int(key[5]) for key in MEASURES if key.startswith("stage")}


def measures_for(scope: ReportScope, keys: Iterable[str]) -> dict[str, Measured]:
    """The figures of the measures `keys` for the scope, each shared query run once."""
    wanted = [k for k in dict.fromkeys(keys) if k in MEASURES]
    results = {q: QUERIES[q](scope) for q in dict.fromkeys(MEASURES[k].query for k in wanted)}
    found = {}
    for key in wanted:
        measure = MEASURES[key]
        counted = measure.count(results[measure.query])
        drill_key = scope.process
        if key in _STAGE_OF and key != "stage2_different_officer":
            drill_key = f"{scope.process}:{_STAGE_OF[key]}"
        whole = None if measure.is_count else counted["whole"]
        part = counted["part"]
        has_misses = part > 0 if measure.is_count else (whole or 0) > part
        found[key] = Measured(
            key=key,
            label=measure.label,
            part=part,
            whole=whole,
            drill=(measure.drill, drill_key) if measure.drill and has_misses else None,
            label_one=measure.label_one,
        )
    return found
