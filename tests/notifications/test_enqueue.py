"""email_enqueue writes in the caller's transaction and sends only what was committed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from putright.notifications.models import OutboxMessage
from putright.notifications.selectors import outbox_next_due_at, outbox_overdue
from putright.notifications.services import NotInTransaction, email_enqueue

State = OutboxMessage.State


class ChangeAbandoned(Exception):
    pass


def acknowledge(**overrides: object) -> OutboxMessage:
    values: dict[str, object] = {
        "to": "resident@example.org",
        "subject": "We have received your complaint",
        "body": "Your reference is CU-1234.",
        "kind": "acknowledgement",
        "case_reference": "CU-1234",
    }
    values.update(overrides)
    return email_enqueue(**values)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
class TestEnqueueInTheCallersTransaction:
    """Real commits and rollbacks; the test settings' immediate task backend delivers
    on commit, so whatever was committed is in mail.outbox afterwards."""

    def test_a_rolled_back_change_leaves_no_message_and_sends_nothing(self) -> None:
        with pytest.raises(ChangeAbandoned), transaction.atomic():
            acknowledge()
            raise ChangeAbandoned

        assert not OutboxMessage.objects.exists()
        assert mail.outbox == []

    def test_a_committed_change_queues_its_message_and_it_is_sent_after_commit(self) -> None:
        with transaction.atomic():
            message = acknowledge()
            # Nothing has gone yet: the transaction could still roll back.
            assert mail.outbox == []
            assert OutboxMessage.objects.get().state == State.QUEUED

        assert OutboxMessage.objects.get().state == State.SENT
        (sent,) = mail.outbox
        assert sent.to == ["resident@example.org"]
        assert sent.extra_headers["Message-ID"] == message.message_id

    def test_a_message_written_in_a_rolled_back_savepoint_is_not_sent(self) -> None:
        with transaction.atomic():
            acknowledge(to="kept@example.org")
            with pytest.raises(ChangeAbandoned), transaction.atomic():
                acknowledge(to="dropped@example.org")
                raise ChangeAbandoned

        assert [m.to for m in mail.outbox] == [["kept@example.org"]]
        assert list(OutboxMessage.objects.values_list("to_address", flat=True)) == [
            "kept@example.org"
        ]

    def test_it_refuses_to_run_outside_a_transaction(self) -> None:
        with pytest.raises(NotInTransaction):
            acknowledge()

        assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
class TestEnqueue:
    def test_it_asks_for_one_delivery_task_per_transaction(
        self, django_capture_on_commit_callbacks: object
    ) -> None:
        with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
            for n in range(3):
                acknowledge(to=f"resident{n}@example.org")

        assert len(callbacks) == 1

    def test_each_message_gets_its_own_stable_message_id(self, settings: object) -> None:
        settings.DEFAULT_FROM_EMAIL = "Northfield Council <complaints@northfield.example>"  # type: ignore[attr-defined]
        first = acknowledge()
        second = acknowledge()

        assert first.message_id != second.message_id
        assert first.message_id.startswith("<")
        assert first.message_id.endswith("@northfield.example>")
        first.refresh_from_db()
        assert first.message_id.endswith("@northfield.example>")

    def test_it_keeps_attachments_with_the_message(self) -> None:
        message = acknowledge(attachments=[("letter.pdf", b"%PDF-1.7 ...", "application/pdf")])

        (attachment,) = message.attachments.all()
        assert (attachment.filename, attachment.content_type) == ("letter.pdf", "application/pdf")
        assert bytes(attachment.content) == b"%PDF-1.7 ..."

    @pytest.mark.parametrize(
        ("field", "value"),
        [("to", "not an address"), ("subject", "Two\nlines")],
    )
    def test_it_rejects_what_could_never_be_sent(self, field: str, value: str) -> None:
        with pytest.raises(ValidationError):
            acknowledge(**{field: value})


@pytest.mark.django_db
class TestSelectors:
    def test_only_messages_still_to_go_count_as_due_or_late(self) -> None:
        queued = acknowledge(case_reference="CU-1")
        failed = acknowledge(case_reference="CU-2")
        sent = acknowledge(case_reference="CU-1")
        sending = acknowledge(case_reference="CU-3")
        start = queued.next_attempt_at
        # The messages given up on or sent fell due first: neither may count.
        OutboxMessage.objects.filter(pk=failed.pk).update(
            state=State.FAILED, next_attempt_at=start - timedelta(hours=2)
        )
        OutboxMessage.objects.filter(pk=sent.pk).update(
            state=State.SENT, next_attempt_at=start - timedelta(hours=1)
        )
        OutboxMessage.objects.filter(pk=sending.pk).update(
            state=State.SENDING, next_attempt_at=start + timedelta(minutes=5)
        )

        assert outbox_next_due_at() == start
        assert outbox_overdue(due_before=start + timedelta(minutes=1)) == 1
        assert outbox_overdue(due_before=start + timedelta(hours=1)) == 2


@pytest.mark.django_db
class TestInOtherModulesTests:
    def test_running_the_commit_callbacks_delivers_through_locmem(
        self, django_capture_on_commit_callbacks: Any
    ) -> None:
        # The pattern for a service's test that wants to see the email it sent.
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            acknowledge()

        assert [m.subject for m in mail.outbox] == ["We have received your complaint"]
        assert OutboxMessage.objects.get().state == State.SENT


@pytest.mark.django_db
class TestAdmin:
    def test_staff_retry_failed_messages_from_the_admin(self, admin_client: Client) -> None:
        failed = acknowledge()
        queued = acknowledge()
        OutboxMessage.objects.filter(pk=failed.pk).update(state=State.FAILED, attempts=8)

        response = admin_client.post(
            reverse("admin:notifications_outboxmessage_changelist"),
            {"action": "retry", "_selected_action": [failed.pk, queued.pk]},
            follow=True,
        )

        assert b"1 message(s) queued again." in response.content
        failed.refresh_from_db()
        assert (failed.state, failed.attempts) == (State.QUEUED, 0)
