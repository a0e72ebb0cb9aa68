"""Themes of complaints: a category and sub-category chosen at acknowledgement, and a root
cause chosen at each stage's response (Housing Ombudsman Code 9.4 and 8.1: assess themes and
trends). The lists are reference data the complaints team edits in the admin; the defaults
come from the council's policies (putright.cases.taxonomy)."""

from django.db import models


class Category(models.Model):
    """A category (no parent) or a sub-category (its parent is the category)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id and self.parent else self.name


class RootCause(models.Model):
    """Why it went wrong, as the investigating officer found at the response."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
