"""The case page's response part: the response being written (draft, awaiting approval,
returned) and what the composer shows beside its form (see putright.staff.case_page)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q

from putright.accounts.models import StaffRole
from putright.cases.models import (
    Attachment,
    Case,
    CaseLink,
    Contact,
    Correspondence,
    ResponseDraft,
)
from putright.cases.services.online import LATE_ESCALATION_KIND
from putright.core import clock
from putright.staff.case_page import PageInput
from putright.staff.queries import CaseRecord


def context(page: PageInput) -> dict[str, Any]:
    """The current stage's draft and what the member may do with it, and everything the
    person told us in one chronological view with the timeline (three queries)."""
    words = person_words(case=page.case, record=page.record)
    draft = ResponseDraft.objects.filter(case=page.case, stage=page.case.stage).first()
    if draft is not None and draft.state == "issued":
        draft = None
    may_approve = (
        draft is not None
        and draft.state == "awaiting_approval"
        and page.may_act
        and page.member.role == StaffRole.SERVICE_MANAGER
    )
    full = [*page.record.timeline, *({**w, "kind": "words"} for w in words)]
    full.sort(key=lambda item: item["at"], reverse=True)
    return {
        "response_draft": draft,
        "may_approve_draft": may_approve,
        "person_words": words,
        "full_timeline": full,
    }


def person_words(*, case: Case, record: CaseRecord) -> list[dict[str, Any]]:
    """Every word the person sent, whole and oldest first: the first contact, what they
    added (on this case or on a case linked to it), and each reason for asking for the next
    stage. Two queries."""
    linked = CaseLink.objects.filter(to_case=case).values("from_case_id")
    contacts = (
        Contact.objects.filter(Q(case=case) | Q(case_id__in=linked))
        .order_by("received_at", "id")
        .values("received_at", "channel", "text", "outcomes_sought", "kind", "case__reference")
    )
    words: list[dict[str, Any]] = []
    for n, c in enumerate(contacts):
        title = "What they told us" if n == 0 else "What they added"
        if c["kind"] == LATE_ESCALATION_KIND:
            title = "Their request for the next stage"
        words.append(
            {
                "at": c["received_at"],
                "title": title,
                "text": c["text"],
                "outcomes_sought": c["outcomes_sought"],
                "channel": c["channel"],
                "elsewhere": c["case__reference"] if c["case__reference"] != case.reference else "",
            }
        )
    for number, stage in sorted(record.stages.items()):
        if stage.request_context.strip():
            words.append(
                {
                    "at": _requested_at(record, number, stage.requested_on or case.received_on),
                    "title": f"Why they asked for stage {number}",
                    "text": stage.request_context,
                    "outcomes_sought": "",
                    "channel": "",
                    "elsewhere": "",
                }
            )
    words.sort(key=lambda w: w["at"])
    return words


def _requested_at(record: CaseRecord, number: int, day: date) -> datetime:
    """When the person asked for stage `number`: the moment of the request's timeline event
    (the stage record keeps only the date, and a request made in the afternoon must not sort
    before what the person added that morning); 09:00 that day if there is no event."""
    said = f"Stage {number} requested"
    moments = [
        item["at"]
        for item in record.timeline
        if item["kind"] == "event" and str(item["title"]).startswith(said)
    ]
    return max(moments) if moments else clock.start_of_day(day)


def composer_context(*, case: Case, record: CaseRecord) -> dict[str, Any]:
    """Beside the composer: the person's own words and files, the earlier stage's response
    and the timeline (the complaint definition is in `record`). Three queries."""
    earlier = record.stages.get(case.stage - 1)
    return {
        "record": record,
        "own_words": list(
            Contact.objects.filter(case=case)
            .order_by("received_at", "id")
            .values("received_at", "channel", "text", "outcomes_sought")
        )
        + [
            {"received_at": c["at"], "channel": c["channel"], "text": c["body"]}
            for c in Correspondence.objects.filter(case=case, direction="in")
            .exclude(body="")
            .order_by("at", "id")
            .values("at", "channel", "body")
        ],
        "files": list(
            Attachment.objects.filter(correspondence__case=case)
            .order_by("id")
            .values("original_name", "size", "content_type")
        ),
        "earlier_response": earlier.response if earlier is not None else None,
        "earlier_stage": case.stage - 1,
    }
