"""Closure days and late-announced bank holidays, kept as data by the complaints team.

The England & Wales bank holidays and the configuration's closure days stay the default;
these rows are added to them. A removed day is kept (with who removed it and when) so the
change that moved deadlines stays on record.
"""

from django.conf import settings
from django.db import models


class ClosureDay(models.Model):
    KINDS = [("closure", "Council closure day"), ("bank_holiday", "Bank holiday")]
    day = models.DateField()
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=KINDS, default="closure")
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(removed_at__isnull=True),
                name="one_closure_day_in_force_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}"
