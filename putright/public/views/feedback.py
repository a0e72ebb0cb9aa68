"""Give feedback: one question per page, check your answers, confirmation, equality.

Each page reads the journey from the session, validates its own answer and moves on; the
last page makes one domain call (putright.cases.services.feedback_submit) and, in the
same transaction, puts the receipt in the outbox.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from putright.cases import selectors, services
from putright.cases.services import (
    AdjustmentRequest,
    Feedback,
    InvalidInput,
    PersonDetails,
    RepresentativeDetails,
    Upload,
)
from putright.core.policy import policy_config
from putright.policy.lifecycle import is_out_of_time
from putright.public import emails, once, ratelimit, signin, uploads
from putright.public import forms as pf
from putright.public.journey import CHECK, COMPLAINT_LIKE, Journey, Step, step_by_slug

QUESTION = "public/feedback/question.html"


def _returning(request: HttpRequest) -> bool:
    return request.GET.get("return") == "check"


def _question(
    request: HttpRequest,
    journey: Journey,
    step: Step,
    form: pf.QuestionForm,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    returning = _returning(request)
    context = {
        "form": form,
        "step": step,
        "back_url": journey.back_url(step.slug, returning=returning),
        "action": request.get_full_path(),
        **extra,
    }
    return render(request, extra.pop("template", QUESTION), context, status=status)


@require_http_methods(["GET", "POST"])
def feedback_step(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Any question page of the journey."""
    journey = Journey(request)
    step = step_by_slug(slug, journey)
    if step is None:
        raise Http404
    if not step.applies(journey) or not journey.may_show(step.slug):
        missing = journey.first_incomplete()
        return redirect(missing.url if missing else reverse("public:feedback_check"))
    if step.slug == "consent-upload":
        return _consent_upload(request, journey, step)
    if step.slug == "attachments":
        return _attachments(request, journey, step)
    if request.method == "POST":
        form = step.form(data=request.POST, journey=journey)
        if form.is_valid():
            journey.answer(step, request.POST, form)
            return redirect(journey.next_url(step.slug, returning=_returning(request)))
        return _question(request, journey, step, form)
    form = step.form(initial=journey.initial(step), journey=journey)
    return _question(request, journey, step, form)


def _consent_upload(request: HttpRequest, journey: Journey, step: Step) -> HttpResponse:
    parked = journey.consent_file()
    if request.method == "POST":
        form = step.form(data=request.POST, files=request.FILES, journey=journey)
        form.is_valid()
        chosen = request.FILES.get("consent_file")
        if chosen is not None:
            try:
                kind = uploads.check(chosen)
            except uploads.FileRefused as refused:
                form.add_error("consent_file", refused.message)
                return _question(request, journey, step, form, parked=parked)
            journey.consent_file_set(uploads.park(chosen, kind))
        elif parked is None or not uploads.is_parked(parked):
            form.add_error("consent_file", _("Select their signed consent"))
            return _question(request, journey, step, form, parked=None)
        return redirect(journey.next_url(step.slug, returning=_returning(request)))
    return _question(request, journey, step, step.form(journey=journey), parked=parked)


def _attachments(request: HttpRequest, journey: Journey, step: Step) -> HttpResponse:
    """Add files one at a time, remove them, then continue (no JavaScript needed)."""
    template = "public/feedback/attachments.html"
    if request.method == "POST":
        form = step.form(data=request.POST, files=request.FILES, journey=journey)
        form.is_valid()
        remove = request.POST.get("remove")
        if remove:
            journey.file_remove(remove)
            return redirect(request.get_full_path())
        chosen = request.FILES.get("attachment")
        if chosen is not None:
            try:
                kind = uploads.check(chosen, already=len(journey.files()))
            except uploads.FileRefused as refused:
                form.add_error("attachment", refused.message)
                return _question(
                    request, journey, step, form, files=journey.files(), template=template
                )
            journey.file_add(uploads.park(chosen, kind))
        if request.POST.get("action") == "upload":
            if chosen is None:
                form.add_error("attachment", _("Select a file to upload"))
                return _question(
                    request, journey, step, form, files=journey.files(), template=template
                )
            return redirect(request.get_full_path())
        journey.answer(step, request.POST, form)
        return redirect(journey.next_url(step.slug, returning=_returning(request)))
    form = step.form(journey=journey)
    return _question(request, journey, step, form, files=journey.files(), template=template)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{size / (1024 * 1024):.1f}"}
    return _("%(n)s KB") % {"n": max(1, round(size / 1024))}


def _check_rows(journey: Journey) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for step in journey.steps():
        change = f"{step.url}?return=check"
        if step.slug == "consent-upload":
            parked = journey.consent_file() or {}
            rows.append(
                {
                    "key": _("Their signed consent"),
                    "value": str(parked.get("name", "")),
                    "href": change,
                    "hidden": _("their signed consent"),
                }
            )
            continue
        if step.slug == "attachments":
            names = [f"{f['name']} ({_size(int(f['size']))})" for f in journey.files()]
            rows.append(
                {
                    "key": _("Files"),
                    "value": "\n".join(names) or _("No files"),
                    "href": change,
                    "hidden": _("files"),
                }
            )
            continue
        cleaned = journey.cleaned(step.slug) or {}
        form = step.form(journey=journey)
        for key, value in form.summary(cleaned):
            if step.slug == "more-than-12-months-ago" and not value:
                value = _("No reason given")
            rows.append({"key": key, "value": value, "href": change, "hidden": key.lower()})
    return rows


def feedback_from(journey: Journey, uploads_open: ExitStack) -> tuple[Feedback, str]:
    """The journey's answers as the case record takes them, and who gets the receipt."""
    v = journey.value
    service = journey.service()
    if service is None:
        raise InvalidInput("Choose the service.")
    text = str(v("what-happened", "details"))
    reason = str(v("more-than-12-months-ago", "reason_late", "") or "")
    steps = {s.slug for s in journey.steps()}
    if "more-than-12-months-ago" in steps and reason.strip():
        text = f"{text}\n\n{_('Why I am telling you now:')} {reason.strip()}"
    someone = journey.for_someone()
    who = "their-details" if someone else "your-details"
    details = journey.cleaned(who) or {}
    tenant = v("tenant", "tenant") == "yes" if "tenant" in steps else False
    person = PersonDetails(
        name=details.get("name", ""),
        email=details.get("email", ""),
        phone=details.get("phone", ""),
        address=details.get("address", ""),
        postcode=details.get("postcode", ""),
        is_tenant_or_leaseholder=tenant,
        preferred_contact_method=journey.contact_method() or "email",
    )
    representative = None
    consent_file = None
    receipt_to = person.email
    if someone:
        rep = journey.cleaned("your-details") or {}
        consent = str(v("consent", "consent"))
        representative = RepresentativeDetails(
            name=rep.get("name", ""),
            relationship=str(v("relationship", "relationship")),
            consent=consent,
            email=rep.get("email", ""),
            phone=rep.get("phone", ""),
            organisation=rep.get("organisation", ""),
        )
        receipt_to = representative.email
        parked = journey.consent_file()
        if consent in pf.CONSENT_UPLOADED and parked is not None:
            consent_file = _upload(parked, uploads_open)
    adjustments: list[AdjustmentRequest] = []
    if "adjustments" in steps:
        answer = journey.cleaned("adjustments") or {}
        for kind in answer.get("adjustments") or ():
            detail = {"interpreter": "language", "other": "other"}.get(kind)
            if kind != "none":
                adjustments.append(
                    AdjustmentRequest(kind=kind, detail=answer.get(detail, "") if detail else "")
                )
    frequency = str(v("contact-frequency", "frequency", "") or "")
    feedback = Feedback(
        kind=journey.kind(),
        service=service,
        text=text,
        person=person,
        aware_on=v("when", "aware_on") if "when" in steps else None,
        outcomes_sought=str(v("outcome", "outcome", "") or "") if "outcome" in steps else "",
        contact_frequency=pf.FREQUENCY_RECORDED.get(frequency, ""),
        representative=representative,
        consent_file=consent_file,
        adjustments=tuple(adjustments),
        attachments=tuple(_upload(parked, uploads_open) for parked in journey.files()),
    )
    return feedback, receipt_to


def _upload(parked: dict[str, Any], stack: ExitStack) -> Upload:
    handle = stack.enter_context(default_storage.open(str(parked["path"]), "rb"))
    return Upload(
        name=str(parked["name"]),
        content_type=str(parked["content_type"]),
        size=int(parked["size"]),
        file=File(handle, name=str(parked["name"])),
        extension=str(parked.get("extension", "")),
    )


def _over_limit_message() -> str:
    return _(
        "You have sent a lot of feedback in a short time. Wait an hour and try again, or "
        "contact us by phone or email."
    )


@require_http_methods(["GET", "POST"])
def feedback_check(request: HttpRequest) -> HttpResponse:
    """Check your answers, then send: the one domain call of the journey."""
    journey = Journey(request)
    missing = journey.first_incomplete()
    if missing is not None:
        return redirect(missing.url)
    form = pf.CheckForm(data=request.POST if request.method == "POST" else None, journey=journey)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            # The honeypot: people never see this field, so only a robot fills it in.
            form.add_error(None, _("Your feedback could not be sent. Try again, or contact us."))
            status = 400
        else:
            someone = journey.for_someone()
            email = str(journey.value("your-details", "email", "") or "")
            if not ratelimit.allowed(
                ("submit-ip", ratelimit.client_address(request)), ("submit-email", email)
            ):
                form.add_error(None, _over_limit_message())
                status = 429
            else:
                return _send(request, journey, representative=someone)
    return render(
        request,
        "public/feedback/check.html",
        {
            "form": form,
            "rows": _check_rows(journey),
            "back_url": journey.back_url(CHECK, returning=False),
            "kind": journey.kind(),
        },
        status=status,
    )


def _send(request: HttpRequest, journey: Journey, *, representative: bool) -> HttpResponse:
    parked = [*journey.files(), *([journey.consent_file()] if journey.consent_file() else [])]
    try:
        with ExitStack() as files, transaction.atomic():
            # Claimed first: a second post of this journey stops here, before its files.
            claim = services.submission_claim(key=once.key_for("feedback", journey=journey.id()))
            feedback, receipt_to = feedback_from(journey, files)
            case = services.feedback_submit(feedback=feedback)
            services.submission_record(claim=claim, case=case)
            if receipt_to:
                emails.receipt_send(request=request, case=case, to=receipt_to)
            # The parked copies go once the case's own copies are committed.
            transaction.on_commit(lambda: _discard_all(parked))
    except services.AlreadySubmitted as again:
        return _sent_before(request, again)
    journey.finish()
    token = signin.sent_token(case_id=case.pk, emailed=bool(receipt_to))
    return redirect("public:feedback_sent", token=token)


def _sent_before(request: HttpRequest, again: services.AlreadySubmitted) -> HttpResponse:
    """The same journey sent again (a double click): the first one's confirmation."""
    Journey(request).finish()
    if again.case_id is None:
        return redirect("public:feedback_start")
    return redirect(
        "public:feedback_sent", token=signin.sent_token(case_id=again.case_id, emailed=True)
    )


def _discard_all(parked: list[dict[str, Any] | None]) -> None:
    for one in parked:
        if one:
            uploads.discard(one)


def _sent_case(token: str) -> tuple[Any, bool]:
    read = signin.sent_read(token)
    if read is None:
        raise Http404
    case_id, emailed = read
    case = selectors.case_by_id(case_id=case_id)
    if case is None:
        raise Http404
    return case, emailed


@require_http_methods(["GET"])
def feedback_sent(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation page with the CU reference (a signed link, so no session)."""
    case, emailed = _sent_case(token)
    return render(
        request,
        "public/feedback/sent.html",
        {
            "case": case,
            "emailed": emailed,
            "acknowledge_by": case.next_deadline_on
            if case.next_deadline_name == "acknowledge_by"
            else None,
            "equality_url": reverse("public:feedback_equality", args=[token]),
            "late": case.kind in COMPLAINT_LIKE
            and is_out_of_time(case.received_on, case.aware_on, policy_config().time_limits),
        },
    )


@require_http_methods(["GET", "POST"])
def feedback_equality(request: HttpRequest, token: str) -> HttpResponse:
    """Optional equality questions, stored apart from the case (equality_answers_record)."""
    case, _emailed = _sent_case(token)
    form = pf.EqualityForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers = {k: str(v) for k, v in form.cleaned_data.items() if v}
        if answers:
            services.equality_answers_record(case=case, answers=answers)
        return redirect("public:feedback_thanks")
    return render(
        request,
        "public/feedback/equality.html",
        {"form": form, "back_url": reverse("public:feedback_sent", args=[token])},
    )


@require_http_methods(["GET"])
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "public/feedback/thanks.html")


def start_again(request: HttpRequest) -> HttpResponseRedirect:
    Journey(request).finish()
    return redirect("public:feedback_start")
