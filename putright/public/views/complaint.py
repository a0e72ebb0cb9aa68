"""Every question of a complaint on one page, for people who prefer it (and for the
performance harness): one POST creates the case and redirects to its confirmation."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from putright.cases import selectors, services
from putright.cases.models import Case, Service
from putright.cases.services import Feedback, PersonDetails
from putright.public import emails, once, ratelimit, signin
from putright.public.forms import ComplaintForm


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    offered = list(selectors.services_offered())
    form = ComplaintForm(data=request.POST if request.method == "POST" else None, services=offered)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("website"):
            # The honeypot: hidden from people, so only a robot fills it in.
            form.add_error(None, _("Your complaint could not be sent. Try again, or contact us."))
            status = 400
        elif not ratelimit.allowed(
            ("submit-ip", ratelimit.client_address(request)), ("submit-email", data["email"])
        ):
            form.add_error(
                None,
                _(
                    "You have sent a lot of feedback in a short time. Wait an hour and try "
                    "again, or contact us by phone or email."
                ),
            )
            status = 429
        else:
            service = next(s for s in offered if s.code == data["service"])
            try:
                case = _submit_once(request, data, service)
            except services.AlreadySubmitted as again:
                # The same complaint sent again (a double click): the first one stands.
                if again.case_id is None:
                    return redirect("public:complaint_new")
                case_id = again.case_id
            else:
                case_id = case.pk
            return redirect(
                "public:complaint_sent", token=signin.sent_token(case_id=case_id, emailed=True)
            )
    return render(request, "public/complaint_new.html", {"form": form}, status=status)


def _submit_once(request: HttpRequest, data: dict[str, Any], service: Service) -> Case:
    """The complaint and its receipt, once for the same words from the same person today."""
    sent = {name: data.get(name, "") for name in ("name", "email", "summary", "details")}
    with transaction.atomic():
        claim = services.submission_claim(
            key=once.key_for("complaint", service=service.code, **sent)
        )
        case = services.feedback_submit(
            feedback=Feedback(
                kind="complaint",
                service=service,
                text=data["details"],
                summary=data["summary"],
                outcomes_sought=data.get("outcome", ""),
                person=PersonDetails(name=data["name"], email=data["email"]),
            )
        )
        services.submission_record(claim=claim, case=case)
        emails.receipt_send(request=request, case=case, to=data["email"])
    return case
