"""Reports for team leads and governance: open cases by service and status; equality
monitoring in aggregate for the insight lead."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from putright.accounts.permissions import Capability, StaffMember
from putright.cases import selectors
from putright.cases.services.records import EQUALITY_FIELDS
from putright.staff import queries
from putright.staff.access import staff_render, staff_view

EQUALITY_QUESTIONS = {
    "age_band": "Age",
    "sex": "Sex",
    "gender_identity_same_as_birth": "Gender identity the same as at birth",
    "disability": "Disability",
    "ethnicity": "Ethnic group",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
}


@staff_view(Capability.SEE_COUNTS)
def service_status(request: HttpRequest, member: StaffMember) -> HttpResponse:
    table = queries.open_counts_by_service_and_status()
    return staff_render(
        request,
        member,
        "staff/reports/service_status.html",
        {
            "table": table,
            "status_labels": [queries.status_label(s) for s in table.statuses],
        },
    )


@staff_view(Capability.SEE_EQUALITY_AGGREGATE)
def equality(request: HttpRequest, member: StaffMember) -> HttpResponse:
    """Equality-monitoring answers, counted: never a case or a person."""
    fewest = int(getattr(settings, "PUTRIGHT_EQUALITY_FEWEST_SHOWN", 5))
    questions = [
        (
            EQUALITY_QUESTIONS.get(name, name),
            selectors.equality_answers_aggregate(field=name, fewest_shown=fewest),
        )
        for name in EQUALITY_FIELDS
    ]
    return staff_render(
        request,
        member,
        "staff/reports/equality.html",
        {"questions": questions, "fewest_shown": fewest},
    )
