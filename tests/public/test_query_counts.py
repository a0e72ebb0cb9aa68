"""How many queries each view of the public site makes: fixed, whatever the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from putright.cases.models import Attachment, Officer, Service
from putright.public import signin
from tests.cases.factories import OfficerFactory
from tests.public.cases import acknowledged, letter_sent, link_from_outbox, responded, sign_in
from tests.public.cases import submitted as submitted_case
from tests.public.helpers import walk
from tests.public.journey_data import FOR_MYSELF

pytestmark = pytest.mark.django_db
Counter = DjangoAssertNumQueries


@pytest.fixture
def officer(db: None) -> Officer:
    return OfficerFactory(name="Sam Patel")


@pytest.fixture
def waste(council_services: dict[str, Service]) -> Service:
    return council_services["waste"]


class TestFeedbackJourney:
    def test_the_first_page_needs_no_database(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        with django_assert_num_queries(1):
            client.get("/feedback/")

    def test_answering_the_first_page_saves_the_session(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        # The session row is written (an existence check and an insert, in a savepoint).
        with django_assert_num_queries(5):
            client.post("/feedback/", {"kind": "complaint"})

    def test_a_question_page_reads_the_session_and_the_services_once(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        walk(client, FOR_MYSELF)
        with django_assert_num_queries(2):
            client.get("/feedback/contact-method/")

    def test_check_your_answers(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        walk(client, FOR_MYSELF)
        with django_assert_num_queries(2):
            client.get("/feedback/check-your-answers/")

    def test_sending_the_feedback(
        self,
        client: Client,
        waste: Service,
        django_assert_num_queries: Counter,
    ) -> None:
        walk(client, FOR_MYSELF)
        with django_assert_num_queries(44):  # one is the count of cases received (CaseVolume)
            client.post("/feedback/check-your-answers/", {"website": ""})

    def test_the_confirmation_and_equality_pages(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        case = submitted_case(waste)
        token = signin.sent_token(case_id=case.pk, emailed=True)
        with django_assert_num_queries(1):
            client.get(f"/feedback/sent/{token}/")
        with django_assert_num_queries(1):
            client.get(f"/feedback/sent/{token}/equality/")
        with django_assert_num_queries(9):
            client.post(f"/feedback/sent/{token}/equality/", {"age_band": "18_24"})


class TestSinglePageForm:
    def test_get(self, client: Client, waste: Service, django_assert_num_queries: Counter) -> None:
        with django_assert_num_queries(1):
            client.get("/complaints/new/")

    def test_post(self, client: Client, waste: Service, django_assert_num_queries: Counter) -> None:
        data = {
            "service": "waste",
            "summary": "Missed bin",
            "details": "Missed again",
            "name": "Ada Lovelace",
            "email": "ada@example.org",
        }
        with django_assert_num_queries(29):  # one is the count of cases received (CaseVolume)
            client.post("/complaints/new/", data)


class TestFollow:
    def test_asking_for_a_link(
        self, client: Client, waste: Service, django_assert_num_queries: Counter
    ) -> None:
        case = submitted_case(waste)
        with django_assert_num_queries(8):
            client.post("/follow/", {"reference": case.reference, "email": "ada@example.org"})
        with django_assert_num_queries(5):
            Client().post("/follow/", {"reference": "CU12345671", "email": "ada@example.org"})

    def test_using_the_link(
        self,
        client: Client,
        waste: Service,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted_case(waste)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/follow/", {"reference": case.reference, "email": "ada@example.org"})
        link = link_from_outbox()
        with django_assert_num_queries(2):
            client.get(link)
        with django_assert_num_queries(15):
            client.post(link)

    def test_the_case_page_costs_the_same_however_much_is_on_the_case(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = responded(acknowledged(submitted_case(waste, with_file=True), officer), officer)
        for n in range(3):
            letter_sent(case, f"Letter {n}")
        sign_in(client, case, django_capture_on_commit_callbacks)
        with django_assert_num_queries(17):
            client.get("/follow/case/")

    def test_the_pages_that_act_on_the_case(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = responded(acknowledged(submitted_case(waste), officer), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)
        with django_assert_num_queries(15):
            client.get("/follow/case/stage-2/")
        with django_assert_num_queries(15):
            client.get("/follow/case/add-information/")
        with django_assert_num_queries(49):
            client.post("/follow/case/stage-2/", {"context": ""})

    def test_withdrawing(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted_case(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)
        with django_assert_num_queries(14):
            client.get("/follow/case/withdraw/")
        # The withdrawal and its acknowledgement letter (rendered, kept, emailed), and one
        # read of who the letter is addressed to (the person or their representative).
        with django_assert_num_queries(53):
            client.post("/follow/case/withdraw/")

    def test_adding_information(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted_case(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)
        with django_assert_num_queries(62):  # one is the count of cases received (CaseVolume)
            client.post("/follow/case/add-information/", {"text": "More", "related": "yes"})

    def test_downloading_a_file(
        self,
        client: Client,
        waste: Service,
        django_assert_num_queries: Counter,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted_case(waste, with_file=True)
        sign_in(client, case, django_capture_on_commit_callbacks)
        attachment = Attachment.objects.get(correspondence__case=case)
        with django_assert_num_queries(2):
            client.get(f"/files/{attachment.pk}/")
