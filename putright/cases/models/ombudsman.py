"""What an Ombudsman decided on each issue, and the evidence the council complied."""

from django.db import models

from putright.cases.models.outcomes import OmbudsmanCase, OmbudsmanOrder

FINDINGS = [
    ("severe_maladministration", "Severe maladministration"),
    ("maladministration", "Maladministration"),
    ("service_failure", "Service failure"),
    ("reasonable_redress", "Reasonable redress"),
    ("no_maladministration", "No maladministration"),
    ("outside_jurisdiction", "Outside jurisdiction"),
]


class OmbudsmanFinding(models.Model):
    """One issue the Ombudsman determined, and what they found on it."""

    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="findings"
    )
    number = models.PositiveSmallIntegerField()
    issue = models.TextField()
    finding = models.CharField(max_length=30, choices=FINDINGS)

    class Meta:
        ordering = ["number"]


class OmbudsmanEvidence(models.Model):
    """A file showing an order or recommendation was complied with, stored outside the web
    root under a random name and served only through a checked view."""

    order = models.ForeignKey(OmbudsmanOrder, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="ombudsman/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
