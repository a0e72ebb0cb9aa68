"""Files on disk that no case holds: deleted, because they may hold personal data.

A server killed while it saved a case's files (after writing a file, before committing its
row) leaves the file with no row; a journey abandoned half way leaves its parked uploads.
Neither belongs to a case, so retention (which works case by case) never reaches them.
This sweep deletes every stored file that no Attachment row names and that nothing has
touched for a while, so a file being saved right now is never taken.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime

from django.core.files.storage import default_storage

from putright.cases.models import Attachment

logger = logging.getLogger(__name__)


def _stored(folder: str = "") -> Iterator[str]:
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _stored(f"{folder}/{sub}" if folder else sub)


def files_orphaned_delete(*, untouched_since: datetime) -> int:
    """Delete stored files no case holds, last changed before `untouched_since`; how many."""
    held = set(Attachment.objects.exclude(file="").values_list("file", flat=True))
    removed = 0
    for path in _stored():
        if path in held:
            continue
        try:
            if default_storage.get_modified_time(path) >= untouched_since:
                continue
            default_storage.delete(path)
        except FileNotFoundError:  # deleted meanwhile (a journey sent, a parallel sweep)
            continue
        removed += 1
    if removed:
        logger.info("files: deleted %d file(s) that no case holds", removed)
    return removed
