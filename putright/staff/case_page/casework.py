"""The case page's casework part: its partials' context (see putright.staff.case_page).

Correspondence and notes with their files, the letters issued with their PDF, and the
case work links of the actions panel. Read in a fixed number of queries whatever the
number of rows: the correspondence, its files (one prefetch), the letters (PDFs deferred).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from putright.cases.models import Attachment, Correspondence
from putright.letters.models import IssuedLetter
from putright.staff.case_page import PageInput

DIRECTION_LABELS = {"in": "Received", "out": "Sent"}


def _correspondence(page: PageInput) -> list[Correspondence]:
    return list(
        Correspondence.objects.filter(case=page.case)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("id").defer("file"))
        )
        .order_by("-at", "-id")
    )


def _letters(page: PageInput) -> list[IssuedLetter]:
    return list(
        IssuedLetter.objects.filter(case=page.case)
        .defer("pdf", "body_html", "body_text", "context")
        .order_by("-created_at", "-id")
    )


def _files(page: PageInput, rows: list[Correspondence]) -> list[dict[str, Any]]:
    """Every file on the case: what the person or others sent, what staff kept."""
    files = []
    for row in rows:
        for attachment in row.attachments.all():
            files.append(
                {
                    "name": attachment.original_name,
                    "size": attachment.size,
                    "at": row.at,
                    "from": _file_source(row),
                    "href": f"{page.base}/files/{attachment.pk}/",
                }
            )
    return files


def _file_source(row: Correspondence) -> str:
    if row.channel == "web":
        return "Sent online"
    if row.channel == "note":
        return "Kept by staff"
    return f"{DIRECTION_LABELS.get(row.direction, '')} by {row.channel.replace('_', ' ')}"


def _panel(page: PageInput) -> list[dict[str, str]]:
    if not page.may_act:
        return []
    return [
        {"text": "Log a call, email, letter or note", "href": f"{page.base}/correspondence/"},
    ]


def context(page: PageInput) -> dict[str, Any]:
    rows = _correspondence(page)
    letters = _letters(page)
    by_correspondence = {letter.correspondence_id: letter for letter in letters}
    entries = [
        {
            "row": row,
            "direction": "Note" if row.channel == "note" else DIRECTION_LABELS[row.direction],
            "letter": by_correspondence.get(row.pk),
        }
        for row in rows
        if row.pk not in by_correspondence
    ]
    return {
        "casework_entries": entries,
        "casework_letters": [
            {"letter": letter, "href": f"{page.base}/letters/{letter.pk}/pdf/"}
            for letter in letters
        ],
        "casework_files": _files(page, rows)
        + [
            {
                "name": letter.filename,
                "size": None,
                "at": letter.created_at,
                "from": "Letter issued",
                "href": f"{page.base}/letters/{letter.pk}/pdf/",
            }
            for letter in letters
        ],
        "casework_links": _panel(page),
    }
