"""The outbox: every outgoing message is a row here before anything leaves the building.

Rows are written by `services.email_enqueue` in the same transaction as the change that
caused them and moved through their states only by `services.outbox_deliver_due`.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        # Letters and SMS will join here; the delivery loop is channel-agnostic.

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    channel = models.CharField(max_length=16, choices=Channel, default=Channel.EMAIL)
    to_address = models.CharField(max_length=254)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, default="")
    # RFC 5322 Message-ID, made once at enqueue: every (re)send of this row carries it, so
    # a duplicate after an uncertain outcome is recognisable as the same message.
    message_id = models.CharField(max_length=255, unique=True)
    # A plain string, not a foreign key: the outbox serves any module, and a message
    # stays on record even if the case it was about is later erased.
    case_reference = models.CharField(max_length=32, blank=True, default="", db_index=True)
    kind = models.CharField(max_length=64)

    state = models.CharField(max_length=16, choices=State, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    # Queued: not before this time. Sending: the lease runs out at this time, after which
    # another worker may take the row over. One column, so one index serves both.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True, default="")
    claimed_by = models.CharField(max_length=128, blank=True, default="")
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The provider's own id for the message (GOV.UK Notify), when it gives one.
    provider_reference = models.CharField(max_length=128, blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # The worker's query: pending rows whose time has come, oldest first. Partial,
            # so the index stays as small as the backlog, not as big as the history.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state__in=["queued", "sending"]),
                name="outbox_due_idx",
            ),
            models.Index(fields=["state", "created_at"], name="outbox_state_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_address} ({self.state})"


class OutboxAttachment(models.Model):
    """A file sent with a message, kept as bytes in the same transaction as the message.

    Bytes rather than storage files: a rolled-back change must leave no orphan file, and a
    re-send must attach exactly what the first attempt attached.
    """

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    content = models.BinaryField()

    def __str__(self) -> str:
        return self.filename


class SentReminder(models.Model):
    """One reminder the scheduler has sent: the key that makes each job send it once.

    Written in the same transaction as the email it records (`scheduler.base.reminders_send`),
    so both happen or neither does. The unique key (job, what it is about, the due date or
    period) is what stops a second run of the same day, or a second scheduler running at the
    same time, from sending it again: the loser's INSERT finds the row and does nothing.
    """

    job = models.CharField(max_length=64)
    # What the reminder is about, e.g. "case:42:stage1.respond_by", "action:7", "hold:3".
    subject_key = models.CharField(max_length=128)
    # The due date (a deadline, a review date) or the period (an update or a hold review
    # falling due) the reminder is for: a later one is a new reminder.
    due_on = models.DateField()
    case_reference = models.CharField(max_length=32, blank=True, default="", db_index=True)
    sent_to = models.CharField(max_length=254)
    # The scheduler run that wrote the row: it reads back by this which rows are its own.
    run_id = models.CharField(max_length=32, db_index=True)
    run_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job", "subject_key", "due_on"], name="one_reminder_per_job_subject_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.subject_key} due {self.due_on}"


class Heartbeat(models.Model):
    """When a background process ("worker", "scheduler") last said it was alive.

    One row per process kind, overwritten: /healthz reads it to tell a load balancer, or
    the person on call, that emails or reminders have stopped going out.
    """

    name = models.CharField(max_length=32, unique=True)
    seen_at = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True, default="")
