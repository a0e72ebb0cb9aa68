"""The records the insight lead keeps for the annual complaints performance and service
improvement report (Housing Ombudsman Complaint Handling Code 2024, 8.1 and 8.2): what the
case record cannot hold because it is about the year, not a case.

Each row keeps who changed it last and when, and a `version` for optimistic concurrency;
every change also leaves a `RecordChange` (the history shown under the report). Written only
by putright.reports.records.
"""

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
