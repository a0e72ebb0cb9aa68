"""Each field's bad input: the error summary links to the field, the field shows its own
error, the title starts "Error:", what was typed is shown again, and every other answer
is kept (the journey then finishes with all of them)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from putright.cases.models import Service
from putright.core import clock
from tests.public.helpers import step_url, walk
from tests.public.journey_data import FOR_MYSELF, FOR_SOMEONE

pytestmark = pytest.mark.django_db
TOMORROW = clock.today().toordinal() + 1

# (journey, page, what is posted, the control the summary links to, the message)
CASES: list[tuple[str, str, dict[str, Any], str, str]] = [
    ("myself", "", {}, "id_kind", "Select what you want to do"),
    ("myself", "service", {}, "id_service", "Select the service it is about"),
    ("myself", "service", {"service": "nope"}, "id_service", "Select the service it is about"),
    ("myself", "what-happened", {"details": "  "}, "id_details", "Enter what happened"),
    (
        "myself",
        "what-happened",
        {"details": "x" * 5001},
        "id_details",
        "Your answer must be 5000 characters or fewer",
    ),
    (
        "myself",
        "when",
        {},
        "id_aware_on-day",
        "Enter the date you found out about the problem",
    ),
    (
        "myself",
        "when",
        {"aware_on_day": "31", "aware_on_month": "2", "aware_on_year": "2026"},
        "id_aware_on-day",
        "The date you found out about the problem must be a real date",
    ),
    (
        "myself",
        "when",
        {"aware_on_day": "3", "aware_on_month": "11", "aware_on_year": ""},
        "id_aware_on-year",
        "The date you found out about the problem must include a year",
    ),
    (
        "myself",
        "when",
        {"aware_on_day": "1", "aware_on_month": "1", "aware_on_year": "2999"},
        "id_aware_on-day",
        "The date you found out about the problem must be today or in the past",
    ),
    ("myself", "outcome", {"outcome": ""}, "id_outcome", "Enter what you would like us to do"),
    (
        "myself",
        "someone-else",
        {},
        "id_for_someone",
        "Select yes if you are giving feedback for someone else",
    ),
    (
        "myself",
        "adjustments",
        {},
        "id_adjustments",
        "Select what you need, or select 'No, I do not need anything different'",
    ),
    (
        "myself",
        "adjustments",
        {"adjustments": ["interpreter"], "language": ""},
        "id_language",
        "Enter the language you need an interpreter for",
    ),
    (
        "myself",
        "adjustments",
        {"adjustments": ["other"], "other": ""},
        "id_other",
        "Enter what else you need",
    ),
    (
        "myself",
        "adjustments",
        {"adjustments": ["braille", "none"]},
        "id_adjustments",
        "Select what you need, or 'No, I do not need anything different', not both",
    ),
    ("myself", "contact-method", {}, "id_method", "Select how we should contact you"),
    (
        "myself",
        "contact-frequency",
        {},
        "id_frequency",
        "Select how often you would like an update",
    ),
    ("myself", "your-details", {"email": "ada@example.org"}, "id_name", "Enter your full name"),
    (
        "myself",
        "your-details",
        {"name": "Ada Lovelace", "email": "ada@"},
        "id_email",
        "Enter an email address in the correct format, like name@example.com",
    ),
    (
        "myself",
        "your-details",
        {"name": "Ada Lovelace", "phone": "12345"},
        "id_phone",
        "Enter a phone number, like 01632 960 001 or 07700 900 982",
    ),
    (
        "myself",
        "your-details",
        {"name": "Ada Lovelace", "phone": "07700 900123"},
        "id_email",
        "Enter your email address, so that we can email you as you asked",
    ),
    (
        "someone",
        "relationship",
        {},
        "id_relationship",
        "Select how you are connected to the person",
    ),
    ("someone", "consent", {}, "id_consent", "Select how you can show that they agree"),
    (
        "someone",
        "tenant",
        {},
        "id_tenant",
        "Select yes if they are a council tenant or leaseholder",
    ),
    (
        "someone",
        "their-details",
        {"name": "Edith Brown", "postcode": "NF2 2BB"},
        "id_address",
        "Enter their address, so that we can write to them as you asked",
    ),
    (
        "someone",
        "your-details",
        {"name": "Bob Carer", "email": ""},
        "id_email",
        "Enter your email address",
    ),
]
JOURNEYS = {"myself": FOR_MYSELF, "someone": FOR_SOMEONE}


def _prefix(journey: dict[str, Any], slug: str) -> dict[str, Any]:
    keys = list(journey)
    return {k: journey[k] for k in keys[: keys.index(slug)]}


@pytest.mark.parametrize(
    ("journey", "slug", "bad", "target", "message"),
    CASES,
    ids=[f"{j}-{s or 'kind'}-{t}-{i}" for i, (j, s, _b, t, _m) in enumerate(CASES)],
)
def test_bad_input_shows_the_error_summary_linked_to_the_field_and_keeps_every_answer(
    client: Client,
    council_services: dict[str, Service],
    journey: str,
    slug: str,
    bad: dict[str, Any],
    target: str,
    message: str,
) -> None:
    answers = JOURNEYS[journey]
    if _prefix(answers, slug):
        walk(client, _prefix(answers, slug))

    response = client.post(step_url(slug), bad)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<title>Error: " in page
    summary = page.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    assert f'<a href="#{target}">{message}</a>' in summary
    field = target.split("-")[0].removeprefix("id_")
    assert f'<p id="id_{field}-error" class="govuk-error-message">' in page
    assert f"</span> {message}</p>" in page
    for value in bad.values():
        # What was typed comes back (files and choices are shown their own way).
        if isinstance(value, str) and value.strip() and len(value) < 100 and "_" not in value:
            assert value in page or value == "nope"
    # Every earlier answer is still there, and the journey finishes with all of them.
    walk(client, answers, start=slug)
    check = html.unescape(client.get("/feedback/check-your-answers/").content.decode())
    for expected in ("Make a complaint", "Collect it and say sorry", "Fix the damp"):
        if expected in str(answers):
            assert expected in check
    assert check.count('class="govuk-summary-list__row"') >= len(answers) - 1
