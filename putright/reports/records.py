"""Writes of the records the insight lead keeps for the annual report (putright.reports
.models). Each is one transaction: the record, checked against the version the form showed,
and one RecordChange saying who changed what and when. The interface checks the
capability (RECORD_GOVERNANCE); these functions check the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from putright.core import clock
from putright.reports.models import (
    PUBLICATION_KINDS,
    GoverningBodyResponse,
    OmbudsmanPublication,
    PerformanceNarrative,
    RecordChange,
)


class RecordInvalid(Exception):
    """The input breaks a rule of the record; the message says which, in plain English."""


class RecordChanged(Exception):
    """Someone else changed (or first recorded) the record since the form was shown."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this record while you were editing it. "
            "Check what it says now and make your change again."
        )


@dataclass(frozen=True, slots=True)
class Editor:
    """Who is making the change, as the history will name them."""

    user_id: int
    name: str


def _required(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise RecordInvalid(f"Enter {what}.")
    return text


def _not_after_today(day: date, what: str) -> None:
    if day > clock.today():
        raise RecordInvalid(f"{what} must be today or in the past.")


def _kept(editor: Editor) -> dict[str, Any]:
    return {
        "changed_at": clock.now(),
        "changed_by_id": editor.user_id,
        "changed_by_name": editor.name,
    }


def _history(*, year: int, record: str, record_id: int, summary: str, editor: Editor) -> None:
    RecordChange.objects.create(
        year=year,
        record=record,
        record_id=record_id,
        summary=summary[:400],
        at=clock.now(),
        by_id=editor.user_id,
        by_name=editor.name,
    )


def _save_yearly(
    model: type[GoverningBodyResponse] | type[PerformanceNarrative],
    *,
    year: int,
    version: int,
    fields: dict[str, Any],
    editor: Editor,
) -> tuple[Any, bool]:
    """Create the year's row when `version` is 0, else update it if it is still at
    `version`. Returns (row, created). Raises RecordChanged otherwise."""
    values = {**fields, **_kept(editor)}
    if version == 0:
        if model.objects.filter(year=year).exists():
            raise RecordChanged
        return model.objects.create(year=year, **values), True
    updated = model.objects.filter(year=year, version=version).update(
        version=F("version") + 1, **values
    )
    if not updated:
        raise RecordChanged
    return model.objects.get(year=year), False


@transaction.atomic
def governing_response_record(
    *, year: int, version: int, body: str, met_on: date, response: str, editor: Editor
) -> GoverningBodyResponse:
    """Record (or correct) the governing body's response to the year's report (Code 8.2).
    Raises RecordInvalid without a body, a response, or with a meeting in the future, and
    RecordChanged on a stale version."""
    fields = {
        "body": _required(body, "the name of the governing body"),
        "response": _required(response, "the governing body's response"),
        "met_on": met_on,
    }
    _not_after_today(met_on, "The date of the meeting")
    row, created = _save_yearly(
        GoverningBodyResponse, year=year, version=version, fields=fields, editor=editor
    )
    _history(
        year=year,
        record="response",
        record_id=row.pk,
        summary=("Recorded" if created else "Changed")
        + f" the response of {fields['body']} (meeting of {met_on:%d/%m/%Y})",
        editor=editor,
    )
    return row  # type: ignore[no-any-return]


@transaction.atomic
def narrative_record(*, year: int, version: int, text: str, editor: Editor) -> PerformanceNarrative:
    """Write (or rewrite) the year's qualitative analysis (Code 8.1 b). Raises RecordInvalid
    when empty and RecordChanged on a stale version."""
    fields = {"text": _required(text, "the analysis")}
    row, created = _save_yearly(
        PerformanceNarrative, year=year, version=version, fields=fields, editor=editor
    )
    _history(
        year=year,
        record="narrative",
        record_id=row.pk,
        summary=("Wrote" if created else "Changed") + " the analysis of the year's performance",
        editor=editor,
    )
    return row  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class PublicationInput:
    kind: str
    title: str
    published_on: date
    publisher: str
    summary: str
    web_address: str = ""


def _publication_fields(item: PublicationInput) -> dict[str, Any]:
    if item.kind not in dict(PUBLICATION_KINDS):
        raise RecordInvalid("Choose what kind of publication it is.")
    _not_after_today(item.published_on, "The date it was published")
    return {
        "kind": item.kind,
        "title": _required(item.title, "the title"),
        "published_on": item.published_on,
        "publisher": _required(item.publisher, "who published it"),
        "summary": _required(item.summary, "a summary"),
        "web_address": item.web_address.strip(),
    }


@transaction.atomic
def publication_add(*, year: int, item: PublicationInput, editor: Editor) -> OmbudsmanPublication:
    """Add an Ombudsman publication or finding to the year's report. Raises RecordInvalid."""
    row = OmbudsmanPublication.objects.create(
        year=year, **_publication_fields(item), **_kept(editor)
    )
    _history(
        year=year,
        record="publication",
        record_id=row.pk,
        summary=f"Added {row.get_kind_display().lower()}: {row.title}",
        editor=editor,
    )
    return row


@transaction.atomic
def publication_change(
    *, publication: OmbudsmanPublication, version: int, item: PublicationInput, editor: Editor
) -> OmbudsmanPublication:
    """Correct a publication already recorded. Raises RecordInvalid, or RecordChanged when
    it changed since `version`."""
    fields = _publication_fields(item)
    updated = OmbudsmanPublication.objects.filter(pk=publication.pk, version=version).update(
        version=F("version") + 1, **fields, **_kept(editor)
    )
    if not updated:
        raise RecordChanged
    row = OmbudsmanPublication.objects.get(pk=publication.pk)
    _history(
        year=row.year,
        record="publication",
        record_id=row.pk,
        summary=f"Changed {row.get_kind_display().lower()}: {row.title}",
        editor=editor,
    )
    return row
