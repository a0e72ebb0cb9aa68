"""The GOV.UK date input (three boxes: day, month, year) as a Django form field.

Error messages follow the Design System's date input guidance, and each error records
which of the three boxes it is about, so the page highlights only those and the error
summary links to the first of them.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_PARTS = ("day", "month", "year")
PART_NAMES = {"day": _("day"), "month": _("month"), "year": _("year")}


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes posted as <name>_day, <name>_month, <name>_year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in DATE_PARTS
        }
        super().__init__(widgets=boxes, attrs=attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.Field):
    """A date typed into the GOV.UK date input.

    `error_name` is how messages refer to the date ("the date you became aware of the
    problem"); it defaults to the label. Errors carry `params["parts"]`, the boxes at
    fault, for the date input partial.
    """

    widget = DateInputWidget

    def __init__(self, *, error_name: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_name = error_name

    def _name(self) -> str:
        return str(self.error_name or self.label or _("the date"))

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        day, month, year = (str(v or "").strip() for v in (value or ("", "", "")))
        given = dict(zip(DATE_PARTS, (day, month, year), strict=True))
        missing = [part for part in DATE_PARTS if not given[part]]
        if len(missing) == len(DATE_PARTS):
            return None
        name = self._name()
        if missing:
            raise ValidationError(
                _("%(name)s must include a %(missing)s"),
                code="incomplete",
                params={"name": _capitalise(name), "missing": _and_list(missing), "parts": missing},
            )
        if not all(given[part].isdigit() for part in DATE_PARTS):
            raise ValidationError(
                _("%(name)s must be a real date"),
                code="invalid",
                params={"name": _capitalise(name), "parts": list(DATE_PARTS)},
            )
        if len(year) != 4:
            raise ValidationError(
                _("Year must include 4 numbers"),
                code="invalid_year",
                params={"parts": ["year"]},
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a 20-digit day overflows C's int
            raise ValidationError(
                _("%(name)s must be a real date"),
                code="invalid",
                params={"name": _capitalise(name), "parts": list(DATE_PARTS)},
            ) from None

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(
                _("Enter %(name)s"),
                code="required",
                params={"name": self._name(), "parts": list(DATE_PARTS)},
            )


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and_list(parts: Sequence[str]) -> str:
    words = [str(PART_NAMES[part]) for part in parts]
    if len(words) == 1:
        return words[0]
    return str(_("%(first)s and %(last)s")) % {"first": ", ".join(words[:-1]), "last": words[-1]}
