"""The outside probe's findings on the public site, each fixed and kept fixed: files
downloaded under a safe name and type, limits on adding information, no 500 on huge
numbers, a form posted twice making one case, the sign-in request's timing, and
right-to-left overrides stripped from names."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import default_task_backend
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases.models import Attachment, Case, Person, Service
from putright.notifications.models import OutboxMessage
from tests.public.cases import sign_in, submitted
from tests.public.helpers import walk
from tests.public.journey_data import FOR_MYSELF, PDF

pytestmark = pytest.mark.django_db
RLO = "\u202e"


def sent_with_file(client: Client, name: str, content: bytes, capture: Any) -> Attachment:
    walk(client, {k: v for k, v in FOR_MYSELF.items() if k != "attachments"})
    client.post(
        "/feedback/attachments/",
        {"action": "upload", "attachment": SimpleUploadedFile(name, content)},
    )
    client.post("/feedback/attachments/", {"action": "continue"})
    with capture(execute=True):
        client.post("/feedback/check-your-answers/", {"website": ""})
    return Attachment.objects.get()


class TestDownloadedFiles:
    @pytest.mark.parametrize(
        ("sent_as", "content", "downloaded_as", "content_type"),
        [
            ("statement.pdf.bat", b"@echo off\r\ndel *.*\r\n", "statement.txt", "text/plain"),
            ("note.hta", b"<script>alert(1)</script>", "note.txt", "text/plain"),
            ("page.html", b"<html><body>hello</body></html>", "page.txt", "text/plain"),
            ("drawing.svg", b"<svg onload='alert(1)'></svg>", "drawing.txt", "text/plain"),
            ("report.exe.pdf", PDF, "report.pdf", "application/pdf"),
        ],
    )
    def test_it_hands_files_out_under_the_kind_their_content_was_checked_to_be(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
        sent_as: str,
        content: bytes,
        downloaded_as: str,
        content_type: str,
    ) -> None:
        attachment = sent_with_file(client, sent_as, content, django_capture_on_commit_callbacks)
        sign_in(client, attachment.correspondence.case, django_capture_on_commit_callbacks)

        response = client.get(f"/files/{attachment.pk}/")

        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{downloaded_as}"'
        assert response["Content-Type"] == content_type
        assert response["Content-Security-Policy"] == "sandbox"


class TestRightToLeftOverrides:
    def test_they_are_stripped_from_names_and_file_names(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        answers = {
            **FOR_MYSELF,
            "your-details": {**FOR_MYSELF["your-details"], "name": f"Ada {RLO}ecalevoL"},
        }
        walk(client, {k: v for k, v in answers.items() if k != "attachments"})
        client.post(
            "/feedback/attachments/",
            {"action": "upload", "attachment": SimpleUploadedFile(f"inv{RLO}fdp.txt", b"hi")},
        )
        client.post("/feedback/attachments/", {"action": "continue"})
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/feedback/check-your-answers/", {"website": ""})

        assert Person.objects.get().name == "Ada ecalevoL"
        assert Attachment.objects.get().original_name == "invfdp.txt"


class TestHugeNumbersAndFarDates:
    def test_a_20_digit_day_is_a_clear_error_not_a_500(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, {k: v for k, v in FOR_MYSELF.items() if k in ("", "service", "what-happened")})

        response = client.post(
            "/feedback/when/",
            {"aware_on_day": "9" * 20, "aware_on_month": "1", "aware_on_year": "2026"},
        )

        assert response.status_code == 200
        assert "must be a real date" in response.content.decode()

    def test_a_25_digit_letter_id_is_not_found(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        sign_in(client, submitted(council_services["waste"]), django_capture_on_commit_callbacks)

        assert client.get(f"/follow/case/letters/{'9' * 25}/").status_code == 404
        assert client.get(f"/files/{'9' * 25}/").status_code == 404


class TestAddingInformationIsLimited:
    def test_it_counts_against_the_feedback_limits(
        self,
        client: Client,
        settings: Settings,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        settings.PUTRIGHT_RATE_LIMITS = {"submit-email": (2, 3600)}
        case = submitted(council_services["waste"])
        sign_in(client, case, django_capture_on_commit_callbacks)

        statuses = []
        for n in range(4):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    "/follow/case/add-information/",
                    {"text": f"Something else, number {n}", "related": "no"},
                )
            statuses.append(response.status_code)

        assert statuses == [302, 302, 429, 429]
        assert Case.objects.count() == 3
        assert "a lot of feedback in a short time" in response.content.decode()


class TestPostedTwice:
    def test_the_journey_sent_twice_makes_one_case_and_one_receipt(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, FOR_MYSELF)
        # A double click (or parallel posts): the second request read the session before
        # the first one finished the journey, so it sees the same unfinished journey.
        key = client.cookies["sessionid"].value
        as_read = dict(SessionStore(session_key=key).load())
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post("/feedback/check-your-answers/", {"website": ""})
        session = SessionStore(session_key=key)
        session.update(as_read)
        session.save()
        with django_capture_on_commit_callbacks(execute=True):
            second = client.post("/feedback/check-your-answers/", {"website": ""})

        assert Case.objects.count() == 1
        assert OutboxMessage.objects.filter(kind="public_receipt").count() == 1
        assert first.status_code == second.status_code == 302
        assert second["Location"] == first["Location"]

    def test_the_one_page_form_posted_three_times_makes_one_case(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        data = {
            "service": "waste",
            "summary": "Missed bin collection again",
            "details": "Our bins were not collected for the third week running.",
            "email": "resident1@example.org",
            "name": "Resident One",
        }

        locations = {client.post("/complaints/new/", data)["Location"] for _ in range(3)}

        assert Case.objects.count() == 1
        assert OutboxMessage.objects.filter(kind="public_receipt").count() == 1
        assert len(locations) == 1

    def test_added_information_posted_twice_is_added_once(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted(council_services["waste"])
        sign_in(client, case, django_capture_on_commit_callbacks)

        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                client.post(
                    "/follow/case/add-information/",
                    {"text": "My neighbour's bin too", "related": "no"},
                )

        assert Case.objects.count() == 2
        assert OutboxMessage.objects.filter(kind="public_information_receipt").count() == 1


class TestSignInTiming:
    @pytest.fixture
    def queued_only(self, settings: Settings) -> None:
        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    @pytest.mark.parametrize("email", ["ada@example.org", "eve@example.org"])
    def test_the_request_only_queues_the_same_task_whether_or_not_they_match(
        self,
        client: Client,
        council_services: dict[str, Service],
        queued_only: None,
        email: str,
    ) -> None:
        case = submitted(council_services["waste"])
        default_task_backend.clear()  # type: ignore[attr-defined]
        before = OutboxMessage.objects.count()

        response = client.post("/follow/", {"reference": case.reference, "email": email})

        assert response["Location"] == "/follow/check-your-email/"
        assert OutboxMessage.objects.count() == before  # nothing looked up or written here
        (queued,) = default_task_backend.results  # type: ignore[attr-defined]
        assert queued.task.name == "sign_in_link_send"


class TestRedisAway:
    def test_the_rate_limits_let_people_through_when_the_cache_does_not_answer(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from redis.exceptions import ConnectionError as RedisConnectionError

        from putright.public import ratelimit

        def away(*args: Any, **kwargs: Any) -> Any:
            raise RedisConnectionError("Connection refused")

        monkeypatch.setattr(ratelimit.cache, "add", away)

        assert ratelimit.allowed(("submit-ip", "192.0.2.1"), ("submit-email", "a@example.org"))
