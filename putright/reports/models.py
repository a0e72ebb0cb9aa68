"""The governance records the insight lead keeps about a year rather than a case (issue 13):

- the self-assessment's answers against the complaint handling codes (`AssessmentAnswer`),
  append-only: every save adds a row with the next revision number, so the previous answer,
  who gave it and when stay as they were (the history page reads them); the current answer
  is the highest revision of its requirement. Written only by putright.reports.services.
- what the annual complaints performance and service improvement report needs that the case
  record cannot hold (Housing Ombudsman Complaint Handling Code 2024, 8.1 and 8.2). Each row
  keeps who changed it last and when, and a `version` for optimistic concurrency; every
  change also leaves a `RecordChange` (the history shown under the report). Written only by
  putright.reports.records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

YEAR_HELP = "The year the reporting year starts in: 2025 for 1 April 2025 to 31 March 2026."


class Kept(models.Model):
    """Who changed the record last, and when; `version` goes up by one on every change."""

    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The name as it was: kept when the account is removed, and read without a join.
    changed_by_name = models.CharField(max_length=200)

    class Meta:
        abstract = True


class GoverningBodyResponse(Kept):
    """Code 8.2: the governing body's response to the year's report, published beside it."""

    year = models.PositiveSmallIntegerField(unique=True, help_text=YEAR_HELP)
    body = models.CharField(max_length=200)  # the governing body (or equivalent)
    met_on = models.DateField()  # the meeting at which it responded
    response = models.TextField()


class PerformanceNarrative(Kept):
    """Code 8.1 (b): the insight lead's qualitative analysis of the year's performance."""

    year = models.PositiveSmallIntegerField(unique=True, help_text=YEAR_HELP)
    text = models.TextField()


PUBLICATION_KINDS = [
    ("non_compliance", "Finding of non-compliance with the Complaint Handling Code"),
    ("annual_report", "Annual report about our performance"),
    ("other", "Other report or publication about our work"),
]
# The paragraph of Code 8.1 each kind of publication is reported under.
PUBLICATION_PARAGRAPHS = {"non_compliance": "c", "annual_report": "e", "other": "f"}


class OmbudsmanPublication(Kept):
    """Something the Ombudsman published or decided about the council as a whole: a finding
    of non-compliance with the Code (8.1 c; the case record's findings are per complaint
    and have no such finding), its annual report on the landlord's performance (8.1 e), or
    another report or publication (8.1 f). `year` is the report it belongs in, which may
    differ from the year it was published in (the annual letter about one year comes out
    in the next)."""

    year = models.PositiveSmallIntegerField(help_text=YEAR_HELP)
    kind = models.CharField(max_length=20, choices=PUBLICATION_KINDS)
    title = models.CharField(max_length=300)
    published_on = models.DateField()
    publisher = models.CharField(max_length=200)
    summary = models.TextField()
    web_address = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["published_on", "id"]
        indexes = [models.Index(fields=["year", "kind"], name="publication_year_kind")]


class RecordChange(models.Model):
    """One change to a record above, never altered: the history of the year's records."""

    year = models.PositiveSmallIntegerField()
    record = models.CharField(max_length=40)  # "response", "narrative" or "publication"
    record_id = models.PositiveIntegerField()
    summary = models.CharField(max_length=400)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["year", "-at"], name="record_change_year")]


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
