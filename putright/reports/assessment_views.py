"""The self-assessment pages: the code for a year with its answers and live figures, an
answer's edit form (the insight lead only) and its history, and the Word and PDF downloads.

Reading is for the roles that read every service's reports (complaints team, insight lead,
governance); a service manager or investigating officer sees only their own service, so
not the council-wide self-assessment. Changing an answer needs RECORD_GOVERNANCE.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET, require_http_methods

from putright.accounts.permissions import Capability, StaffMember
from putright.core import clock
from putright.core.policy import complaint_codes
from putright.policy.codes import AnswerIncomplete
from putright.reports.assessment import (
    UnknownCode,
    answer_history,
    assessment_for,
    code_named,
    current_answer,
    requirement_named,
    year_label,
)
from putright.reports.assessment_documents import assessment_docx, assessment_pdf
from putright.reports.forms import AnswerForm, AssessmentChoiceForm, year_choices
from putright.reports.present import CASES_URL
from putright.reports.services import StaleAnswer, assessment_answer_record
from putright.staff.access import not_found, staff_render, staff_view

BASE = "/staff/reports/self-assessment/"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _code_choices() -> list[tuple[str, str]]:
    return [(code.id, code.label) for code in complaint_codes().values()]


def _year_known(year: int) -> bool:
    return str(year) in dict(year_choices(clock.today()))


def _page_url(code_id: str, year: int) -> str:
    return f"{BASE}?{urlencode({'code': code_id, 'period': year})}"


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def self_assessment(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """The chosen code for the chosen year: a summary, then each section's requirements
    with the answer, the evidence and the figure measured from the case record."""
    form = AssessmentChoiceForm(request.GET or None, today=clock.today(), codes=_code_choices())
    code_id, year = form.chosen()
    assessment = assessment_for(code_named(code_id), year)
    drill = ""
    if member.can(Capability.SEE_CASES):  # governance reads figures, not cases
        drill = f"{CASES_URL}?{urlencode({'period': year, 'process': assessment.code.process})}"
    return staff_render(
        request,
        member,
        "reports/self_assessment.html",
        {
            "form": form,
            "assessment": assessment,
            "drill": drill,
            "may_edit": member.can(Capability.RECORD_GOVERNANCE),
            "download_base": f"{BASE}{code_id}/{year}/",
            "yes": assessment.counted("yes"),
            "no": assessment.counted("no"),
            "not_answered": assessment.counted(""),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_view(Capability.RECORD_GOVERNANCE)
def self_assessment_answer(
    request: HttpRequest, member: StaffMember, code_id: str, year: int, ref: str
) -> HttpResponse:
    """The insight lead's answer to one requirement. A save adds a revision; a "No" needs
    an action and a date (Code 8.5); a save based on an older revision is refused."""
    try:
        code = code_named(code_id)
        requirement = requirement_named(code, ref)
        if not _year_known(year):
            raise UnknownCode(str(year))
    except UnknownCode:
        return not_found(request, member)
    current = current_answer(code, year, ref)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment_answer_record(
                    code_id=code.id,
                    year=year,
                    ref=ref,
                    based_on=data["version"],
                    comply=data["comply"],
                    evidence=data["evidence"],
                    commentary=data["commentary"],
                    action=data["action"],
                    comply_by=data["comply_by"],
                    member=member,
                )
            except (AnswerIncomplete, StaleAnswer) as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(f"{_page_url(code.id, year)}#requirement-{ref}")
    else:
        initial: dict[str, object] = {"version": current.revision if current is not None else 0}
        if current is not None:
            initial.update(
                comply=current.comply,
                evidence=current.evidence,
                commentary=current.commentary,
                action=current.action,
                comply_by=current.comply_by,
            )
        form = AnswerForm(initial=initial)
    return staff_render(
        request,
        member,
        "reports/self_assessment_answer.html",
        {
            "form": form,
            "code": code,
            "requirement": requirement,
            "year": year,
            "year_label": year_label(year),
            "back": f"{_page_url(code.id, year)}#requirement-{ref}",
        },
    )


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def self_assessment_history(
    request: HttpRequest, member: StaffMember, code_id: str, year: int, ref: str
) -> HttpResponse:
    """Every answer given to one requirement for the year, who gave it and when."""
    try:
        code = code_named(code_id)
        requirement = requirement_named(code, ref)
        if not _year_known(year):
            raise UnknownCode(str(year))
    except UnknownCode:
        return not_found(request, member)
    return staff_render(
        request,
        member,
        "reports/self_assessment_history.html",
        {
            "code": code,
            "requirement": requirement,
            "year_label": year_label(year),
            "answers": answer_history(code, year, ref),
            "back": f"{_page_url(code.id, year)}#requirement-{ref}",
        },
    )


@require_GET
@staff_view(Capability.SEE_ALL_REPORTS)
def self_assessment_download(
    request: HttpRequest, member: StaffMember, code_id: str, year: int, fmt: str
) -> HttpResponse:
    """The self-assessment as a Word document (the layout of the council's published
    self-assessments) or a tagged PDF, the same content as the page."""
    try:
        code = code_named(code_id)
        if not _year_known(year):
            raise UnknownCode(str(year))
    except UnknownCode:
        return not_found(request, member)
    assessment = assessment_for(code, year)
    name = f"self-assessment-{code.id.replace('_', '-')}-{year}-{year + 1}.{fmt}"
    if fmt == "docx":
        response = HttpResponse(assessment_docx(assessment), content_type=DOCX_TYPE)
    else:
        response = HttpResponse(assessment_pdf(assessment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
