"""The mailbox's settings, read from the environment once in config/settings/base.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True, slots=True)
class MailboxSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str
    ssl: bool
    service: str  # the service code new contacts are filed under until triage

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user)


def mailbox_settings() -> MailboxSettings:
    raw = getattr(settings, "PUTRIGHT_MAILBOX", {})
    return MailboxSettings(
        host=str(raw.get("HOST", "")),
        port=int(raw.get("PORT", 993)),
        user=str(raw.get("USER", "")),
        password=str(raw.get("PASSWORD", "")),
        folder=str(raw.get("FOLDER", "INBOX")),
        ssl=bool(raw.get("SSL", True)),
        service=str(raw.get("SERVICE", "")),
    )
