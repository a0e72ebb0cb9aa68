"""Named errors of the domain, mapped to form errors (STYLE habit 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from putright.cases.services import CaseConflict, InvalidInput
from putright.letters.sandbox import LetterError
from putright.policy.calendar import DateOutsideCalendar
from putright.policy.lifecycle import RuleBroken


def attempt(
    form: forms.Form, call: Callable[[], Any], rule_field: Callable[[str], str | None]
) -> bool:
    """Make the one domain call; on a refusal put its message on the form, beside the field
    `rule_field(error.rule)` names, or at the top. True when the call succeeded."""
    try:
        call()
    except RuleBroken as error:
        name = rule_field(error.rule)
        form.add_error(name if name in form.fields else None, error.message)
    except (CaseConflict, InvalidInput, LetterError) as error:
        form.add_error(None, str(error))
    except DateOutsideCalendar as error:
        # A date typed far outside the working-day calendar (31/12/9999): say which dates
        # the service can count, rather than fail.
        form.add_error(None, f"Enter a date the service can count working days for: {error}")
    else:
        return True
    return False
