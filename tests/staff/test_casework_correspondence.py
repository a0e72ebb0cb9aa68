"""Correspondence and notes on the case: logged with their files, listed, downloaded, on the
timeline; files checked by the same rules as the public site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases.models import Attachment, Case, Correspondence, TimelineEvent
from putright.core import clock
from tests.staff.personas import Council, complaint_at_stage1

PDF = b"%PDF-1.4\n% a call note\n"


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def log_call(client: Client, case: Case, **changes: object) -> object:
    today = clock.today()
    data: dict[str, object] = {
        "version": case.version,
        "kind": "call",
        "direction": "in",
        "on_day": today.day,
        "on_month": today.month,
        "on_year": today.year,
        "summary": "Ms Taylor rang about the mould",
        "detail": "Says the damp has spread to the hall.",
        "attachments": [SimpleUploadedFile("photo-notes.pdf", PDF, "application/pdf")],
        **changes,
    }
    return client.post(f"/staff/cases/{case.reference}/correspondence/", data)


class TestLoggingCorrespondence:
    def test_a_call_is_kept_with_its_file_and_on_the_timeline(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = log_call(client_for("priya"), case)

        assert response.status_code == 302  # type: ignore[attr-defined]
        row = Correspondence.objects.get(case=case, channel="phone")
        assert row.direction == "in"
        assert row.subject == "Phone call: Ms Taylor rang about the mould"
        assert row.body == "Says the damp has spread to the hall."
        attachment = Attachment.objects.get(correspondence=row)
        assert attachment.original_name == "photo-notes.pdf"
        assert attachment.content_type == "application/pdf"
        assert "photo-notes" not in attachment.file.name  # stored under a random name
        assert TimelineEvent.objects.filter(case=case, action="correspondence_received").exists()

    def test_an_earlier_date_is_kept_as_that_day(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        day = clock.today() - dt.timedelta(days=3)

        log_call(client_for("priya"), case, on_day=day.day, on_month=day.month, on_year=day.year)

        assert Correspondence.objects.get(case=case, channel="phone").at.date() == day

    def test_a_note_is_neither_sent_nor_received_and_never_shown_to_the_person(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        log_call(client_for("priya"), case, kind="note", direction="out", summary="Checked")

        row = Correspondence.objects.get(case=case, channel="note")
        assert row.direction == "in"
        assert row.subject == "Note: Checked"

    def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        before = Correspondence.objects.count()
        fake = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00\x03binary", "application/pdf")

        response = log_call(client_for("priya"), case, attachments=[fake])

        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "evil.pdf must be a PDF, JPG, PNG, DOCX, ODT or TXT" in (
            response.content.decode()  # type: ignore[attr-defined]
        )
        assert Correspondence.objects.count() == before
        assert not Attachment.objects.exists()

    def test_a_date_in_the_future_is_refused(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        day = clock.today() + dt.timedelta(days=2)

        response = log_call(
            client_for("priya"), case, on_day=day.day, on_month=day.month, on_year=day.year
        )

        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "The date cannot be in the future." in response.content.decode()  # type: ignore[attr-defined]
        assert not Correspondence.objects.filter(case=case, channel="phone").exists()

    def test_an_empty_summary_is_refused(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response = log_call(client_for("priya"), case, summary="")

        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "Enter a summary" in response.content.decode()  # type: ignore[attr-defined]


class TestTheCasePageListsEverything:
    def test_the_call_its_file_and_a_download_link_are_on_the_case_page(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        log_call(client_for("priya"), case)
        attachment = Attachment.objects.get()

        page = client_for("tom").get(f"/staff/cases/{case.reference}/").content.decode()

        assert "Ms Taylor rang about the mould" in page
        assert f"/staff/cases/{case.reference}/files/{attachment.pk}/" in page

    def test_someone_who_may_see_the_case_downloads_the_file_as_it_was_sent(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        log_call(client_for("priya"), case)
        attachment = Attachment.objects.get()

        response = client_for("insight").get(
            f"/staff/cases/{case.reference}/files/{attachment.pk}/"
        )

        assert response.status_code == 200
        assert response.content == PDF
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="photo-notes.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_an_officer_of_another_service_gets_a_404_for_the_file(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        log_call(client_for("priya"), case)
        attachment = Attachment.objects.get()

        response = client_for("sam").get(f"/staff/cases/{case.reference}/files/{attachment.pk}/")

        assert response.status_code == 404

    def test_a_file_of_another_case_is_not_served_under_this_case(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        other = complaint_at_stage1(council)
        log_call(client_for("priya"), other)
        attachment = Attachment.objects.get()

        response = client_for("complaints").get(
            f"/staff/cases/{case.reference}/files/{attachment.pk}/"
        )

        assert response.status_code == 404

    def test_the_log_link_is_offered_only_to_someone_who_may_act(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        link = f"/staff/cases/{case.reference}/correspondence/"

        assert link in client_for("priya").get(f"/staff/cases/{case.reference}/").content.decode()
        assert link not in client_for("tom").get(f"/staff/cases/{case.reference}/").content.decode()
