"""The retention job: anonymise cases that ended more than RETENTION_YEARS ago (default 6).

The case record anonymises itself (putright.cases.services.retention.cases_anonymise, which
also runs the hooks other apps registered, the outbox's among them); this job only picks the
cases and works through them in batches, one transaction each.
"""

from __future__ import annotations

from datetime import date, timedelta

from putright.cases import due
from putright.cases.services.files import files_orphaned_delete
from putright.cases.services.once import submissions_forget
from putright.cases.services.retention import cases_anonymise
from putright.notifications.scheduler.base import JobContext, JobResult
from putright.policy.deadlines import add_months


def retention_cutoff(ctx: JobContext) -> date:
    """The last day a case may have ended on to be anonymised today: the same day
    RETENTION_YEARS ago (28 February for a 29 February)."""
    return add_months(ctx.on, -12 * ctx.config.retention_years)


def retention(ctx: JobContext) -> JobResult:
    """Anonymise every case that ended on or before `retention_cutoff`. Runs on any day.

    Each batch is its own transaction, so a failure leaves earlier batches done and the rest
    for the next run; an anonymised case is never picked again.
    """
    cutoff = retention_cutoff(ctx)
    size = ctx.config.retention_batch_size
    done = 0
    tried: set[int] = set()
    while True:
        ids = list(due.cases_past_retention(ended_by=cutoff).values_list("pk", flat=True)[:size])
        if not ids or tried.issuperset(ids):
            break
        tried.update(ids)
        done += len(cases_anonymise(case_ids=ids, now=ctx.now))
    return JobResult("retention", anonymised=done)


# A file untouched this long is no upload in progress and no journey still being filled in.
ORPHAN_AFTER = timedelta(hours=24)


def orphaned_files(ctx: JobContext) -> JobResult:
    """Delete stored files no case holds (a server killed mid-upload, a journey abandoned)
    and forget the "sent once" claims of public forms, both once a day old."""
    cutoff = ctx.now - ORPHAN_AFTER
    removed = files_orphaned_delete(untouched_since=cutoff)
    submissions_forget(before=cutoff)
    return JobResult("orphaned_files", removed=removed)
