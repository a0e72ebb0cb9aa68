"""SIGKILL the real `manage.py mailbox_poll` process mid-batch, restart it: every message
becomes exactly one contact and every message ends marked processed on the server.

The poller runs with the production settings, as a process of its own, against the
Dovecot the suite starts and a database of its own (a fresh SQLite file, or a fresh
PostgreSQL database when the suite runs on PostgreSQL). It talks to Dovecot through a gate
on loopback (`ImapGate`) that sees each IMAP command go by. The gate is what makes the kill
land mid-batch every time, on a busy machine too: it holds the poller at a chosen command
and tells the test, which then kills it. No timing decides where the kill lands.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from putright.mailbox.conf import MailboxSettings
from tests.mailbox.conftest import ImapBox, MessageFactory

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
MESSAGES = 30
KILL_AT = 12  # the poller is killed while handling this message (1-based)
TIMEOUT = 180.0  # generous: two cores shared with other test runs

SERVICE = """
from putright.cases.models import Service
Service.objects.update_or_create(code="waste", defaults={"name": "Waste", "process": "corporate"})
"""
STORED = """
import json
from putright.cases.models import Case
from putright.mailbox.models import MailboxMessage
print(json.dumps({
    "summaries": list(Case.objects.values_list("summary", flat=True)),
    "keys": list(MailboxMessage.objects.values_list("key", flat=True)),
    "outcomes": sorted(set(MailboxMessage.objects.values_list("outcome", flat=True))),
}))
"""

# The tests' own database is only the template for the poller's one on PostgreSQL (a copy
# is quicker than migrating); transaction=True so that nothing holds it open.
pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class ImapGate:
    """A loopback TCP relay between the poller and Dovecot. It counts the poller's
    `UID <command>` lines; at the `hold_at`-th one it forwards nothing more (with
    `forward_held`, it forwards that one line first) and sets `holding`."""

    server_port: int
    command: bytes = b"UID STORE"
    hold_at: int = 0  # 0: never hold
    forward_held: bool = False
    seen: int = 0
    holding: threading.Event = field(default_factory=threading.Event)
    listener: socket.socket = field(default_factory=socket.socket)

    @property
    def port(self) -> int:
        return int(self.listener.getsockname()[1])

    def start(self) -> None:
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed by close()
                return
            server = socket.create_connection(("127.0.0.1", self.server_port))
            threading.Thread(target=self._replies, args=(server, client), daemon=True).start()
            threading.Thread(target=self._commands, args=(client, server), daemon=True).start()

    def _replies(self, server: socket.socket, client: socket.socket) -> None:
        self._pump(server, client, lambda data: data)

    def _commands(self, client: socket.socket, server: socket.socket) -> None:
        pending = b""

        def through(data: bytes) -> bytes | None:
            # Whole lines only: a command is counted (and held) as one line.
            nonlocal pending
            pending += data
            *lines, pending = pending.split(b"\r\n")
            out = b""
            for line in lines:
                if self.holding.is_set():
                    return out or None
                if self.command in line.upper():
                    self.seen += 1
                    if self.seen == self.hold_at:
                        if self.forward_held:
                            out += line + b"\r\n"
                        self.holding.set()
                        return out or None
                out += line + b"\r\n"
            return out

        self._pump(client, server, through)

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket, through: Any) -> None:
        try:
            while data := source.recv(65536):
                out = through(data)
                if out:
                    target.sendall(out)
        except OSError:
            pass
        finally:
            for end in (source, target):
                end.close()


@pytest.fixture
def poller_env(tmp_path: Path, imap_server: MailboxSettings) -> Iterator[dict[str, str]]:
    """Environment for manage.py processes: production settings, the mailbox, and a
    migrated database of their own with the service new contacts are filed under."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "mailbox-kill-test",
        "PUTRIGHT_MEDIA_ROOT": str(tmp_path / "media"),
        "PUTRIGHT_MAILBOX_HOST": imap_server.host,
        "PUTRIGHT_MAILBOX_PORT": str(imap_server.port),
        "PUTRIGHT_MAILBOX_USER": imap_server.user,
        "PUTRIGHT_MAILBOX_PASSWORD": imap_server.password,
        "PUTRIGHT_MAILBOX_SSL": "0",
        "PUTRIGHT_MAILBOX_SERVICE": "waste",
        "LOG_LEVEL": "WARNING",
    }
    database = ""
    migrated = False
    admin: dict[str, Any] = {}
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        admin = {k: params[k] for k in ("host", "port", "user", "password") if params.get(k)}
        database = f"putright_mailbox_kill_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            connection.close()
            try:
                conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{params["dbname"]}"')
                migrated = True
            except psycopg.errors.ObjectInUse:  # someone is connected: migrate an empty one
                conn.execute(f'CREATE DATABASE "{database}"')
        user = admin.get("user", "postgres")
        env["DATABASE_URL"] = (
            f"postgres://{user}@{admin.get('host', '127.0.0.1')}:{admin.get('port', 5432)}"
            f"/{database}"
        )
    else:
        # A file, not the tests' in-memory database: a second process must see it.
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "mailbox.sqlite3")
    try:
        if not migrated:
            manage(env, "migrate", "--noinput")
        manage(env, "shell", "--no-imports", "-c", SERVICE)
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
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def stored(env: dict[str, str]) -> dict[str, list[str]]:
    output = manage(env, "shell", "--no-imports", "-c", STORED)
    result: dict[str, list[str]] = json.loads(output.strip().splitlines()[-1])
    return result


def processed(mailbox: ImapBox) -> int:
    return sum("PutRightProcessed" in flags for flags in mailbox.flags())


def poll_killed_at_the_gate(env: dict[str, str], gate: ImapGate) -> None:
    """Start the real poller through the gate; SIGKILL it once the gate holds it."""
    gate.start()
    through_gate = {**env, "PUTRIGHT_MAILBOX_PORT": str(gate.port)}
    poller = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, MANAGE, "mailbox_poll"],
        env=through_gate,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        held = gate.holding.wait(timeout=TIMEOUT)
    finally:
        os.kill(poller.pid, signal.SIGKILL)
        _, errors = poller.communicate(timeout=30)
        gate.close()
    assert held, f"the poller never reached the gate: {errors.decode()}"
    assert poller.returncode == -signal.SIGKILL


@pytest.fixture
def batch(mailbox: ImapBox, make_email: MessageFactory) -> list[str]:
    summaries = [f"Complaint {n:02d}" for n in range(MESSAGES)]
    for summary in summaries:
        mailbox.deliver(make_email(subject=summary, text=f"{summary}: bins not collected."))
    return summaries


def restart_and_check(env: dict[str, str], mailbox: ImapBox, summaries: list[str]) -> None:
    manage(env, "mailbox_poll")

    after = stored(env)
    # Every message is exactly one contact: none lost, none twice.
    assert sorted(after["summaries"]) == summaries
    assert len(set(after["keys"])) == len(after["keys"]) == MESSAGES
    assert after["outcomes"] == ["contact"]
    # ... and every message is marked processed on the server.
    assert mailbox.count() == MESSAGES
    assert processed(mailbox) == MESSAGES
    assert manage(env, "mailbox_poll").strip() == "mailbox_poll: no new messages"


def test_killed_after_storing_a_message_before_marking_it_duplicates_nothing(
    poller_env: dict[str, str], imap_server: MailboxSettings, mailbox: ImapBox, batch: list[str]
) -> None:
    # Held at the KILL_AT-th mark: that message is committed, but the server never hears.
    gate = ImapGate(imap_server.port, command=b"UID STORE", hold_at=KILL_AT)
    poll_killed_at_the_gate(poller_env, gate)

    killed = stored(poller_env)
    assert sorted(killed["summaries"]) == batch[:KILL_AT]
    assert processed(mailbox) == KILL_AT - 1

    restart_and_check(poller_env, mailbox, batch)


def test_killed_while_storing_a_message_loses_nothing(
    poller_env: dict[str, str], imap_server: MailboxSettings, mailbox: ImapBox, batch: list[str]
) -> None:
    # The KILL_AT-th fetch and its answer go through; the kill follows at once, so it lands
    # while the poller reads and stores that message (its transaction commits or not), and
    # its mark, if it gets that far, is never forwarded.
    gate = ImapGate(imap_server.port, command=b"UID FETCH", hold_at=KILL_AT, forward_held=True)
    poll_killed_at_the_gate(poller_env, gate)

    killed = stored(poller_env)
    assert sorted(killed["summaries"]) in (batch[: KILL_AT - 1], batch[:KILL_AT])
    assert processed(mailbox) == KILL_AT - 1

    restart_and_check(poller_env, mailbox, batch)
