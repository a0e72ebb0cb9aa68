"""The append-only timeline: one event per change, who, when, what, before and after.

Rows can be added, never changed or removed: the queryset and the model refuse it, and on
PostgreSQL a trigger refuses it in SQL too (migration 0002). Housing Ombudsman Code 5.12:
the council keeps a full record of the complaint.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from putright.cases.models.case import Case


class TimelineIsAppendOnly(Exception):
    """Timeline events are evidence: they cannot be changed or deleted."""


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise TimelineIsAppendOnly("Timeline events cannot be changed or deleted.")


class TimelineQuerySet(models.QuerySet["TimelineEvent"]):
    def update(self, **kwargs: Any) -> int:
        _refuse()

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse()

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse()


class TimelineEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="timeline")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(max_length=200)  # "Resident (online)", an officer's name
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    objects = TimelineQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="timeline_by_case")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()
