"""The reports app's one write: an answer to a requirement of the self-assessment.

Only the insight lead records answers (Capability.RECORD_GOVERNANCE, checked by the view);
the rule an answer keeps is the policy core's (putright.policy.codes.answer_check).
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from putright.accounts.permissions import StaffMember
from putright.core import clock
from putright.policy.codes import answer_check
from putright.reports.assessment import code_named, current_answer, requirement_named
from putright.reports.models import AssessmentAnswer


class StaleAnswer(Exception):
    """The answer changed since the page was opened: the save would overwrite it unseen."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this answer after you opened this page, so your changes "
            "have not been saved. Open the requirement again from the self-assessment to see "
            "the current answer."
        )


@transaction.atomic
def assessment_answer_record(
    *,
    code_id: str,
    year: int,
    ref: str,
    based_on: int,
    comply: str,
    evidence: str,
    commentary: str,
    action: str,
    comply_by: date | None,
    member: StaffMember,
) -> AssessmentAnswer:
    """Add the next revision of a requirement's answer; the previous ones stay as they were.

    `based_on` is the revision the form showed (0 for none). Raises UnknownCode,
    AnswerIncomplete (a "No" without an action and a date, Code 8.5) or StaleAnswer.
    """
    code = code_named(code_id)
    requirement_named(code, ref)
    answer_check(comply=comply, action=action, comply_by=comply_by)
    current = current_answer(code, year, ref)
    if (current.revision if current is not None else 0) != based_on:
        raise StaleAnswer
    keep_plan = comply == "no"  # an action and date belong to a "No" only
    try:
        with transaction.atomic():
            return AssessmentAnswer.objects.create(
                code_id=code.id,
                code_version=code.version,
                year=year,
                ref=ref,
                revision=based_on + 1,
                comply=comply,
                evidence=evidence.strip(),
                commentary=commentary.strip(),
                action=action.strip() if keep_plan else "",
                comply_by=comply_by if keep_plan else None,
                recorded_by_id=member.user_id,
                recorded_by_name=member.name,
                recorded_at=clock.now(),
            )
    except IntegrityError as exc:  # another save based on the same revision landed first
        raise StaleAnswer from exc
