"""The clock, as a dependency: services take `today`/`now` arguments that default to these."""

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """Today in the council's time zone (Europe/London), not UTC."""
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()
