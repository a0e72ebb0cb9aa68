"""The single-page complaint form at /complaints/new/ (also what the performance harness
posts), the honeypot, and the rate limits on sending feedback."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases.models import Case, Contact, Person, Service
from tests.public.helpers import walk
from tests.public.journey_data import FOR_MYSELF

pytestmark = pytest.mark.django_db
URL = "/complaints/new/"
GOOD = {
    "service": "waste",
    "summary": "Missed bin collection again",
    "details": "Our bins were not collected for the third week running.",
    "email": "resident1@example.org",
    "name": "Resident One",
}


def csrf_client() -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return client, token.group(1)


class TestTheSinglePageForm:
    def test_get_gives_a_csrf_token_and_post_creates_the_case_and_redirects(
        self, council_services: dict[str, Service], django_capture_on_commit_callbacks: Any
    ) -> None:
        client, token = csrf_client()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, {**GOOD, "csrfmiddlewaretoken": token})

        assert response.status_code in (302, 303)
        assert "/complaints/" in response["Location"]
        case = Case.objects.get()
        assert (case.kind, case.channel, case.service.code, case.status) == (
            "complaint",
            "web",
            "waste",
            "received",
        )
        assert case.summary == "Missed bin collection again"
        contact = Contact.objects.get(case=case)
        assert contact.text == "Our bins were not collected for the third week running."
        person = Person.objects.get(pk=case.person_id)
        assert (person.name, person.email) == ("Resident One", "resident1@example.org")
        page = client.get(response["Location"]).content.decode()
        assert f"<strong>{case.reference}</strong>" in page
        assert [m.to for m in mail.outbox] == [["resident1@example.org"]]

    def test_the_same_session_can_send_many_without_fetching_the_form_again(
        self, council_services: dict[str, Service]
    ) -> None:
        client, token = csrf_client()
        for n in range(3):
            data = {**GOOD, "email": f"r{n}@example.org", "csrfmiddlewaretoken": token}
            assert client.post(URL, data).status_code == 302
        assert Case.objects.count() == 3

    def test_a_post_without_the_csrf_token_is_refused(
        self, council_services: dict[str, Service]
    ) -> None:
        client = Client(enforce_csrf_checks=True)
        assert client.post(URL, GOOD).status_code == 403
        assert not Case.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("service", "", "Select the service it is about"),
            ("service", "nope", "Select the service it is about"),
            ("summary", "", "Enter a summary of your complaint"),
            ("summary", "x" * 301, "The summary must be 300 characters or fewer"),
            ("details", "", "Enter what happened"),
            ("name", "", "Enter your full name"),
            ("email", "", "Enter your email address"),
            ("email", "not-an-email", "Enter an email address in the correct format"),
        ],
    )
    def test_each_bad_field_is_linked_from_the_summary_and_the_rest_is_kept(
        self,
        client: Client,
        council_services: dict[str, Service],
        field: str,
        value: str,
        message: str,
    ) -> None:
        response = client.post(URL, {**GOOD, field: value})

        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert "<title>Error: Make a complaint" in page
        assert re.search(rf'<a href="#id_{field}">{re.escape(message)}[^<]*</a>', page)
        for other, kept in GOOD.items():
            if other not in (field, "service"):
                assert kept in page
        if field != "service":
            assert 'value="waste" checked' in page
        assert not Case.objects.exists()


class TestHoneypot:
    def test_a_filled_honeypot_on_the_single_page_form_sends_nothing(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        response = client.post(URL, {**GOOD, "website": "http://spam.example"})

        assert response.status_code == 400
        assert "Your complaint could not be sent" in response.content.decode()
        assert "Missed bin collection again" in response.content.decode()
        assert not Case.objects.exists()

    def test_a_filled_honeypot_on_check_your_answers_sends_nothing(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_MYSELF)

        response = client.post("/feedback/check-your-answers/", {"website": "x"})

        assert response.status_code == 400
        assert not Case.objects.exists()
        # The answers are still there for a person who somehow filled it.
        assert "ada@example.org" in client.get("/feedback/check-your-answers/").content.decode()

    def test_the_honeypot_is_hidden_from_people_and_assistive_technology(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        page = client.get(URL).content.decode()
        assert '<div class="govuk-!-display-none" aria-hidden="true">' in page
        assert 'name="website" tabindex="-1" autocomplete="off"' in page


class TestRateLimits:
    def test_sending_is_limited_per_address(
        self, client: Client, council_services: dict[str, Service], settings: Settings
    ) -> None:
        settings.PUTRIGHT_RATE_LIMITS = {"submit-ip": (2, 3600)}
        for n in range(2):
            assert client.post(URL, {**GOOD, "email": f"r{n}@example.org"}).status_code == 302

        response = client.post(URL, {**GOOD, "email": "r3@example.org"})

        assert response.status_code == 429
        assert "You have sent a lot of feedback in a short time" in response.content.decode()
        assert "r3@example.org" in response.content.decode()  # nothing typed is lost
        assert Case.objects.count() == 2
        other = Client(REMOTE_ADDR="192.0.2.7")
        assert other.post(URL, {**GOOD, "email": "r4@example.org"}).status_code == 302

    def test_sending_is_limited_per_email_address(
        self, council_services: dict[str, Service], settings: Settings
    ) -> None:
        settings.PUTRIGHT_RATE_LIMITS = {"submit-email": (1, 3600)}
        Client(REMOTE_ADDR="192.0.2.1").post(URL, GOOD)

        response = Client(REMOTE_ADDR="192.0.2.2").post(
            URL, {**GOOD, "email": "RESIDENT1@example.org"}
        )

        assert response.status_code == 429
        assert Case.objects.count() == 1

    def test_the_journey_is_limited_too_and_keeps_the_answers(
        self, client: Client, council_services: dict[str, Service], settings: Settings
    ) -> None:
        settings.PUTRIGHT_RATE_LIMITS = {"submit-ip": (0, 3600)}
        walk(client, FOR_MYSELF)

        response = client.post("/feedback/check-your-answers/", {"website": ""})

        assert response.status_code == 429
        assert not Case.objects.exists()
        assert "ada@example.org" in response.content.decode()

    def test_no_limits_are_applied_when_none_are_configured(
        self, client: Client, council_services: dict[str, Service], settings: Settings
    ) -> None:
        settings.PUTRIGHT_RATE_LIMITS = {}
        for n in range(40):
            assert client.post(URL, {**GOOD, "email": f"r{n}@example.org"}).status_code == 302
