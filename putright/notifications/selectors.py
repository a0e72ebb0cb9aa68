"""Reads of the outbox, for staff screens, reports and the delivery task."""

from datetime import datetime

from django.db.models import Count, Min, QuerySet

from putright.notifications.models import Heartbeat, OutboxMessage

State = OutboxMessage.State


def outbox_pending() -> QuerySet[OutboxMessage]:
    """Messages not yet sent and not given up on, the next due first."""
    return OutboxMessage.objects.filter(state__in=[State.QUEUED, State.SENDING]).order_by(
        "next_attempt_at", "pk"
    )


def outbox_failed() -> QuerySet[OutboxMessage]:
    """Messages given up on, for staff to check the address and retry; newest first."""
    return OutboxMessage.objects.filter(state=State.FAILED).order_by("-created_at", "-pk")


def outbox_counts_by_state() -> dict[str, int]:
    """How many messages are in each state; every state is present, zero if empty."""
    counts = dict.fromkeys(State.values, 0)
    for row in OutboxMessage.objects.values("state").annotate(n=Count("pk")).order_by():
        counts[row["state"]] = row["n"]
    return counts


def outbox_for_case(*, case_reference: str) -> QuerySet[OutboxMessage]:
    """Everything sent or to be sent about one case, oldest first."""
    return OutboxMessage.objects.filter(case_reference=case_reference).order_by("created_at", "pk")


def outbox_next_due_at() -> datetime | None:
    """When the earliest pending message falls due (a retry, or a lease running out)."""
    result: datetime | None = outbox_pending().aggregate(at=Min("next_attempt_at"))["at"]
    return result


def heartbeats() -> dict[str, datetime]:
    """When each background process last reported in, by name."""
    return dict(Heartbeat.objects.values_list("name", "seen_at"))


def outbox_overdue(*, due_before: datetime) -> int:
    """Messages still waiting to go that fell due before `due_before`: the backlog."""
    return outbox_pending().filter(next_attempt_at__lt=due_before).count()
