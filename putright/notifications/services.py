"""Writes to the outbox: enqueue inside the caller's transaction, deliver from a worker.

How "exactly once" is approached (docs/notifications.md has the long version):

1. `email_enqueue` writes the row in the caller's transaction and asks for a delivery
   task only on commit, so a rolled-back change sends nothing.
2. A worker *claims* due rows (state `sending`, a lease until `next_attempt_at`) in a short
   transaction of its own, then sends them one by one outside any transaction.
3. A row becomes `sent` only after the provider accepted it, in its own UPDATE straight
   after the acceptance. A refusal (SMTP 4xx/5xx, a dropped connection) never marks it
   sent: it is retried with back-off, or `failed` after the last attempt.
4. A row whose lease ran out (its worker died) is taken over by the next worker. The one
   unavoidable window: the provider accepted the message and the worker died before its
   UPDATE. That message is sent again, with the same Message-ID, so the copy is visible
   and can be collapsed by the receiving side. At most one message per dead worker is in
   that window, because each row is marked the moment it is accepted.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import make_msgid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import (
    Case,
    DateTimeField,
    F,
    PositiveIntegerField,
    Q,
    TextField,
    Value,
    When,
)

from putright.cases.services.retention import AnonymisedCase
from putright.core import clock
from putright.notifications.conf import OutboxConfig, message_id_domain, outbox_config
from putright.notifications.models import Heartbeat, OutboxAttachment, OutboxMessage
from putright.notifications.senders import DeliveryFailed, Sender, configured_sender

logger = logging.getLogger(__name__)

State = OutboxMessage.State

# (file name, content, MIME type): the shape of django.core.mail.EmailAttachment.
Attachment = tuple[str, bytes, str]

LAST_ERROR_LIMIT = 2000


class NotInTransaction(Exception):
    """email_enqueue was called outside a transaction, so the message could outlive a
    change that is later rolled back (or be lost with one that commits)."""


class NotFailed(Exception):
    """Only a failed message can be retried by hand."""


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery run did. `next_attempt_at`: the earliest time this run put a
    message back to wait (a retry or a handed-back claim), None if it put none back."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    recovered: int = 0
    next_attempt_at: datetime | None = None

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        times = [t for t in (self.next_attempt_at, other.next_attempt_at) if t is not None]
        return DeliveryReport(
            claimed=self.claimed + other.claimed,
            sent=self.sent + other.sent,
            retrying=self.retrying + other.retrying,
            failed=self.failed + other.failed,
            released=self.released + other.released,
            recovered=self.recovered + other.recovered,
            next_attempt_at=min(times) if times else None,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "claimed": self.claimed,
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "released": self.released,
            "recovered": self.recovered,
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
        }


def new_worker_id() -> str:
    """host:pid:random, unique among running workers (claims are read back by worker id)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def _request_delivery() -> None:
    # Imported here: the task module imports this one.
    from putright.notifications.tasks import deliver_outbox

    deliver_outbox.enqueue()


def _deliver_after_commit() -> None:
    """Ask for one delivery task when the current transaction commits.

    One per transaction however many messages it wrote. `robust`: if the task queue is
    down the caller's change still stands, and the row waits for the next worker run.
    """
    connection = transaction.get_connection()
    if any(callback is _request_delivery for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_request_delivery, robust=True)


def email_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    html: str | None = None,
    kind: str,
    case_reference: str = "",
    attachments: Iterable[Attachment] = (),
    now: datetime | None = None,
) -> OutboxMessage:
    """Put an email in the outbox, to be sent after the current transaction commits.

    Call it inside the transaction that makes the change the email is about.
    Raises NotInTransaction outside one, ValidationError for a bad address or subject.
    """
    if not transaction.get_connection().in_atomic_block:
        raise NotInTransaction(
            "email_enqueue must run inside the transaction of the change it reports "
            "(wrap the change in transaction.atomic())."
        )
    validate_email(to)
    if "\n" in subject or "\r" in subject:
        raise ValidationError("An email subject must be one line.")
    now = now or clock.now()
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        to_address=to,
        subject=subject,
        body_text=body,
        body_html=html or "",
        message_id=make_msgid(domain=message_id_domain()),
        case_reference=case_reference,
        kind=kind,
        next_attempt_at=now,
        created_at=now,
    )
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(message=message, filename=name, content=content, content_type=mime)
        for name, content, mime in attachments
    )
    _deliver_after_commit()
    return message


def outbox_retry(*, message: OutboxMessage, now: datetime | None = None) -> OutboxMessage:
    """Staff's "try again" on a failed message: back to the queue with a fresh count.

    Raises NotFailed if the message is not in the failed state.
    """
    now = now or clock.now()
    updated = OutboxMessage.objects.filter(pk=message.pk, state=State.FAILED).update(
        state=State.QUEUED, attempts=0, next_attempt_at=now
    )
    if updated != 1:
        raise NotFailed(f"Message {message.message_id} is {message.state}, not failed.")
    _deliver_after_commit()
    message.refresh_from_db()
    return message


def _due(now: datetime) -> Q:
    # Queued rows whose wait is over, and claimed rows whose lease ran out.
    return Q(state__in=[State.QUEUED, State.SENDING], next_attempt_at__lte=now)


def _claim(
    *, now: datetime, batch_size: int, worker_id: str, config: OutboxConfig
) -> tuple[list[OutboxMessage], int]:
    """Claim up to `batch_size` due rows for `worker_id`; return them and how many of them
    were taken over from an expired lease.

    PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint
    rows without waiting. SQLite has no row locks: the UPDATE repeats the due condition,
    writes are serialised, so a row another worker claimed first no longer matches and is
    not ours. Either way the claimed rows are read back by (worker id, claim time).
    """
    candidates = OutboxMessage.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
    with transaction.atomic(durable=True):
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        rows = list(candidates.values_list("pk", "state")[:batch_size])
        if not rows:
            return [], 0
        order = {pk: position for position, (pk, _) in enumerate(rows)}
        OutboxMessage.objects.filter(_due(now), pk__in=list(order)).update(
            state=State.SENDING,
            attempts=F("attempts") + 1,
            claimed_by=worker_id,
            claimed_at=now,
            next_attempt_at=now + config.lease,
        )
    batch = sorted(
        OutboxMessage.objects.filter(
            pk__in=list(order), state=State.SENDING, claimed_by=worker_id, claimed_at=now
        ).prefetch_related("attachments"),
        key=lambda message: order[message.pk],
    )
    taken_over = {pk for pk, state in rows if state == State.SENDING}
    recovered = [m for m in batch if m.pk in taken_over]
    if recovered:
        logger.warning(
            "Taking over %d message(s) whose worker's lease ran out; each goes again with "
            "its Message-ID and may reach its recipient twice: %s",
            len(recovered),
            ", ".join(m.message_id for m in recovered),
        )
    return batch, len(recovered)


@dataclass(slots=True)
class _Outcome:
    """A claimed row going back to the queue or to failed (not to sent)."""

    pk: int
    state: str
    next_attempt_at: datetime
    last_error: str | None = None  # None: leave as it was
    refund_attempt: bool = False  # the claim counted an attempt that never happened


@dataclass(slots=True)
class _Tally:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    outcomes: list[_Outcome] = field(default_factory=list)


def _mark_sent(message: OutboxMessage, *, now: datetime, reference: str) -> None:
    # Unconditional on the claim: the provider has the message whatever else happened.
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.SENT, sent_at=now, provider_reference=reference
    )


def _failure(
    message: OutboxMessage, error: str, *, permanent: bool, now: datetime, config: OutboxConfig
) -> _Outcome:
    text = f"attempt {message.attempts}: {error}"[:LAST_ERROR_LIMIT]
    if permanent or message.attempts >= config.max_attempts:
        return _Outcome(message.pk, State.FAILED, now, last_error=text)
    return _Outcome(
        message.pk, State.QUEUED, now + config.backoff(message.attempts), last_error=text
    )


def _write_outcomes(outcomes: list[_Outcome], *, worker_id: str) -> None:
    """Every retry, failure and hand-back of a batch in one UPDATE.

    These can wait for the end of the batch: if the worker dies first, the rows' leases
    run out and they are simply tried again, which for a refused message is harmless.
    Guarded by the claim, so a row another worker has taken over is left alone.
    """
    if not outcomes:
        return
    by_pk = {o.pk: o for o in outcomes}
    errors = [When(pk=o.pk, then=Value(o.last_error)) for o in outcomes if o.last_error]
    refunds = [o.pk for o in outcomes if o.refund_attempt]
    changes: dict[str, Any] = {
        "state": Case(*(When(pk=o.pk, then=Value(o.state)) for o in outcomes)),
        "next_attempt_at": Case(
            *(When(pk=o.pk, then=Value(o.next_attempt_at)) for o in outcomes),
            output_field=DateTimeField(),
        ),
    }
    if errors:
        changes["last_error"] = Case(*errors, default=F("last_error"), output_field=TextField())
    if refunds:
        changes["attempts"] = Case(
            When(pk__in=refunds, then=F("attempts") - 1),
            default=F("attempts"),
            output_field=PositiveIntegerField(),
        )
    OutboxMessage.objects.filter(
        pk__in=list(by_pk), state=State.SENDING, claimed_by=worker_id
    ).update(**changes)


def outbox_deliver_due(
    *,
    now: datetime,
    batch_size: int,
    worker_id: str,
    sender: Sender | None = None,
    config: OutboxConfig | None = None,
) -> DeliveryReport:
    """Claim one batch of due messages and send each through the configured sender.

    Call it outside any transaction: each acceptance must be committed the moment it
    happens. Queries: a fixed handful per batch, plus one UPDATE per message sent.
    """
    config = config or outbox_config()
    sender = sender or configured_sender()  # before claiming: a bad setting claims nothing
    batch, recovered = _claim(now=now, batch_size=batch_size, worker_id=worker_id, config=config)
    if not batch:
        return DeliveryReport()
    # Stop starting new sends well before the lease runs out, so that no other worker can
    # take over a row while this one may still be sending it.
    deadline = time.monotonic() + config.lease.total_seconds() / 2
    tally = _Tally()
    started = 0
    try:
        with sender:
            for message in batch:
                if message.attempts > config.max_attempts:
                    # Taken over after its last allowed attempt ended in an unknown outcome.
                    tally.outcomes.append(
                        _Outcome(
                            message.pk,
                            State.FAILED,
                            now,
                            last_error=(
                                f"attempt {message.attempts - 1}: the worker stopped while "
                                "sending; the message may or may not have gone"
                            ),
                            refund_attempt=True,
                        )
                    )
                    tally.failed += 1
                    started += 1
                    continue
                if time.monotonic() > deadline:
                    break
                started += 1
                try:
                    reference = sender.send(message)
                except DeliveryFailed as exc:
                    outcome = _failure(
                        message, str(exc), permanent=exc.permanent, now=now, config=config
                    )
                except Exception as exc:
                    logger.exception("Unexpected error sending %s", message.message_id)
                    outcome = _failure(
                        message,
                        f"{type(exc).__name__}: {exc}",
                        permanent=False,
                        now=now,
                        config=config,
                    )
                else:
                    _mark_sent(message, now=now, reference=reference)
                    tally.sent += 1
                    continue
                tally.outcomes.append(outcome)
                if outcome.state == State.FAILED:
                    tally.failed += 1
                else:
                    tally.retrying += 1
    finally:
        # Rows never started go straight back to the queue, their attempt refunded. A row
        # interrupted mid-send is not among them: its outcome is unknown, so it keeps its
        # lease and is retried (with its Message-ID) once the lease runs out.
        for message in batch[started:]:
            tally.outcomes.append(_Outcome(message.pk, State.QUEUED, now, refund_attempt=True))
            tally.released += 1
        _write_outcomes(tally.outcomes, worker_id=worker_id)
    waiting = [o.next_attempt_at for o in tally.outcomes if o.state == State.QUEUED]
    return DeliveryReport(
        claimed=len(batch),
        sent=tally.sent,
        retrying=tally.retrying,
        failed=tally.failed,
        released=tally.released,
        recovered=recovered,
        next_attempt_at=min(waiting) if waiting else None,
    )


def outbox_drain(
    *,
    worker_id: str,
    batch_size: int | None = None,
    now: Callable[[], datetime] = clock.now,
    sender: Sender | None = None,
    config: OutboxConfig | None = None,
    max_batches: int = 1000,
) -> DeliveryReport:
    """Deliver batch after batch until nothing is due; the sum of the batches' reports."""
    config = config or outbox_config()
    if batch_size is not None:
        config = replace(config, batch_size=batch_size)
    sender = sender or configured_sender()
    total = DeliveryReport()
    for _ in range(max_batches):
        report = outbox_deliver_due(
            now=now(),
            batch_size=config.batch_size,
            worker_id=worker_id,
            sender=sender,
            config=config,
        )
        total += report
        if report.claimed < config.batch_size:
            break
    return total


def outbox_forget_anonymised(cases: Sequence[AnonymisedCase]) -> None:
    """The retention hook (registered in NotificationsConfig.ready): delete every outbox
    message about the cases just anonymised, with its attachments, whatever its state, in
    the same transaction. The case's emails hold its personal data.

    Reminders recorded by the scheduler (SentReminder) stay: they hold a case reference, a
    staff address and dates, nothing about the person.
    """
    references = [case.reference for case in cases if case.reference]
    if references:
        OutboxMessage.objects.filter(case_reference__in=references).delete()


def heartbeat_record(*, name: str, detail: str = "", at: datetime | None = None) -> None:
    """Say that the background process `name` is alive now (one row per name)."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": at or clock.now(), "detail": detail[:200]}
    )
