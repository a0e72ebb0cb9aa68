"""Contacts from any channel, once each however often they are sent."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from putright.api.models import IdempotencyKey
from putright.cases.models import Case, Contact
from tests.api.conftest import Api
from tests.staff.personas import Council


@pytest.mark.django_db
class TestContactCreate:
    def test_it_records_a_contact_that_waits_in_the_triage_inbox(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        made = api("intake").post("contacts", {**contact_body, "received_at": "2026-12-01T09:30Z"})
        assert made.status_code == 201
        case = Case.objects.get(reference=made.json()["case"]["reference"])
        assert made["Location"] == f"/api/v1/cases/{case.reference}"
        assert (case.status, case.channel, str(case.received_on)) == (
            "received",
            "email",
            "2026-12-01",
        )
        contact = Contact.objects.get(case=case)
        assert contact.triaged_at is None and contact.text.startswith("My bins")
        assert case.timeline.get().actor_label == "intake system (API)"

    def test_bad_input_gets_a_problem_naming_each_field_and_changes_nothing(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        body = {**contact_body, "channel": "pigeon", "person": {"name": ""}, "service": "nope"}
        refused = api("intake").post("contacts", body)
        assert refused.status_code == 400
        assert refused["Content-Type"] == "application/problem+json"
        assert set(refused.json()["errors"]) == {"channel", "person.name", "service"}
        assert not Case.objects.exists()

    def test_a_service_rule_refusal_is_a_422_problem(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        body = {**contact_body, "person": {"name": "No Way To Reach"}}
        refused = api("intake").post("contacts", body)
        assert refused.status_code == 422
        assert refused.json()["detail"] == "Enter at least one way to contact the person."
        assert not Case.objects.exists()


@pytest.mark.django_db
class TestIdempotencyKey:
    def test_the_same_contact_sent_twice_with_one_key_creates_one_case(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake = api("intake")
        first = intake.post("contacts", contact_body, **{"Idempotency-Key": "abc-123"})
        again = intake.post("contacts", contact_body, **{"Idempotency-Key": "abc-123"})
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["replayed"] is True
        assert again.json()["case"]["reference"] == first.json()["case"]["reference"]
        assert Case.objects.count() == 1

    def test_a_different_contact_with_a_used_key_is_refused(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake = api("intake")
        intake.post("contacts", contact_body, **{"Idempotency-Key": "abc-123"})
        other = intake.post(
            "contacts", {**contact_body, "text": "Something else"}, **{"Idempotency-Key": "abc-123"}
        )
        assert other.status_code == 409
        assert Case.objects.count() == 1

    def test_without_a_key_each_request_is_a_new_contact(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake = api("intake")
        intake.post("contacts", contact_body)
        intake.post("contacts", contact_body)
        assert Case.objects.count() == 2

    def test_a_refused_contact_does_not_use_up_its_key(
        self, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake = api("intake")
        bad = {**contact_body, "person": {"name": "No Way To Reach"}}
        assert intake.post("contacts", bad, **{"Idempotency-Key": "k"}).status_code == 422
        assert not IdempotencyKey.objects.exists()
        assert intake.post("contacts", contact_body, **{"Idempotency-Key": "k"}).status_code == 201


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestIdempotencyKeyConcurrently:
    def test_two_requests_at_the_same_moment_with_one_key_create_one_case(
        self, council: Council, tokens: dict[str, str], contact_body: dict[str, Any]
    ) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")

        start = threading.Barrier(2)
        answers: list[Any] = []

        def send() -> None:
            intake = Api(tokens["intake"])
            start.wait()
            answers.append(intake.post("contacts", contact_body, **{"Idempotency-Key": "same"}))
            connection.close()

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(a.status_code for a in answers) == [200, 201]
        assert len({a.json()["case"]["reference"] for a in answers}) == 1
        assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_contact_runs_a_fixed_number_of_queries(
    api: Callable[[str], Api], contact_body: dict[str, Any]
) -> None:
    from django.test.utils import CaptureQueriesContext

    intake = api("intake")
    intake.post("contacts", contact_body, **{"Idempotency-Key": "warm"})
    with CaptureQueriesContext(connection) as queries:
        assert intake.post("contacts", contact_body, **{"Idempotency-Key": "k1"}).status_code == 201
    # The token, the service, the key's claim and its case, and contact_record's own queries
    # (the case, its contact, its deadlines from the policy core with the closure days kept
    # as data, its timeline event, and its month's count of cases received for the reports).
    assert len(queries) == 25
