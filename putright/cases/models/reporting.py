"""What reports need beside the case record: the number of homes the council owns each year,
for the Tenant Satisfaction Measures (CH01 is per 1,000 homes), and the cases received
counted by month (a rollup the services keep in the same transaction as each case write)."""

from django.db import models

TENURES = [
    ("rented", "Rented (low cost rental accommodation)"),
    ("shared_ownership", "Shared ownership (low cost home ownership)"),
]


class HousingStock(models.Model):
    """Homes owned at the end of a reporting year (1 April to 31 March), by tenure, as the
    council reports them to the Regulator of Social Housing."""

    year = models.PositiveSmallIntegerField(
        unique=True, help_text="The year the reporting year starts in: 2025 for 2025 to 2026."
    )
    rented_homes = models.PositiveIntegerField()
    shared_ownership_homes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "housing stock"

    def __str__(self) -> str:
        return f"{self.year} to {self.year + 1}"


class CaseVolume(models.Model):
    """Cases received in a month, by service, process, kind, channel and category: the
    dashboard's volume tables read these few rows instead of a year of cases (issue 13).

    Kept by the services in the transaction that writes the case (services/_volumes.py:
    registration adds one, a change of service, kind, channel or category moves one from
    its old key to its new one); `manage.py case_volumes_rebuild` recounts it from the cases.
    A key whose cases all moved away stays with n = 0."""

    month = models.DateField()  # the first day of the month received
    service = models.ForeignKey("cases.Service", on_delete=models.PROTECT, related_name="+")
    process = models.CharField(max_length=40)
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=20)
    # The category's id, 0 for none: a key column cannot be NULL, as NULLs never conflict
    # and the upsert that keeps the count would add a row instead of adding to one.
    category_key = models.BigIntegerField(default=0)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "service", "process", "kind", "channel", "category_key"],
                name="case_volume_key",
            )
        ]
