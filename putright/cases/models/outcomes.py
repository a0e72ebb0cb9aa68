"""What the council put right: remedies, outstanding actions, learning, the Ombudsman."""

from django.db import models

from putright.cases.models.case import Case
from putright.cases.models.reference import Officer


class Remedy(models.Model):
    KINDS = [
        ("apology", "Apology"),
        ("explanation", "Explanation"),
        ("action", "Action to put things right"),
        ("decision_changed", "Decision changed"),
        ("record_amended", "Record amended"),
        ("financial_loss", "Financial: quantifiable loss"),
        ("financial_time_trouble", "Financial: time, trouble and distress"),
        ("policy_change", "Policy or procedure change"),
    ]
    STATES = [
        ("offered", "Offered"),
        ("accepted", "Accepted"),
        ("declined", "Declined"),
        ("delivered", "Delivered or paid"),
        ("replaced", "Could not be delivered: replaced"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    stage = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=KINDS)
    description = models.TextField()
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    state = models.CharField(max_length=20, choices=STATES, default="offered")
    offered_on = models.DateField()
    agreed_by = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    replaced_with = models.TextField(blank=True)

    class Meta:
        indexes = [
            # Remedies offered in a period by kind, offered and paid (£): the dashboard reads
            # this index alone on PostgreSQL (issue 13).
            models.Index(
                fields=["offered_on"], include=["kind", "amount", "state"], name="remedy_offered"
            )
        ]


class OutstandingAction(models.Model):
    OWNER_KINDS = [("staff", "Council staff"), ("contractor", "Contractor")]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_kind = models.CharField(max_length=20, choices=OWNER_KINDS, default="staff")
    owner_officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=200, blank=True)  # contractor or team
    due_on = models.DateField()
    update_every_days = models.PositiveSmallIntegerField(default=10)  # working days, agreed
    last_update_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_on = models.DateField()


class ActionUpdate(models.Model):
    action = models.ForeignKey(OutstandingAction, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    text = models.TextField()
    told_person = models.BooleanField(default=True)


class LearningEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="learning")
    lesson = models.TextField()
    improvement = models.TextField(blank=True)
    recorded_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)


class OmbudsmanCase(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ombudsman_cases")
    ombudsman = models.CharField(max_length=40)  # code from the policy configuration
    their_reference = models.CharField(max_length=60, blank=True)
    enquiry_received_on = models.DateField()
    enquiry = models.TextField(blank=True)
    # The date the Ombudsman asked for the council's response (information) by.
    response_due_on = models.DateField(null=True, blank=True)
    information_sent_on = models.DateField(null=True, blank=True)
    information_sent = models.TextField(blank=True)
    determined_on = models.DateField(null=True, blank=True)
    determination = models.TextField(blank=True)
    maladministration_found = models.BooleanField(null=True)


class OmbudsmanOrder(models.Model):
    KINDS = [("order", "Order"), ("recommendation", "Recommendation")]
    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="orders"
    )
    kind = models.CharField(max_length=20, choices=KINDS, default="order")
    order = models.TextField()
    due_on = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # The scheduler's reminder query: orders not yet complied with, by due date.
            models.Index(
                fields=["due_on"],
                condition=models.Q(complied_on__isnull=True),
                name="ombudsman_order_open",
            )
        ]

    @property
    def state(self) -> str:
        """'complied', 'complied_late' or 'open' (overdue is a matter of today's date)."""
        if self.complied_on is None:
            return "open"
        return "complied" if self.complied_on <= self.due_on else "complied_late"


class Correspondence(models.Model):
    DIRECTIONS = [("in", "Received"), ("out", "Sent")]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="correspondence")
    direction = models.CharField(max_length=3, choices=DIRECTIONS)
    channel = models.CharField(max_length=20)
    at = models.DateTimeField()
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    letter_kind = models.CharField(max_length=40, blank=True)


class Attachment(models.Model):
    """A file on a case, stored under a random name outside the web root."""

    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
