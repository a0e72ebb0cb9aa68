"""What /healthz checks, each answering "ok" or what is wrong, in plain words.

- database: it accepts a write (in a transaction that is rolled back, so nothing stays).
  A read-only database (a failed-over replica, a full disk, a restore in progress) answers
  SELECT 1 happily and refuses every change a person makes; this catches it.
- worker: the task worker that sends email reported in within WORKER_SILENT_SECONDS.
- scheduler: the scheduler loop reported in within two of its wake-ups (and a minute).
- outbox: no email has waited more than OUTBOX_LATE_SECONDS past its time.

Settings: PUTRIGHT_HEALTH = {"CHECKS": [...], "WORKER_SILENT_SECONDS": 300,
"OUTBOX_LATE_SECONDS": 900}. With PUTRIGHT_TASKS=redis the worker is RQ's, which keeps
its own heartbeat in Redis, so "worker" is left out of the default checks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction

from putright.core import clock
from putright.notifications.models import Heartbeat
from putright.notifications.scheduler.conf import scheduler_config
from putright.notifications.selectors import heartbeats, outbox_overdue

OK = "ok"
DEFAULTS: dict[str, Any] = {
    "WORKER_SILENT_SECONDS": 300,
    "OUTBOX_LATE_SECONDS": 900,
}


def health_config() -> dict[str, Any]:
    configured = dict(getattr(settings, "PUTRIGHT_HEALTH", {}) or {})
    default_checks = ["database", "worker", "scheduler", "outbox"]
    if getattr(settings, "PUTRIGHT_TASKS", "db") == "redis":
        default_checks.remove("worker")
    return {**DEFAULTS, "CHECKS": default_checks, **configured}


class _RolledBack(Exception):
    """Raised to roll the health check's write back."""


def database_check(now: datetime) -> str:
    try:
        with transaction.atomic():
            Heartbeat.objects.create(name="healthz", seen_at=now)
            raise _RolledBack
    except _RolledBack:
        return OK
    except DatabaseError as error:
        return f"the database refused a write ({type(error).__name__})"


def _silent(name: str, now: datetime, seconds: float, seen: dict[str, datetime]) -> str:
    last = seen.get(name)
    if last is None:
        return f"the {name} has never reported in"
    if now - last > timedelta(seconds=seconds):
        return f"the {name} has not reported in since {last.isoformat(timespec='seconds')}"
    return OK


def background_checks(now: datetime, checks: list[str]) -> dict[str, str]:
    """The worker, the scheduler and the outbox, from one read of the heartbeats."""
    config = health_config()
    results: dict[str, str] = {}
    try:
        seen = heartbeats() if {"worker", "scheduler"} & set(checks) else {}
        if "worker" in checks:
            results["worker"] = _silent("worker", now, config["WORKER_SILENT_SECONDS"], seen)
        if "scheduler" in checks:
            interval = scheduler_config().interval_seconds
            results["scheduler"] = _silent("scheduler", now, 2 * interval + 60, seen)
        if "outbox" in checks:
            late = outbox_overdue(due_before=now - timedelta(seconds=config["OUTBOX_LATE_SECONDS"]))
            results["outbox"] = OK if not late else f"{late} email(s) late in the outbox"
    except DatabaseError:
        # Nothing can be read: the database check already names the cause.
        for name in ("worker", "scheduler", "outbox"):
            if name in checks:
                results[name] = "unknown: the database did not answer"
    return results


def health_report() -> dict[str, str]:
    """Every configured check's answer, by name."""
    now = clock.now()
    checks = list(health_config()["CHECKS"])
    results = {"database": database_check(now)} if "database" in checks else {}
    results.update(background_checks(now, checks))
    return results
