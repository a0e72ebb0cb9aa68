"""The response an officer is writing: one current draft per case stage, until issued."""

from django.db import models

from putright.cases.models.case import Case


class ResponseDraft(models.Model):
    """What the composer held when it was last saved, and where the draft is in approval.

    `content` is the composer's fields as typed (items (a)-(g) and the ledger rows of
    remedies and actions), so an officer can leave and come back to exactly what they wrote.
    """

    STATES = [
        ("draft", "Draft"),
        ("awaiting_approval", "Awaiting approval"),
        ("returned", "Returned with comments"),
        ("issued", "Issued"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="response_drafts")
    stage = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=STATES, default="draft")
    content = models.JSONField(default=dict)
    saved_by = models.CharField(max_length=200)
    saved_at = models.DateTimeField()
    sent_for_approval_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_response_draft_per_stage")
        ]
        indexes = [models.Index(fields=["state", "case"], name="response_draft_state")]
