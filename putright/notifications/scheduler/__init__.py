"""Scheduled jobs: reminders before deadlines slip, alerts when they do, and retention.

`scheduler_run(on=...)` runs the configured jobs for one day. Every job is idempotent:
reminders are recorded under a unique key in the transaction that writes their email, and
retention only picks cases not yet anonymised. So a day can be run again, by cron
(`manage.py run_scheduler --once`), by the embedded loop (`manage.py run_scheduler`, which
`make run` starts beside the web server), or by two schedulers at once, and each reminder
still goes once. docs/notifications.md, "Scheduled jobs and retention", has the details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime

from putright.cases.due import complaints_team_email
from putright.core import clock
from putright.core.policy import working_calendar
from putright.notifications.scheduler.base import JobContext, JobResult
from putright.notifications.scheduler.conf import (
    ALL_JOBS,
    FREQUENT_JOBS,
    SchedulerConfig,
    scheduler_config,
)
from putright.notifications.scheduler.mailbox import mailbox_job
from putright.notifications.scheduler.reminders import (
    action_update_reminders,
    contractor_feedback_reminders,
    deadline_reminders,
    hold_reviews,
    ombudsman_order_reminders,
    overdue_alerts,
    review_reminders,
)
from putright.notifications.scheduler.retention import orphaned_files, retention

logger = logging.getLogger("putright.notifications.scheduler")

Job = Callable[[JobContext], JobResult]

JOBS: dict[str, Job] = {
    "deadline_reminders": deadline_reminders,
    "overdue_alerts": overdue_alerts,
    "action_update_reminders": action_update_reminders,
    "contractor_feedback_reminders": contractor_feedback_reminders,
    "review_reminders": review_reminders,
    "hold_reviews": hold_reviews,
    "ombudsman_order_reminders": ombudsman_order_reminders,
    "retention": retention,
    "orphaned_files": orphaned_files,
    "mailbox_poll": mailbox_job,
}
assert tuple(JOBS) == ALL_JOBS  # noqa: S101 - the two lists must name the same jobs


class UnknownJob(ValueError):
    """A job name that is not one of JOBS."""


def scheduler_context(
    *, on: date | None = None, now: datetime | None = None, config: SchedulerConfig | None = None
) -> JobContext:
    config = config or scheduler_config()
    return JobContext(
        on=on or clock.today(),
        now=now or clock.now(),
        config=config,
        calendar=working_calendar(),
        team_email=config.complaints_team_email or complaints_team_email(),
    )


def scheduler_run(
    *,
    on: date | None = None,
    jobs: Sequence[str] | None = None,
    now: datetime | None = None,
    config: SchedulerConfig | None = None,
) -> list[JobResult]:
    """Run `jobs` (default: the configured ones) for the day `on` (default: today).

    A job that fails is logged and reported in its result; the others still run.
    Raises UnknownJob for a name that is not a job.
    """
    ctx = scheduler_context(on=on, now=now, config=config)
    names = list(jobs) if jobs is not None else list(ctx.config.jobs)
    unknown = [name for name in names if name not in JOBS]
    if unknown:
        raise UnknownJob(f"Unknown job(s): {', '.join(unknown)}. The jobs are {', '.join(JOBS)}.")
    results = []
    for name in names:
        try:
            result = JOBS[name](ctx)
        except Exception as exc:
            logger.exception("scheduled job %s failed for %s", name, ctx.on.isoformat())
            result = JobResult(name, error=f"{type(exc).__name__}: {exc}")
        else:
            logger.info("%s (%s)", result.describe(), ctx.on.isoformat())
        results.append(result)
    return results


__all__ = ["FREQUENT_JOBS", "JOBS", "JobResult", "UnknownJob", "scheduler_context", "scheduler_run"]
