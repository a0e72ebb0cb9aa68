"""The reports hub, the annual complaints performance and service improvement report and
the quarterly governance pack, each as a page and as a tagged PDF.

The annual report and the pack are whole-organisation reports: the roles that see every
service's figures read them (complaints team, insight lead, governance). Nothing here
writes; the insight lead's records are kept through putright.reports.record_views.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from putright.accounts.permissions import Capability, StaffMember
from putright.core import clock
from putright.letters.render import pdf_render
from putright.reports import annual
from putright.reports.forms import AnnualForm, QuarterForm
from putright.reports.present import tables_shown
from putright.reports.tables import Table
from putright.staff.access import staff_render, staff_view
from putright.web.council import council_name

# The reports hub: (capability, address, name, what it is for), in the order shown.
HUB = [
    (
        Capability.SEE_REPORTS,
        "/staff/reports/performance/",
        "Complaints performance",
        "Volumes, timeliness, escalation, outcomes, remedies and the Ombudsman, for a year "
        "or a quarter, with the cases behind each figure and downloads.",
    ),
    (
        Capability.SEE_ALL_REPORTS,
        "/staff/reports/tenant-satisfaction/",
        "Tenant Satisfaction Measures",
        "CH01, CH02 and TP09 for housing complaints, as the Regulator of Social Housing "
        "defines them.",
    ),
    (
        Capability.SEE_REPORTS,
        "/staff/reports/learning/",
        "Learning log report",
        "Service improvements made because of complaints, by theme, with the complaints "
        "behind them.",
    ),
    (
        Capability.SEE_ALL_REPORTS,
        "/staff/reports/annual/",
        "Annual complaints performance and service improvement report",
        "The year's report under the Housing Ombudsman's Complaint Handling Code (8.1 and "
        "8.2), with the governing body's response.",
    ),
    (
        Capability.SEE_ALL_REPORTS,
        "/staff/reports/governance-pack/",
        "Quarterly governance pack",
        "The quarter's figures, trends and Ombudsman outcomes for the Member Responsible "
        "for Complaints (Code 9.7).",
    ),
    (
        Capability.SEE_ALL_REPORTS,
        "/staff/reports/self-assessment/",
        "Self-assessments against the complaint handling codes",
        "The Housing Ombudsman's Code and the LGSCO Code, requirement by requirement: the "
        "council's answer, its evidence and the figure measured from the case record, with "
        "Word and PDF downloads.",
    ),
]


@require_GET
@staff_view(Capability.SEE_REPORTS)
def hub(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Every report the member may open, each with what it is for."""
    reports = [
        {"href": href, "name": name, "purpose": purpose}
        for capability, href, name, purpose in HUB
        if member.can(capability)
    ]
    return staff_render(request, member, "reports/hub.html", {"reports": reports})


def _shown(tables: list[Table], *, period: str, links: bool) -> list[dict[str, Any]]:
    return tables_shown(tables, params={"period": period}, links=links)


def annual_context(report: annual.AnnualReport, *, links: bool, may_record: bool) -> dict[str, Any]:
    period = str(report.year)
    return {
        "report": report,
        "scope": report.scope,
        "year_name": f"{report.year} to {report.year + 1}",
        "quantitative": _shown(report.section(annual.QUANTITATIVE), period=period, links=links),
        "qualitative": _shown(report.section(annual.QUALITATIVE), period=period, links=links),
        "refused": _shown([report.tables["refused"]], period=period, links=links),
        "improvement_tables": _shown(
            report.section(["improvements_themes"]), period=period, links=links
        ),
        "self_assessments": report.self_assessments,
        "may_record": may_record,
    }


def _annual(request: HttpRequest) -> tuple[AnnualForm, annual.AnnualReport]:
    today = clock.today()
    form = AnnualForm(request.GET or None, today=today)
    return form, annual.annual_report(year=int(form.chosen()), today=today)


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def annual_report(request: HttpRequest, member: StaffMember) -> HttpResponse:
    form, report = _annual(request)
    context = annual_context(
        report,
        links=member.can(Capability.SEE_CASES),
        may_record=member.can(Capability.RECORD_GOVERNANCE),
    )
    return staff_render(request, member, "reports/annual/page.html", {"form": form, **context})


def _pdf(document: str, name: str) -> HttpResponse:
    response = HttpResponse(pdf_render(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def annual_report_pdf(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """The year's report as a tagged PDF: the same sections, without links or charts."""
    _, report = _annual(request)
    context = annual_context(report, links=False, may_record=False)
    document = render_to_string(
        "reports/annual/document.html",
        {**context, "pdf": True, "council_name": council_name(), "made_on": clock.today()},
    )
    return _pdf(document, f"annual-complaints-report-{report.year}-to-{report.year + 1}")


# ---------------------------------------------------------------------------------------
# The governance pack


def pack_context(pack: annual.GovernancePack, *, links: bool) -> dict[str, Any]:
    period = pack.quarter.replace("-Q", "-q")
    trends = pack.trends
    tables = pack.tables
    return {
        "pack": pack,
        "scope": pack.scope,
        "quarter_name": annual.quarter_name(pack.quarter),
        "previous_name": annual.quarter_name(pack.previous),
        "section_a": _shown(
            [
                trends[key]
                for key in (
                    "trend_service",
                    "trend_kind",
                    "trend_category",
                    "trend_outcomes",
                    "trend_ack",
                    "trend_response",
                    "trend_escalation",
                )
            ],
            period=period,
            links=False,
        ),
        "outcomes": _shown([tables["outcomes"]], period=period, links=links),
        "section_b": _shown(
            [trends["trend_root_causes"], trends["trend_learning"]], period=period, links=False
        ),
        "section_c": _shown(
            [tables["ombudsman"], tables["ombudsman_findings"], tables["ombudsman_orders"]],
            period=period,
            links=links,
        ),
    }


def _pack(request: HttpRequest) -> tuple[QuarterForm, annual.GovernancePack]:
    today = clock.today()
    form = QuarterForm(request.GET or None, today=today)
    return form, annual.governance_pack(quarter=form.chosen(), today=today)


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def governance_pack(request: HttpRequest, member: StaffMember) -> HttpResponse:
    form, pack = _pack(request)
    context = pack_context(pack, links=member.can(Capability.SEE_CASES))
    return staff_render(request, member, "reports/pack/page.html", {"form": form, **context})


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def governance_pack_pdf(request: HttpRequest, member: StaffMember) -> HttpResponse:
    _, pack = _pack(request)
    document = render_to_string(
        "reports/pack/document.html",
        {
            **pack_context(pack, links=False),
            "pdf": True,
            "council_name": council_name(),
            "made_on": clock.today(),
        },
    )
    return _pdf(document, f"governance-pack-{pack.quarter.lower()}")
