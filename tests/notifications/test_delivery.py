"""The delivery loop against a real SMTP server on loopback, with the clock in our hands."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from putright.notifications.conf import outbox_config
from putright.notifications.models import OutboxMessage
from putright.notifications.selectors import outbox_next_due_at
from putright.notifications.services import (
    DeliveryReport,
    NotFailed,
    email_enqueue,
    outbox_deliver_due,
    outbox_retry,
)
from tests.notifications.conftest import MailServer, free_port, smtp_mailers

State = OutboxMessage.State
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0))


def enqueue(count: int, *, now: datetime = START) -> list[OutboxMessage]:
    with transaction.atomic():
        return [
            email_enqueue(
                to=f"resident{n}@example.org",
                subject=f"We have received your complaint ({n})",
                body="Thank you for telling us.",
                kind="acknowledgement",
                case_reference=f"CU-{n:04d}",
                now=now,
            )
            for n in range(count)
        ]


def deliver_until_done(*, batch_size: int, now: datetime = START, rounds: int = 100) -> datetime:
    """Run the loop, jumping the clock to each next retry instead of sleeping."""
    for _ in range(rounds):
        outbox_deliver_due(now=now, batch_size=batch_size, worker_id="worker-1")
        next_due = outbox_next_due_at()
        if next_due is None:
            return now
        now = max(next_due, now + timedelta(seconds=1))
    raise AssertionError("the outbox never emptied")


@pytest.mark.django_db
class TestDeliveryToAnSmtpServer:
    def test_refusals_then_acceptance_deliver_each_message_exactly_once(
        self, smtp_settings: MailServer
    ) -> None:
        smtp_settings.refuse_first = 5
        messages = enqueue(7)

        deliver_until_done(batch_size=3)

        received = smtp_settings.counts()
        assert sorted(received) == sorted(m.message_id for m in messages)
        assert set(received.values()) == {1}
        rows = list(OutboxMessage.objects.all())
        assert {row.state for row in rows} == {State.SENT}
        assert sum(row.attempts for row in rows) == 7 + 5
        retried = [row for row in rows if row.attempts > 1]
        assert retried
        assert all("451" in row.last_error for row in retried)

    def test_a_refused_message_waits_for_its_back_off_before_the_next_try(
        self, smtp_settings: MailServer
    ) -> None:
        smtp_settings.refuse_first = 2
        enqueue(1)
        config = outbox_config()

        first = outbox_deliver_due(now=START, batch_size=10, worker_id="w")
        too_soon = outbox_deliver_due(
            now=START + config.backoff(1) - timedelta(seconds=1), batch_size=10, worker_id="w"
        )
        second = outbox_deliver_due(now=START + config.backoff(1), batch_size=10, worker_id="w")

        assert (first.retrying, too_soon.claimed, second.retrying) == (1, 0, 1)
        row = OutboxMessage.objects.get()
        assert row.next_attempt_at == START + config.backoff(1) + config.backoff(2)
        assert row.attempts == 2

    def test_a_permanent_refusal_fails_at_once_with_the_error_kept(
        self, smtp_settings: MailServer
    ) -> None:
        smtp_settings.refuse_recipients = "550 5.1.1 No such mailbox here"
        enqueue(1)

        report = outbox_deliver_due(now=START, batch_size=10, worker_id="w")

        row = OutboxMessage.objects.get()
        assert report.failed == 1
        assert row.state == State.FAILED
        assert "550" in row.last_error
        assert "No such mailbox" in row.last_error
        assert smtp_settings.counts() == {}

    def test_permanent_5xx_data_refusals_end_in_failed(self, smtp_settings: MailServer) -> None:
        smtp_settings.refuse_first = 100
        smtp_settings.refusal = "554 5.6.0 Message content rejected"
        enqueue(2)

        deliver_until_done(batch_size=10)

        assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.FAILED}
        assert all("554" in e for e in OutboxMessage.objects.values_list("last_error", flat=True))

    @pytest.mark.parametrize("max_attempts", [1, 4])
    def test_temporary_refusals_give_up_after_the_last_attempt(
        self, smtp_settings: MailServer, settings: object, max_attempts: int
    ) -> None:
        settings.PUTRIGHT_OUTBOX = {"MAX_ATTEMPTS": max_attempts}  # type: ignore[attr-defined]
        smtp_settings.refuse_first = 1000
        enqueue(1)

        deliver_until_done(batch_size=10)

        row = OutboxMessage.objects.get()
        assert row.state == State.FAILED
        assert row.attempts == max_attempts
        assert row.last_error.startswith(f"attempt {max_attempts}: ")
        assert "451" in row.last_error

    def test_an_unreachable_server_is_a_temporary_failure(self, settings: object) -> None:
        settings.MAILERS = smtp_mailers(free_port())  # type: ignore[attr-defined]
        enqueue(1)

        report = outbox_deliver_due(now=START, batch_size=10, worker_id="w")

        row = OutboxMessage.objects.get()
        assert report.retrying == 1
        assert row.state == State.QUEUED
        assert "ConnectionRefusedError" in row.last_error


@pytest.mark.django_db
class TestLeases:
    def test_a_row_whose_worker_died_is_taken_over_once_the_lease_runs_out(
        self, smtp_settings: MailServer
    ) -> None:
        (message,) = enqueue(1)
        config = outbox_config()
        # A worker claims the row and dies before sending anything.
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=State.SENDING,
            attempts=1,
            claimed_by="dead-worker",
            claimed_at=START,
            next_attempt_at=START + config.lease,
        )

        during = outbox_deliver_due(
            now=START + config.lease - timedelta(seconds=1), batch_size=10, worker_id="w2"
        )
        after = outbox_deliver_due(now=START + config.lease, batch_size=10, worker_id="w2")

        assert during.claimed == 0
        assert (after.recovered, after.sent) == (1, 1)
        row = OutboxMessage.objects.get()
        assert (row.state, row.attempts, row.claimed_by) == (State.SENT, 2, "w2")
        assert smtp_settings.counts() == {message.message_id: 1}

    def test_a_row_taken_over_after_its_last_attempt_fails_rather_than_risk_a_copy(
        self, smtp_settings: MailServer
    ) -> None:
        (message,) = enqueue(1)
        config = outbox_config()
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=State.SENDING,
            attempts=config.max_attempts,
            claimed_by="dead-worker",
            claimed_at=START,
            next_attempt_at=START,
        )

        report = outbox_deliver_due(now=START, batch_size=10, worker_id="w2")

        row = OutboxMessage.objects.get()
        assert report.failed == 1
        assert (row.state, row.attempts) == (State.FAILED, config.max_attempts)
        assert "may or may not have gone" in row.last_error
        assert smtp_settings.counts() == {}

    def test_a_worker_hands_back_what_it_cannot_send_within_half_its_lease(
        self, smtp_settings: MailServer
    ) -> None:
        enqueue(3)
        config = replace(outbox_config(), lease=timedelta(0))

        report = outbox_deliver_due(now=START, batch_size=10, worker_id="w", config=config)

        assert (report.claimed, report.sent, report.released) == (3, 0, 3)
        assert report.next_attempt_at == START
        rows = list(OutboxMessage.objects.all())
        assert {(r.state, r.attempts, r.next_attempt_at) for r in rows} == {
            (State.QUEUED, 0, START)
        }

    def test_two_workers_never_claim_the_same_row(self, smtp_settings: MailServer) -> None:
        enqueue(4)

        first = outbox_deliver_due(now=START, batch_size=2, worker_id="a")
        second = outbox_deliver_due(now=START, batch_size=10, worker_id="b")

        assert (first.sent, second.sent) == (2, 2)
        assert set(smtp_settings.counts().values()) == {1}
        assert sorted(OutboxMessage.objects.values_list("claimed_by", flat=True)) == [
            "a",
            "a",
            "b",
            "b",
        ]


@pytest.mark.django_db
class TestStaffRetry:
    def test_a_failed_message_goes_back_to_the_queue_with_a_fresh_count(
        self, smtp_settings: MailServer
    ) -> None:
        smtp_settings.refuse_recipients = "550 5.1.1 No such mailbox"
        (message,) = enqueue(1)
        outbox_deliver_due(now=START, batch_size=10, worker_id="w")
        smtp_settings.refuse_recipients = ""

        later = START + timedelta(days=1)
        retried = outbox_retry(message=OutboxMessage.objects.get(), now=later)
        outbox_deliver_due(now=later, batch_size=10, worker_id="w")

        assert (retried.state, retried.attempts) == (State.QUEUED, 0)
        row = OutboxMessage.objects.get()
        assert (row.state, row.attempts) == (State.SENT, 1)
        assert smtp_settings.counts() == {message.message_id: 1}

    def test_only_a_failed_message_can_be_retried(self) -> None:
        (message,) = enqueue(1)

        with pytest.raises(NotFailed):
            outbox_retry(message=message)


@pytest.mark.django_db
class TestQueryCount:
    """A fixed number of queries per batch, plus the one UPDATE that records each
    acceptance (written at once: that write is what keeps the duplicate window to one
    message). Refusals are written together at the end of the batch."""

    def queries(self, count: int, *, refuse: bool) -> int:
        OutboxMessage.objects.all().delete()
        enqueue(count)
        with CaptureQueriesContext(connection) as captured:
            report = outbox_deliver_due(now=START, batch_size=50, worker_id="w")
        assert report.claimed == count
        assert (report.retrying if refuse else report.sent) == count
        return len(captured)

    def test_sent_messages_cost_one_update_each(self, smtp_settings: MailServer) -> None:
        three = self.queries(3, refuse=False)
        six = self.queries(6, refuse=False)

        assert six - three == 3
        assert three <= 3 + 8

    def test_refused_messages_cost_nothing_per_message(self, smtp_settings: MailServer) -> None:
        smtp_settings.refuse_first = 1000
        three = self.queries(3, refuse=True)
        ten = self.queries(10, refuse=True)

        assert ten == three

    def test_an_empty_outbox_costs_one_query(self) -> None:
        with CaptureQueriesContext(connection) as captured:
            report = outbox_deliver_due(now=START, batch_size=50, worker_id="w")

        assert report == DeliveryReport()
        selects = [q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
        assert len(selects) == 1
