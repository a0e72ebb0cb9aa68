"""`manage.py run_worker`: the task worker (django-tasks-db's `db_worker`) with a heartbeat.

Takes every option of `db_worker`. While the worker runs, a background thread records a
heartbeat every HEARTBEAT_SECONDS, so /healthz can say when email delivery has stopped
(the process died, or its database connection did). With PUTRIGHT_TASKS=redis the worker
is RQ's own `rqworker`, which keeps its own heartbeat in Redis.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from putright.notifications.services import heartbeat_record

HEARTBEAT_SECONDS = 30
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
            super().handle(*args, **options)
        finally:
            stop.set()
            beating.join(timeout=10)
