"""What a person adds and why they ask for stage 2, sent on the public site, reaches the
staff case page (in full, in one chronological view) and the stage 2 acknowledgement."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from putright.cases.models import Case, Officer, Service
from putright.cases.services import Actor
from putright.letters import workflows
from tests.cases.factories import OfficerFactory
from tests.public.cases import ISSUE, acknowledged, responded, sign_in, submitted
from tests.staff.personas import _persona, signed_in

pytestmark = pytest.mark.django_db

ADDED = "The crew also blocked my drive with the lorry, every Tuesday, for a month."
REASONS = "You never answered about my drive. The apology did not say what will change."


@pytest.fixture
def waste(council_services: dict[str, Service]) -> Service:
    return council_services["waste"]


@pytest.fixture
def officer(db: None) -> Officer:
    return OfficerFactory()


def staff_page(case: Case) -> str:
    team = _persona("team.lead", "Jess Walker", "complaints_team", None, officer=False)
    return signed_in(Client(), team).get(f"/staff/cases/{case.reference}/").content.decode()


def test_the_case_page_shows_added_information_and_stage_2_reasons(
    client: Client, waste: Service, officer: Officer, django_capture_on_commit_callbacks: Any
) -> None:
    case = acknowledged(submitted(waste), officer)
    sign_in(client, case, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/follow/case/add-information/", {"text": ADDED, "related": "yes"})
    case.refresh_from_db()
    responded(case, officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/follow/case/stage-2/", {"context": REASONS})

    page = staff_page(case)

    words = page.split('id="person-words"', 1)[1].split('id="deadlines"', 1)[0]
    assert ISSUE in words
    assert ADDED in words
    assert REASONS in words
    assert words.index(ISSUE) < words.index(ADDED) < words.index(REASONS)
    timeline = page.split('id="timeline"', 1)[1]
    assert ADDED in timeline and REASONS in timeline


def test_the_stage_2_acknowledgement_does_not_ask_for_reasons_already_given(
    client: Client, waste: Service, officer: Officer, django_capture_on_commit_callbacks: Any
) -> None:
    case = responded(acknowledged(submitted(waste), officer), officer)
    sign_in(client, case, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/follow/case/stage-2/", {"context": REASONS})
    case.refresh_from_db()

    letter = workflows.escalation_acknowledge_and_issue(
        case=case, actor=Actor(label="Complaints team"), officer=OfficerFactory()
    )

    text = " ".join(letter.body_text.split())
    assert REASONS in text
    assert "You do not have to tell us why you are still unhappy" not in text
