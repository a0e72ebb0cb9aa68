"""Back-office pages for correspondence, letters and files, representatives and consent,
contractors, service requests, the print-and-post queue.

Each page loads the case with the same checks as the case page (putright.staff.views.cases):
a case the member may not see answers 404, an action they may not take 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path
from django.utils.http import content_disposition_header

from putright.accounts.permissions import Capability, StaffMember, case_visibility
from putright.cases import services
from putright.cases.models import Attachment, Case, Person, Representative
from putright.cases.services import AdjustmentRequest, PersonDetails
from putright.cases.services.correspondence import correspondence_log
from putright.cases.services.representatives import (
    RepresentativeInput,
    consent_decide,
    representative_change,
    representative_create,
    representative_end,
)
from putright.cases.services.staff_intake import Intake, contact_intake, people_matching
from putright.core import clock
from putright.letters import posting
from putright.letters.models import IssuedLetter
from putright.letters.posting import letters_to_post
from putright.staff.access import not_found, refused, staff_render, staff_view
from putright.staff.casework_forms import (
    ConsentForm,
    ContractorAskForm,
    CorrespondenceLogForm,
    IntakeForm,
    PostedForm,
    RepresentativeAddForm,
    RepresentativeEndForm,
    RepresentativeForm,
    ServiceRequestComplaintForm,
    ServiceRequestCompleteForm,
)
from putright.staff.errors import attempt
from putright.staff.views.cases import _claim_version, _load, _Loaded
from putright.web import converters  # noqa: F401 - registers <id:...>
from putright.web.uploads import download_as

# ---------------------------------------------------------------------------------------
# Shared


def _case_url(case: Case) -> str:
    return f"/staff/cases/{case.reference}/"


def _acting(
    request: HttpRequest, member: StaffMember, reference: str
) -> tuple[_Loaded | None, HttpResponse | None]:
    """The case if the member may act on it; otherwise the 404 or 403 to answer."""
    loaded = _load(member, reference)
    if loaded is None:
        return None, not_found(request, member)
    if not loaded.may_act:
        return None, refused(
            request, member, f"You can see case {loaded.case.reference} but not act on it."
        )
    return loaded, None


def _form_page(
    request: HttpRequest,
    member: StaffMember,
    case: Case,
    form: forms.Form,
    *,
    title: str,
    button: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    return staff_render(
        request,
        member,
        "staff/cases/casework_form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "button": button,
            "intro": intro,
            "multipart": any(isinstance(f, forms.FileField) for f in form.fields.values()),
            **(extra or {}),
        },
        status=400 if form.is_bound else 200,
    )


def _act(
    request: HttpRequest,
    member: StaffMember,
    reference: str,
    form_class: Callable[..., forms.Form],
    perform: Callable[[Case, Any], Any],
    *,
    title: str,
    button: str,
    done: str,
    intro: str = "",
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """The one pattern of every case work form: load, check, parse, one service call."""
    loaded, answer = _acting(request, member, reference)
    if loaded is None:
        assert answer is not None  # noqa: S101 - _acting returns one or the other
        return answer
    case = loaded.case
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            _claim_version(case, form)
            if attempt(form, lambda: perform(case, form.cleaned_data), lambda _rule: None):
                messages.success(request, done)
                return HttpResponseRedirect(_case_url(case))
    else:
        form = form_class(initial={"version": case.version, **(initial or {})})
    return _form_page(request, member, case, form, title=title, button=button, intro=intro)


# ---------------------------------------------------------------------------------------
# Correspondence, notes and files


@staff_view(Capability.SEE_CASES)
def correspondence_add(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    def perform(case: Case, data: dict[str, Any]) -> None:
        correspondence_log(
            case=case,
            actor=member.actor,
            kind=data["kind"],
            direction=data["direction"],
            on=data["on"],
            summary=data["summary"],
            detail=data["detail"],
            uploads=data["attachments"],
        )

    return _act(
        request,
        member,
        reference,
        CorrespondenceLogForm,
        perform,
        title="Log a call, email, letter or note",
        button="Save to the case",
        done="Logged on the case.",
    )


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    # Files are at most a few megabytes (putright.web.uploads.max_bytes), so read whole.
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # A file someone sent is never run by the browser, and never cached on a shared machine.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as stored:
        return bytes(stored.read())


@staff_view(Capability.SEE_CASES)
def file_download(
    request: HttpRequest, member: StaffMember, reference: str, attachment_id: int
) -> HttpResponse:
    """Any file on a case, for anyone who may see the case."""
    loaded = _load(member, reference)
    attachment = (
        Attachment.objects.filter(pk=attachment_id, correspondence__case=loaded.case).first()
        if loaded is not None
        else None
    )
    name = attachment.file.name if attachment is not None else None
    if attachment is None or not name or not default_storage.exists(name):
        return not_found(request, member)
    # Handed out under the kind its content was checked to be, never the sender's own
    # extension (a text script named "statement.pdf.bat" arrives as "statement.txt").
    filename, content_type = download_as(
        original_name=attachment.original_name, content_type=attachment.content_type
    )
    return _download(_read(name), filename=filename, content_type=content_type)


@staff_view(Capability.SEE_CASES)
def letter_pdf(
    request: HttpRequest, member: StaffMember, reference: str, letter_id: int
) -> HttpResponse:
    """An issued letter's PDF, as it was sent, for anyone who may see the case."""
    loaded = _load(member, reference)
    letter = (
        IssuedLetter.objects.filter(pk=letter_id, case=loaded.case).first()
        if loaded is not None
        else None
    )
    if letter is None or not letter.pdf:
        return not_found(request, member)
    return _download(
        bytes(letter.pdf),
        filename=letter.filename,
        content_type="application/pdf",
    )


urlpatterns: list[URLPattern] = [
    path(
        "cases/<str:reference>/correspondence/",
        correspondence_add,
        name="case-correspondence",
    ),
    path(
        "cases/<str:reference>/files/<id:attachment_id>/",
        file_download,
        name="case-file",
    ),
    path(
        "cases/<str:reference>/letters/<id:letter_id>/pdf/",
        letter_pdf,
        name="case-letter-pdf",
    ),
]


# ---------------------------------------------------------------------------------------
# Representatives and consent


def _details(data: dict[str, Any]) -> RepresentativeInput:
    return RepresentativeInput(
        name=data["name"],
        relationship=data["relationship"],
        organisation=data["organisation"],
        email=data["email"],
        phone=data["phone"],
        address=data["address"],
        receives_response=data["receives_response"],
    )


@staff_view(Capability.SEE_CASES)
def representative_add(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    def perform(case: Case, data: dict[str, Any]) -> None:
        representative_create(
            case=case,
            actor=member.actor,
            details=_details(data),
            consent_state=data["consent_state"],
        )

    return _act(
        request,
        member,
        reference,
        RepresentativeAddForm,
        perform,
        title="Add a representative",
        button="Add the representative",
        done="Representative added.",
        initial={"receives_response": True, "consent_state": "outstanding"},
    )


def _representative(case: Case, rep_id: int) -> Representative | None:
    return Representative.objects.filter(case=case, pk=rep_id, ended_on__isnull=True).first()


def _on_representative(
    request: HttpRequest,
    member: StaffMember,
    reference: str,
    rep_id: int,
    page: Callable[[Representative], HttpResponse],
) -> HttpResponse:
    loaded = _load(member, reference)
    rep = _representative(loaded.case, rep_id) if loaded is not None else None
    if rep is None:
        return not_found(request, member)
    return page(rep)


@staff_view(Capability.SEE_CASES)
def representative_change_page(
    request: HttpRequest, member: StaffMember, reference: str, rep_id: int
) -> HttpResponse:
    def page(rep: Representative) -> HttpResponse:
        return _act(
            request,
            member,
            reference,
            RepresentativeForm,
            lambda case, data: representative_change(
                case=case, actor=member.actor, representative=rep, details=_details(data)
            ),
            title=f"Change {rep.name}'s details",
            button="Save the changes",
            done="Representative's details changed.",
            initial={
                f: getattr(rep, f)
                for f in (
                    "name",
                    "relationship",
                    "organisation",
                    "email",
                    "phone",
                    "address",
                    "receives_response",
                )
            },
        )

    return _on_representative(request, member, reference, rep_id, page)


@staff_view(Capability.SEE_CASES)
def representative_end_page(
    request: HttpRequest, member: StaffMember, reference: str, rep_id: int
) -> HttpResponse:
    def page(rep: Representative) -> HttpResponse:
        return _act(
            request,
            member,
            reference,
            RepresentativeEndForm,
            lambda case, data: representative_end(
                case=case, actor=member.actor, representative=rep, reason=data["reason"]
            ),
            title=f"{rep.name} no longer acts for the person",
            button="End the representation",
            done="Representation ended: letters go to the person again.",
        )

    return _on_representative(request, member, reference, rep_id, page)


@staff_view(Capability.SEE_CASES)
def consent_page(
    request: HttpRequest, member: StaffMember, reference: str, rep_id: int
) -> HttpResponse:
    def page(rep: Representative) -> HttpResponse:
        waiting = rep.consent_state == "to_check"
        return _act(
            request,
            member,
            reference,
            ConsentForm,
            lambda case, data: consent_decide(
                case=case,
                actor=member.actor,
                representative=rep,
                state=data["state"],
                evidence=data["evidence"],
                on=data["on"],
                uploads=data["attachments"],
            ),
            title=f"Record the person's consent for {rep.name}",
            button="Record consent",
            done="Consent recorded.",
            intro=(
                f"A consent form was uploaded online: {rep.consent_evidence}. Open it from "
                "the files on the case and check it before accepting it."
                if waiting
                else "Until the person's written consent is recorded nothing may be "
                "disclosed to the representative and no response can be issued."
            ),
            initial={"evidence": rep.consent_evidence} if waiting else None,
        )

    return _on_representative(request, member, reference, rep_id, page)


urlpatterns += [
    path(
        "cases/<str:reference>/representatives/add/",
        representative_add,
        name="case-representative-add",
    ),
    path(
        "cases/<str:reference>/representatives/<id:rep_id>/change/",
        representative_change_page,
        name="case-representative-change",
    ),
    path(
        "cases/<str:reference>/representatives/<id:rep_id>/end/",
        representative_end_page,
        name="case-representative-end",
    ),
    path(
        "cases/<str:reference>/representatives/<id:rep_id>/consent/",
        consent_page,
        name="case-consent",
    ),
]


# ---------------------------------------------------------------------------------------
# Staff intake (the "Log a contact" form below the triage inbox's table)


@dataclass
class IntakeResult:
    """What the inbox page shows after a POST of the form: the bound form, the people who
    may be the same (asked once before a new person is made), or where to go next."""

    form: IntakeForm
    matches: list[Person] = field(default_factory=list)
    redirect: HttpResponse | None = None


def intake_form() -> IntakeForm:
    return IntakeForm(initial={"received_on": clock.today(), "kind": "complaint"})


def _intake(data: dict[str, Any], known: Person | None) -> Intake:
    rep = None
    if data["rep_name"]:
        rep = RepresentativeInput(
            name=data["rep_name"],
            relationship=data["rep_relationship"],
            organisation=data["rep_organisation"],
            email=data["rep_email"],
            phone=data["rep_phone"],
            address=data["rep_address"],
        )
    detail = data["adjustment_detail"]
    return Intake(
        channel=data["channel"],
        kind=data["kind"],
        service=data["service"],
        text=data["text"],
        person=PersonDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            postcode=data["postcode"],
            is_tenant_or_leaseholder=data["tenant"],
            preferred_contact_method="letter" if data["by_post"] else "email",
        ),
        received_on=data["received_on"],
        aware_on=data["aware_on"],
        outcomes_sought=data["outcomes_sought"],
        housing_reference=data["housing_reference"],
        known_person=known,
        representative=rep,
        representative_consent=data["rep_consent"] or "outstanding",
        consent_evidence=data["rep_consent_evidence"],
        adjustments=tuple(
            AdjustmentRequest(kind=k, detail=detail if k in ("interpreter", "other") else "")
            for k in data["adjustments"]
        ),
        attachments=tuple(data["attachments"]),
    )


def _chosen_person(form: IntakeForm, choice: str) -> tuple[bool, Person | None]:
    """(ok, person): "new" is no person; an id must be a person still on record."""
    if choice == "new":
        return True, None
    known = (
        Person.objects.filter(pk=int(choice), anonymised_at__isnull=True).first()
        if choice.isdigit()
        else None
    )
    if known is None:
        form.add_error(None, "Choose one of the people listed, or a new person")
        return False, None
    return True, known


def intake_submit(request: HttpRequest, member: StaffMember) -> IntakeResult:
    """Parse the form; before creating a person, show the people who may be the same."""
    form = IntakeForm(request.POST, request.FILES)
    if not form.is_valid():
        return IntakeResult(form=form)
    data = form.cleaned_data
    choice = data["person_choice"]
    if not choice:
        matches = people_matching(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            postcode=data["postcode"],
            housing_reference=data["housing_reference"],
        )
        if matches:
            return IntakeResult(form=form, matches=matches)
        choice = "new"
    ok, known = _chosen_person(form, choice)
    made: list[Case] = []
    if ok and attempt(
        form,
        lambda: made.append(contact_intake(intake=_intake(data, known), actor=member.actor)),
        lambda _rule: None,
    ):
        case = made[0]
        late = " It is flagged as out of time." if case.out_of_time else ""
        messages.success(request, f"Contact logged as {case.reference}.{late}")
        return IntakeResult(
            form=form, redirect=HttpResponseRedirect(f"/staff/inbox/{case.reference}/")
        )
    return IntakeResult(form=form)


# ---------------------------------------------------------------------------------------
# The print-and-post queue


def _queue(member: StaffMember) -> list[IssuedLetter]:
    return list(letters_to_post(cases=case_visibility(member)))


@staff_view(Capability.ACT_ON_ANY_CASE)
def post_queue(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Letters to print and post: download a batch, then mark them posted."""
    letters = _queue(member)
    form = PostedForm(
        request.POST if request.method == "POST" else None,
        letter_ids=[x.pk for x in letters if posting.has_address(x)],
    )
    if request.method == "POST" and form.is_valid():
        chosen = [x for x in letters if str(x.pk) in form.cleaned_data["letters"]]
        if form.cleaned_data["do"] == "download":
            chosen = list(IssuedLetter.objects.filter(pk__in=[x.pk for x in chosen]))
            return _download(
                posting.letters_batch_pdf(letters=chosen),
                filename=f"letters-to-post-{clock.today():%Y-%m-%d}.zip",
                content_type="application/zip",
            )
        on = form.cleaned_data["posted_on"] or clock.today()
        done: list[int] = []
        call = partial(posting.letters_mark_posted, letters=chosen, on=on, actor=member.actor)
        if attempt(form, lambda: done.append(call()), lambda _rule: None):
            messages.success(request, f"{done[0]} letters marked posted on {on:%-d %B %Y}.")
            return HttpResponseRedirect("/staff/letters/post/")
    return staff_render(
        request,
        member,
        "staff/letters/post_queue.html",
        {
            "form": form,
            "ready": [x for x in letters if posting.has_address(x)],
            "held": [x for x in letters if not posting.has_address(x)],
        },
        status=400 if form.is_bound else 200,
    )


urlpatterns += [path("letters/post/", post_queue, name="post-queue")]


# ---------------------------------------------------------------------------------------
# Service requests: their own moves, never the complaint moves


def _service_request(
    request: HttpRequest, member: StaffMember, reference: str
) -> HttpResponse | None:
    loaded = _load(member, reference)
    if loaded is None:
        return not_found(request, member)
    if loaded.case.kind != "service_request" or loaded.case.status == "closed":
        return refused(request, member, f"{loaded.case.reference} is not an open service request.")
    return None


@staff_view(Capability.SEE_CASES)
def service_request_complete(
    request: HttpRequest, member: StaffMember, reference: str
) -> HttpResponse:
    answer = _service_request(request, member, reference)
    if answer is not None:
        return answer
    return _act(
        request,
        member,
        reference,
        ServiceRequestCompleteForm,
        lambda case, data: services.service_request_complete(
            request=case, actor=member.actor, outcome=data["outcome"]
        ),
        title="Complete the service request",
        button="Complete the service request",
        done="Service request completed.",
    )


@staff_view(Capability.SEE_CASES)
def service_request_complaint(
    request: HttpRequest, member: StaffMember, reference: str
) -> HttpResponse:
    answer = _service_request(request, member, reference)
    if answer is not None:
        return answer
    return _act(
        request,
        member,
        reference,
        ServiceRequestComplaintForm,
        lambda case, data: services.complaint_raise_from_service_request(
            request=case, actor=member.actor, text=data["text"]
        ),
        title="Raise a complaint about this service request",
        button="Raise a stage 1 complaint",
        done="Stage 1 complaint raised and linked; the service request stays open.",
    )


urlpatterns += [
    path(
        "cases/<str:reference>/service-request/complete/",
        service_request_complete,
        name="service-request-complete",
    ),
    path(
        "cases/<str:reference>/service-request/complaint/",
        service_request_complaint,
        name="service-request-complaint",
    ),
]


# ---------------------------------------------------------------------------------------
# Contractors


@staff_view(Capability.SEE_CASES)
def contractor_ask(request: HttpRequest, member: StaffMember, reference: str) -> HttpResponse:
    """Ask the contractor for first feedback: starts the clock the scheduler reminds on."""
    return _act(
        request,
        member,
        reference,
        ContractorAskForm,
        lambda case, data: services.contractor_feedback_request(
            case=case, actor=member.actor, contractor=data["contractor"]
        ),
        title="Ask the contractor for first feedback",
        button="Record that the contractor was asked",
        done="Contractor asked: their first feedback is due in the time the policy allows.",
    )


urlpatterns += [
    path("cases/<str:reference>/contractor/ask/", contractor_ask, name="contractor-ask"),
]
