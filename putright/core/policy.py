"""The one place Django code gets the policy core's configuration and calendar.

Loaded once per process; a broken configuration stops start-up (CoreConfig.ready) with the
loader's message, which names the file and the key.
"""

from functools import cache

from django.conf import settings

from putright.policy.calendar import WorkingCalendar
from putright.policy.deadlines import calendar_for
from putright.policy.processes import PolicyConfig, load_config


@cache
def policy_config() -> PolicyConfig:
    return load_config(settings.PUTRIGHT_POLICY_CONFIG or None)


def working_calendar() -> WorkingCalendar:
    return calendar_for(policy_config().calendar)


def reset_policy_cache() -> None:
    """Forget the loaded configuration (tests that swap it, and after an admin change)."""
    policy_config.cache_clear()
