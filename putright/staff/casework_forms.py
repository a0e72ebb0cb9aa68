"""Forms of the case work pages: correspondence and notes, files, representatives and
consent, contractors, service requests, the print-and-post queue. Each parses what one
action needs; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from putright.cases.services import Upload
from putright.staff.forms import VersionedForm
from putright.web import uploads
from putright.web.forms import DateInputField

LOG_KIND_CHOICES = [
    ("call", "Phone call"),
    ("meeting", "Meeting"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("note", "Note for the file"),
]
DIRECTION_CHOICES = [("in", "Received from the person or someone for them"), ("out", "Sent")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Up to `uploads.max_files()` files, each checked by what it contains (the same rules
    as the public site), returned ready for the service as `Upload`s."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["multiple"] = True

    def clean(self, data: Any, initial: Any = None) -> list[Upload]:
        chosen = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not chosen and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [_checked(upload, already=i) for i, upload in enumerate(chosen)]


def _checked(upload: UploadedFile[Any], *, already: int) -> Upload:
    try:
        kind = uploads.check(upload, already=already)
    except uploads.FileRefused as refused:
        raise forms.ValidationError(refused.message, code="refused") from refused
    return Upload(
        name=upload.name or "file",
        content_type=kind.content_type,
        size=upload.size or 0,
        file=upload,
        extension=kind.extension,
    )


def _files_hint() -> str:
    return (
        f"Up to {uploads.max_files()} files, each smaller than "
        f"{uploads.megabytes(uploads.max_bytes())} MB: {uploads.ACCEPTED_DESCRIPTION}."
    )


class CorrespondenceLogForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What are you logging?",
        choices=LOG_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are logging"},
    )
    direction = forms.ChoiceField(
        label="Received or sent?",
        choices=DIRECTION_CHOICES,
        initial="in",
        widget=forms.RadioSelect,
        help_text="Not asked of a note.",
        required=False,
    )
    on = DateInputField(
        label="Date",
        help_text="For example, 27 3 2026.",
        error_name="the date",
        error_messages={"required": "Enter the date"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=250,
        help_text="One line: who, and what it was about.",
        error_messages={"required": "Enter a summary"},
    )
    detail = forms.CharField(label="Details (optional)", required=False, widget=forms.Textarea)
    attachments = FilesField(label="Files (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_hint()

    def clean_direction(self) -> str:
        return str(self.cleaned_data.get("direction") or "in")


# ---------------------------------------------------------------------------------------
# Representatives and consent

RELATIONSHIP_CHOICES = [
    ("mp", "MP"),
    ("councillor", "Councillor"),
    ("advocate", "Advocate"),
    ("carer", "Carer"),
    ("family", "Family member"),
    ("friend", "Friend"),
    ("solicitor", "Solicitor"),
    ("other", "Other"),
]


class RepresentativeForm(VersionedForm):
    name = forms.CharField(
        label="Representative's full name",
        max_length=200,
        error_messages={"required": "Enter the representative's name"},
    )
    relationship = forms.ChoiceField(
        label="Who are they to the person?",
        choices=[("", "Choose one"), *RELATIONSHIP_CHOICES],
        error_messages={"required": "Choose who the representative is to the person"},
    )
    organisation = forms.CharField(
        label="Organisation (optional)",
        max_length=200,
        required=False,
        help_text="For example, the advice agency, the solicitors or the MP's office.",
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Needed to post letters to them when they have no email address.",
    )
    receives_response = forms.BooleanField(
        label="Letters and responses go to the representative, with a copy to the person",
        required=False,
        initial=True,
    )


class RepresentativeAddForm(RepresentativeForm):
    consent_state = forms.ChoiceField(
        label="The person's consent",
        choices=[
            ("outstanding", "Not received yet"),
            ("not_needed", "Not needed: an MP or councillor acting for a constituent"),
        ],
        initial="outstanding",
        widget=forms.RadioSelect,
        help_text="When the person's signed consent arrives, record it from the case page.",
        error_messages={"required": "Choose the state of the person's consent"},
    )


class RepresentativeEndForm(VersionedForm):
    reason = forms.CharField(
        label="Why do they no longer act for the person?",
        widget=forms.Textarea,
        help_text="Letters go to the person again from now on.",
        error_messages={"required": "Enter why the representative no longer acts"},
    )


class ConsentForm(VersionedForm):
    state = forms.ChoiceField(
        label="Did the person give consent?",
        choices=[("received", "Yes, consent received"), ("refused", "No, consent refused")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the person gave consent"},
    )
    on = DateInputField(
        label="Date received or refused",
        help_text="For example, 27 3 2026.",
        error_name="the date",
        error_messages={"required": "Enter the date"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea,
        help_text="What it is, for example 'Signed consent form, posted'. Attach it below.",
    )
    attachments = FilesField(label="The signed consent (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_hint()
