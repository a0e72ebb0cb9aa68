"""`manage.py run_scheduler`: the scheduled jobs, embedded or from cron.

    manage.py run_scheduler                    loop: run the day's jobs once at or after RUN_AT
                                               (default 07:00), sleep, repeat the next day
    manage.py run_scheduler --once             run the jobs for today now, then exit (cron)
    manage.py run_scheduler --date 2026-12-29  run the jobs for that day, then exit
    manage.py run_scheduler --once --job retention --job overdue_alerts

Every job is idempotent, so running a day again, or two schedulers at once, sends nothing
twice. Exit status 1 when a job failed (the others still ran), 2 for a bad argument.
"""

from __future__ import annotations

import logging
import signal
import time
from argparse import ArgumentTypeError
from datetime import date, datetime
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from putright.core import clock
from putright.notifications.scheduler import FREQUENT_JOBS, JOBS, JobResult, scheduler_run
from putright.notifications.scheduler.conf import scheduler_config
from putright.notifications.services import heartbeat_record


class Stop(BaseException):
    """SIGTERM: leave the loop as Ctrl-C would (a BaseException, so no job swallows it)."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stop


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"give a date as YYYY-MM-DD, not {value!r}") from None


def _heartbeat(last_run: date | None, *, at: datetime) -> None:
    """Tell /healthz the loop is alive; a database away for a moment is no reason to stop."""
    try:
        # A connection broken by a database restart is replaced, as a request would do
        # (not inside a transaction: the tests run the loop in one).
        if not connection.in_atomic_block:
            close_old_connections()
        heartbeat_record(name="scheduler", detail=f"last ran {last_run or 'not yet'}", at=at)
    except DatabaseError:
        logging.getLogger(__name__).warning("scheduler heartbeat: the database did not answer")


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, overdue alerts, retention): once, or in a loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run today's jobs, then exit.")
        parser.add_argument(
            "--date",
            type=_day,
            default=None,
            help="Run the jobs for this day (YYYY-MM-DD), then exit: for a missed day and tests.",
        )
        parser.add_argument(
            "--job",
            action="append",
            choices=list(JOBS),
            help="Run only this job (repeat for more). Default: PUTRIGHT_SCHEDULER JOBS.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Loop mode: seconds between checks (default PUTRIGHT_SCHEDULER INTERVAL_SECONDS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = options["job"]
        if options["once"] or options["date"] is not None:
            failed = self.run_day(options["date"] or clock.today(), jobs)
            if failed:
                raise CommandError(f"{failed} job(s) failed; see above.", returncode=1)
            return
        config = scheduler_config()
        interval = options["interval"] or config.interval_seconds
        previous = signal.signal(signal.SIGTERM, _stop)
        last_run: date | None = None
        frequent = [j for j in FREQUENT_JOBS if j in (jobs or config.jobs)]
        try:
            while True:
                local = timezone.localtime(clock.now())
                today = local.date()
                # Once a day at or after RUN_AT; a day with a failed job is tried again
                # (all of it: the jobs are idempotent) at the next wake-up.
                due = last_run != today and local.time() >= config.run_at
                if due and not self.run_day(today, jobs):
                    last_run = today
                elif frequent:
                    self.run_day(today, frequent)  # the mailbox, between the daily runs
                _heartbeat(last_run, at=local)
                time.sleep(interval)
        except (Stop, KeyboardInterrupt):
            self.stderr.write("run_scheduler: stopped")
        finally:
            signal.signal(signal.SIGTERM, previous)

    def run_day(self, day: date, jobs: list[str] | None) -> int:
        """Run the jobs for `day`, print what each did; return how many failed."""
        results: list[JobResult] = scheduler_run(on=day, jobs=jobs)
        for result in results:
            write = self.stderr.write if result.error else self.stdout.write
            write(f"{day.isoformat()} {result.describe()}")
        return sum(1 for result in results if result.error)
