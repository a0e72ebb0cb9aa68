"""The cases behind a figure of the dashboard: for each figure key, the filter on Case that
selects exactly the rows its GROUP BY counted (putright.reports.selectors)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value, When

from putright.cases.models import (
    OmbudsmanCase,
    OutstandingAction,
    ReasonableAdjustment,
    Remedy,
    StageRecord,
)
from putright.reports.assessment_measures import (
    REMEDY_DUE,
    adjustment_people,
    adjustment_reviewed,
)
from putright.reports.oversight import THEME_LABELS, improvements_behind
from putright.reports.scope import ReportScope
from putright.reports.selectors import NONE_KEY
from putright.reports.tsm import within_code


class UnknownFigure(Exception):
    """The address names no figure of the dashboard, or a key it cannot have."""


def _id(key: str) -> int:
    if not key.isdigit():
        raise UnknownFigure(key)
    return int(key)


def _stage_key(key: str) -> tuple[str, int]:
    process, _, number = key.partition(":")
    if not number.isdigit():
        raise UnknownFigure(key)
    return process, int(number)


def _stages(scope: ReportScope, key: str, event: str, extra: Q = Q()) -> Q:  # noqa: B008
    process, number = _stage_key(key)
    found = StageRecord.objects.filter(
        extra,
        scope.period(f"{event}_on"),
        case_id=OuterRef("pk"),
        number=number,
        **{f"{'acknowledge' if event == 'acknowledged' else 'target'}_by__isnull": False},
    )
    return Q(process=process) & Q(Exists(found))


def _volume(by: str) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        base = scope.period("received_on")
        if by == "all":
            return base
        if by == "month":
            try:
                year, month = (int(p) for p in key.split("-"))
                first = date(year, month, 1)
            except ValueError as error:
                raise UnknownFigure(key) from error
            following = date(year + month // 12, month % 12 + 1, 1)
            return base & Q(received_on__gte=first, received_on__lt=following)
        column = {"service": "service_id", "category": "category_id"}.get(by, by)
        if key == NONE_KEY:
            return base & Q(**{f"{column}__isnull": True})
        return base & Q(**{column: _id(key) if column.endswith("_id") else key})

    return q


def _escalation(escalated: bool | None) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        later = StageRecord.objects.filter(case_id=OuterRef("case_id"), number=2)
        found = StageRecord.objects.filter(
            scope.period("responded_on"), case_id=OuterRef("pk"), number=1
        ).annotate(up=Exists(later))
        if escalated is not None:
            found = found.filter(up=escalated)
        return Q(process=key) & Q(Exists(found))

    return q


def _outcome(scope: ReportScope, key: str) -> Q:
    service, number, decision = [*key.split(":"), "", "", ""][:3]
    if not (service.isdigit() and number.isdigit()):
        raise UnknownFigure(key)
    found = StageRecord.objects.filter(
        scope.period("responded_on"),
        case_id=OuterRef("pk"),
        number=int(number),
        overall_decision=decision,
    )
    return Q(service_id=int(service)) & Q(Exists(found))


def _root_cause(scope: ReportScope, key: str) -> Q:
    cause = Q(root_cause__isnull=True) if key == NONE_KEY else Q(root_cause_id=_id(key))
    found = StageRecord.objects.filter(cause, scope.period("responded_on"), case_id=OuterRef("pk"))
    return Q(Exists(found))


def _related(
    model: Any, field: str, extra: Callable[[ReportScope, str], Q]
) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        found = model.objects.filter(extra(scope, key), case_id=OuterRef("pk"))
        return Q(Exists(found))

    return q


def _actions(overdue: bool) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        found = OutstandingAction.objects.filter(case_id=OuterRef("pk"), completed_on__isnull=True)
        if overdue:
            found = found.filter(due_on__lt=scope.today)
        return Q(service_id=_id(key)) & Q(Exists(found))

    return q


def _tsm_received(stage: int) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        tenure = "" if key == NONE_KEY else key
        if stage == 1:
            return scope.period("received_on") & Q(
                process="housing",
                tenure=tenure,
                kind__in=("complaint", "mp_councillor_enquiry"),
            )
        found = StageRecord.objects.filter(
            scope.period("requested_on"), case_id=OuterRef("pk"), number=2
        )
        return Q(process="housing", tenure=tenure) & Q(Exists(found))

    return q


def _tsm_responses(outside: bool) -> Callable[[ReportScope, str], Q]:
    def q(scope: ReportScope, key: str) -> Q:
        found = StageRecord.objects.filter(
            scope.period("responded_on"), case_id=OuterRef("pk"), number=_id(key)
        )
        if outside:
            # A missing date counts as outside, as in the figure (NULL never compares true).
            within = When(within_code(), then=Value(True))
            found = found.annotate(ok=CaseWhen(within, default=Value(False))).filter(ok=False)
        return Q(process="housing") & Q(Exists(found))

    return q


FIGURES: dict[str, tuple[str, Callable[[ReportScope, str], Q]]] = {
    "volume_all": ("Cases received", _volume("all")),
    **{
        f"volume_{by}": ("Cases received", _volume(by))
        for by in ("month", "service", "kind", "channel", "category")
    },
    "ack_all": ("Acknowledged", lambda s, k: _stages(s, k, "acknowledged")),
    "ack_late": (
        "Acknowledged late",
        lambda s, k: _stages(s, k, "acknowledged", Q(acknowledged_on__gt=F("acknowledge_by"))),
    ),
    "response_all": ("Responses", lambda s, k: _stages(s, k, "responded")),
    "response_extended": (
        "Responses after an extension",
        lambda s, k: _stages(s, k, "responded", Q(respond_by__gt=F("target_by"))),
    ),
    "response_late": (
        "Responses later than the date agreed",
        lambda s, k: _stages(s, k, "responded", Q(responded_on__gt=F("respond_by"))),
    ),
    "stage1_responses": ("Stage 1 responses", _escalation(None)),
    "resolved_stage1": ("Resolved at stage 1", _escalation(False)),
    "escalated": ("Escalated after stage 1", _escalation(True)),
    "outcome": ("Responses with this outcome", _outcome),
    "root_cause": ("Responses with this root cause", _root_cause),
    "refused": (
        "Complaints refused",
        lambda s, k: s.period("received_on") & Q(exclusion_code=k),
    ),
    "remedy_offered": (
        "Remedies offered",
        _related(Remedy, "kind", lambda s, k: s.period("offered_on") & Q(kind=k)),
    ),
    "remedy_paid": (
        "Remedies delivered or paid",
        _related(
            Remedy, "kind", lambda s, k: s.period("offered_on") & Q(kind=k, state="delivered")
        ),
    ),
    "actions_open": ("Outstanding actions not completed", _actions(overdue=False)),
    "actions_overdue": ("Outstanding actions overdue", _actions(overdue=True)),
    "ombudsman_all": (
        "Ombudsman enquiries",
        _related(
            OmbudsmanCase,
            "ombudsman",
            lambda s, k: s.period("enquiry_received_on") & Q(ombudsman=k),
        ),
    ),
    "ombudsman_maladministration": (
        "Ombudsman findings of maladministration",
        _related(
            OmbudsmanCase,
            "ombudsman",
            lambda s, k: (
                s.period("enquiry_received_on") & Q(ombudsman=k, maladministration_found=True)
            ),
        ),
    ),
    "learning": (
        "Complaints behind the service improvements recorded",
        lambda s, k: improvements_behind(s, Q(service_id=_id(k))),
    ),
}


def _learning_theme(scope: ReportScope, key: str) -> Q:
    if key not in THEME_LABELS:
        raise UnknownFigure(key)
    return improvements_behind(scope, Q(theme=key))


FIGURES.update(
    {
        "learning_theme": (
            "Complaints behind the service improvements under this theme",
            _learning_theme,
        ),
        "tsm_stage1": ("Stage 1 complaints received (housing)", _tsm_received(1)),
        "tsm_stage2": ("Stage 2 complaints received (housing)", _tsm_received(2)),
        "tsm_responses": ("Housing complaints responded to", _tsm_responses(outside=False)),
        "tsm_outside": (
            "Housing complaints responded to outside the Code's timescales",
            _tsm_responses(outside=True),
        ),
    }
)


# The self-assessment's misses (putright.reports.assessment_measures): each selects the
# cases behind what its measure counted as not met. Keys are "process:stage" or a process.


def _stage_misses(condition: Q, extra: Q = Q()) -> Callable[[ReportScope, str], Q]:  # noqa: B008
    """Responses with a target issued in the period for which `condition` is not true, a
    missing date counting as not met as in the measures (NULL never compares true)."""

    def q(scope: ReportScope, key: str) -> Q:
        process, number = _stage_key(key)
        found = (
            StageRecord.objects.filter(
                extra,
                scope.period("responded_on"),
                case_id=OuterRef("pk"),
                number=number,
                target_by__isnull=False,
            )
            .annotate(ok=CaseWhen(When(condition, then=Value(True)), default=Value(False)))
            .filter(ok=False)
        )
        return Q(process=process) & Q(Exists(found))

    return q


def _same_officer(scope: ReportScope, key: str) -> Q:
    first = StageRecord.objects.filter(case_id=OuterRef("case_id"), number=1).values("officer_id")[
        :1
    ]
    different = Q(officer_id__isnull=False, first__isnull=False) & ~Q(officer_id=F("first"))
    found = (
        StageRecord.objects.filter(scope.period("responded_on"), case_id=OuterRef("pk"), number=2)
        .annotate(first=Subquery(first))
        .annotate(ok=CaseWhen(When(different, then=Value(True)), default=Value(False)))
        .filter(ok=False)
    )
    return Q(process=key) & Q(Exists(found))


def _adjustment_not_reviewed(scope: ReportScope, key: str) -> Q:
    found = ReasonableAdjustment.objects.filter(
        adjustment_people(scope), person_id=OuterRef("person_id")
    ).exclude(adjustment_reviewed(scope))
    return Q(process=key) & scope.period("received_on") & Q(Exists(found))


FIGURES.update(
    {
        "response_over_target": (
            "Responses later than the target (before any extension)",
            _stage_misses(Q(responded_on__lte=F("target_by"))),
        ),
        "extension_not_kept": (
            "Extended responses beyond the allowed extension or the date agreed",
            _stage_misses(
                Q(respond_by__lte=F("max_by"), responded_on__lte=F("respond_by")),
                Q(respond_by__gt=F("target_by")),
            ),
        ),
        "stage2_same_officer": (
            "Stage 2 responses not from an officer other than the stage 1 officer",
            _same_officer,
        ),
        "adjustment_not_reviewed": (
            "Cases of people with a reasonable adjustment not kept under review",
            _adjustment_not_reviewed,
        ),
        "refused_unexplained": (
            "Complaints refused without reasons recorded",
            lambda s, k: (
                Q(process=k)
                & s.period("received_on")
                & ~Q(exclusion_code="")
                & Q(exclusion_reasons="")
            ),
        ),
        "remedy_not_delivered": (
            "Remedies offered and not yet delivered or paid",
            _related(
                Remedy,
                "state",
                lambda s, k: s.period("offered_on") & REMEDY_DUE & ~Q(state="delivered"),
            ),
        ),
        "learning_recorded": (
            "Complaints behind the service improvements recorded",
            lambda s, k: improvements_behind(s),
        ),
    }
)


def figure_filter(scope: ReportScope, *, figure: str, key: str) -> tuple[str, Q]:
    """The title and the Case filter of a figure; raises UnknownFigure."""
    if figure not in FIGURES:
        raise UnknownFigure(figure)
    title, make = FIGURES[figure]
    return title, scope.cases() & make(scope, key)
