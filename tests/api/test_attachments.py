"""Files sent for a case through the API get the public site's content checks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.cases.models import Attachment, Case
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8


def _send(api: Api, case: Case, *files: SimpleUploadedFile) -> object:
    return api.client.post(
        f"/api/v1/cases/{case.reference}/attachments",
        {"subject": "Photos of the bins", "files": list(files)},
        headers=api.headers,
    )


def test_a_pdf_is_kept_on_the_cases_correspondence(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    sent = _send(api("intake"), case, SimpleUploadedFile("bins.pdf", PDF, "application/pdf"))
    assert sent.status_code == 201  # type: ignore[attr-defined]
    [row] = sent.json()  # type: ignore[attr-defined]
    assert (row["original_name"], row["content_type"]) == ("bins.pdf", "application/pdf")
    listed = api("read").get(f"cases/{case.reference}/attachments").json()
    assert [a["id"] for a in listed] == [row["id"]]
    assert case.timeline.filter(action="correspondence_received").count() == 1


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_kept(
    api: Callable[[str], Api], new_case: Callable[..., Case]
) -> None:
    case = new_case()
    refused = _send(
        api("intake"),
        case,
        SimpleUploadedFile("bins.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("invoice.pdf", EXECUTABLE, "application/pdf"),
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    problem = refused.json()  # type: ignore[attr-defined]
    assert problem["detail"] == "invoice.pdf must be a PDF, JPG, PNG, DOCX, ODT or TXT"
    assert not Attachment.objects.exists()
    assert not case.timeline.filter(action="correspondence_received").exists()
