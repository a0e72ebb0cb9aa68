"""Forms of the records pages (Ombudsman cases, learning, restrictions, adjustments,
children's safeguards, closure days). Each parses what one action needs; the service
decides."""

from __future__ import annotations

from django import forms

from putright.cases.models import ClosureDay
from putright.web.forms import DateInputField


class ClosureDayForm(forms.Form):
    day = DateInputField(label="Date", error_name="the date", help_text="For example, 24 12 2027")
    name = forms.CharField(
        label="What the day is",
        max_length=120,
        help_text="For example, 'Council closure day' or 'Coronation bank holiday'.",
        error_messages={"required": "Enter what the day is"},
    )
    kind = forms.ChoiceField(
        label="Kind of day",
        choices=ClosureDay.KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the day is a closure day or a bank holiday"},
    )
