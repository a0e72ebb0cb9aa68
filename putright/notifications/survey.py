"""Closing a complaint and sending the satisfaction survey, in one transaction: the email is
in the outbox only if the case closed (Tenant Satisfaction Measure TP09)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from putright.cases import services
from putright.cases.models import Case
from putright.cases.services import Actor
from putright.cases.services.survey import satisfaction_survey_create
from putright.notifications.services import email_enqueue
from putright.web.council import council_name

SURVEYED_KINDS = frozenset({"complaint", "mp_councillor_enquiry"})

BODY = """Dear {name},

We have closed your complaint {reference}. We would like to know how you feel about the way
we handled it. There is one question and it takes less than a minute:

{link}

The link works once and you do not need an account. You do not have to answer.

{council}
"""


@transaction.atomic
def case_close_and_survey(*, case: Case, actor: Actor, on: date | None = None) -> Case:
    """Close the case; for a complaint from someone with an email address, email the survey.

    Raises what case_close raises (the policy's refusal), and then nothing is sent.
    """
    services.case_close(case=case, actor=actor, on=on)
    person = case.person
    if case.kind not in SURVEYED_KINDS or not person.email or person.anonymised_at:
        return case
    _, token = satisfaction_survey_create(case=case, on=on)
    link = settings.PUTRIGHT_PUBLIC_URL + reverse("survey:answer", args=[token])
    email_enqueue(
        to=person.email,
        subject=f"How did we handle your complaint {case.reference}?",
        body=BODY.format(
            name=person.name, reference=case.reference, link=link, council=council_name()
        ),
        kind="satisfaction_survey",
        case_reference=case.reference,
    )
    return case
