"""Senders: Django's mailer and GOV.UK Notify (a fake client: no network in tests)."""

from __future__ import annotations

import base64
import sys
import types
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from putright.notifications.models import OutboxMessage
from putright.notifications.senders import (
    DjangoMailSender,
    NotifySender,
    PermanentFailure,
    TemporaryFailure,
    configured_sender,
)
from putright.notifications.services import email_enqueue, outbox_deliver_due


def a_message(**overrides: Any) -> OutboxMessage:
    values: dict[str, Any] = {
        "to": "resident@example.org",
        "subject": "Your stage 1 response",
        "body": "Please find our response attached.",
        "kind": "stage_1_response",
        "case_reference": "CU-2001",
        "attachments": [("response.pdf", b"%PDF-1.7 response", "application/pdf")],
    }
    values.update(overrides)
    with transaction.atomic():
        message = email_enqueue(**values)
    return OutboxMessage.objects.prefetch_related("attachments").get(pk=message.pk)


class NotifyRefused(Exception):
    def __init__(self, status_code: int) -> None:
        super().__init__(f"{status_code} - refused")
        self.status_code = status_code


class FakeNotifyClient:
    """Records calls the way NotificationsAPIClient receives them; can be told to fail."""

    def __init__(self, fail_with: int | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.fail_with = fail_with

    def send_email_notification(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(kwargs)
        if self.fail_with:
            raise NotifyRefused(self.fail_with)
        return {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": kwargs["reference"]}


@pytest.mark.django_db
class TestDjangoMailSender:
    def test_it_sends_text_html_and_attachments_under_the_stored_message_id(self) -> None:
        message = a_message(html="<p>Please find our response attached.</p>")

        with DjangoMailSender(from_email="complaints@northfield.example") as sender:
            sender.send(message)

        (sent,) = mail.outbox
        assert sent.from_email == "complaints@northfield.example"
        assert sent.alternatives[0].mimetype == "text/html"  # type: ignore[attr-defined]
        assert sent.attachments[0][:3] == ("response.pdf", b"%PDF-1.7 response", "application/pdf")
        assert sent.message()["Message-ID"] == message.message_id


@pytest.mark.django_db
class TestNotifySender:
    def test_it_sends_through_the_template_with_our_message_id_as_reference(self) -> None:
        client = FakeNotifyClient()
        message = a_message()

        reference = NotifySender(client=client, template_id="tmpl", reply_to_id="rt").send(message)

        assert reference == "740e5834-3a29-46b4-9a6f-16142fde533a"
        (call,) = client.calls
        assert call["email_address"] == "resident@example.org"
        assert call["template_id"] == "tmpl"
        assert call["reference"] == message.message_id
        assert call["email_reply_to_id"] == "rt"
        personalisation = call["personalisation"]
        assert personalisation["subject"] == "Your stage 1 response"
        assert personalisation["body"] == "Please find our response attached."
        upload = personalisation["attachment_1"]
        assert upload["filename"] == "response.pdf"
        assert base64.b64decode(upload["file"]) == b"%PDF-1.7 response"

    def test_a_bad_request_is_permanent(self) -> None:
        with pytest.raises(PermanentFailure, match="400"):
            NotifySender(client=FakeNotifyClient(400), template_id="t").send(a_message())

    @pytest.mark.parametrize("status", [403, 429, 500, 503])
    def test_other_errors_are_worth_retrying(self, status: int) -> None:
        with pytest.raises(TemporaryFailure, match=str(status)):
            NotifySender(client=FakeNotifyClient(status), template_id="t").send(a_message())

    def test_a_file_over_notifys_limit_is_permanent(self) -> None:
        big = a_message(attachments=[("big.pdf", b"x" * (2 * 1024 * 1024 + 1), "application/pdf")])

        with pytest.raises(PermanentFailure, match="2 MB"):
            NotifySender(client=FakeNotifyClient(), template_id="t").send(big)

    def test_the_delivery_loop_records_notifys_id(self) -> None:
        message = a_message()
        sender = NotifySender(client=FakeNotifyClient(), template_id="t")

        report = outbox_deliver_due(now=timezone.now(), batch_size=5, worker_id="w", sender=sender)

        message.refresh_from_db()
        assert report.sent == 1
        assert message.provider_reference == "740e5834-3a29-46b4-9a6f-16142fde533a"


class TestConfiguredSender:
    def test_without_a_notify_key_it_is_django_mail(self, settings: Any) -> None:
        settings.NOTIFY_API_KEY = ""

        assert isinstance(configured_sender(), DjangoMailSender)

    def test_with_a_key_it_is_notify_through_the_installed_client(
        self, settings: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        made: list[str] = []

        class NotificationsAPIClient:
            def __init__(self, api_key: str) -> None:
                made.append(api_key)

        package = types.ModuleType("notifications_python_client")
        module = types.ModuleType("notifications_python_client.notifications")
        module.NotificationsAPIClient = NotificationsAPIClient  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "notifications_python_client", package)
        monkeypatch.setitem(sys.modules, "notifications_python_client.notifications", module)
        settings.NOTIFY_API_KEY = "test-key"
        settings.NOTIFY_EMAIL_TEMPLATE_ID = "tmpl"

        sender = configured_sender()

        assert isinstance(sender, NotifySender)
        assert sender.template_id == "tmpl"
        assert made == ["test-key"]

    def test_a_key_without_the_client_package_is_a_configuration_error(
        self, settings: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # None in sys.modules makes the import fail even where the package is installed.
        monkeypatch.setitem(sys.modules, "notifications_python_client", None)
        monkeypatch.setitem(sys.modules, "notifications_python_client.notifications", None)
        settings.NOTIFY_API_KEY = "test-key"
        settings.NOTIFY_EMAIL_TEMPLATE_ID = "tmpl"

        with pytest.raises(ImproperlyConfigured, match="notifications-python-client"):
            configured_sender()
