"""Every message read from the complaints mailbox, once.

The row is written in the same transaction as the contact the message became, and its key
is unique: a message read again after a crash (stored, but not yet marked on the server)
is recognised and only marked, never stored twice.
"""

from django.db import models


class MailboxMessage(models.Model):
    OUTCOMES = [
        ("contact", "New contact in the triage inbox"),
        ("joined", "Joined a case's correspondence"),
        ("bounce", "Bounce: not a complaint"),
        ("auto_reply", "Automatic reply: not a complaint"),
        ("held", "Held for a person to look at"),
    ]
    key = models.CharField(max_length=300, unique=True)  # Message-ID, or a hash of the message
    received_at = models.DateTimeField()
    sender = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    detail = models.TextField(blank=True)  # why it was held
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    read_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.subject or '(no subject)'} from {self.sender}"
