"""The triage inbox: every new contact from every channel, logging a contact taken by
phone, email, letter, in person, from a contractor or an MP, and one action each to
classify, exclude, join an open case, or raise a complaint about a service request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from putright.accounts.permissions import Capability, StaffMember
from putright.cases import services
from putright.cases.models import Case
from putright.cases.services.staff_intake import contact_service_change
from putright.core import clock
from putright.core.policy import policy_config, working_calendar
from putright.letters import workflows
from putright.staff import queries
from putright.staff.access import not_found, staff_render, staff_view
from putright.staff.casework_forms import ServiceChangeForm
from putright.staff.errors import attempt
from putright.staff.forms import (
    ExcludeForm,
    JoinForm,
    RaiseComplaintForm,
    TriageForm,
    VersionedForm,
)
from putright.staff.views import casework

TRIAGE_ACTIONS = ("classify", "exclude", "join", "raise", "service")


def _page(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def _inbox(
    request: HttpRequest,
    member: StaffMember,
    form: forms.Form,
    *,
    status: int = 200,
    matches: list[Any] | None = None,
) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    page = queries.inbox_page(member=member, page=_page(request), q=q)
    today = clock.today()
    due_soon_by = working_calendar().add_working_days(today, 2)
    search = f"&q={quote(page.q)}" if page.q else ""
    return staff_render(
        request,
        member,
        "staff/inbox/list.html",
        {
            "page": page,
            "rows": [
                (
                    case,
                    queries.due_state(case.next_deadline_on, today=today, due_soon_by=due_soon_by),
                    queries.deadline_label(case.next_deadline_name),
                )
                for case in page.cases
            ],
            "form": form,
            "matches": matches or [],
            "previous_href": f"?page={page.page - 1}{search}" if page.has_previous else "",
            "next_href": f"?page={page.page + 1}{search}" if page.has_next else "",
        },
        status=status,
    )


@staff_view(Capability.TRIAGE)
def inbox(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """The inbox, with the form to log a contact on the same page (the form and the
    intake are case work's: putright.staff.views.casework)."""
    if request.method != "POST":
        return _inbox(request, member, casework.intake_form())
    result = casework.intake_submit(request, member)
    if result.redirect is not None:
        return result.redirect
    if result.matches:
        return _inbox(request, member, result.form, matches=result.matches)
    return _inbox(request, member, result.form, status=400)


def _forms(case: Case, data: Any = None, bound: str = "") -> dict[str, forms.Form]:
    def make(name: str, cls: type[forms.Form]) -> forms.Form:
        if name == bound:
            return cls(data, prefix=name)
        return cls(prefix=name, initial={"version": case.version})

    built = {
        "classify": make("classify", TriageForm),
        "exclude": make("exclude", ExcludeForm),
        "join": make("join", JoinForm),
        "service": make("service", ServiceChangeForm),
    }
    if case.kind == "service_request":
        built["raise"] = make("raise", RaiseComplaintForm)
    return built


def _triage_page(
    request: HttpRequest,
    member: StaffMember,
    case: Case,
    bound_forms: dict[str, forms.Form],
    *,
    failed: str = "",
) -> HttpResponse:
    today = clock.today()
    contact = queries.first_contact(case=case)
    return staff_render(
        request,
        member,
        "staff/inbox/triage.html",
        {
            "case": case,
            "contact": contact,
            "forms": bound_forms,
            "failed": bound_forms.get(failed),
            "same_person": queries.hints_same_person(member=member, case=case),
            "similar": queries.hints_similar_text(member=member, case=case, today=today),
            "exclusions": list(policy_config().exclusions.values()),
        },
        status=400 if failed else 200,
    )


@staff_view(Capability.TRIAGE)
def triage(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    case = queries.inbox_case(member=member, reference=reference)
    if case is None:
        return not_found(request, member)
    return _triage_page(request, member, case, _forms(case))


def _claim(case: Case, form: forms.Form) -> None:
    # A missing or 0 version (versions start at 1) is refused as a conflict, never skipped.
    if isinstance(form, VersionedForm):
        case.version = form.cleaned_data.get("version") or 0


@staff_view(Capability.TRIAGE)
def triage_action(
    request: HttpRequest, member: StaffMember, reference: str, action: str
) -> HttpResponse:
    case = queries.inbox_case(member=member, reference=reference)
    if case is None or action not in TRIAGE_ACTIONS or request.method != "POST":
        return not_found(request, member)
    bound_forms = _forms(case, request.POST, bound=action)
    form = bound_forms.get(action)
    if form is None:
        return not_found(request, member)
    done: list[Case] = []
    if form.is_valid():
        _claim(case, form)
        d = form.cleaned_data
        calls: dict[str, Callable[[], Case]] = {
            "classify": lambda: _classify(request, member, case, d),
            "exclude": lambda: _exclude(member, case, d),
            "join": lambda: _join(member, case, d),
            "raise": lambda: services.complaint_raise_from_service_request(
                request=case, actor=member.actor, text=d["text"]
            ),
            "service": lambda: contact_service_change(
                case=case, actor=member.actor, service=d["service"], reason=d["reason"]
            ),
        }
        fields = {
            "classify": {},
            "exclude": {"unknown_exclusion": "code"},
            "join": {"issue_must_be_new_complaint": "open_case"},
            "raise": {},
            "service": {},
        }[action]
        if attempt(form, lambda: done.append(calls[action]()), fields.get):
            result = done[0]
            messages.success(request, _done_message(action, case, result))
            if action == "service":  # still waiting for triage, under its new service
                return HttpResponseRedirect(f"/staff/inbox/{result.reference}/")
            return HttpResponseRedirect(f"/staff/cases/{result.reference}/")
    return _triage_page(request, member, case, bound_forms, failed=action)


def _classify(request: HttpRequest, member: StaffMember, case: Case, data: dict[str, Any]) -> Case:
    """A comment or compliment is thanked in writing and passed to its service."""
    if data["kind"] not in ("comment", "compliment"):
        return services.contact_triage(
            case=case, actor=member.actor, kind=data["kind"], reason=data["reason"]
        )
    _letter, routed_to = workflows.feedback_thank_and_route(
        case=case, actor=member.actor, kind=data["kind"], reason=data["reason"]
    )
    messages.info(
        request,
        f"A thank-you letter is on the case. Sent to the service manager at {routed_to}."
        if routed_to
        else "A thank-you letter is on the case. The service has no manager email set: "
        "pass it on yourself.",
    )
    return case


def _exclude(member: StaffMember, case: Case, data: dict[str, Any]) -> Case:
    """Exclude and send the exclusion (or hold) notice, in one transaction."""
    workflows.exclude_and_issue(
        case=case, actor=member.actor, code=data["code"], reasons=data["reasons"]
    )
    return case


def _join(member: StaffMember, case: Case, data: dict[str, Any]) -> Case:
    open_case = queries.visible_case(member=member, reference=data["open_case"])
    if open_case is None:
        raise services.InvalidInput("There is no case with that reference.")
    return services.contact_join_case(
        case=case,
        open_case=open_case,
        actor=member.actor,
        would_unreasonably_delay=data["would_unreasonably_delay"],
    )


def _done_message(action: str, case: Case, result: Case) -> str:
    if action == "classify":
        return f"{case.reference} classified as {result.get_kind_display().lower()}."
    if action == "exclude":
        return (
            f"{case.reference} excluded. The exclusion letter is on the case: emailed, or "
            "waiting in the print-and-post queue."
        )
    if action == "service":
        return f"{case.reference} moved to {result.service.name}."
    if action == "join":
        return f"{case.reference} joined this complaint."
    return f"Complaint {result.reference} raised about service request {case.reference}."
