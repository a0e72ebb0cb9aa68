"""The reports pages: the performance dashboard and the cases behind any of its figures.

Each view parses its filters, narrows them to what the member may see (a service manager:
their own service) and makes one selector call. Nothing here writes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from putright.accounts.permissions import Capability, StaffMember, case_visibility
from putright.cases.models import Case
from putright.core import clock
from putright.reports import exports, oversight, selectors, tsm
from putright.reports.drill import UnknownFigure, figure_filter
from putright.reports.forms import ReportFilterForm, YearForm
from putright.reports.present import scope_params, tables_shown
from putright.reports.scope import ReportScope, scope_for
from putright.reports.tables import Table
from putright.staff import learning
from putright.staff.access import not_found, staff_render, staff_view

PAGE_SIZE = 50
# The learning log lists the latest improvements of the period (the table counts them all).
IMPROVEMENTS_LISTED = 200


def _filters(request: HttpRequest, member: StaffMember) -> tuple[ReportFilterForm, ReportScope]:
    every_service = member.can(Capability.SEE_ALL_REPORTS)
    form = ReportFilterForm(request.GET or None, today=clock.today(), services_shown=every_service)
    return form, scope_for(member, form.scope())


def _period(form: ReportFilterForm) -> str:
    if form.is_bound and form.is_valid():
        return str(form.cleaned_data["period"])
    return str(form.initial["period"])


@require_GET
@staff_view(Capability.SEE_REPORTS)
def dashboard(request: HttpRequest, member: StaffMember) -> HttpResponse:
    form, scope = _filters(request, member)
    tables = selectors.dashboard(scope)
    params = scope_params(scope, _period(form))
    return staff_render(
        request,
        member,
        "reports/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "tables": tables_shown(tables, params=params, links=member.can(Capability.SEE_CASES)),
            "download_query": urlencode(params),
            # The self-assessment is council-wide: not for a service manager.
            "self_assessment_shown": member.can(Capability.SEE_ALL_REPORTS),
        },
    )


@require_GET
@staff_view(Capability.SEE_REPORTS)
def dashboard_download(request: HttpRequest, member: StaffMember, fmt: str) -> HttpResponse:
    """The dashboard's tables as CSV or XLSX, for the same filters as the page."""
    _, scope = _filters(request, member)
    tables = selectors.dashboard(scope)
    name = f"complaints-performance-{scope.start.isoformat()}-to-{scope.end.isoformat()}"
    return _download(tables, fmt, name)


@require_GET
@staff_view(Capability.SEE_REPORTS)
def cases_behind(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """The cases one figure counted, within what the member may see."""
    if not member.can(Capability.SEE_CASES):
        return staff_render(
            request,
            member,
            "staff/refused.html",
            {"message": "Your role shows figures, not the cases behind them."},
            status=403,
        )
    form, scope = _filters(request, member)
    try:
        title, found = figure_filter(
            scope, figure=request.GET.get("figure", ""), key=request.GET.get("key", "")
        )
    except UnknownFigure:
        return not_found(request, member)
    cases = (
        Case.objects.filter(found)
        .filter(case_visibility(member))
        .select_related("service")
        .order_by("-received_on", "-id")
        .only("reference", "received_on", "status", "summary", "kind", "service__name")
    )
    paginator = Paginator(cases, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return staff_render(
        request,
        member,
        "reports/cases.html",
        {"title": title, "scope": scope, "page": page, "form": form},
    )


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def tenant_satisfaction(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """CH01 and CH02 for the year chosen (the housing process, landlord-wide)."""
    form = YearForm(request.GET or None, today=clock.today())
    scope = form.scope()
    measures = tsm.tenant_measures(scope)
    params = scope_params(scope, _period(form))
    links = member.can(Capability.SEE_CASES)
    return staff_render(
        request,
        member,
        "reports/tenant_satisfaction.html",
        {
            "form": form,
            "scope": scope,
            "measures": measures,
            "tables": tables_shown(
                [measures.ch01, measures.ch02, measures.tp09], params=params, links=links
            ),
            "download_query": urlencode(params),
        },
    )


@require_GET
@staff_view(Capability.SEE_REPORTS)
def learning_log(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Service improvements by theme, with the complaints behind them."""
    form, scope = _filters(request, member)
    links = member.can(Capability.SEE_CASES)
    themes = oversight.improvements_by_theme(scope)
    return staff_render(
        request,
        member,
        "reports/learning.html",
        {
            "form": form,
            "scope": scope,
            "tables": tables_shown(
                [themes], params=scope_params(scope, _period(form)), links=links
            ),
            "listed_at_most": IMPROVEMENTS_LISTED,
            # Each improvement with the cases behind it that the member may see: only for
            # roles that may see cases (governance reads the counts).
            "improvements": (
                learning.improvements_listed(
                    member=member,
                    service_id=None,
                    theme="",
                    today=scope.today,
                    within=oversight.improvements_of_period(scope),
                    latest=IMPROVEMENTS_LISTED,
                )
                if links
                else []
            ),
        },
    )


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def tenant_satisfaction_download(
    request: HttpRequest, member: StaffMember, fmt: str
) -> HttpResponse:
    """CH01, CH02 and TP09 as CSV or XLSX, the same rows as the page."""
    scope = YearForm(request.GET or None, today=clock.today()).scope()
    measures = tsm.tenant_measures(scope)
    return _download(
        [measures.ch01, measures.ch02, measures.tp09],
        fmt,
        f"tenant-satisfaction-measures-{scope.start.year}-{scope.end.year}",
    )


def _download(tables: list[Table], fmt: str, name: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.tables_csv(tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.tables_xlsx(tables), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
