"""Service improvements: what the council changed because of complaints (Housing Ombudsman
Code 9; the annual report). One improvement is linked to every case that caused it."""

from django.conf import settings
from django.db import models

from putright.cases.models.case import Case
from putright.cases.models.reference import Officer, Service

THEMES = [
    ("communication", "Communication"),
    ("timeliness", "Timeliness"),
    ("quality_of_work", "Quality of work"),
    ("policy_or_procedure", "Policy or procedure"),
    ("staff_conduct", "Staff conduct"),
    ("records", "Records and information"),
    ("accessibility", "Accessibility and adjustments"),
    ("other", "Other"),
]


class ServiceImprovement(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="improvements")
    theme = models.CharField(max_length=30, choices=THEMES)
    description = models.TextField()
    owner = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="improvements")
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)
    cases = models.ManyToManyField(Case, related_name="improvements")
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["service__name", "theme", "due_on", "id"]
        indexes = [
            models.Index(fields=["service", "theme"], name="improvement_by_service_theme"),
            # Every learning figure counts the improvements recorded, and apart those
            # completed, in a period (putright.reports.oversight).
            models.Index(fields=["recorded_on"], name="improvement_recorded"),
            models.Index(
                fields=["completed_on"],
                condition=models.Q(completed_on__isnull=False),
                name="improvement_completed",
            ),
        ]
