"""`manage.py run_worker`: the task worker (django-tasks-db's `db_worker`) with a heartbeat.

Takes every option of `db_worker`. While the worker runs, a background thread records a
heartbeat every HEARTBEAT_SECONDS, so /healthz can say when email delivery has stopped
(the process died, or its database connection did). With PUTRIGHT_TASKS=redis the worker
is RQ's own `rqworker`, which keeps its own heartbeat in Redis.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from putright.notifications.services import heartbeat_record

HEARTBEAT_SECONDS = 30
RETRY_SECONDS = 2
logger = logging.getLogger(__name__)


def _beat(stop: threading.Event, detail: str) -> None:
    """Beat at once, then every HEARTBEAT_SECONDS until `stop` is set."""
    while True:
        try:
            close_old_connections()
            heartbeat_record(name="worker", detail=detail)
        except DatabaseError:
            # The database is away (a restart): say nothing until it is back.
            logger.warning("worker heartbeat: the database did not answer")
        if stop.wait(HEARTBEAT_SECONDS):
            break
    connection.close()


class Command(DbWorkerCommand):
    help = "Run the background task worker (outgoing email), recording a heartbeat."

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        detail = f"db_worker {options.get('worker_id', '')}"[:200]
        beating = threading.Thread(target=_beat, args=(stop, detail), name="heartbeat", daemon=True)
        beating.start()
        try:
            self._run_through_database_restarts(*args, **options)
        finally:
            stop.set()
            beating.join(timeout=10)

    def _run_through_database_restarts(self, *args: Any, **options: Any) -> None:
        """db_worker stops at the first failed query; a database restart is no reason to.
        Wait and carry on (systemd's Restart=always would too, more slowly)."""
        while True:
            try:
                super().handle(*args, **options)
            except (OperationalError, InterfaceError):
                logger.warning("worker: the database did not answer; trying again shortly")
                connections.close_all()
                time.sleep(RETRY_SECONDS)
            else:
                return
