"""A form from the public site makes its case once, however many times it is posted.

The interface works out a key for what was sent (putright.public.once) and, in the
transaction that creates the case, claims it first and records the case after. A second
post with the same key fails to insert (waiting, on PostgreSQL, for the first to commit;
queued behind it on SQLite's IMMEDIATE transactions) and is told which case the first one
made, so the interface can show that case's confirmation instead of making another.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from putright.cases.models import Case, SubmissionOnce
from putright.core import clock


class AlreadySubmitted(Exception):
    """This form was sent before; `case_id` is the case it made (None if unknown)."""

    def __init__(self, case_id: int | None) -> None:
        super().__init__("This was sent already.")
        self.case_id = case_id


def submission_claim(*, key: str) -> SubmissionOnce:
    """Claim `key` in the caller's transaction; raises AlreadySubmitted if it was claimed.

    Call it before writing anything, and submission_record once the case exists.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submission_claim must run in the transaction that makes the case")
    try:
        with transaction.atomic():
            return SubmissionOnce.objects.create(key=key, created_at=clock.now())
    except IntegrityError:
        first = SubmissionOnce.objects.filter(key=key).values_list("case_id", flat=True).first()
        raise AlreadySubmitted(first) from None


def submission_record(*, claim: SubmissionOnce, case: Case) -> None:
    """The case the claimed form made."""
    SubmissionOnce.objects.filter(pk=claim.pk).update(case=case)


def submissions_forget(*, before: datetime) -> int:
    """Delete claims made before `before` (they guard against a double post, not history)."""
    deleted, _ = SubmissionOnce.objects.filter(created_at__lt=before).delete()
    return deleted
