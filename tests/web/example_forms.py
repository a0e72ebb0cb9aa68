"""A form that uses every GOV.UK component partial, for the component tests and the
browser test of a form page with errors."""

from typing import Any

from django import forms

from putright.web.forms import DateInputField


class FeedbackForm(forms.Form):
    full_name = forms.CharField(label="Full name", help_text="As it appears on your letters")
    email = forms.EmailField(
        label="Email address",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )
    details = forms.CharField(label="What happened?", max_length=1200, widget=forms.Textarea)
    kind = forms.ChoiceField(
        label="What kind of feedback is it?",
        choices=[("complaint", "Complaint"), ("comment", "Comment"), ("compliment", "Compliment")],
        widget=forms.RadioSelect,
    )
    adjustments = forms.MultipleChoiceField(
        label="Do you need any of these?",
        required=False,
        choices=[("large_print", "Large print"), ("braille", "Braille")],
        widget=forms.CheckboxSelectMultiple,
    )
    became_aware = DateInputField(
        label="When did you find out about the problem?",
        error_name="the date you found out about the problem",
    )
    evidence = forms.FileField(label="Upload a photo", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choice_hints = {"complaint": "Something went wrong"}  # type: ignore[attr-defined]


VALID = {
    "full_name": "Ada Resident",
    "email": "ada@example.com",
    "details": "The bin was not collected.",
    "kind": "complaint",
    "adjustments": ["braille"],
    "became_aware_day": "3",
    "became_aware_month": "11",
    "became_aware_year": "2026",
}
