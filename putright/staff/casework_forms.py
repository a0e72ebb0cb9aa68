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
