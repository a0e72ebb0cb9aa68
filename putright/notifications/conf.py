"""The outbox's tunables, read from settings with these defaults.

`PUTRIGHT_OUTBOX` in settings may override any of them, for example
`PUTRIGHT_OUTBOX = {"MAX_ATTEMPTS": 10}`.
"""

from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings

DEFAULTS = {
    "BATCH_SIZE": 50,
    # 8 attempts with a 1 minute base and a 2 hour cap span about 4 hours of trying.
    "MAX_ATTEMPTS": 8,
    "BACKOFF_BASE_SECONDS": 60,
    "BACKOFF_CAP_SECONDS": 2 * 60 * 60,
    # How long a worker's claim on a batch lasts before another worker may take it over.
    # A worker starts no send once half of this has passed and hands the rest back, so
    # keep it above twice the SMTP timeout.
    "LEASE_SECONDS": 10 * 60,
}


@dataclass(frozen=True, slots=True)
class OutboxConfig:
    batch_size: int
    max_attempts: int
    backoff_base: timedelta
    backoff_cap: timedelta
    lease: timedelta

    def backoff(self, attempts: int) -> timedelta:
        """The wait before the next try after `attempts` failed ones: base x 2^(n-1), capped."""
        exponent = max(attempts - 1, 0)
        # Cap the exponent first so a large attempt count cannot overflow timedelta.
        if exponent >= 32:
            return self.backoff_cap
        return min(self.backoff_base * (1 << exponent), self.backoff_cap)


def outbox_config() -> OutboxConfig:
    values = DEFAULTS | getattr(settings, "PUTRIGHT_OUTBOX", {})
    return OutboxConfig(
        batch_size=int(values["BATCH_SIZE"]),
        max_attempts=int(values["MAX_ATTEMPTS"]),
        backoff_base=timedelta(seconds=float(values["BACKOFF_BASE_SECONDS"])),
        backoff_cap=timedelta(seconds=float(values["BACKOFF_CAP_SECONDS"])),
        lease=timedelta(seconds=float(values["LEASE_SECONDS"])),
    )


def message_id_domain() -> str:
    """The right-hand side of our Message-IDs: the setting, else DEFAULT_FROM_EMAIL's domain."""
    configured: str = getattr(settings, "PUTRIGHT_MESSAGE_ID_DOMAIN", "")
    if configured:
        return configured
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2] or "putright.invalid"
