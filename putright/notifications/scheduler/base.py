"""What every scheduled job shares: the day it runs for, and sending each reminder once.

A job works out which reminders are due (`Reminder`, keyed by job, what it is about and the
due date or period) and hands them to `reminders_send`. That records them in
`SentReminder` and writes their emails to the outbox in one transaction. The unique key
decides who sends: a reminder already recorded, by an earlier run or by a scheduler running
at the same moment, is skipped, so running a day twice sends nothing twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from putright.cases.models import Officer
from putright.notifications.models import SentReminder
from putright.notifications.scheduler.conf import SchedulerConfig
from putright.notifications.services import email_enqueue
from putright.policy.calendar import WorkingCalendar

logger = logging.getLogger("putright.notifications.scheduler")

SUBJECT_LIMIT = 200
FOOTER = (
    "This is an automatic reminder from PutRight, the complaints system. "
    "Open the case by its reference to act on it."
)


@dataclass(frozen=True, slots=True)
class JobContext:
    """The day a run is for, and what every job of the run reads once."""

    on: date
    now: datetime
    config: SchedulerConfig
    calendar: WorkingCalendar
    team_email: str

    @property
    def working_day(self) -> bool:
        return self.calendar.is_working_day(self.on)

    def add_working_days(self, day: date, n: int) -> date:
        return self.calendar.add_working_days(day, n)

    def day(self, day: date) -> str:
        """'today', or e.g. 'Tuesday 29 December 2026'."""
        return "today" if day == self.on else f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to tell one person, once. `headline` goes in the subject, `detail` in the
    body; reminders of one job to one address about one case share an email."""

    job: str
    subject_key: str
    due_on: date
    to: str
    case_reference: str
    headline: str
    detail: str

    @property
    def key(self) -> tuple[str, str, date]:
        return (self.job, self.subject_key, self.due_on)


@dataclass(frozen=True, slots=True)
class JobResult:
    """What one job did on one run."""

    job: str
    emails: int = 0
    reminders: int = 0
    already_sent: int = 0
    no_address: int = 0
    anonymised: int = 0
    removed: int = 0
    skipped: str = ""
    error: str = ""
    note: str = ""  # what a job that sends no reminders did (the mailbox poll)

    def describe(self) -> str:
        if self.error:
            return f"{self.job}: FAILED: {self.error}"
        if self.skipped:
            return f"{self.job}: skipped ({self.skipped})"
        if self.note:
            return f"{self.job}: {self.note}"
        if self.job == "retention":
            return f"{self.job}: anonymised {self.anonymised} case(s)"
        if self.job == "orphaned_files":
            return f"{self.job}: deleted {self.removed} file(s) no case holds"
        text = (
            f"{self.job}: {self.emails} email(s), {self.reminders} reminder(s), "
            f"{self.already_sent} already sent"
        )
        return text + (f", {self.no_address} with no address" if self.no_address else "")


def officer_email(officer: Officer | None) -> str:
    """An officer's own address, else their sign-in account's; empty if neither."""
    if officer is None:
        return ""
    if officer.email:
        return officer.email
    user = officer.user
    return str(user.email) if user is not None and user.email else ""


def _addressable(address: str) -> bool:
    if not address:
        return False
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def reminders_send(job: str, reminders: Iterable[Reminder], *, ctx: JobContext) -> JobResult:
    """Record and email the reminders not sent before, in one transaction; count the rest.

    Fixed queries whatever the number of reminders: one INSERT of the keys (ON CONFLICT DO
    NOTHING; INSERT OR IGNORE on SQLite), one SELECT of the keys this run won, then one
    outbox INSERT per email. On PostgreSQL a concurrent run's INSERT of the same key waits
    for this transaction and then does nothing; on SQLite writers take turns.
    """
    unique: dict[tuple[str, str, date], Reminder] = {}
    no_address = 0
    for reminder in reminders:
        if not _addressable(reminder.to):
            no_address += 1
            logger.warning(
                "%s: no address for %s (%s); set an officer's email or the complaints team's",
                reminder.job,
                reminder.subject_key,
                reminder.case_reference or "no case",
            )
            continue
        unique.setdefault(reminder.key, reminder)
    if not unique:
        return JobResult(job, no_address=no_address)
    run_id = uuid.uuid4().hex
    with transaction.atomic():
        SentReminder.objects.bulk_create(
            (
                SentReminder(
                    job=r.job,
                    subject_key=r.subject_key,
                    due_on=r.due_on,
                    case_reference=r.case_reference,
                    sent_to=r.to,
                    run_id=run_id,
                    run_on=ctx.on,
                    created_at=ctx.now,
                )
                for r in unique.values()
            ),
            ignore_conflicts=True,
            batch_size=500,
        )
        won = set(
            SentReminder.objects.filter(run_id=run_id).values_list("job", "subject_key", "due_on")
        )
        emails: dict[tuple[str, str, str], list[Reminder]] = {}
        for key, reminder in unique.items():
            if key in won:
                emails.setdefault((reminder.to, reminder.case_reference, reminder.job), []).append(
                    reminder
                )
        for (to, reference, kind), items in emails.items():
            subject, body = _compose(reference, items)
            email_enqueue(
                to=to, subject=subject, body=body, kind=kind, case_reference=reference, now=ctx.now
            )
    sent = sum(len(items) for items in emails.values())
    return JobResult(
        job,
        emails=len(emails),
        reminders=sent,
        already_sent=len(unique) - sent,
        no_address=no_address,
    )


def _compose(reference: str, items: Sequence[Reminder]) -> tuple[str, str]:
    headlines = "; ".join(dict.fromkeys(r.headline for r in items))
    subject = f"{reference}: {headlines}" if reference else headlines
    if len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1] + "…"
    body = "\n\n".join([*(r.detail for r in items), FOOTER]) + "\n"
    return subject, body
