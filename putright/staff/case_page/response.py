"""The case page's response part: the response being written (draft, awaiting approval,
returned) and what the composer shows beside its form (see putright.staff.case_page)."""

from __future__ import annotations

from typing import Any

from putright.accounts.models import StaffRole
from putright.cases.models import Attachment, Case, Contact, Correspondence, ResponseDraft
from putright.staff.case_page import PageInput
from putright.staff.queries import CaseRecord


def context(page: PageInput) -> dict[str, Any]:
    """The current stage's draft and what the member may do with it (one query)."""
    draft = ResponseDraft.objects.filter(case=page.case, stage=page.case.stage).first()
    if draft is not None and draft.state == "issued":
        draft = None
    may_approve = (
        draft is not None
        and draft.state == "awaiting_approval"
        and page.may_act
        and page.member.role == StaffRole.SERVICE_MANAGER
    )
    return {"response_draft": draft, "may_approve_draft": may_approve}


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
