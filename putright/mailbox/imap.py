"""The IMAP side: which messages are new, fetching one without marking it read, and
marking it once it is stored. Messages are never deleted."""

from __future__ import annotations

import contextlib
import imaplib
from collections.abc import Iterator
from contextlib import contextmanager

from putright.mailbox.conf import MailboxSettings

# Keywords (IMAP custom flags) the poller sets: processed, or held for a person.
PROCESSED = "PutRightProcessed"
HELD = "PutRightHeld"


class MailboxError(Exception):
    """The mailbox could not be reached or refused a command."""


class Mailbox:
    def __init__(self, connection: imaplib.IMAP4) -> None:
        self.imap = connection

    def _ok(self, answer: tuple[str, list[object]], what: str) -> list[object]:
        status, data = answer
        if status != "OK":
            raise MailboxError(f"The mailbox refused {what}: {data!r}")
        return data

    def new_uids(self) -> list[str]:
        """Messages neither processed nor held, oldest first."""
        data = self._ok(
            self.imap.uid("SEARCH", "UNKEYWORD", PROCESSED, "UNKEYWORD", HELD), "SEARCH"
        )
        first = data[0] if data else b""
        return [uid.decode() for uid in first.split()] if isinstance(first, bytes) else []

    def fetch(self, uid: str) -> bytes:
        # BODY.PEEK leaves \Seen alone, so a held message still shows as unread to people.
        data = self._ok(self.imap.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
        for item in data:
            if isinstance(item, tuple) and isinstance(item[1], bytes):
                return item[1]
        raise MailboxError(f"Message {uid} has gone from the mailbox.")

    def mark(self, uid: str, keyword: str) -> None:
        flags = f"({keyword} \\Seen)" if keyword == PROCESSED else f"({keyword})"
        self._ok(self.imap.uid("STORE", uid, "+FLAGS", flags), "STORE")


@contextmanager
def mailbox_open(conf: MailboxSettings) -> Iterator[Mailbox]:
    try:
        connection: imaplib.IMAP4 = (
            imaplib.IMAP4_SSL(conf.host, conf.port, timeout=30)
            if conf.ssl
            else imaplib.IMAP4(conf.host, conf.port, timeout=30)
        )
        connection.login(conf.user, conf.password)
        status, data = connection.select(conf.folder)
        if status != "OK":
            raise MailboxError(f"No folder {conf.folder!r}: {data!r}")
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(
            f"Could not open the mailbox {conf.user}@{conf.host}: {error}"
        ) from error
    try:
        yield Mailbox(connection)
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            connection.logout()
