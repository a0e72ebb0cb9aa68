"""One poll of the complaints mailbox: each new message stored, then marked on the server.

The order is what makes it safe. A message is stored (its contact or correspondence and
its `MailboxMessage` row, in one transaction) and only then marked processed on the server.
A crash before the commit leaves nothing stored and the message unmarked: the next poll
reads it again. A crash after the commit but before the mark leaves it stored but unmarked:
the next poll finds its key in `MailboxMessage` and only marks it. Nothing is lost, nothing
is stored twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from putright.cases.models import Service
from putright.cases.services import Actor, InvalidInput
from putright.cases.services.mail import EmailIn, email_receive
from putright.cases.services.online import Upload
from putright.mailbox.conf import MailboxSettings, mailbox_settings
from putright.mailbox.imap import HELD, PROCESSED, MailboxError, mailbox_open
from putright.mailbox.models import MailboxMessage
from putright.mailbox.reading import ReadMail, mail_read
from putright.public import uploads

logger = logging.getLogger("putright.mailbox")
MAILBOX = Actor(label="Complaints mailbox")


@dataclass
class PollResult:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def describe(self) -> str:
        if not self.counts:
            return "mailbox_poll: no new messages"
        return "mailbox_poll: " + ", ".join(f"{n} {k}" for k, n in sorted(self.counts.items()))


def _checked(files: tuple[tuple[str, bytes], ...]) -> tuple[Upload, ...]:
    """The public site's content checks on each file; raises FileRefused for the first bad
    one (an executable named .pdf is refused by what it contains)."""
    checked = []
    for n, (name, data) in enumerate(files):
        kind = uploads.check(SimpleUploadedFile(name, data), already=n)
        checked.append(
            Upload(
                name=name,
                content_type=kind.content_type,
                size=len(data),
                file=ContentFile(data, name=name),
                extension=kind.extension,
            )
        )
    return tuple(checked)


def _store(mail: ReadMail, service: Service) -> str:
    """Store one message in one transaction; its outcome."""
    outcome, detail = mail.kind, ""
    files: tuple[Upload, ...] = ()
    if mail.kind == "mail":
        try:
            files = _checked(mail.files)
            outcome = "contact"
        except uploads.FileRefused as refused:
            outcome, detail = "held", f"Attachment refused: {refused.message}"
    with transaction.atomic():
        row = MailboxMessage.objects.create(
            key=mail.key,
            received_at=mail.sent_at,
            sender=mail.sender_email[:300],
            subject=mail.subject,
            outcome=outcome,
            detail=detail,
        )
        if outcome != "contact":
            return outcome
        try:
            done = email_receive(
                email=EmailIn(
                    sender_name=mail.sender_name,
                    sender_email=mail.sender_email,
                    subject=mail.subject,
                    text=mail.text,
                    received_at=mail.sent_at,
                    attachments=files,
                ),
                service=service,
                actor=MAILBOX,
            )
        except InvalidInput as refused:
            row.outcome, row.detail = "held", str(refused)
        else:
            row.case = done.case
            row.outcome = "joined" if done.joined else "contact"
        row.save(update_fields=["outcome", "detail", "case"])
        return row.outcome


def message_take(raw: bytes, *, service: Service) -> tuple[str, str]:
    """Store one raw message unless it was stored before; (outcome, keyword to set)."""
    mail = mail_read(raw)
    earlier = MailboxMessage.objects.filter(key=mail.key).values_list("outcome", flat=True).first()
    if earlier is not None:
        outcome = "already stored"
        keyword = HELD if earlier == "held" else PROCESSED
        return outcome, keyword
    try:
        outcome = _store(mail, service)
    except IntegrityError:  # another poller stored it a moment ago
        return "already stored", PROCESSED
    return outcome, HELD if outcome == "held" else PROCESSED


def mailbox_poll(*, conf: MailboxSettings | None = None, limit: int = 200) -> PollResult:
    """Read up to `limit` new messages. Raises MailboxError when the mailbox cannot be
    reached or is not configured (nothing is marked then)."""
    conf = conf or mailbox_settings()
    if not conf.configured:
        raise MailboxError("The mailbox is not configured (PUTRIGHT_MAILBOX_HOST and _USER).")
    service = Service.objects.filter(code=conf.service, is_active=True).first()
    if service is None:
        raise MailboxError(
            f"PUTRIGHT_MAILBOX_SERVICE must name an active service, not {conf.service!r}: new "
            "contacts wait in the triage inbox under it."
        )
    result = PollResult()
    with mailbox_open(conf) as box:
        for uid in box.new_uids()[:limit]:
            outcome, keyword = message_take(box.fetch(uid), service=service)
            box.mark(uid, keyword)
            result.add(outcome)
            if outcome == "held":
                logger.warning("mailbox: message %s held for a person to look at", uid)
    return result
