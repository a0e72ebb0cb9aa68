"""Subject access (UK GDPR Art. 15): the record that a person's archive was produced.

The archive itself is built and streamed by the back office and never stored; the timeline
of each of the person's cases keeps who produced it and when, which is what the council
must be able to show later (what was released, to whom, by whom)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from putright.cases.models import Case, TimelineEvent
from putright.cases.services._base import Actor, InvalidInput, timeline_record


@transaction.atomic
def subject_access_recorded(
    *, cases: Sequence[Case], actor: Actor, letters: int, files: int
) -> list[TimelineEvent]:
    """One `subject_access_export` event on each case in the archive. Raises InvalidInput
    when the cases are not all one person's (nothing is written then)."""
    if not cases:
        raise InvalidInput("There is no case to include in a subject access archive.")
    if len({case.person_id for case in cases}) != 1:
        raise InvalidInput("A subject access archive is for one person's cases only.")
    references = [case.reference for case in cases]
    summary = (
        f"Subject access archive produced: {len(cases)} case(s), "
        f"{letters} letter(s), {files} file(s)"
    )
    return [
        timeline_record(
            case=case,
            actor=actor,
            action="subject_access_export",
            summary=summary,
            after={"cases": references, "letters": letters, "files": files},
        )
        for case in cases
    ]
