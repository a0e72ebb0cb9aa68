"""The one place Django code gets the policy core's configuration and calendar.

Loaded once per process; a broken configuration stops start-up (CoreConfig.ready) with the
loader's message, which names the file and the key.

The closure days and late-announced bank holidays the complaints team keeps in the back
office are data in the case record; the case record registers the function that reads them
(`closure_days_source`), so this module needs no model and the calendar is always the
configuration's plus those days.
"""

from collections.abc import Callable
from datetime import date
from functools import cache

from django.conf import settings

from putright.policy.calendar import WorkingCalendar
from putright.policy.codes import ComplaintCode, load_codes
from putright.policy.deadlines import calendar_for
from putright.policy.processes import PolicyConfig, load_config

_NO_DAYS: frozenset[date] = frozenset()
_source: list[Callable[[], frozenset[date]]] = []


@cache
def policy_config() -> PolicyConfig:
    return load_config(settings.PUTRIGHT_POLICY_CONFIG or None)


@cache
def complaint_codes() -> dict[str, ComplaintCode]:
    """The codes of the self-assessment by id (PUTRIGHT_COMPLAINT_CODES, else the defaults)."""
    return load_codes(settings.PUTRIGHT_COMPLAINT_CODES)


def closure_days_source(read: Callable[[], frozenset[date]]) -> None:
    """Register the read of the closure days kept as data (the cases app does, at start)."""
    _source[:] = [read]


def extra_closure_days() -> frozenset[date]:
    """The closure days kept as data: one small query, so every process sees a change."""
    return _source[0]() if _source else _NO_DAYS


def working_calendar() -> WorkingCalendar:
    return calendar_for(policy_config().calendar, extra_closure_days())


def working_calendar_with(days: frozenset[date]) -> WorkingCalendar:
    """The calendar with closure days already read (a batch reads them once)."""
    return calendar_for(policy_config().calendar, days)


def reset_policy_cache() -> None:
    """Forget the loaded configuration (tests that swap it, and after an admin change)."""
    policy_config.cache_clear()
    complaint_codes.cache_clear()
