"""Files on the feedback journey: a 30 MB file, an executable renamed .pdf and one file
over the count limit are refused with a clear message, and nothing else is lost."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from putright.cases.models import Attachment, Case, Service
from tests.public.helpers import walk
from tests.public.journey_data import EXE, FOR_MYSELF, PDF, PNG, docx

pytestmark = pytest.mark.django_db
URL = "/feedback/attachments/"


def before_attachments(client: Client) -> None:
    walk(client, {k: v for k, v in FOR_MYSELF.items() if k != "attachments"})


def upload(client: Client, name: str, content: bytes) -> Any:
    return client.post(
        URL,
        {"action": "upload", "attachment": SimpleUploadedFile(name, content)},
    )


def error_of(response: Any) -> str:
    page = html.unescape(response.content.decode())
    assert "<title>Error: " in page
    summary = page.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    return summary


def check_page(client: Client) -> str:
    return html.unescape(client.get("/feedback/check-your-answers/").content.decode())


class TestRefusedFiles:
    def test_a_30_mb_file_is_refused_and_nothing_is_lost(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        before_attachments(client)
        upload(client, "photo.png", PNG)

        response = upload(client, "huge.pdf", PDF + b"0" * (30 * 1024 * 1024))

        assert response.status_code == 200
        assert '<a href="#id_attachment">huge.pdf must be smaller than 10 MB</a>' in error_of(
            response
        )
        assert "photo.png" in response.content.decode()
        client.post(URL, {"action": "continue"})
        check = check_page(client)
        assert "photo.png" in check and "huge.pdf" not in check
        assert "The bin was missed three weeks running." in check
        assert "ada@example.org" in check

    def test_an_executable_renamed_pdf_is_refused_by_its_content(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        before_attachments(client)

        response = upload(client, "invoice.pdf", EXE)

        assert response.status_code == 200
        assert (
            '<a href="#id_attachment">invoice.pdf must be a PDF, JPG, PNG, DOCX, ODT or TXT</a>'
            in error_of(response)
        )
        client.post(URL, {"action": "continue"})
        assert "No files" in check_page(client)

    def test_one_file_over_the_count_limit_is_refused(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
        media: Path,
    ) -> None:
        before_attachments(client)
        for n in range(5):
            assert upload(client, f"letter-{n}.pdf", PDF)["Location"] == URL

        response = upload(client, "letter-5.pdf", PDF)

        assert (
            '<a href="#id_attachment">You can only send 5 files. Remove one to send a '
            "different one.</a>" in error_of(response)
        )
        client.post(URL, {"action": "continue"})
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/feedback/check-your-answers/", {"website": ""})
        case = Case.objects.get()
        stored = Attachment.objects.filter(correspondence__case=case).order_by("id")
        assert [a.original_name for a in stored] == [f"letter-{n}.pdf" for n in range(5)]
        assert {a.content_type for a in stored} == {"application/pdf"}
        for attachment in stored:
            path = Path(attachment.file.path)
            assert path.is_relative_to(media / "attachments")
            assert "letter" not in path.name
            assert path.read_bytes() == PDF
        # The parked copies are gone once the case has its own.
        assert not list((media / "pending").iterdir())


class TestAddingAndRemoving:
    def test_a_file_can_be_removed_before_sending(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        before_attachments(client)
        upload(client, "keep.docx", docx())
        upload(client, "drop.pdf", PDF)
        page = client.get(URL).content.decode()
        drop_id = re.findall(r'name="remove" value="([^"]+)"', page)[1]
        assert 'Remove<span class="govuk-visually-hidden"> drop.pdf</span>' in page

        client.post(URL, {"remove": drop_id})

        page = client.get(URL).content.decode()
        assert "keep.docx" in page and "drop.pdf" not in page

    def test_choosing_a_file_and_pressing_continue_keeps_it(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        before_attachments(client)

        response = client.post(
            URL, {"action": "continue", "attachment": SimpleUploadedFile("note.txt", b"Hello")}
        )

        assert response["Location"] == "/feedback/check-your-answers/"
        assert "note.txt" in check_page(client)

    def test_upload_without_choosing_a_file_asks_for_one(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        before_attachments(client)

        response = client.post(URL, {"action": "upload"})

        assert '<a href="#id_attachment">Select a file to upload</a>' in error_of(response)

    def test_the_consent_page_needs_a_file(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        from tests.public.journey_data import FOR_SOMEONE

        steps = dict(FOR_SOMEONE)
        steps["consent"] = {"consent": "uploaded"}
        walk(client, {k: steps[k] for k in list(steps)[: list(steps).index("tenant")]})

        empty = client.post("/feedback/consent-upload/", {})
        bad = client.post(
            "/feedback/consent-upload/", {"consent_file": SimpleUploadedFile("c.pdf", EXE)}
        )

        assert '<a href="#id_consent_file">Select their signed consent</a>' in error_of(empty)
        assert "c.pdf must be a PDF" in error_of(bad)
