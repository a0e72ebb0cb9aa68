"""Who a member of staff is in the back office, and what they have saved or been given."""

from django.conf import settings
from django.db import models


class StaffRole(models.TextChoices):
    COMPLAINTS_TEAM = "complaints_team", "Complaints team"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    SERVICE_MANAGER = "service_manager", "Service manager"
    INSIGHT_LEAD = "insight_lead", "Insight lead"
    GOVERNANCE = "governance", "Governance (read only)"


class StaffProfile(models.Model):
    """A user's role in the back office. A user without an active profile is not staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    role = models.CharField(max_length=30, choices=StaffRole.choices)
    # Investigating officers and service managers see their own service's cases.
    service = models.ForeignKey(
        "cases.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class CaseAccess(models.Model):
    """A named person who may see a restricted case (for example, a member of staff who
    complains): nobody else does, whatever their role."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_accesses"
    )
    reason = models.CharField(max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "case accesses"
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="one_access_per_case_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} may see case {self.case_id}"


class SavedView(models.Model):
    """A work queue with its filters, search and sort, saved under a name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=500)  # the work queue's query string
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_view_names_unique")
        ]

    def __str__(self) -> str:
        return self.name
