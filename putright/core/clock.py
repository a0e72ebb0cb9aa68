"""The clock, as a dependency: services take `today`/`now` arguments that default to these."""

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """Today in the council's time zone (Europe/London), not UTC."""
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()


def localdate(at: datetime) -> date:
    """The council's calendar date of a moment (a 23:30 UTC contact in summer is tomorrow)."""
    return timezone.localdate(at)


def start_of_day(day: date) -> datetime:
    """09:00 local time on `day`: a sensible moment for a contact recorded by date only."""
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.get_current_timezone())
