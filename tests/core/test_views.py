"""The pages outside any journey: start page, accessibility statement, privacy notice,
health check."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings

from putright.core import clock
from putright.notifications.models import Heartbeat, OutboxMessage
from putright.notifications.services import heartbeat_record

DASH = "\N{EN DASH}"


def title_of(content: bytes) -> str:
    return content.decode().split("<title>", 1)[1].split("</title>", 1)[0]


@pytest.mark.django_db
class TestStartPage:
    def test_it_serves_the_start_page(self, client: Client) -> None:
        response = client.get("/")

        assert response.status_code == 200
        assert title_of(response.content) == (
            f"Give feedback about a council service {DASH} Give feedback {DASH} Northfield Council"
        )

    def test_it_says_there_is_no_wrong_way_to_contact_us(self, client: Client) -> None:
        response = client.get("/")

        assert b"There is no wrong way to contact us" in response.content

    def test_its_start_button_leads_to_the_feedback_journey(self, client: Client) -> None:
        response = client.get("/")

        assert b'href="/feedback/" role="button"' in response.content
        assert b"govuk-button--start" in response.content

    def test_it_lists_every_other_way_to_contact_the_council(self, client: Client) -> None:
        content = client.get("/").content.decode()

        for way in ("Phone", "Email", "Letter", "In person"):
            assert f'<h3 class="govuk-heading-s">{way}</h3>' in content

    def test_it_uses_the_council_name_from_settings(
        self, client: Client, settings: Settings
    ) -> None:
        settings.PUTRIGHT_COUNCIL_NAME = "Milton Keynes City Council"

        response = client.get("/")

        assert title_of(response.content).endswith(f"{DASH} Milton Keynes City Council")
        assert b'class="govuk-generic-header__homepage-link">Milton Keynes City Council<' in (
            response.content
        )

    def test_it_makes_no_database_queries(
        self, client: Client, django_assert_num_queries: DjangoAssertNumQueries
    ) -> None:
        with django_assert_num_queries(0):
            client.get("/")


@pytest.mark.django_db
class TestAccessibilityStatement:
    def test_it_serves_the_statement(self, client: Client) -> None:
        response = client.get("/accessibility/")

        assert response.status_code == 200
        assert title_of(response.content) == (
            f"Accessibility statement {DASH} Give feedback {DASH} Northfield Council"
        )

    def test_it_follows_the_model_statement(self, client: Client) -> None:
        content = client.get("/accessibility/").content.decode()

        for section in (
            "Feedback and contact information",
            "Reporting accessibility problems with this website",
            "Enforcement procedure",
            "Compliance status",
            "Preparation of this accessibility statement",
        ):
            assert section in content
        assert "Web Content Accessibility Guidelines version 2.2" in content
        assert "Equality and Human Rights Commission (EHRC)" in content
        assert "This statement was prepared on 23 November 2026" in content

    def test_it_makes_no_database_queries(
        self, client: Client, django_assert_num_queries: DjangoAssertNumQueries
    ) -> None:
        with django_assert_num_queries(0):
            client.get("/accessibility/")


@pytest.mark.django_db
class TestPrivacyNotice:
    def test_it_serves_the_notice(self, client: Client) -> None:
        response = client.get("/privacy/")

        assert response.status_code == 200
        assert title_of(response.content) == (
            f"Privacy notice {DASH} Give feedback {DASH} Northfield Council"
        )

    def test_it_states_the_lawful_basis_retention_and_the_right_to_complain_to_the_ico(
        self, client: Client
    ) -> None:
        content = client.get("/privacy/").content.decode()

        assert "UK GDPR Article 6(1)(e)" in content
        assert "public task" in content
        assert "6 years after we close it" in content
        assert "0303 123 1113" in content
        assert "https://ico.org.uk/make-a-complaint/" in content

    def test_it_says_equality_monitoring_is_optional_and_reported_only_as_totals(
        self, client: Client
    ) -> None:
        content = client.get("/privacy/").content.decode()

        assert "Answering our equality monitoring questions is optional" in content
        assert "We only report them as totals" in content

    def test_it_makes_no_database_queries(
        self, client: Client, django_assert_num_queries: DjangoAssertNumQueries
    ) -> None:
        with django_assert_num_queries(0):
            client.get("/privacy/")


@pytest.fixture
def all_reporting(db: None) -> None:
    """The worker and the scheduler have just reported in."""
    heartbeat_record(name="worker")
    heartbeat_record(name="scheduler")


@pytest.fixture
def read_only_database(db: None) -> Iterator[None]:
    """The database refuses writes, as a replica, a full disk or a restore would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Ends with the test's transaction.
            cursor.execute("SET transaction_read_only = on")
        else:
            cursor.execute("PRAGMA query_only = ON")
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


@pytest.mark.django_db
class TestHealthCheck:
    def test_it_is_ok_when_every_part_answers(self, client: Client, all_reporting: None) -> None:
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "failing": [],
            "checks": {"database": "ok", "worker": "ok", "scheduler": "ok", "outbox": "ok"},
        }
        assert "no-store" in response["Cache-Control"]

    def test_it_names_the_database_when_it_is_read_only(
        self, client: Client, all_reporting: None, read_only_database: None
    ) -> None:
        response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json()["failing"] == ["database"]
        assert response.json()["checks"]["database"].startswith("the database refused a write")

    def test_it_names_the_worker_when_it_has_not_reported_for_5_minutes(
        self, client: Client, all_reporting: None
    ) -> None:
        Heartbeat.objects.filter(name="worker").update(
            seen_at=clock.now() - dt.timedelta(minutes=5, seconds=1)
        )

        response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json()["failing"] == ["worker"]
        assert "the worker has not reported in since" in response.json()["checks"]["worker"]

    def test_it_names_a_scheduler_that_never_reported(self, client: Client) -> None:
        heartbeat_record(name="worker")

        response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json()["failing"] == ["scheduler"]

    def test_it_names_the_outbox_when_email_is_late(
        self, client: Client, all_reporting: None
    ) -> None:
        OutboxMessage.objects.create(
            to_address="a@example.org",
            subject="s",
            body_text="b",
            message_id="<late@example.org>",
            kind="test",
            next_attempt_at=clock.now() - dt.timedelta(minutes=16),
        )

        response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json()["checks"]["outbox"] == "1 email(s) late in the outbox"

    def test_the_write_is_rolled_back(self, client: Client, all_reporting: None) -> None:
        client.get("/healthz")

        assert not Heartbeat.objects.filter(name="healthz").exists()

    def test_it_makes_few_queries(
        self,
        client: Client,
        all_reporting: None,
        django_assert_max_num_queries: DjangoAssertNumQueries,
    ) -> None:
        with django_assert_max_num_queries(6):
            client.get("/healthz")
