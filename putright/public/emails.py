"""Emails the public site sends, through the outbox in the caller's transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from putright.cases.models import Case
from putright.notifications.services import email_enqueue
from putright.web.council import council_contact, council_name

KIND_WORDS = {
    "complaint": gettext_lazy("complaint"),
    "comment": gettext_lazy("comment"),
    "compliment": gettext_lazy("compliment"),
    "service_request": gettext_lazy("request for a service"),
    "mp_councillor_enquiry": gettext_lazy("enquiry"),
}


def in_words(day: date | None) -> str:
    """13 January 2027."""
    return dateformat.format(day, "j F Y") if day else ""


def _send(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict[str, Any],
    kind: str,
    case: Case,
) -> None:
    body = render_to_string(
        template,
        {**context, "case": case, "council": council_name(), "contact": council_contact()},
    )
    email_enqueue(to=to, subject=subject, body=body, kind=kind, case_reference=case.reference)


def receipt_send(*, request: HttpRequest, case: Case, to: str) -> None:
    """The receipt for feedback just sent: the reference and what happens next."""
    what = str(KIND_WORDS.get(case.kind, _("feedback")))
    _send(
        to=to,
        subject=_("We have received your %(what)s: %(reference)s")
        % {"what": what, "reference": case.reference},
        template="public/emails/receipt.txt",
        context={
            "what": what,
            "acknowledge_by": in_words(case.next_deadline_on)
            if case.next_deadline_name == "acknowledge_by"
            else "",
            "follow_url": request.build_absolute_uri(reverse("public:follow_start")),
        },
        kind="public_receipt",
        case=case,
    )


def sign_in_link_send(*, case: Case, to: str, link: str, minutes: int) -> None:
    _send(
        to=to,
        subject=_("Your link to follow %(reference)s") % {"reference": case.reference},
        template="public/emails/sign_in_link.txt",
        context={"link": link, "minutes": minutes},
        kind="public_sign_in_link",
        case=case,
    )


def follow_receipt_send(
    *, case: Case, to: str, subject: str, template: str, kind: str, **context: Any
) -> None:
    """A receipt for something done while following a case (stage 2, withdraw, add)."""
    _send(to=to, subject=subject, template=template, context=context, kind=kind, case=case)
