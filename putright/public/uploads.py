"""Files people send: checked by what they contain, parked until the feedback is sent.

A file is accepted only if its first bytes say it is one of the kinds we take (PDF, JPEG,
PNG, a Word or OpenDocument text document, or plain text): the name and the browser's
claimed type are never trusted. Accepted files wait in "pending" storage under a random
name (the session remembers which) until the feedback is sent; then they become the
case's attachments, again under random names. Nothing is stored under the web root.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

# The checks themselves are shared with the back office (putright.web.uploads).
from putright.cases.text import without_bidi_controls
from putright.web.uploads import (
    ACCEPTED_DESCRIPTION,
    DOCX,
    JPEG,
    ODT,
    PDF,
    PNG,
    TEXT,
    UNKNOWN_TYPE,
    FileKind,
    FileRefused,
    check,
    download_as,
    max_bytes,
    max_files,
    megabytes,
    sniff,
)

__all__ = [
    "ACCEPTED_DESCRIPTION",
    "DOCX",
    "JPEG",
    "ODT",
    "PDF",
    "PNG",
    "TEXT",
    "UNKNOWN_TYPE",
    "FileKind",
    "FileRefused",
    "check",
    "discard",
    "download_as",
    "is_parked",
    "max_bytes",
    "max_files",
    "megabytes",
    "park",
    "pending_purge",
    "sniff",
]

PENDING = "pending"


def park(upload: UploadedFile[Any], kind: FileKind) -> dict[str, Any]:
    """Keep an accepted file until the feedback is sent; what the session remembers of it."""
    path = default_storage.save(f"{PENDING}/{secrets.token_urlsafe(24)}{kind.extension}", upload)
    return {
        "id": secrets.token_urlsafe(8),
        "path": path,
        "name": without_bidi_controls(upload.name or "file").strip()[:255] or "file",
        "size": upload.size,
        "content_type": kind.content_type,
        "extension": kind.extension,
    }


def discard(parked: dict[str, Any]) -> None:
    path = str(parked.get("path", ""))
    if path.startswith(f"{PENDING}/") and default_storage.exists(path):
        default_storage.delete(path)


def is_parked(parked: dict[str, Any]) -> bool:
    path = str(parked.get("path", ""))
    return path.startswith(f"{PENDING}/") and default_storage.exists(path)


def pending_purge(*, older_than: datetime) -> int:
    """Delete parked files last changed before `older_than`; how many went."""
    try:
        _dirs, names = default_storage.listdir(PENDING)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{PENDING}/{name}"
        if default_storage.get_modified_time(path) < older_than:
            default_storage.delete(path)
            removed += 1
    return removed
