"""Forms of the back office. Each parses what one action needs; the service decides."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce

from putright.cases.models import Category, Officer, Remedy, RootCause
from putright.cases.models.case import CASE_KINDS, CHANNELS
from putright.cases.models.reporting import TENURES
from putright.cases.services import ActionOwner, LedgerAction, LedgerRemedy
from putright.core.policy import policy_config
from putright.policy.lifecycle import Decision
from putright.web.forms import DateInputField

DECISION_CHOICES = [
    (Decision.UPHELD.value, "Upheld"),
    (Decision.PARTLY_UPHELD.value, "Partly upheld"),
    (Decision.NOT_UPHELD.value, "Not upheld"),
]
STAFF_CHANNELS = [(c, label) for c, label in CHANNELS if c != "web"]


def lines(text: str) -> list[str]:
    """One item per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class OfficerChoiceField(forms.ModelChoiceField[Officer]):
    def label_from_instance(self, obj: Officer) -> str:
        service = obj.team.service.name if obj.team_id and obj.team else ""
        parts = [obj.name, obj.job_title, service]
        label = ", ".join(p for p in parts if p)
        return label + (" (independent)" if obj.is_independent else "")


def officer_field(label: str, *, required: bool = True, help_text: str = "") -> OfficerChoiceField:
    return OfficerChoiceField(
        queryset=Officer.objects.filter(is_active=True)
        .select_related("team__service")
        .order_by("name"),
        label=label,
        required=required,
        help_text=help_text,
        empty_label="Choose an officer",
        error_messages={"required": "Choose an officer", "invalid_choice": "Choose an officer"},
    )


# --- Issue 13: themes (category at acknowledgement, root cause at response) -----------
def category_field() -> forms.ModelChoiceField[Category]:
    """Each category followed by its sub-categories ("Repairs: Damp and mould")."""
    return forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True)
        .select_related("parent")
        .order_by(Coalesce("parent__name", "name"), F("parent").asc(nulls_first=True), "name"),
        label="Category (optional)",
        help_text="What the complaint is about, for reports of themes. "
        "Choose the most specific one that fits.",
        required=False,
        empty_label="Not categorised yet",
        error_messages={"invalid_choice": "Choose a category from the list"},
    )


def root_cause_field() -> forms.ModelChoiceField[RootCause]:
    return forms.ModelChoiceField(
        queryset=RootCause.objects.filter(is_active=True).order_by("name"),
        label="Root cause (optional)",
        help_text="Why it went wrong, as you found. Reported as a theme, never sent to the person.",
        required=False,
        empty_label="Not recorded",
        error_messages={"invalid_choice": "Choose a root cause from the list"},
    )


def tenure_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Tenure of the home (housing complaints, optional)",
        help_text="The Tenant Satisfaction Measures count rented homes and shared ownership "
        "separately.",
        choices=[("", "Not recorded"), *TENURES],
        required=False,
        error_messages={"invalid_choice": "Choose a tenure from the list"},
    )


# --- end of issue 13 block -----------------------------------------------------------


def exclusion_choices(*, outcome: str | None = None) -> list[tuple[str, str]]:
    return [
        (e.code, e.title)
        for e in policy_config().exclusions.values()
        if outcome is None or e.outcome == outcome
    ]


class VersionedForm(forms.Form):
    """Carries the case version the page showed, so acting on a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------------------------------
# Sign-in


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": False}),
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": False}
        ),
        error_messages={"required": "Enter the security code"},
    )


# ---------------------------------------------------------------------------------------
# Triage


# The "Log a contact" form is case work's IntakeForm (putright.staff.casework_forms).


class TriageForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Classify as",
        choices=CASE_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of feedback this is"},
    )
    reason = forms.CharField(
        label="Reason for the classification",
        widget=forms.Textarea,
        help_text="Why it is this kind of feedback.",
        error_messages={"required": "Enter the reason for the classification"},
    )


class ExcludeForm(VersionedForm):
    code = forms.ChoiceField(
        label="Exclusion ground",
        choices=(),
        error_messages={"required": "Choose the exclusion ground"},
    )
    reasons = forms.CharField(
        label="Reasons for the exclusion",
        widget=forms.Textarea,
        help_text="Explained to the person in the exclusion letter, with the Ombudsman's details.",
        error_messages={"required": "Enter the reasons for the exclusion"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "Choose a ground"), *exclusion_choices()]


class JoinForm(VersionedForm):
    open_case = forms.CharField(
        label="Reference of the open case it joins",
        max_length=20,
        help_text="For example, CU12345678. A related issue joins before the stage 1 response.",
        error_messages={"required": "Enter the reference of the open case"},
    )
    would_unreasonably_delay = forms.BooleanField(
        label="Adding it would unreasonably delay the response", required=False
    )


class RaiseComplaintForm(VersionedForm):
    text = forms.CharField(
        label="What the person is unhappy about",
        widget=forms.Textarea,
        help_text="A stage 1 complaint is raised; the service request stays open.",
        error_messages={"required": "Say what the person is unhappy about"},
    )


# ---------------------------------------------------------------------------------------
# Work queues


class SavedViewForm(forms.Form):
    name = forms.CharField(
        label="Name this view",
        max_length=80,
        error_messages={"required": "Enter a name for this view"},
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


# ---------------------------------------------------------------------------------------
# Case moves


class AcknowledgeForm(VersionedForm):
    issues = forms.CharField(
        label="The issues, in the person's own words",
        widget=forms.Textarea,
        help_text="One issue per line.",
        error_messages={"required": "Write down at least one issue"},
    )
    outcomes_sought = forms.CharField(
        label="The outcomes the person wants",
        widget=forms.Textarea,
        error_messages={"required": "Write down the outcome the person wants"},
    )
    responsible = forms.CharField(
        label="What the council is responsible for (optional)",
        widget=forms.Textarea,
        required=False,
    )
    not_responsible = forms.CharField(
        label="What the council is not responsible for (optional)",
        widget=forms.Textarea,
        required=False,
    )
    definition_state = forms.ChoiceField(
        label="Is the definition agreed with the person?",
        choices=[
            ("agreed", "Agreed with the person"),
            ("clarification_asked", "Clarification asked"),
        ],
        initial="agreed",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the definition is agreed"},
    )
    late_complaint_discretion = forms.CharField(
        label="Discretion to accept a complaint made later than the policy allows (if it was)",
        widget=forms.Textarea,
        required=False,
    )
    # Case work (#10): the acknowledgement "with an expected delay" variant (002 app. a).
    expected_delay = forms.CharField(
        label="Expected delay (optional)",
        widget=forms.Textarea,
        required=False,
        help_text=(
            "If the response is likely to take longer than the target, say why: the "
            "acknowledgement then tells the person."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"] = officer_field(
            "Investigating officer (optional)",
            required=False,
            help_text="You can allocate the complaint later.",
        )
        # Issue 13: the theme the complaint is reported under, and the home's tenure.
        self.fields["category"] = category_field()
        self.fields["tenure"] = tenure_field()


class AllocateForm(VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"] = officer_field(
            "Officer",
            help_text="At stage 2 and later, choose someone who has not dealt with the complaint.",
        )


class ExtendForm(VersionedForm):
    new_due = DateInputField(label="New response date", error_name="the new response date")
    reason = forms.CharField(
        label="Reason for the extension",
        widget=forms.Textarea,
        help_text="Told to the person with the new date and the Ombudsman's details.",
        required=False,
    )
    good_reason = forms.CharField(
        label="Good reason to go beyond the maximum (only if it does)",
        widget=forms.Textarea,
        required=False,
    )


class ContractorFeedbackForm(VersionedForm):
    asked_on = DateInputField(label="Date the contractor was asked", error_name="the date asked")
    feedback = forms.CharField(
        label="The contractor's feedback",
        widget=forms.Textarea,
        error_messages={"required": "Enter the contractor's feedback"},
    )


class StatementForm(VersionedForm):
    issues = forms.CharField(
        label="The issues, as agreed",
        widget=forms.Textarea,
        help_text="One issue per line.",
        error_messages={"required": "Write down at least one issue"},
    )
    outcomes_sought = forms.CharField(
        label="The outcomes the person wants",
        widget=forms.Textarea,
        error_messages={"required": "Write down the outcome the person wants"},
    )


class ResponsePlanForm(VersionedForm):
    respond_by = DateInputField(label="Response by", error_name="the response date")
    how_handled = forms.CharField(
        label="How the complaint will be handled, as agreed",
        widget=forms.Textarea,
        error_messages={"required": "Describe how the complaint will be handled"},
    )
    good_reason = forms.CharField(
        label="Good reason for a date beyond the usual maximum (only if it is)",
        widget=forms.Textarea,
        required=False,
    )
    longer_period_agreed = forms.BooleanField(
        label="The person agreed to a response later than six months from receipt",
        required=False,
    )


class RespondForm(VersionedForm):
    """The response composer: items (a) to (g) of SPEC "Letters and responses"."""

    stage = forms.IntegerField(widget=forms.HiddenInput)
    complaint_definition = forms.CharField(
        label="(b) The complaint",
        widget=forms.Textarea,
        help_text="The complaint as defined with the person.",
        error_messages={"required": "Enter (b) the complaint definition"},
    )
    decision = forms.ChoiceField(
        label="(c) The decision overall",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose (c) the decision overall"},
    )
    reasons = forms.CharField(
        label="(d) The reasons for the decision",
        widget=forms.Textarea,
        help_text="Cite the policy, law or good practice relied on.",
        error_messages={"required": "Enter (d) the reasons for the decision"},
    )
    no_remedy_reason = forms.CharField(
        label="(e) Or: why no remedy is due", widget=forms.Textarea, required=False
    )
    no_outstanding_actions = forms.BooleanField(
        label="(f) There are no outstanding actions", required=False
    )
    how_to_escalate = forms.CharField(
        label="(g) How to escalate",
        widget=forms.Textarea,
        error_messages={"required": "Enter (g) how to escalate"},
    )
    ombudsman = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        issues: list[str] = (),  # type: ignore[assignment]
        default_owner: Officer | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Issue 13: the root cause, reported as a theme (not part of the letter).
        self.fields["root_cause"] = root_cause_field()
        self.issue_texts = list(issues)
        self.default_owner = default_owner
        self.ledger_remedies: tuple[LedgerRemedy, ...] = ()
        self.ledger_actions: tuple[LedgerAction, ...] = ()
        for row in range(1, LEDGER_ROWS + 1):
            self.fields.update(_remedy_row(row))
        for row in range(1, LEDGER_ROWS + 1):
            self.fields.update(_action_row(row))
        for number, _text in enumerate(self.issue_texts, 1):
            self.fields[f"issue_{number}_decision"] = forms.ChoiceField(
                label=f"Decision on issue {number}",
                choices=DECISION_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose (c) the decision on issue {number}"},
            )
            self.fields[f"issue_{number}_reasons"] = forms.CharField(
                label=f"Reasons on issue {number}",
                widget=forms.Textarea,
                error_messages={
                    "required": f"Enter the reasons for the decision on issue {number}"
                },
            )

    def remedy_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (
                n,
                self[f"remedy_{n}_kind"],
                self[f"remedy_{n}_description"],
                self[f"remedy_{n}_amount"],
            )
            for n in range(1, LEDGER_ROWS + 1)
        ]

    def action_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (n, self[f"action_{n}_description"], self[f"action_{n}_owner"], self[f"action_{n}_due"])
            for n in range(1, LEDGER_ROWS + 1)
        ]

    def issue_fields(self) -> list[tuple[int, str, Any, Any]]:
        return [
            (n, text, self[f"issue_{n}_decision"], self[f"issue_{n}_reasons"])
            for n, text in enumerate(self.issue_texts, 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.ledger_remedies = tuple(
            r for r in (self._remedy(data, n) for n in range(1, LEDGER_ROWS + 1)) if r
        )
        self.ledger_actions = tuple(
            a for a in (self._action(data, n) for n in range(1, LEDGER_ROWS + 1)) if a
        )
        if not self.ledger_remedies and not data.get("no_remedy_reason", "").strip():
            self.add_error(
                "remedy_1_kind", "Enter (e) the remedies offered, or why no remedy is due"
            )
        if not self.ledger_actions and not data.get("no_outstanding_actions"):
            self.add_error(
                "action_1_description",
                "Enter (f) the outstanding actions, or tick that there are none",
            )
        return data

    def _remedy(self, data: dict[str, Any], n: int) -> LedgerRemedy | None:
        kind = data.get(f"remedy_{n}_kind", "")
        text = data.get(f"remedy_{n}_description", "").strip()
        amount = data.get(f"remedy_{n}_amount")
        if not (kind or text or amount):
            return None
        if not kind:
            self.add_error(f"remedy_{n}_kind", f"Choose the kind of remedy {n}")
        if not text:
            self.add_error(f"remedy_{n}_description", f"Enter what remedy {n} is")
        if kind.startswith("financial") and not amount:
            self.add_error(f"remedy_{n}_amount", f"Enter the amount of remedy {n}, in pounds")
        if not (kind and text):
            return None
        return LedgerRemedy(kind=kind, description=text, amount=amount)

    def _action(self, data: dict[str, Any], n: int) -> LedgerAction | None:
        text = data.get(f"action_{n}_description", "").strip()
        owner = data.get(f"action_{n}_owner", "").strip()
        due = data.get(f"action_{n}_due")
        if not (text or owner or due):
            return None
        if not text:
            self.add_error(f"action_{n}_description", f"Enter what action {n} is")
        if due is None and f"action_{n}_due" not in self.errors:
            self.add_error(f"action_{n}_due", f"Enter the date action {n} is due by")
        if not text or due is None:
            return None
        if owner:
            who = ActionOwner(kind="contractor", name=owner)
        elif self.default_owner is not None:
            who = ActionOwner(
                kind="staff", officer=self.default_owner, name=self.default_owner.name
            )
        else:
            self.add_error(f"action_{n}_owner", f"Enter who owns action {n}")
            return None
        return LedgerAction(description=text, owner=who, due_on=due)


# How many rows of remedies and of actions the composer offers (empty rows are ignored).
LEDGER_ROWS = 3


def _remedy_row(n: int) -> dict[str, forms.Field]:
    return {
        f"remedy_{n}_kind": forms.ChoiceField(
            label=f"Remedy {n}: kind",
            choices=[("", "Choose a kind"), *Remedy.KINDS],
            required=False,
        ),
        f"remedy_{n}_description": forms.CharField(
            label=f"Remedy {n}: what is offered", required=False, max_length=500
        ),
        f"remedy_{n}_amount": forms.DecimalField(
            label=f"Remedy {n}: amount in pounds (financial remedies)",
            required=False,
            min_value=Decimal("0.01"),
            max_digits=9,
            decimal_places=2,
            error_messages={"invalid": "Enter the amount as a number, like 150 or 150.50"},
        ),
    }


def _action_row(n: int) -> dict[str, forms.Field]:
    return {
        f"action_{n}_description": forms.CharField(
            label=f"Action {n}: what will be done", required=False, max_length=500
        ),
        f"action_{n}_owner": forms.CharField(
            label=f"Action {n}: who owns it (a contractor or team; empty: the officer)",
            required=False,
            max_length=200,
        ),
        f"action_{n}_due": DateInputField(
            label=f"Action {n}: due by", error_name=f"the due date of action {n}", required=False
        ),
    }


class EscalationRequestForm(VersionedForm):
    channel = forms.ChoiceField(
        label="How did the person ask?",
        choices=CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the person asked"},
    )
    context = forms.CharField(
        label="What the person said (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="The person does not have to give reasons.",
    )
    discretion = forms.CharField(
        label="Discretion decision, if the request came after the window",
        widget=forms.Textarea,
        required=False,
    )
    compelling_reason = forms.CharField(
        label="Compelling reason, if the request came after the policy's long stop",
        widget=forms.Textarea,
        required=False,
    )


class EscalationAcknowledgeForm(AllocateForm):
    pass


class EscalationRefuseForm(VersionedForm):
    ground = forms.ChoiceField(
        label="Exclusion ground", choices=(), error_messages={"required": "Choose the ground"}
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reasons for refusing the next stage"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "Choose a ground"), *exclusion_choices()]


class ConfirmForm(VersionedForm):
    """A move that needs nothing but the decision to make it."""


class FindingsForm(VersionedForm):
    findings = forms.CharField(
        label="The panel chair's findings and recommendations",
        widget=forms.Textarea,
        error_messages={"required": "Enter the panel chair's findings"},
    )


class HoldForm(VersionedForm):
    ground = forms.ChoiceField(
        label="Why the case is on hold", choices=(), error_messages={"required": "Choose why"}
    )
    detail = forms.CharField(label="Details (optional)", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "Choose a reason"), *exclusion_choices(outcome="hold")]


class ResumeForm(VersionedForm):
    proceedings_ended_on = DateInputField(
        label="Date the proceedings ended (optional)",
        error_name="the date the proceedings ended",
        required=False,
    )


class WithdrawForm(VersionedForm):
    channel = forms.ChoiceField(
        label="How did the person withdraw?",
        choices=CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the person withdrew"},
    )


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, error_messages={"required": "Enter the reason"}
    )


class JoinContactForm(VersionedForm):
    contact = forms.CharField(
        label="Reference of the new contact",
        max_length=20,
        help_text="A contact still in the triage inbox, for example CU12345678.",
        error_messages={"required": "Enter the reference of the new contact"},
    )
    would_unreasonably_delay = forms.BooleanField(
        label="Adding it would unreasonably delay the response", required=False
    )


# ---------------------------------------------------------------------------------------
# Remedies and outstanding actions


class RemedyOfferForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of remedy",
        choices=[("", "Choose a kind"), *Remedy.KINDS],
        error_messages={"required": "Choose the kind of remedy"},
    )
    description = forms.CharField(
        label="What is offered",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the remedy is"},
    )
    amount = forms.DecimalField(
        label="Amount, in pounds (financial remedies)",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=9,
        decimal_places=2,
        error_messages={"invalid": "Enter the amount as a number, like 150 or 150.50"},
    )


class RemedyUpdateForm(VersionedForm):
    state = forms.ChoiceField(
        label="What happened",
        choices=[s for s in Remedy.STATES if s[0] != "offered"],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened to the remedy"},
    )
    replaced_with = forms.CharField(
        label="What replaced it (if it could not be delivered)",
        widget=forms.Textarea,
        required=False,
    )


class ActionAddForm(VersionedForm):
    description = forms.CharField(
        label="What will be done",
        widget=forms.Textarea,
        error_messages={"required": "Enter what will be done"},
    )
    owner_name = forms.CharField(
        label="Who owns it (a contractor or team; leave empty to own it yourself)",
        max_length=200,
        required=False,
    )
    due_on = DateInputField(label="Due by", error_name="the due date")
    update_every_days = forms.IntegerField(
        label="Update the person every (working days)",
        initial=10,
        min_value=1,
        max_value=60,
        error_messages={"required": "Enter how often the person gets an update"},
    )


class ActionUpdateForm(VersionedForm):
    text = forms.CharField(
        label="Update", widget=forms.Textarea, error_messages={"required": "Enter the update"}
    )
    completed = forms.BooleanField(label="The action is complete", required=False)


def today_or(day: date | None, today: date) -> date:
    return day if day is not None else today


class DraftReturnForm(forms.Form):
    """A service manager returns a draft response to the officer."""

    comment = forms.CharField(
        label="Comments for the officer",
        widget=forms.Textarea,
        required=False,
        help_text="Needed to return the draft; say what must change.",
    )
