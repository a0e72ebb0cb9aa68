"""A real SMTP server on loopback (aiosmtpd) that can refuse, and then accept, mail."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class MailServer:
    """Answers DATA with `refusal` for the first `refuse_first` messages, then 250.

    `received` holds the Message-ID of every message it took, in order. `delay` makes it
    slow: it takes the message (as a real server queues it), then sleeps, then answers
    250, so a client killed during the sleep leaves a message the server has but the
    client never heard was accepted: the one window no outbox can close.
    """

    refuse_first: int = 0
    refusal: str = "451 4.3.0 Try again later"
    refuse_recipients: str = ""
    delay: float = 0.0
    attempts: int = 0
    received: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refuse_recipients:
            return self.refuse_recipients
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.attempts += 1
            attempt = self.attempts
        if attempt <= self.refuse_first:
            return self.refusal
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.received.append(str(message["Message-ID"]))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(self.received)


@pytest.fixture
def smtp_server() -> Iterator[MailServer]:
    handler = MailServer()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def smtp_mailers(port: int) -> dict[str, Any]:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def smtp_settings(smtp_server: MailServer) -> Iterator[MailServer]:
    """Django's default mailer pointed at the loopback server."""
    with override_settings(MAILERS=smtp_mailers(smtp_server.port)):
        yield smtp_server
