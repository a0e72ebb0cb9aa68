"""Reading one email: who sent it and when, its text and files, and whether it is a bounce
or an automatic reply rather than something a person wrote."""

from __future__ import annotations

import email
import email.policy
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from django.utils.html import strip_tags

from putright.core import clock

# RFC 3834 Auto-Submitted, and what Exchange, Gmail and vacation programs add instead.
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
_AUTO_PRECEDENCE = ("auto_reply", "bulk", "junk", "list")
_AUTO_SUBJECTS = ("automatic reply", "auto reply", "autoreply", "out of office", "auto:")
_BOUNCE_SENDERS = ("mailer-daemon@", "postmaster@")


@dataclass(frozen=True, slots=True)
class ReadMail:
    key: str
    sent_at: datetime
    sender_name: str
    sender_email: str
    subject: str
    text: str
    files: tuple[tuple[str, bytes], ...]
    kind: str  # "mail", "bounce" or "auto_reply"


def _sent_at(message: EmailMessage) -> datetime:
    """The message's own date (when the person sent it); now if it has none or lies."""
    now = clock.now()
    try:
        sent = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError, IndexError):
        return now
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return sent if sent <= now else now


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError):
        payload = body.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if body.get_content_subtype() == "html":
        content = strip_tags(content)
    return str(content).replace("\r\n", "\n").replace("\x00", "").strip()


def _files(message: EmailMessage) -> tuple[tuple[str, bytes], ...]:
    files = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            files.append((part.get_filename() or "attachment", data))
    return tuple(files)


def _kind(message: EmailMessage, sender: str, subject: str) -> str:
    if message.get_content_type() == "multipart/report" or sender.lower().startswith(
        _BOUNCE_SENDERS
    ):
        return "bounce"
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto != "no" or any(message.get(h) for h in _AUTO_HEADERS):
        return "auto_reply"
    if str(message.get("Precedence", "")).strip().lower() in _AUTO_PRECEDENCE:
        return "auto_reply"
    if subject.lower().startswith(_AUTO_SUBJECTS):
        return "auto_reply"
    return "mail"


def mail_read(raw: bytes) -> ReadMail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # noqa: S101 - the default policy makes these
    name, address = parseaddr(str(message.get("From", "")))
    subject = " ".join(str(message.get("Subject", "")).split())[:300]
    message_id = str(message.get("Message-ID", "")).strip()
    key = message_id[:300] if message_id else "sha256:" + hashlib.sha256(raw).hexdigest()
    return ReadMail(
        key=key,
        sent_at=_sent_at(message),
        sender_name=name.strip(),
        sender_email=address.strip().lower(),
        subject=subject,
        text=_text(message),
        files=_files(message),
        kind=_kind(message, address, subject),
    )
