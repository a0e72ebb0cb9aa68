"""Senders: the one place a message leaves PutRight.

A sender hands one outbox row to a provider and either returns (the provider accepted it)
or raises `DeliveryFailed`, saying whether trying again could help. The delivery loop
never looks behind this interface, so a provider can be swapped in settings alone:

- `DjangoMailSender`: Django's mailer (SMTP, console or locmem, as EMAIL_BACKEND or
  MAILERS say).
- `NotifySender`: GOV.UK Notify through `notifications-python-client`, used when
  NOTIFY_API_KEY is set. The package is optional and imported only then.
"""

from __future__ import annotations

import abc
import base64
import contextlib
import smtplib
from types import TracebackType
from typing import Any, Protocol, Self

from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from putright.notifications.models import OutboxMessage


class DeliveryFailed(Exception):
    """The provider did not accept the message. `permanent`: trying again will not help."""

    permanent = False


class TemporaryFailure(DeliveryFailed):
    """Refused or unreachable for now (SMTP 4xx, a timeout, a 5xx from an HTTP API)."""


class PermanentFailure(DeliveryFailed):
    """Refused for good (SMTP 5xx for the recipient or the content, Notify's 400)."""

    permanent = True


class Sender(abc.ABC):
    """Hands messages to one provider. Use as a context manager around a batch."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - optional hook: most senders hold nothing
        """Release any connection held for the batch."""

    @abc.abstractmethod
    def send(self, message: OutboxMessage) -> str:
        """Deliver `message`; return the provider's reference for it, or "".

        Raises DeliveryFailed when the provider did not accept the message.
        """


def _smtp_failure(exc: smtplib.SMTPException) -> DeliveryFailed:
    """Only a 5xx about this recipient or this content is permanent.

    A 5xx for the sender or the login is our configuration, not this message: keep trying
    (with back-off) so the messages go out once someone fixes it.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            return PermanentFailure(f"recipient refused: {exc.recipients}")
        return TemporaryFailure(f"recipient refused for now: {exc.recipients}")
    if isinstance(exc, smtplib.SMTPDataError) and 500 <= exc.smtp_code < 600:
        return PermanentFailure(f"message refused: {exc.smtp_code} {exc.smtp_error!r}")
    if isinstance(exc, smtplib.SMTPResponseException):
        return TemporaryFailure(f"{type(exc).__name__}: {exc.smtp_code} {exc.smtp_error!r}")
    return TemporaryFailure(f"{type(exc).__name__}: {exc}")


class DjangoMailSender(Sender):
    """Django's mailer: one connection per batch, reopened after any failure."""

    def __init__(self, *, mailer: str = "default", from_email: str | None = None) -> None:
        self.mailer = mailer
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self._connection: BaseEmailBackend | None = None

    def _open(self) -> BaseEmailBackend:
        if self._connection is None:
            connection = mail.mailers[self.mailer]
            connection.open()
            self._connection = connection
        return self._connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            # A connection that has already failed may fail again on QUIT; nothing to do.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                connection.close()

    def build(self, message: OutboxMessage) -> EmailMultiAlternatives:
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=self.from_email,
            to=[message.to_address],
            headers={"Message-ID": message.message_id},
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        for attachment in message.attachments.all():
            email.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
        return email

    def send(self, message: OutboxMessage) -> str:
        email = self.build(message)
        try:
            accepted = self._open().send_messages([email])
        except smtplib.SMTPException as exc:
            self.close()
            raise _smtp_failure(exc) from exc
        except OSError as exc:  # refused connection, timeout, TLS failure
            self.close()
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
        if not accepted:
            raise PermanentFailure("the mailer accepted no recipient")
        return ""


class NotifyClient(Protocol):
    """The part of `notifications_python_client.NotificationsAPIClient` we use."""

    def send_email_notification(
        self,
        email_address: str,
        template_id: str,
        personalisation: dict[str, Any] | None = None,
        reference: str | None = None,
        email_reply_to_id: str | None = None,
    ) -> dict[str, Any]: ...


# GOV.UK Notify's limit for a file sent by email.
NOTIFY_FILE_LIMIT = 2 * 1024 * 1024


class NotifySender(Sender):
    """GOV.UK Notify. The template takes ((subject)) and ((body)); files go in as
    ((attachment_1)), ((attachment_2)), ... Notify sends plain text, so the HTML body is
    not used. Our Message-ID goes as Notify's `reference`, so a re-send is traceable.
    """

    def __init__(self, *, client: NotifyClient, template_id: str, reply_to_id: str = "") -> None:
        self.client = client
        self.template_id = template_id
        self.reply_to_id = reply_to_id

    def personalisation(self, message: OutboxMessage) -> dict[str, Any]:
        values: dict[str, Any] = {"subject": message.subject, "body": message.body_text}
        for number, attachment in enumerate(message.attachments.all(), start=1):
            content = bytes(attachment.content)
            if len(content) > NOTIFY_FILE_LIMIT:
                raise PermanentFailure(f"{attachment.filename} is larger than Notify's 2 MB")
            # The shape `notifications_python_client.prepare_upload` builds.
            values[f"attachment_{number}"] = {
                "file": base64.b64encode(content).decode("ascii"),
                "filename": attachment.filename,
                "confirm_email_before_download": None,
                "retention_period": None,
            }
        return values

    def send(self, message: OutboxMessage) -> str:
        personalisation = self.personalisation(message)
        try:
            response = self.client.send_email_notification(
                email_address=message.to_address,
                template_id=self.template_id,
                personalisation=personalisation,
                reference=message.message_id,
                email_reply_to_id=self.reply_to_id or None,
            )
        except Exception as exc:
            # The client raises its HTTPError with the status (503 when the request itself
            # failed). 400 is a bad address or personalisation: trying again will not help.
            status = getattr(exc, "status_code", None)
            text = f"Notify {status}: {exc}" if status else f"Notify: {exc!r}"
            if status == 400:
                raise PermanentFailure(text) from exc
            raise TemporaryFailure(text) from exc
        return str(response.get("id", ""))


def notify_sender_from_settings() -> NotifySender:
    """A NotifySender for NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID.

    Raises ImproperlyConfigured when the client package is missing or no template is set.
    """
    try:
        from notifications_python_client.notifications import NotificationsAPIClient
    except ImportError as exc:
        raise ImproperlyConfigured(
            "NOTIFY_API_KEY is set but notifications-python-client is not installed "
            "(pip install 'putright[notify]')."
        ) from exc
    template_id = getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", "")
    if not template_id:
        raise ImproperlyConfigured("NOTIFY_API_KEY is set but NOTIFY_EMAIL_TEMPLATE_ID is not.")
    client = NotificationsAPIClient(getattr(settings, "NOTIFY_API_KEY", ""))
    return NotifySender(
        client=client,
        template_id=template_id,
        reply_to_id=getattr(settings, "NOTIFY_EMAIL_REPLY_TO_ID", ""),
    )


def configured_sender() -> Sender:
    """The sender settings ask for: GOV.UK Notify when NOTIFY_API_KEY is set, else Django mail."""
    if getattr(settings, "NOTIFY_API_KEY", ""):
        return notify_sender_from_settings()
    return DjangoMailSender()
