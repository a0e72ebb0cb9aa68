"""Files people and staff send: checked by what they contain, never by name or claimed type.

A file is accepted only if its first bytes say it is one of the kinds we take (PDF, JPEG,
PNG, a Word or OpenDocument text document, or plain text). Shared by the public site and
the back office, so both refuse the same files with the same words.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from putright.cases.text import without_bidi_controls

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True, slots=True)
class FileKind:
    content_type: str
    extension: str


PDF = FileKind("application/pdf", ".pdf")
JPEG = FileKind("image/jpeg", ".jpg")
PNG = FileKind("image/png", ".png")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
ODT = FileKind("application/vnd.oasis.opendocument.text", ".odt")
TEXT = FileKind("text/plain", ".txt")

ACCEPTED_DESCRIPTION = "PDF, JPG, PNG, DOCX, ODT or TXT"
KINDS_BY_TYPE = {kind.content_type: kind for kind in (PDF, JPEG, PNG, DOCX, ODT, TEXT)}
UNKNOWN_TYPE = "application/octet-stream"


class FileRefused(Exception):
    """A file we will not take; the message tells the person why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    return int(getattr(settings, "PUTRIGHT_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "PUTRIGHT_UPLOAD_MAX_FILES", 5))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _zip_kind(upload: UploadedFile[Any]) -> FileKind | None:
    """DOCX or ODT by their insides (both are zip files); anything else zipped is refused.

    Only the directory is read, never the contents, so a zip bomb costs nothing.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if names and names[0] == "mimetype":
                info = archive.getinfo("mimetype")
                if info.file_size == len(ODT_MIMETYPE) and archive.read("mimetype") == ODT_MIMETYPE:
                    return ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        if error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    allowed = {"\t", "\n", "\r", "\f"}
    return all(ch.isprintable() or ch in allowed for ch in text)


def sniff(upload: UploadedFile[Any]) -> FileKind | None:
    """The kind of file `upload` is, from its content, or None if we do not take it."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if head and _is_text(head):
        return TEXT
    return None


def check(upload: UploadedFile[Any], *, already: int = 0) -> FileKind:
    """Refuse a file that is too big, one too many, empty, or not a kind we take."""
    name = upload.name or _("The file")
    if already >= max_files():
        raise FileRefused(
            ngettext(
                "You can only send %(count)d file. Remove it to send a different one.",
                "You can only send %(count)d files. Remove one to send a different one.",
                max_files(),
            )
            % {"count": max_files()}
        )
    if upload.size is None or upload.size == 0:
        raise FileRefused(_("%(name)s is empty") % {"name": name})
    if upload.size > max_bytes():
        raise FileRefused(
            _("%(name)s must be smaller than %(size)s MB")
            % {"name": name, "size": megabytes(max_bytes())}
        )
    kind = sniff(upload)
    if kind is None:
        raise FileRefused(
            _("%(name)s must be a %(kinds)s") % {"name": name, "kinds": ACCEPTED_DESCRIPTION}
        )
    return kind


def download_as(*, original_name: str, content_type: str) -> tuple[str, str]:
    """The file name and content type a stored file is handed out under.

    The sender chose the name, so only its first part is kept ("statement.pdf.bat" gives
    "statement"), in letters, digits, spaces, hyphens and underscores. The extension and
    the type are those of the kind its content was checked to be (stored with it): a text
    file is a .txt, whatever it was called. A file of no kind we take is plain bytes with
    no extension.
    """
    stem = without_bidi_controls(original_name).split(".", 1)[0]
    stem = re.sub(r"[^\w\- ]+", "-", stem).strip(" -")[:100] or "file"
    kind = KINDS_BY_TYPE.get(content_type)
    if kind is None:
        return stem, UNKNOWN_TYPE
    return f"{stem}{kind.extension}", kind.content_type
