"""Every question of a complaint on one page, for people who prefer it (and for the
performance harness): one POST creates the case and redirects to its confirmation."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from putright.cases import selectors, services
from putright.cases.services import Feedback, PersonDetails
from putright.public import emails, ratelimit, signin
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
            with transaction.atomic():
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
                emails.receipt_send(request=request, case=case, to=data["email"])
            return redirect(
                "public:complaint_sent", token=signin.sent_token(case_id=case.pk, emailed=True)
            )
    return render(request, "public/complaint_new.html", {"form": form}, status=status)
