"""Reference data reports need that the case record does not hold: the number of homes the
council owns each year, for the Tenant Satisfaction Measures (CH01 is per 1,000 homes)."""

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
