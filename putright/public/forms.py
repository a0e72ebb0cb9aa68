"""The questions of the public site, one form per page.

Every label, hint and error message follows the GOV.UK Design System's wording patterns
("Enter…", "Select…") and goes through gettext. A question page's form knows its own
title (`title`), whether its first field is the page heading (`single_question`), and
how it reads on the check-your-answers page (`summary`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from putright.cases.references import reference_is_valid, reference_normalise
from putright.core import clock
from putright.web.forms import DateInputField

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as Promise

    from putright.public.journey import Journey
else:
    from django.utils.functional import Promise

KIND_CHOICES = [
    ("complaint", _("Make a complaint")),
    ("comment", _("Make a comment or suggestion")),
    ("compliment", _("Pay a compliment")),
    ("service_request", _("Ask for a service")),
]
KIND_HINTS = {
    "complaint": _("Tell us about something that went wrong, or something we did or did not do."),
    "comment": _("An idea or a view about one of our services."),
    "compliment": _("Tell us about something that went well, or someone who helped you."),
    "service_request": _(
        "For example, report a repair, ask us to collect a missed bin or ask us to look "
        "again at a decision for the first time. We record this as a request for a "
        "service, not a complaint, and pass it to the service."
    ),
}
# Values are the case record's (Representative.RELATIONSHIPS); labels are the public's.
RELATIONSHIP_CHOICES = [
    ("family", _("A family member")),
    ("friend", _("A friend")),
    ("carer", _("Their carer")),
    ("advocate", _("Their advocate")),
    ("councillor", _("Their councillor")),
    ("mp", _("Their MP")),
    ("solicitor", _("Their solicitor")),
    ("other", _("Something else")),
]
# Values are ReasonableAdjustment.KINDS, plus "none".
ADJUSTMENT_CHOICES = [
    ("large_print", _("Large print")),
    ("braille", _("Braille")),
    ("bsl", _("A British Sign Language (BSL) interpreter")),
    ("interpreter", _("An interpreter for another language")),
    ("easy_read", _("Easy read")),
    ("other", _("Something else")),
    ("none", _("No, I do not need anything different")),
]
ADJUSTMENT_CHOICES_FOR_THEM = [
    *ADJUSTMENT_CHOICES[:-1],
    ("none", _("No, they do not need anything different")),
]
CONSENT_CHOICES = [
    ("uploaded", _("I will upload their signed consent")),
    ("declared", _("They have agreed, and I declare that this is true")),
    ("power_of_attorney", _("I have a power of attorney for them")),
    ("cannot_consent", _("They cannot give consent")),
]
# The consent answers that are followed by a page to upload a document.
CONSENT_UPLOADED = ("uploaded", "power_of_attorney")
CONTACT_METHOD_CHOICES = [
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("text", _("Text message")),
    ("letter", _("Letter")),
]
# Stored on the person in English for the case officer, whatever language the page is in.
FREQUENCY_CHOICES = [
    ("news", _("Only when there is news")),
    ("weekly", _("Every week")),
    ("fortnightly", _("Every 2 weeks")),
    ("monthly", _("Every month")),
]
FREQUENCY_RECORDED = {
    "news": "Only when there is news",
    "weekly": "Every week",
    "fortnightly": "Every 2 weeks",
    "monthly": "Every month",
}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DETAILS_MAX = 5000
SUMMARY_MAX = 300


def _radios(**kwargs: Any) -> forms.ChoiceField:
    hints = kwargs.pop("hints", None)
    field = forms.ChoiceField(widget=forms.RadioSelect, **kwargs)
    if hints:
        field.choice_hints = hints  # type: ignore[attr-defined]
    return field


def _text(label: Promise | str, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, **kwargs)


def _label(choices: Iterable[tuple[str, Any]], value: object) -> str:
    return str(dict(choices).get(str(value), value or ""))


class LineEndingsForm(forms.Form):
    """Browsers post a textarea's line breaks as CR LF; the record keeps plain LF."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class QuestionForm(LineEndingsForm):
    """A page of the feedback journey. `journey` gives the answers to earlier pages."""

    title: Promise | str = ""
    single_question = True
    intro_template = ""
    multipart = False

    def __init__(self, *args: Any, journey: Journey | None = None, **kwargs: Any) -> None:
        self.journey = journey
        super().__init__(*args, **kwargs)

    def page_title(self) -> str:
        return str(self.title)

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Rows for check your answers: (question, answer)."""
        name, field = next(iter(self.fields.items()))
        value = cleaned.get(name)
        if isinstance(field, forms.ChoiceField):
            value = _label(field.choices, value)  # type: ignore[arg-type]
        return [(str(field.label), str(value or ""))]

    # Helpers for wording that depends on who the feedback is for.
    def _for_someone(self) -> bool:
        return bool(self.journey and self.journey.for_someone())

    def _kind(self) -> str:
        return self.journey.kind() if self.journey else "complaint"


class KindForm(QuestionForm):
    title = _("What do you want to do?")
    kind = _radios(
        label=_("What do you want to do?"),
        choices=KIND_CHOICES,
        hints=KIND_HINTS,
        error_messages={"required": _("Select what you want to do")},
    )


class ServiceForm(QuestionForm):
    title = _("Which service is it about?")
    service = _radios(
        label=_("Which service is it about?"),
        help_text=_(
            "If you are not sure, choose the closest. We will pass it on if it belongs "
            "to another service."
        ),
        error_messages={
            "required": _("Select the service it is about"),
            "invalid_choice": _("Select the service it is about"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.journey.services() if self.journey else []
        self.fields["service"].choices = [(s.code, s.name) for s in services]  # type: ignore[attr-defined]


_DETAILS_LABELS = {
    "complaint": (_("What happened?"), _("Enter what happened")),
    "comment": (_("What is your comment or suggestion?"), _("Enter your comment or suggestion")),
    "compliment": (_("What would you like to tell us?"), _("Enter what you would like to tell us")),
    "service_request": (_("What is your request about?"), _("Enter what your request is about")),
}


class DetailsForm(QuestionForm):
    details = forms.CharField(
        label=_("What happened?"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
        help_text=_(
            "Tell us in your own words. Include dates, places and the names of anyone you "
            "spoke to, if you can. Do not include bank details."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label, required = _DETAILS_LABELS.get(self._kind(), _DETAILS_LABELS["complaint"])
        field = self.fields["details"]
        field.label = label
        field.error_messages["required"] = required
        field.error_messages["max_length"] = gettext(
            "%(what)s must be %(max)s characters or fewer"
        ) % {"what": gettext("Your answer"), "max": DETAILS_MAX}
        self.title = label


class AwareForm(QuestionForm):
    title = _("When did you find out about the problem?")
    aware_on = DateInputField(
        label=_("When did you find out about the problem?"),
        error_name=_("the date you found out about the problem"),  # type: ignore[arg-type]
        help_text=_(
            "For example, 27 3 2026. If you are not sure of the exact date, give your best guess."
        ),
    )

    def clean_aware_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["aware_on"]
        if day > clock.today():
            raise ValidationError(
                _("The date you found out about the problem must be today or in the past"),
                params={"parts": ["day", "month", "year"]},
            )
        if day.year < 1900:
            raise ValidationError(
                _("The date you found out about the problem must be after 1900"),
                params={"parts": ["year"]},
            )
        return day

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        day = cleaned["aware_on"]
        return [(gettext("When you found out"), f"{day.day} {_month(day)} {day.year}")]


def _month(day: datetime.date) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[day.month])


class LateForm(QuestionForm):
    title = _("You found out about this more than 12 months ago")
    single_question = False
    intro_template = "public/feedback/_late_intro.html"
    reason_late = forms.CharField(
        label=_("Is there a reason you could not tell us sooner? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("For example, you were ill, or you did not know you could complain."),
    )

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        return [(gettext("Why you are telling us now"), cleaned.get("reason_late") or "")]


class OutcomeForm(QuestionForm):
    outcome = forms.CharField(
        label=_("What would you like us to do to put things right?"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("For example, an apology, a repair, or a decision looked at again."),
        error_messages={"required": _("Enter what you would like us to do")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._kind() == "service_request":
            self.fields["outcome"].label = _("What do you want us to do?")
            self.fields["outcome"].help_text = ""
        self.title = self.fields["outcome"].label or ""


class SomeoneElseForm(QuestionForm):
    title = _("Are you giving feedback for someone else?")
    for_someone = _radios(
        label=_("Are you giving feedback for someone else?"),
        help_text=_("For example, as their carer, relative, advocate, councillor or MP."),
        choices=YES_NO,
        error_messages={"required": _("Select yes if you are giving feedback for someone else")},
    )


class RelationshipForm(QuestionForm):
    title = _("How are you connected to the person?")
    relationship = _radios(
        label=_("How are you connected to the person?"),
        choices=RELATIONSHIP_CHOICES,
        error_messages={"required": _("Select how you are connected to the person")},
    )


class ConsentForm(QuestionForm):
    title = _("How can you show that they agree to you acting for them?")
    consent = _radios(
        label=_("How can you show that they agree to you acting for them?"),
        help_text=_(
            "We need their permission before we share their personal information with you."
        ),
        choices=CONSENT_CHOICES,
        hints={
            "uploaded": _("For example, a signed letter or form saying you can act for them."),
            "declared": _(
                "We will contact them to confirm before we share their personal information "
                "with you."
            ),
            "power_of_attorney": _(
                "Upload the registered lasting or enduring power of attorney on the next page. "
                "We check it before we share their personal information with you."
            ),
            "cannot_consent": _(
                "For example, they lack mental capacity to decide. We will still look into "
                "the complaint. Before we share their personal information with you we need "
                "evidence that you can act for them: a power of attorney, a Court of Protection "
                "deputyship order, or a letter from a professional involved in their care."
            ),
        },
        error_messages={"required": _("Select how you can show that they agree")},
    )


class ConsentUploadForm(QuestionForm):
    title = _("Upload their signed consent")
    multipart = True
    consent_file = forms.FileField(
        label=_("Upload their signed consent"),
        required=False,
        help_text=_("The file must be a PDF, JPG, PNG, DOCX, ODT or TXT, smaller than 10 MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.journey and self.journey.value("consent", "consent") == "power_of_attorney":
            self.title = _("Upload the power of attorney")
            self.fields["consent_file"].label = self.title


class TheirDetailsForm(QuestionForm):
    """The person the feedback is about (when someone else gives it for them)."""

    title = _("Their details")
    single_question = False
    name = _text(
        _("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}),
        error_messages={"required": _("Enter their full name")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = _text(
        _("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    address = _text(
        _("Address (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )
    postcode = _text(
        _("Postcode (optional)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    missing_contact = _(
        "Enter at least one way to contact them: an email address, phone or address"
    )
    needs_messages: ClassVar[dict[str, Promise]] = {
        "email": _("Enter their email address, so that we can email them as you asked"),
        "phone": _("Enter their phone number, so that we can contact them by phone as you asked"),
        "address": _("Enter their address, so that we can write to them as you asked"),
    }
    field_classes: ClassVar[dict[str, str]] = {
        "phone": "govuk-input--width-20",
        "postcode": "govuk-input--width-10",
    }

    required_labels: ClassVar[dict[str, Promise]] = {
        "email": _("Email address"),
        "phone": _("Phone number"),
        "address": _("Address"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The way of contact the person chose is needed: its label must not say "(optional)".
        need = self._needed()
        if need:
            self.fields[need].label = self.required_labels[need]

    def _needed(self) -> str:
        method = self.journey.contact_method() if self.journey else ""
        return {"email": "email", "phone": "phone", "text": "phone", "letter": "address"}.get(
            method or "", ""
        )

    def clean_postcode(self) -> str:
        return " ".join(str(self.cleaned_data.get("postcode", "")).upper().split())

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and sum(ch.isdigit() for ch in phone) < 10:
            raise ValidationError(_("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        need = self._needed()
        if need and not cleaned.get(need) and need not in self.errors:
            self.add_error(need, self.needs_messages[need])
        elif not any(cleaned.get(f) for f in ("email", "phone", "address")) and not self.errors:
            self.add_error("email", self.missing_contact)
        return cleaned

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        lines = [cleaned.get(k, "") for k in ("name", "email", "phone", "address", "postcode")]
        return [(str(self.title), "\n".join(str(line) for line in lines if line))]


class YourDetailsForm(TheirDetailsForm):
    """The person giving feedback for themselves."""

    title = _("Your details")
    missing_contact = _("Enter at least one way to contact you: an email address, phone or address")
    needs_messages: ClassVar[dict[str, Promise]] = {
        "email": _("Enter your email address, so that we can email you as you asked"),
        "phone": _("Enter your phone number, so that we can contact you by phone as you asked"),
        "address": _("Enter your address, so that we can write to you as you asked"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Enter your full name")
        self.fields["email"].help_text = _(
            "We will send you a receipt and a reference number, and you can follow your "
            "feedback online."
        )
        autocomplete = {
            "name": "name",
            "email": "email",
            "phone": "tel",
            "address": "street-address",
            "postcode": "postal-code",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value


class RepresentativeDetailsForm(QuestionForm):
    title = _("Your details")
    single_question = False
    name = _text(
        _("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": False}),
        error_messages={"required": _("Enter your full name")},
    )
    organisation = _text(
        _("Organisation (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example, the charity you work for, or your MP's office."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We will send you a receipt and a reference number, and you can follow the "
            "feedback online."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    phone = _text(
        _("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    field_classes: ClassVar[dict[str, str]] = {"phone": "govuk-input--width-20"}

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        lines = [cleaned.get(k, "") for k in ("name", "organisation", "email", "phone")]
        return [(gettext("Your details"), "\n".join(str(line) for line in lines if line))]


class TenantForm(QuestionForm):
    tenant = _radios(
        label=_("Are you a council tenant or leaseholder?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I am not sure"))],
        error_messages={"required": _("Select yes if you are a council tenant or leaseholder")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._for_someone():
            self.fields["tenant"].label = _("Are they a council tenant or leaseholder?")
            self.fields["tenant"].error_messages["required"] = _(
                "Select yes if they are a council tenant or leaseholder"
            )
        self.title = self.fields["tenant"].label or ""


class AdjustmentsForm(QuestionForm):
    single_question = False
    adjustments = forms.MultipleChoiceField(
        label=_("Do you need us to do anything differently when we contact you?"),
        help_text=_("Select all that apply."),
        choices=ADJUSTMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select what you need, or select 'No, I do not need anything different'")
        },
    )
    language = _text(
        _("If you need an interpreter, which language?"),
        required=False,
        max_length=100,
    )
    other = _text(
        _("If you need something else, tell us what"),
        required=False,
        max_length=300,
    )
    field_classes: ClassVar[dict[str, str]] = {"language": "govuk-input--width-20"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._for_someone():
            # Everything on this page is about the person helped, answers included.
            field = self.fields["adjustments"]
            assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
            field.label = _("Does the person you are helping need us to do anything differently?")
            field.choices = ADJUSTMENT_CHOICES_FOR_THEM
            field.error_messages["required"] = _(
                "Select what they need, or select 'No, they do not need anything different'"
            )
            self.fields["language"].label = _("If they need an interpreter, which language?")
            self.fields["other"].label = _("If they need something else, tell us what")
        self.title = self.fields["adjustments"].label or ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = set(cleaned.get("adjustments") or ())
        them = self._for_someone()
        if "none" in chosen and len(chosen) > 1:
            self.add_error(
                "adjustments",
                _("Select what they need, or 'No, they do not need anything different', not both")
                if them
                else _("Select what you need, or 'No, I do not need anything different', not both"),
            )
        if "interpreter" in chosen and not cleaned.get("language", "").strip():
            self.add_error(
                "language",
                _("Enter the language they need an interpreter for")
                if them
                else _("Enter the language you need an interpreter for"),
            )
        if "other" in chosen and not cleaned.get("other", "").strip():
            self.add_error(
                "other", _("Enter what else they need") if them else _("Enter what else you need")
            )
        return cleaned

    def summary(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        lines = []
        choices = ADJUSTMENT_CHOICES_FOR_THEM if self._for_someone() else ADJUSTMENT_CHOICES
        for value in cleaned.get("adjustments") or ():
            label = _label(choices, value)
            if value == "interpreter":
                label = f"{label}: {cleaned.get('language', '')}"
            if value == "other":
                label = f"{label}: {cleaned.get('other', '')}"
            lines.append(label)
        heading = gettext("Help they need") if self._for_someone() else gettext("Help you need")
        return [(heading, "\n".join(lines))]


class ContactMethodForm(QuestionForm):
    method = _radios(
        label=_("How should we contact you?"),
        choices=CONTACT_METHOD_CHOICES,
        error_messages={"required": _("Select how we should contact you")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._for_someone():
            self.fields["method"].label = _("How should we contact the person you are helping?")
            self.fields["method"].help_text = _(
                "We will send our replies to you. We may need to contact them too, for "
                "example to confirm that they agree to you acting for them."
            )
        self.title = self.fields["method"].label or ""


class ContactFrequencyForm(QuestionForm):
    frequency = _radios(
        label=_("How often would you like an update from us?"),
        help_text=_("We will always tell you when there is news."),
        choices=FREQUENCY_CHOICES,
        error_messages={"required": _("Select how often you would like an update")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.fields["frequency"].label or ""


class AttachmentsForm(QuestionForm):
    title = _("Do you want to send us any files?")
    multipart = True
    single_question = False
    attachment = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_(
            "For example, photos, letters or emails. You can send up to 5 files. Each must "
            "be a PDF, JPG, PNG, DOCX, ODT or TXT, smaller than 10 MB."
        ),
    )


class CheckForm(QuestionForm):
    """The last page: nothing to answer but the honeypot, which people never see."""

    title = _("Check your answers before sending your feedback")
    website = forms.CharField(required=False, label=_("Leave this empty"))


class EqualityForm(forms.Form):
    """Optional questions, asked after the feedback is sent and stored apart from it."""

    PREFER = ("prefer_not_to_say", _("Prefer not to say"))
    age_band = _radios(
        label=_("What is your age?"),
        required=False,
        choices=[
            ("under_18", _("Under 18")),
            ("18_24", _("18 to 24")),
            ("25_34", _("25 to 34")),
            ("35_44", _("35 to 44")),
            ("45_54", _("45 to 54")),
            ("55_64", _("55 to 64")),
            ("65_74", _("65 to 74")),
            ("75_plus", _("75 or over")),
            PREFER,
        ],
    )
    sex = _radios(
        label=_("What is your sex?"),
        required=False,
        choices=[("female", _("Female")), ("male", _("Male")), PREFER],
    )
    gender_identity_same_as_birth = _radios(
        label=_("Is the gender you identify with the same as your sex registered at birth?"),
        required=False,
        choices=[("yes", _("Yes")), ("no", _("No")), PREFER],
    )
    disability = _radios(
        label=_(
            "Do you have a physical or mental health condition or illness lasting or "
            "expected to last 12 months or more?"
        ),
        required=False,
        choices=[("yes", _("Yes")), ("no", _("No")), PREFER],
    )
    ethnicity = _radios(
        label=_("What is your ethnic group?"),
        required=False,
        choices=[
            ("asian", _("Asian or Asian British")),
            ("black", _("Black, Black British, Caribbean or African")),
            ("mixed", _("Mixed or multiple ethnic groups")),
            ("white", _("White")),
            ("other", _("Another ethnic group")),
            PREFER,
        ],
    )
    religion = _radios(
        label=_("What is your religion?"),
        required=False,
        choices=[
            ("none", _("No religion")),
            ("buddhist", _("Buddhist")),
            ("christian", _("Christian")),
            ("hindu", _("Hindu")),
            ("jewish", _("Jewish")),
            ("muslim", _("Muslim")),
            ("sikh", _("Sikh")),
            ("other", _("Any other religion")),
            PREFER,
        ],
    )
    sexual_orientation = _radios(
        label=_("Which of the following best describes your sexual orientation?"),
        required=False,
        choices=[
            ("straight", _("Straight or heterosexual")),
            ("gay_lesbian", _("Gay or lesbian")),
            ("bisexual", _("Bisexual")),
            ("other", _("Another sexual orientation")),
            PREFER,
        ],
    )


class ComplaintForm(LineEndingsForm):
    """Every question of a complaint on one page (/complaints/new/)."""

    service = _radios(
        label=_("Which service is it about?"),
        help_text=_("If you are not sure, choose the closest."),
        error_messages={
            "required": _("Select the service it is about"),
            "invalid_choice": _("Select the service it is about"),
        },
    )
    summary = _text(
        _("Summarise your complaint in a sentence"),
        max_length=SUMMARY_MAX,
        error_messages={"required": _("Enter a summary of your complaint")},
    )
    details = forms.CharField(
        label=_("What happened?"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
        help_text=_("Tell us in your own words. Include dates and places, if you can."),
        error_messages={"required": _("Enter what happened")},
    )
    outcome = forms.CharField(
        label=_("What would you like us to do to put things right? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    name = _text(
        _("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": False}),
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send you a receipt and a reference number."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, services: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s.code, s.name) for s in services]  # type: ignore[attr-defined]
        self.fields["summary"].error_messages["max_length"] = gettext(
            "The summary must be %(max)s characters or fewer"
        ) % {"max": SUMMARY_MAX}
        self.fields["details"].error_messages["max_length"] = gettext(
            "What happened must be %(max)s characters or fewer"
        ) % {"max": DETAILS_MAX}


class SignInForm(forms.Form):
    reference = _text(
        _("Reference number"),
        max_length=20,
        help_text=_("It starts with CU and is followed by 8 numbers, for example CU12345674."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": False, "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Enter your reference number")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The email address you gave us, or that a representative gave us."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def clean_reference(self) -> str:
        reference = reference_normalise(self.cleaned_data["reference"])
        # Only the format and the check digit: a well-formed reference that matches no
        # case is answered exactly like one that does.
        if not reference_is_valid(reference):
            raise ValidationError(
                _(
                    "Enter your reference number as it appears on our emails and letters, "
                    "like CU12345674"
                )
            )
        return reference


class EscalateForm(LineEndingsForm):
    context = forms.CharField(
        label=_("Is there anything you want to tell us? (optional)"),
        help_text=_("You do not have to give a reason."),
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
    )


class AddInformationForm(LineEndingsForm):
    text = forms.CharField(
        label=_("What do you want to tell us?"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Enter what you want to tell us")},
    )
    related = _radios(
        label=_("Is it about the same problem?"),
        choices=[
            ("yes", _("Yes, it is about the same problem")),
            ("no", _("No, it is about something else")),
        ],
        hints={
            "no": _("We will record it as new feedback with its own reference number."),
        },
        error_messages={"required": _("Select whether it is about the same problem")},
    )
    attachment = forms.FileField(
        label=_("Upload a file (optional)"),
        required=False,
        help_text=_(
            "For example, a photo, a letter or an email. It must be a PDF, JPG, PNG, DOCX, "
            "ODT or TXT, smaller than 10 MB."
        ),
    )


class WithdrawForm(forms.Form):
    """Nothing to fill in: the button is the answer."""
