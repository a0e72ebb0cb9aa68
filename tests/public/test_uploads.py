"""Files are judged by what they contain, never by their name or claimed type."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from putright.public import uploads
from tests.public.journey_data import EXE, PDF, PNG, docx, odt, plain_zip

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


class TestSniff:
    @pytest.mark.parametrize(
        ("content", "kind"),
        [
            (PDF, uploads.PDF),
            (JPEG, uploads.JPEG),
            (PNG, uploads.PNG),
            (docx(), uploads.DOCX),
            (odt(), uploads.ODT),
            ("Dear council,\nthe bin… was missed.\n".encode(), uploads.TEXT),
        ],
        ids=["pdf", "jpeg", "png", "docx", "odt", "text"],
    )
    def test_it_recognises_each_kind_we_take_by_its_content(
        self, content: bytes, kind: uploads.FileKind
    ) -> None:
        assert uploads.sniff(upload("whatever.bin", content)) == kind

    @pytest.mark.parametrize(
        "content",
        [EXE, plain_zip(), b"\x00\x01\x02binary", b"GIF89a\x01\x00\x01\x00\x00\x00\x00"],
        ids=["executable", "other-zip", "binary", "gif"],
    )
    def test_it_refuses_anything_else_whatever_its_name(self, content: bytes) -> None:
        assert uploads.sniff(upload("letter.pdf", content)) is None

    def test_a_text_file_cut_in_the_middle_of_a_character_is_still_text(self) -> None:
        content = b"a" * 8191 + "é".encode()  # the sample ends half way through "é"
        assert uploads.sniff(upload("notes.txt", content)) == uploads.TEXT


class TestCheck:
    def test_an_executable_renamed_pdf_is_refused_by_its_content(self) -> None:
        with pytest.raises(uploads.FileRefused, match=r"virus\.pdf must be a PDF, JPG, PNG"):
            uploads.check(upload("virus.pdf", EXE))

    def test_a_file_over_the_size_limit_is_refused(self, settings: Settings) -> None:
        settings.PUTRIGHT_UPLOAD_MAX_BYTES = 1024
        with pytest.raises(uploads.FileRefused, match=r"big\.pdf must be smaller than 0 MB"):
            uploads.check(upload("big.pdf", PDF + b"0" * 1024))

    def test_one_file_over_the_count_limit_is_refused(self) -> None:
        with pytest.raises(uploads.FileRefused, match="You can only send 5 files"):
            uploads.check(upload("sixth.pdf", PDF), already=5)

    def test_an_empty_file_is_refused(self) -> None:
        with pytest.raises(uploads.FileRefused, match="empty"):
            uploads.check(upload("empty.pdf", b""))

    def test_a_parked_file_gets_a_random_name_and_can_be_discarded(self) -> None:
        parked = uploads.park(upload("My letter.pdf", PDF), uploads.PDF)

        assert parked["path"].startswith("pending/") and parked["path"].endswith(".pdf")
        assert "letter" not in parked["path"]
        assert parked["name"] == "My letter.pdf"
        assert uploads.is_parked(parked)
        uploads.discard(parked)
        assert not uploads.is_parked(parked)

    def test_discard_touches_nothing_outside_pending_storage(self) -> None:
        uploads.discard({"path": "attachments/2026/11/case-file.pdf"})  # nothing happens
        assert not uploads.is_parked({"path": "../etc/passwd"})


class TestPurge:
    def test_unsent_uploads_older_than_a_day_are_deleted_and_newer_ones_kept(self) -> None:
        import datetime as dt
        import os

        from django.core.files.storage import default_storage
        from django.core.management import call_command

        old = uploads.park(upload("old.pdf", PDF), uploads.PDF)
        new = uploads.park(upload("new.pdf", PDF), uploads.PDF)
        two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
        os.utime(default_storage.path(old["path"]), (two_days_ago, two_days_ago))

        call_command("public_uploads_purge")

        assert not uploads.is_parked(old)
        assert uploads.is_parked(new)

    def test_nothing_to_purge_is_fine(self) -> None:
        from putright.core import clock

        assert uploads.pending_purge(older_than=clock.now()) == 0
