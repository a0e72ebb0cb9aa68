"""TP09: closing a complaint emails a one-time survey link; the answer, given without an
account, appears in TP09; a second use of the link is refused with a clear page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from putright.cases import services
from putright.cases.models import Case, SatisfactionSurvey
from putright.core import clock
from putright.notifications.models import OutboxMessage
from putright.reports.scope import ReportScope, financial_year_of
from putright.reports.tsm import tp09
from tests.cases.test_journeys import response
from tests.staff.personas import Council, complaint_at_stage1

pytestmark = pytest.mark.django_db


def responded(council: Council) -> Case:
    case = complaint_at_stage1(council)
    services.stage_respond(case=case, actor=council["priya"].actor, content=response(1))
    case.refresh_from_db()
    return case


def closed_by_staff(council: Council, client_for: Callable[[str], Client]) -> tuple[Case, str]:
    """Close through the officer's screen; return the case and the emailed link's path."""
    case = responded(council)
    reply = client_for("complaints").post(
        f"/staff/cases/{case.reference}/close/", {"version": case.version}
    )
    assert reply.status_code == 302, reply.content.decode()[:1500]
    email = OutboxMessage.objects.get(kind="satisfaction_survey", case_reference=case.reference)
    found = re.search(r"https?://[^/\s]+(/satisfaction/[^\s]+/)", email.body_text)
    assert found, email.body_text
    return case, found.group(1)


def this_year() -> ReportScope:
    start, end = financial_year_of(clock.today())
    return ReportScope(start=start, end=end, today=clock.today())


def tp09_cells() -> list[object]:
    return [c.value for c in tp09(this_year()).rows[0].cells]


class TestSurveyLink:
    def test_closing_a_complaint_emails_one_link_to_the_person(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case, link = closed_by_staff(council, client_for)
        assert SatisfactionSurvey.objects.filter(case=case).count() == 1
        # Only the hash of the token is stored.
        assert link.strip("/").rsplit("/", 1)[1] not in SatisfactionSurvey.objects.get().token_hash

    def test_the_link_works_once_without_an_account_and_counts_in_tp09(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        _, link = closed_by_staff(council, client_for)
        resident = Client()
        page = resident.get(link)
        assert page.status_code == 200
        assert "How satisfied or dissatisfied are you" in page.content.decode()
        assert tp09_cells() == [1, 0, "0.0 %", 0, "-"]

        thanks = resident.post(link, {"answer": "2"})

        assert thanks.status_code == 200
        assert "Thank you for your answer" in thanks.content.decode()
        assert tp09_cells() == [1, 1, "100.0 %", 1, "100.0 %"]

    def test_a_second_use_is_refused_with_a_clear_page_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        _, link = closed_by_staff(council, client_for)
        Client().post(link, {"answer": "5"})

        again = Client().post(link, {"answer": "1"})
        shown = Client().get(link)

        assert again.status_code == 410 and shown.status_code == 410
        assert "This link has already been used" in again.content.decode()
        assert SatisfactionSurvey.objects.get().answer == 5
        assert tp09_cells() == [1, 1, "100.0 %", 0, "0.0 %"]

    def test_no_answer_or_one_off_the_scale_is_refused_with_a_message(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        _, link = closed_by_staff(council, client_for)
        for data in ({}, {"answer": "9"}):
            reply = Client().post(link, data)
            assert reply.status_code == 400
            assert "Choose how satisfied you are" in reply.content.decode()
        assert SatisfactionSurvey.objects.get().answered_on is None

    def test_an_unknown_link_says_so(self, council: Council) -> None:
        reply = Client().get("/satisfaction/not-a-real-token/")
        assert reply.status_code == 404
        assert "We cannot find this survey" in reply.content.decode()


class TestTP09:
    def test_satisfied_is_very_or_fairly_of_those_who_answered_with_response_rate(
        self, council: Council
    ) -> None:
        from putright.cases.services.survey import (
            satisfaction_survey_answer,
            satisfaction_survey_create,
        )

        answers = [1, 2, 3, 4, 5, 1, None, None]
        for answer in answers:
            _, token = satisfaction_survey_create(case=responded(council))
            if answer is not None:
                satisfaction_survey_answer(token=token, answer=answer)
        answered = [a for a in answers if a is not None]
        satisfied = [a for a in answered if a in (1, 2)]
        assert tp09_cells() == [
            len(answers),
            len(answered),
            f"{100 * len(answered) / len(answers):.1f} %",
            len(satisfied),
            f"{100 * len(satisfied) / len(answered):.1f} %",
        ]
