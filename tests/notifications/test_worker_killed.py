"""SIGKILL a real worker process mid-batch: nothing is lost, and at most the one message in
flight at the kill reaches the server twice, under the same Message-ID.

The worker runs with the production settings (SMTP from EMAIL_HOST/EMAIL_PORT) against a
database of its own: a fresh SQLite file, or a fresh PostgreSQL database when the suite
runs on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.notifications.conftest import MailServer

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
MESSAGES = 24
LEASE_SECONDS = 3.0

ENQUEUE = f"""
from django.db import transaction
from putright.notifications.services import email_enqueue
with transaction.atomic():
    for n in range({MESSAGES}):
        email_enqueue(to=f"resident{{n}}@example.org", subject=f"Acknowledgement {{n}}",
                      body="We have your complaint.", kind="acknowledgement")
"""
ROWS = """
import json
from putright.notifications.models import OutboxMessage
print(json.dumps(list(OutboxMessage.objects.values("message_id", "state", "attempts"))))
"""


# The tests' own database is only the template for the workers' one on PostgreSQL (a copy
# is quicker than migrating); transaction=True so that nothing holds it open.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker_env(tmp_path: Path, smtp_server: MailServer) -> Iterator[dict[str, str]]:
    """Environment for manage.py subprocesses, with a migrated database of their own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "outbox-kill-test",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_TIMEOUT": "10",
        "DEFAULT_FROM_EMAIL": "complaints@northfield.example",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("NOTIFY_API_KEY", None)
    database = ""
    migrated = False
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        admin = {k: params[k] for k in ("host", "port", "user", "password") if params.get(k)}
        database = f"putright_outbox_kill_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            # A copy of the (already migrated) test database is much quicker than migrating;
            # it needs nobody connected to the original, else migrate an empty one.
            connection.close()
            try:
                conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{params["dbname"]}"')
                migrated = True
            except psycopg.errors.ObjectInUse:
                conn.execute(f'CREATE DATABASE "{database}"')
        user = admin.get("user", "postgres")
        env["DATABASE_URL"] = (
            f"postgres://{user}@{admin.get('host', '127.0.0.1')}:{admin.get('port', 5432)}"
            f"/{database}"
        )
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "outbox.sqlite3")
    try:
        if not migrated:
            manage(env, "migrate", "--noinput")
        yield env
    finally:
        if database:
            with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, MANAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def rows(env: dict[str, str]) -> list[dict[str, Any]]:
    output = manage(env, "shell", "--no-imports", "-c", ROWS)
    result: list[dict[str, Any]] = json.loads(output.strip().splitlines()[-1])
    return result


def wait_for(condition: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_killing_the_worker_mid_batch_loses_nothing(
    worker_env: dict[str, str], smtp_server: MailServer
) -> None:
    smtp_server.delay = 0.15  # slow enough to kill the worker in the middle of a batch
    manage(worker_env, "shell", "--no-imports", "-c", ENQUEUE)
    send_once = ["outbox_send", "--once", "--batch-size", "5", "--lease", str(LEASE_SECONDS)]

    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, MANAGE, *send_once, "--worker-id", "doomed"],
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: smtp_server.attempts >= 8, timeout=60)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    killed_at = time.monotonic()

    after_kill = rows(worker_env)
    assert 0 < len(smtp_server.received) < MESSAGES
    # Killed mid-batch: part of the batch was still claimed.
    assert any(row["state"] == "sending" for row in after_kill)

    # Once the dead worker's lease has run out, a new worker takes its rows over.
    time.sleep(max(0.0, killed_at + LEASE_SECONDS + 0.5 - time.monotonic()))
    manage(worker_env, *send_once, "--worker-id", "successor")

    final = rows(worker_env)
    received = smtp_server.counts()
    ids = {row["message_id"] for row in final}
    assert len(ids) == MESSAGES
    assert {row["state"] for row in final} == {"sent"}
    assert set(received) == ids  # none lost, nothing foreign
    duplicates = {message_id: n for message_id, n in received.items() if n > 1}
    assert sum(n - 1 for n in duplicates.values()) <= 1
    # A copy can only be the message in flight at the kill: one the dead worker had claimed
    # and the successor took over, sent again under the same Message-ID.
    in_flight = {row["message_id"] for row in after_kill if row["state"] == "sending"}
    assert set(duplicates) <= in_flight


def test_sigterm_stops_a_looping_worker_and_hands_back_what_it_had_not_started(
    worker_env: dict[str, str], smtp_server: MailServer
) -> None:
    smtp_server.delay = 0.3
    manage(worker_env, "shell", "--no-imports", "-c", ENQUEUE)

    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, MANAGE, "outbox_send", "--batch-size", "50", "--interval", "0.2"],
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: smtp_server.attempts >= 3, timeout=60)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            returncode = worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
            raise

    assert returncode == 0
    final = rows(worker_env)
    by_state: dict[str, set[str]] = {}
    for row in final:
        by_state.setdefault(row["state"], set()).add(row["message_id"])
    # At most the message in flight keeps its lease (its outcome is unknown); every row
    # not yet started is back in the queue at once, its attempt refunded.
    assert len(by_state.get("sending", set())) <= 1
    assert set(smtp_server.received) == by_state["sent"] | by_state.get("sending", set())
    queued = [row for row in final if row["state"] == "queued"]
    assert queued
    assert {row["attempts"] for row in queued} == {0}
