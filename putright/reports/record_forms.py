"""Forms for the records the insight lead keeps (putright.reports.records decides)."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator

from putright.reports.models import PUBLICATION_KINDS, PUBLICATION_PARAGRAPHS
from putright.web.forms import DateInputField


class _Versioned(forms.Form):
    # The version the page showed (0: nothing recorded yet), so a stale form is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class GoverningResponseForm(_Versioned):
    body = forms.CharField(
        label="Governing body",
        max_length=200,
        help_text="The governing body (or equivalent) that considered the report, for example "
        "'Housing Committee'.",
        error_messages={"required": "Enter the name of the governing body"},
    )
    met_on = DateInputField(
        label="Date of the meeting",
        error_name="the date of the meeting",
        help_text="For example, 17 6 2026",
    )
    response = forms.CharField(
        label="The governing body's response",
        widget=forms.Textarea,
        max_length=20000,
        help_text="As the governing body agreed it. It is published alongside the report.",
        error_messages={"required": "Enter the governing body's response"},
    )


class NarrativeForm(_Versioned):
    text = forms.CharField(
        label="Analysis of the year's complaint handling",
        widget=forms.Textarea,
        max_length=20000,
        help_text="What the figures show, the themes behind them, and what changed.",
        error_messages={"required": "Enter the analysis"},
    )


class PublicationForm(_Versioned):
    kind = forms.ChoiceField(
        label="What it is",
        choices=[
            (code, f"{label} (8.1 {PUBLICATION_PARAGRAPHS[code]})")
            for code, label in PUBLICATION_KINDS
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of publication it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the title"},
    )
    published_on = DateInputField(
        label="Date published",
        error_name="the date it was published",
        help_text="For a finding, the date of the Ombudsman's decision. For example, 3 9 2025",
    )
    publisher = forms.CharField(
        label="Published by",
        max_length=200,
        initial="Housing Ombudsman Service",
        error_messages={"required": "Enter who published it"},
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea,
        max_length=20000,
        help_text="What it says about the council, and what the council is doing about it.",
        error_messages={"required": "Enter a summary"},
    )
    web_address = forms.URLField(
        label="Web address (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        # Shown as a link on the report: a web page only, never another kind of address.
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "Enter a web address in the right format, like https://…"},
    )
