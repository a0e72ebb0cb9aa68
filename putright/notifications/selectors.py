"""Reads of the outbox, for the delivery task and the health check. Staff look through the
outbox (failed messages, a case's emails) and retry in the Django admin."""

from datetime import datetime

from django.db.models import Min, QuerySet

from putright.notifications.models import Heartbeat, OutboxMessage

State = OutboxMessage.State


def _outbox_pending() -> QuerySet[OutboxMessage]:
    """Messages not yet sent and not given up on."""
    return OutboxMessage.objects.filter(state__in=[State.QUEUED, State.SENDING])


def outbox_next_due_at() -> datetime | None:
    """When the earliest pending message falls due (a retry, or a lease running out)."""
    result: datetime | None = _outbox_pending().aggregate(at=Min("next_attempt_at"))["at"]
    return result


def heartbeats() -> dict[str, datetime]:
    """When each background process last reported in, by name."""
    return dict(Heartbeat.objects.values_list("name", "seen_at"))


def outbox_overdue(*, due_before: datetime) -> int:
    """Messages still waiting to go that fell due before `due_before`: the backlog."""
    return _outbox_pending().filter(next_attempt_at__lt=due_before).count()
