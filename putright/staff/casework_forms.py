"""Forms of the case work pages: correspondence and notes, files, representatives and
consent, contractors, service requests, the print-and-post queue. Each parses what one
action needs; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from putright.cases.models import Service
from putright.cases.models.case import CASE_KINDS
from putright.cases.services import Upload
from putright.core import clock
from putright.core.policy import policy_config
from putright.staff.forms import STAFF_CHANNELS, VersionedForm
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


# ---------------------------------------------------------------------------------------
# Staff intake: the "Log a contact" form of the triage inbox

ADJUSTMENT_CHOICES = [
    ("large_print", "Large print"),
    ("braille", "Braille"),
    ("bsl", "British Sign Language"),
    ("easy_read", "Easy read"),
    ("interpreter", "Interpreter (say which language below)"),
    ("other", "Something else (say what below)"),
]
INTAKE_CONSENT_CHOICES = [
    ("outstanding", "Not received yet"),
    ("received", "Received: describe the evidence below"),
    ("not_needed", "Not needed: an MP or councillor acting for a constituent"),
]


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(
        label="How did the contact come in?",
        choices=STAFF_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the contact came in"},
    )
    kind = forms.ChoiceField(
        label="What kind of feedback is it?",
        choices=CASE_KINDS,
        initial="complaint",
        widget=forms.RadioSelect,
        help_text="If in doubt, record it as a complaint.",
        error_messages={"required": "Choose what kind of feedback this is"},
    )
    service = forms.ModelChoiceField(
        queryset=Service.objects.filter(is_active=True).order_by("name"),
        label="Which service is it about?",
        empty_label="Choose a service",
        error_messages={"required": "Choose a service", "invalid_choice": "Choose a service"},
    )
    received_on = DateInputField(
        label="Date received",
        help_text="The day it reached the council: deadlines count from it. Today if left empty.",
        error_name="the date received",
        required=False,
    )
    aware_on = DateInputField(
        label="Date the person became aware of the problem (optional)",
        help_text="A complaint made later than the policy allows is flagged as out of time.",
        error_name="the date the person became aware",
        required=False,
    )
    name = forms.CharField(
        label="Person's full name", max_length=200, error_messages={"required": "Enter the name"}
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(
        label="Postal address (optional)", required=False, widget=forms.Textarea
    )
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    housing_reference = forms.CharField(
        label="Housing or tenancy reference (optional)", max_length=40, required=False
    )
    tenant = forms.BooleanField(
        label="The person is a council tenant or leaseholder", required=False
    )
    by_post = forms.BooleanField(label="The person wants letters by post", required=False)
    text = forms.CharField(
        label="What happened, in the person's own words",
        widget=forms.Textarea,
        error_messages={"required": "Enter what happened, in the person's own words"},
    )
    outcomes_sought = forms.CharField(
        label="What they want to happen (optional)", required=False, widget=forms.Textarea
    )
    adjustments = forms.MultipleChoiceField(
        label="Reasonable adjustments asked for (optional)",
        choices=ADJUSTMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    adjustment_detail = forms.CharField(
        label="Language or adjustment needed (optional)", max_length=300, required=False
    )
    rep_name = forms.CharField(
        label="Representative's or MP's or councillor's name (optional)",
        max_length=200,
        required=False,
        help_text="Someone acting for the person, or the MP or councillor who asked.",
    )
    rep_relationship = forms.ChoiceField(
        label="Who are they to the person?",
        choices=[("", "Choose one"), *RELATIONSHIP_CHOICES],
        required=False,
    )
    rep_organisation = forms.CharField(label="Organisation (optional)", required=False)
    rep_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        error_messages={"invalid": "Enter the representative's email like name@example.com"},
    )
    rep_phone = forms.CharField(label="Their phone number (optional)", required=False)
    rep_address = forms.CharField(
        label="Their postal address (optional)", required=False, widget=forms.Textarea
    )
    rep_consent = forms.ChoiceField(
        label="The person's consent for them to act",
        choices=INTAKE_CONSENT_CHOICES,
        initial="outstanding",
        widget=forms.RadioSelect,
        required=False,
    )
    rep_consent_evidence = forms.CharField(
        label="Evidence of consent (optional)", required=False, max_length=300
    )
    attachments = FilesField(label="Files that came with the contact (optional)")
    # Filled when the officer has seen the people who may be the same: "new" or an id.
    person_choice = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _files_hint()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_representative(data)
        wanted = data.get("adjustments") or []
        if {"interpreter", "other"} & set(wanted) and not data.get("adjustment_detail"):
            self.add_error("adjustment_detail", "Say which language or what adjustment is needed")
        if "received_on" in data and data["received_on"] is None:
            data["received_on"] = clock.today()
        received, aware = data.get("received_on"), data.get("aware_on")
        if received and aware and aware > received:
            self.add_error(
                "aware_on", "The date the person became aware must be before the date received"
            )
        return data

    def _clean_representative(self, data: dict[str, Any]) -> None:
        named = bool(data.get("rep_name"))
        relationship = data.get("rep_relationship") or ""
        if data.get("kind") == "mp_councillor_enquiry" and relationship not in ("mp", "councillor"):
            self.add_error(
                "rep_name", "Enter the MP or councillor who asked, and choose MP or Councillor"
            )
            return
        if named and not relationship:
            self.add_error("rep_relationship", "Choose who the representative is to the person")
        if not named and relationship:
            self.add_error("rep_name", "Enter the representative's name")
        consent = data.get("rep_consent") or "outstanding"
        if named and consent == "received" and not data.get("rep_consent_evidence"):
            self.add_error("rep_consent_evidence", "Describe the evidence of consent")
        if named and consent == "not_needed" and relationship not in ("mp", "councillor"):
            self.add_error("rep_consent", "Only an MP or councillor can act without consent")


class ServiceChangeForm(VersionedForm):
    service = forms.ModelChoiceField(
        queryset=Service.objects.filter(is_active=True).order_by("name"),
        label="The service it is really about",
        empty_label="Choose a service",
        error_messages={"required": "Choose a service", "invalid_choice": "Choose a service"},
    )
    reason = forms.CharField(
        label="Why it belongs to that service",
        widget=forms.Textarea,
        error_messages={"required": "Enter why it belongs to that service"},
    )


class PostedForm(forms.Form):
    letters = forms.MultipleChoiceField(
        label="Letters",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the letters", "invalid_choice": "Choose the letters"},
    )
    posted_on = DateInputField(
        label="Date posted",
        help_text="Today if left empty.",
        error_name="the date posted",
        required=False,
    )
    do = forms.ChoiceField(choices=[("download", "Download"), ("posted", "Mark posted")])

    def __init__(self, *args: Any, letter_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["letters"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = [(str(i), str(i)) for i in letter_ids]


# ---------------------------------------------------------------------------------------
# Service requests and contractors


class ServiceRequestCompleteForm(VersionedForm):
    outcome = forms.CharField(
        label="What was done",
        widget=forms.Textarea,
        help_text="Closes the service request; kept on the record.",
        error_messages={"required": "Say what was done about the request"},
    )


class ServiceRequestComplaintForm(VersionedForm):
    text = forms.CharField(
        label="What the person is unhappy about",
        widget=forms.Textarea,
        help_text="A stage 1 complaint is raised and linked; the service request stays open.",
        error_messages={"required": "Say what the person is unhappy about"},
    )


class ContractorAskForm(VersionedForm):
    contractor = forms.CharField(
        label="Contractor",
        max_length=200,
        error_messages={"required": "Enter the contractor's name"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = policy_config().time_limits.contractor_first_feedback_days
        self.fields["contractor"].help_text = (
            f"They have {days} working day{'s' if days != 1 else ''} to give their first "
            "feedback; you are reminded if it does not come."
        )
