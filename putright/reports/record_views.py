"""The insight lead's forms for the annual report's records: the governing body's response
(Code 8.2), the analysis of the year (8.1 b) and the Ombudsman's publications and findings
(8.1 c, e, f). Only RECORD_GOVERNANCE opens them (governance reads the report and changes
nothing). Each form is one call to putright.reports.records; bad input changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from putright.accounts.permissions import Capability, StaffMember
from putright.core import clock
from putright.reports import records
from putright.reports.forms import annual_choices
from putright.reports.models import (
    GoverningBodyResponse,
    OmbudsmanPublication,
    PerformanceNarrative,
)
from putright.reports.record_forms import GoverningResponseForm, NarrativeForm, PublicationForm
from putright.staff.access import not_found, staff_render, staff_view


def _editor(member: StaffMember) -> records.Editor:
    return records.Editor(user_id=member.user_id, name=member.name)


def _known_year(year: int) -> bool:
    return str(year) in {value for value, _ in annual_choices(clock.today())}


def _report(year: int, anchor: str) -> str:
    return f"/staff/reports/annual/?year={year}#{anchor}"


def _form_page(
    request: HttpRequest,
    member: StaffMember,
    *,
    form: forms.Form,
    year: int,
    title: str,
    button: str,
    save: Callable[[dict[str, Any]], Any],
    done: str,
    anchor: str,
) -> HttpResponse:
    """Show `form`; on a valid POST make the one call `save` and go back to the report."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except (records.RecordInvalid, records.RecordChanged) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return HttpResponseRedirect(_report(year, anchor))
    return staff_render(
        request,
        member,
        "reports/annual/record_form.html",
        {
            "form": form,
            "title": title,
            "button": button,
            "year_name": f"{year} to {year + 1}",
            "back": _report(year, anchor),
        },
        status=400 if form.is_bound else 200,
    )


@staff_view(Capability.RECORD_GOVERNANCE)
def governing_response(request: HttpRequest, member: StaffMember, year: int) -> HttpResponse:
    if not _known_year(year):
        return not_found(request, member)
    kept = GoverningBodyResponse.objects.filter(year=year).first()
    initial: dict[str, Any] = {"version": kept.version if kept else 0}
    if kept is not None:
        initial.update(body=kept.body, met_on=kept.met_on, response=kept.response)
    form = GoverningResponseForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return records.governing_response_record(
            year=year,
            version=data["version"],
            body=data["body"],
            met_on=data["met_on"],
            response=data["response"],
            editor=_editor(member),
        )

    return _form_page(
        request,
        member,
        form=form,
        year=year,
        title="The governing body's response",
        button="Save the response",
        save=save,
        done="The governing body's response is saved.",
        anchor="governing-body-response",
    )


@staff_view(Capability.RECORD_GOVERNANCE)
def narrative(request: HttpRequest, member: StaffMember, year: int) -> HttpResponse:
    if not _known_year(year):
        return not_found(request, member)
    kept = PerformanceNarrative.objects.filter(year=year).first()
    initial: dict[str, Any] = {"version": kept.version if kept else 0}
    if kept is not None:
        initial["text"] = kept.text
    form = NarrativeForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return records.narrative_record(
            year=year, version=data["version"], text=data["text"], editor=_editor(member)
        )

    return _form_page(
        request,
        member,
        form=form,
        year=year,
        title="Analysis of the year's complaint handling",
        button="Save the analysis",
        save=save,
        done="The analysis is saved.",
        anchor="section-b",
    )


def _publication(data: dict[str, Any]) -> records.PublicationInput:
    return records.PublicationInput(
        kind=data["kind"],
        title=data["title"],
        published_on=data["published_on"],
        publisher=data["publisher"],
        summary=data["summary"],
        web_address=data["web_address"] or "",
    )


_ANCHORS = {"non_compliance": "section-c", "annual_report": "section-e", "other": "section-f"}


@staff_view(Capability.RECORD_GOVERNANCE)
def publication_add(request: HttpRequest, member: StaffMember, year: int) -> HttpResponse:
    if not _known_year(year):
        return not_found(request, member)
    kind = request.GET.get("kind", "")
    initial: dict[str, Any] = {"version": 0, "kind": kind if kind in _ANCHORS else None}
    form = PublicationForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return records.publication_add(year=year, item=_publication(data), editor=_editor(member))

    return _form_page(
        request,
        member,
        form=form,
        year=year,
        title="Add an Ombudsman publication or finding",
        button="Add it to the report",
        save=save,
        done="Added to the report.",
        anchor=_ANCHORS.get(request.POST.get("kind", kind), "section-c"),
    )


@staff_view(Capability.RECORD_GOVERNANCE)
def publication_change(request: HttpRequest, member: StaffMember, pk: int) -> HttpResponse:
    kept = OmbudsmanPublication.objects.filter(pk=pk).first()
    if kept is None:
        return not_found(request, member)
    initial = {
        "version": kept.version,
        "kind": kept.kind,
        "title": kept.title,
        "published_on": kept.published_on,
        "publisher": kept.publisher,
        "summary": kept.summary,
        "web_address": kept.web_address,
    }
    form = PublicationForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return records.publication_change(
            publication=kept,
            version=data["version"],
            item=_publication(data),
            editor=_editor(member),
        )

    return _form_page(
        request,
        member,
        form=form,
        year=kept.year,
        title="Change an Ombudsman publication or finding",
        button="Save the changes",
        save=save,
        done="The publication is saved.",
        anchor=_ANCHORS[kept.kind],
    )
