"""Forms of the records pages (Ombudsman cases, learning, restrictions, adjustments,
children's safeguards, closure days). Each parses what one action needs; the service
decides."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from putright.cases.models import ClosureDay, OmbudsmanOrder, ReasonableAdjustment, Restriction
from putright.cases.models.learning import THEMES
from putright.cases.models.ombudsman import FINDINGS
from putright.cases.services import EvidenceFile, OmbudsmanFindingInput
from putright.core import clock
from putright.core.policy import policy_config
from putright.staff.forms import VersionedForm, officer_field
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


def ombudsman_choices() -> list[tuple[str, str]]:
    return [(code, o.name) for code, o in policy_config().ombudsmen.items()]


class OmbudsmanOpenForm(VersionedForm):
    ombudsman = forms.ChoiceField(
        label="Ombudsman",
        choices=ombudsman_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the Ombudsman"},
    )
    their_reference = forms.CharField(
        label="The Ombudsman's reference",
        max_length=60,
        required=False,
    )
    enquiry_received_on = DateInputField(
        label="Date of the enquiry", error_name="the date of the enquiry"
    )
    response_due_on = DateInputField(
        label="Response due date",
        error_name="the response due date",
        help_text="The date the Ombudsman asked for the council's response or information by.",
    )
    enquiry = forms.CharField(
        label="What the Ombudsman asked", widget=forms.Textarea, required=False
    )


class OmbudsmanInformationForm(VersionedForm):
    sent_on = DateInputField(label="Date sent", error_name="the date sent")
    what = forms.CharField(
        label="What was sent",
        widget=forms.Textarea,
        error_messages={"required": "Enter what was sent"},
    )


FINDING_ROWS = 5


class OmbudsmanDeterminationForm(VersionedForm):
    determined_on = DateInputField(label="Date of the determination", error_name="the date")
    determination = forms.CharField(
        label="Summary of the determination",
        widget=forms.Textarea,
        error_messages={"required": "Enter a summary of the determination"},
    )

    def __init__(self, *args: Any, issues: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issues = issues or []
        for n in range(1, FINDING_ROWS + 1):
            self.fields[f"issue_{n}"] = forms.CharField(
                label=f"Issue {n}",
                required=False,
                initial=issues[n - 1] if n <= len(issues) else "",
            )
            self.fields[f"finding_{n}"] = forms.ChoiceField(
                label=f"Finding on issue {n}",
                choices=[("", "Choose a finding"), *FINDINGS],
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, FINDING_ROWS + 1):
            if data.get(f"issue_{n}", "").strip() and not data.get(f"finding_{n}"):
                self.add_error(f"finding_{n}", f"Choose what the Ombudsman found on issue {n}")
            if data.get(f"finding_{n}") and not data.get(f"issue_{n}", "").strip():
                self.add_error(f"issue_{n}", f"Enter issue {n}, or leave its finding empty")
        return data

    def findings(self) -> list[OmbudsmanFindingInput]:
        data = self.cleaned_data
        return [
            OmbudsmanFindingInput(issue=data[f"issue_{n}"], finding=data[f"finding_{n}"])
            for n in range(1, FINDING_ROWS + 1)
            if data.get(f"issue_{n}", "").strip()
        ]


class OmbudsmanOrderForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Order or recommendation",
        choices=OmbudsmanOrder.KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is an order or a recommendation"},
    )
    text = forms.CharField(
        label="What the Ombudsman ordered or recommended",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the Ombudsman ordered or recommended"},
    )
    due_on = DateInputField(label="Due date", error_name="the due date")


# Evidence files: documents and pictures only, checked by their first bytes too.
EVIDENCE_KINDS: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".png": ("image/png", b"\x89PNG"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def evidence_file(upload: UploadedFile) -> EvidenceFile:  # type: ignore[type-arg]
    """The upload as evidence, or ValidationError with a message for the person."""
    name = upload.name or "evidence"
    suffix = PurePath(name).suffix.lower()
    kind = EVIDENCE_KINDS.get(suffix)
    if kind is None:
        raise forms.ValidationError("The file must be a PDF, PNG, JPG or Word (DOCX) document")
    if not upload.size or upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError("The file must be smaller than 10MB and not empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(kind[1]):
        raise forms.ValidationError(f"The file is not a real {suffix.lstrip('.').upper()} file")
    return EvidenceFile(name=name, content_type=kind[0], size=upload.size, file=upload)


class OmbudsmanComplyForm(VersionedForm):
    evidence = forms.CharField(
        label="What was done to comply",
        widget=forms.Textarea,
        error_messages={"required": "Enter what was done to comply"},
    )
    file = forms.FileField(
        label="Evidence of compliance",
        help_text="A PDF, PNG, JPG or Word (DOCX) document, smaller than 10MB.",
        error_messages={"required": "Choose a file of evidence"},
    )
    complied_on = DateInputField(label="Date complied", error_name="the date complied")

    def clean_file(self) -> EvidenceFile:
        return evidence_file(self.cleaned_data["file"])


class TriageFlagsForm(VersionedForm):
    vulnerable = forms.TypedChoiceField(
        label="Is the person vulnerable?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the person is vulnerable"},
    )
    vulnerability_reason = forms.CharField(
        label="Why, and what officers should do",
        widget=forms.Textarea,
        required=False,
        help_text="Only if vulnerable. Seen by the officers handling the case, never in a letter.",
    )
    complexity = forms.ChoiceField(
        label="How complex is the case?",
        choices=[("simple", "Simple"), ("standard", "Standard"), ("complex", "Complex")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how complex the case is"},
    )


class RestrictedNameForm(forms.Form):
    user = forms.TypedChoiceField(
        label="Who may work on it",
        coerce=int,
        error_messages={"required": "Choose who may work on it"},
    )
    reason = forms.CharField(
        label="Why they need to see it",
        max_length=300,
        error_messages={"required": "Say why this person needs to see the case"},
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - narrows the type
        field.choices = [("", "Choose a member of staff"), *people]


class ImprovementForm(VersionedForm):
    description = forms.CharField(
        label="The service improvement",
        widget=forms.Textarea,
        help_text="What will change, so that this does not happen again.",
        error_messages={"required": "Describe the improvement"},
    )
    theme = forms.ChoiceField(
        label="Theme",
        choices=[("", "Choose a theme"), *THEMES],
        error_messages={"required": "Choose the theme of the improvement"},
    )
    owner = officer_field("Owner")
    due_on = DateInputField(label="Due date", error_name="the due date")
    other_cases = forms.CharField(
        label="Other cases that caused it (optional)",
        required=False,
        help_text="Their references, separated by spaces or commas, for example CU12345678.",
    )

    def references(self) -> list[str]:
        text = self.cleaned_data.get("other_cases", "")
        return [r.strip().upper() for r in re.split(r"[\s,;]+", text) if r.strip()]


class ImprovementCompleteForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea,
        error_messages={"required": "Say what was done"},
    )


class RestrictionForm(VersionedForm):
    scope = forms.ChoiceField(
        label="Which contact it covers",
        choices=Restriction.SCOPES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which contact the restriction covers"},
    )
    restriction = forms.CharField(
        label="What is restricted, and how the person can still contact us",
        widget=forms.Textarea,
        error_messages={"required": "Enter what is restricted"},
    )
    reason = forms.CharField(
        label="Why (the behaviour, with dates)",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for the restriction"},
    )
    starts_on = DateInputField(label="Starts on", error_name="the start date")
    review_on = DateInputField(label="Review by", error_name="the review date")


class RestrictionReviewForm(VersionedForm):
    next_review_on = DateInputField(label="Next review by", error_name="the next review date")
    note = forms.CharField(
        label="Why the restriction is still needed",
        widget=forms.Textarea,
        error_messages={"required": "Say why the restriction is still needed"},
    )


class RestrictionEndForm(VersionedForm):
    note = forms.CharField(
        label="Why the restriction ends",
        widget=forms.Textarea,
        error_messages={"required": "Say why the restriction ends"},
    )


# ---------------------------------------------------------------------------------------
# Reasonable adjustments on the person (add, review, end)


class AdjustmentForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What the person needs",
        choices=ReasonableAdjustment.KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the adjustment the person needs"},
    )
    detail = forms.CharField(
        label="Details (the language for an interpreter; what is needed for other)",
        required=False,
        max_length=300,
    )
    review_on = DateInputField(
        label="Review by (optional)",
        error_name="the review date",
        required=False,
        help_text="The complaints team is reminded on this date to check it with the person.",
    )

    def clean_review_on(self) -> Any:
        review_on = self.cleaned_data.get("review_on")
        if review_on is not None and review_on <= clock.today():
            raise forms.ValidationError("The review date must be after today")
        return review_on


class AdjustmentReviewForm(VersionedForm):
    next_review_on = DateInputField(label="Next review by", error_name="the next review date")
    note = forms.CharField(
        label="What the person told us",
        widget=forms.Textarea,
        error_messages={"required": "Say what the person told us"},
    )


class AdjustmentEndForm(VersionedForm):
    note = forms.CharField(
        label="Why the adjustment ends",
        widget=forms.Textarea,
        error_messages={"required": "Say why the adjustment ends"},
    )


# Children's social care: the stage 3 review panel, frozen decisions


class PanelArrangeForm(VersionedForm):
    """Who sits on the review panel and when it meets. Every active officer is listed, the
    independent ones marked: the policy core refuses anyone who is not independent."""

    chair = officer_field("Chair", help_text="An independent officer.")
    person_one = officer_field("First independent person")
    person_two = officer_field("Second independent person")
    panel_on = DateInputField(label="Date the panel meets", error_name="the date the panel meets")

    def __init__(self, *args: Any, panel_by: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if panel_by:
            self.fields["panel_on"].help_text = f"By {panel_by}, the target for this stage."


class FrozenDecisionForm(VersionedForm):
    decision = forms.CharField(
        label="The decision that is frozen",
        widget=forms.Textarea,
        error_messages={"required": "Enter the decision that is frozen"},
    )
    until = DateInputField(
        label="Frozen until",
        error_name="the date it is frozen until",
        required=False,
        help_text="Leave empty if it is frozen until the complaint ends.",
    )


class FrozenDecisionLiftForm(VersionedForm):
    lifted_on = DateInputField(label="Lifted on", error_name="the date it was lifted")


YES_NO_NOT_YET = [("yes", "Yes"), ("no", "No"), ("", "Not decided yet")]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class RepresentationForm(VersionedForm):
    """Someone acting for a child (004): the sufficient-interest decision with its reasons,
    whether the child's views were sought, and the advocate offer and its take-up."""

    sufficient_interest = forms.ChoiceField(
        label="Does the person acting for the child have sufficient interest?",
        choices=YES_NO_NOT_YET,
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label="Reasons for the decision", widget=forms.Textarea, required=False
    )
    childs_views_sought = forms.ChoiceField(
        label="Were the child's views sought?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not yet")],
        widget=forms.RadioSelect,
        required=False,
    )
    childs_views = forms.CharField(
        label="The child's views, or why they were not sought",
        widget=forms.Textarea,
        required=False,
    )
    advocate_offered_on = DateInputField(
        label="Advocate offered on", error_name="the date the advocate was offered", required=False
    )
    advocate_taken_up = forms.ChoiceField(
        label="Was the advocate offer taken up?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not yet")],
        widget=forms.RadioSelect,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("advocate_taken_up") and not data.get("advocate_offered_on"):
            self.add_error("advocate_offered_on", "Enter the date the advocate was offered")
        return data


class IndependentPersonForm(VersionedForm):
    officer = officer_field("Independent person")
