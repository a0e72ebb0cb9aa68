"""The self-assessment's stored answers (issue 13): the only records the reports app owns.

Append-only: every save adds a row with the next revision number, so the previous answer,
who gave it and when stay as they were (the history page reads them). The current answer
is the highest revision of its requirement.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

COMPLY = [("yes", "Yes"), ("no", "No"), ("", "Not yet answered")]


class AssessmentAnswer(models.Model):
    code_id = models.CharField(max_length=60)  # putright.policy.codes ComplaintCode.id
    code_version = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()  # the financial year starting 1 April of it
    ref = models.CharField(max_length=10)  # the requirement, "6.2"
    revision = models.PositiveIntegerField()  # 1 for the first answer; the optimistic lock
    comply = models.CharField(max_length=3, choices=COMPLY, blank=True)
    evidence = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    # A "No" says what the council will do and by when (Housing Ombudsman Code 8.5).
    action = models.TextField(blank=True)
    comply_by = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)  # as shown then, kept if renamed
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            # Two saves based on the same revision cannot both land: the second is stale.
            models.UniqueConstraint(
                fields=["code_id", "code_version", "year", "ref", "revision"],
                name="assessment_answer_one_per_revision",
            )
        ]
        ordering = ["code_id", "year", "ref", "-revision"]

    def __str__(self) -> str:
        return f"{self.code_id} {self.year} {self.ref} r{self.revision}"
