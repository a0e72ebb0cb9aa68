"""`manage.py outbox_send --once`: the cron-style alternative to the task worker."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from putright.notifications.models import OutboxMessage
from putright.notifications.services import email_enqueue


@pytest.mark.django_db
def test_once_sends_everything_due_and_says_what_it_did() -> None:
    with transaction.atomic():
        for n in range(7):
            email_enqueue(
                to=f"resident{n}@example.org",
                subject="We have received your complaint",
                body="Thank you.",
                kind="acknowledgement",
            )
    out = StringIO()

    call_command("outbox_send", "--once", "--batch-size", "3", stdout=out)

    assert out.getvalue().startswith("sent 7, retrying 0, failed 0")
    assert len(mail.outbox) == 7
    assert set(OutboxMessage.objects.values_list("claimed_by", flat=True)) != {""}


@pytest.mark.django_db
def test_once_on_an_empty_outbox_sends_nothing() -> None:
    out = StringIO()

    call_command("outbox_send", "--once", stdout=out)

    assert out.getvalue().startswith("sent 0,")
    assert mail.outbox == []
