"""The scheduler's settings, read from `PUTRIGHT_SCHEDULER` with these defaults.

PUTRIGHT_SCHEDULER = {"RETENTION_YEARS": 7, "JOBS": ["deadline_reminders", "retention"]}
"""

from dataclasses import dataclass
from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from putright.mailbox.conf import mailbox_settings

# Every job, in the order a run takes them.
ALL_JOBS = (
    "deadline_reminders",
    "overdue_alerts",
    "action_update_reminders",
    "contractor_feedback_reminders",
    "review_reminders",
    "hold_reviews",
    "ombudsman_order_reminders",
    "retention",
    "orphaned_files",
    "mailbox_poll",
)
# Jobs the embedded loop also runs at every wake-up, not only once a day.
FREQUENT_JOBS = ("mailbox_poll",)

DEFAULTS: dict[str, Any] = {
    # mailbox_poll joins these when a mailbox is configured (PUTRIGHT_MAILBOX HOST and USER).
    "JOBS": [job for job in ALL_JOBS if job not in FREQUENT_JOBS],
    # The embedded loop runs the day's jobs once, at or after this local time, so reminders
    # are waiting at the start of the working day. (`--once` runs them whenever cron says.)
    "RUN_AT": "07:00",
    # How often the embedded loop wakes up to see whether the day's run is due.
    "INTERVAL_SECONDS": 300,
    # Officers hear of a deadline this many working days before it, and on the day.
    "DEADLINE_REMINDER_WORKING_DAYS": 2,
    # A case on hold is looked at again every this many working days while it stays held.
    "HOLD_REVIEW_WORKING_DAYS": 20,
    # Ended cases keep personal data this many years after they ended, then are anonymised.
    "RETENTION_YEARS": 6,
    "RETENTION_BATCH_SIZE": 200,
    # Where reminders with no named officer go; empty: the complaints team's address on
    # current letters (Reference data > Letter contacts).
    "COMPLAINTS_TEAM_EMAIL": "",
}


@dataclass(frozen=True, slots=True)
class SchedulerConfig:
    jobs: tuple[str, ...]
    run_at: time
    interval_seconds: float
    deadline_reminder_working_days: int
    hold_review_working_days: int
    retention_years: int
    retention_batch_size: int
    complaints_team_email: str


def scheduler_config() -> SchedulerConfig:
    """The configuration in force; raises ImproperlyConfigured naming a bad value."""
    values = DEFAULTS | getattr(settings, "PUTRIGHT_SCHEDULER", {})
    if "JOBS" not in getattr(settings, "PUTRIGHT_SCHEDULER", {}) and mailbox_settings().configured:
        values["JOBS"] = [*values["JOBS"], "mailbox_poll"]
    unknown = [job for job in values["JOBS"] if job not in ALL_JOBS]
    if unknown:
        raise ImproperlyConfigured(
            f"PUTRIGHT_SCHEDULER JOBS: unknown job(s) {', '.join(unknown)}; "
            f"the jobs are {', '.join(ALL_JOBS)}."
        )
    try:
        run_at = time.fromisoformat(str(values["RUN_AT"]))
    except ValueError:
        raise ImproperlyConfigured(
            f"PUTRIGHT_SCHEDULER RUN_AT must be a time such as 07:00, not {values['RUN_AT']!r}."
        ) from None
    config = SchedulerConfig(
        jobs=tuple(job for job in ALL_JOBS if job in values["JOBS"]),
        run_at=run_at,
        interval_seconds=float(values["INTERVAL_SECONDS"]),
        deadline_reminder_working_days=int(values["DEADLINE_REMINDER_WORKING_DAYS"]),
        hold_review_working_days=int(values["HOLD_REVIEW_WORKING_DAYS"]),
        retention_years=int(values["RETENTION_YEARS"]),
        retention_batch_size=int(values["RETENTION_BATCH_SIZE"]),
        complaints_team_email=str(values["COMPLAINTS_TEAM_EMAIL"]),
    )
    for name in ("deadline_reminder_working_days", "hold_review_working_days", "retention_years"):
        if getattr(config, name) < 1:
            raise ImproperlyConfigured(f"PUTRIGHT_SCHEDULER {name.upper()} must be 1 or more.")
    return config
