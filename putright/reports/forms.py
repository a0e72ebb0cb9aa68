"""The dashboard's filters: a financial year or one of its quarters, a service, a process."""

from __future__ import annotations

from datetime import date

from django import forms

from putright.cases.models import Service
from putright.cases.models.reference import PROCESS_CHOICES
from putright.reports.scope import ReportScope, financial_year_of
from putright.web.forms import DateInputField

YEARS_SHOWN = 4  # the current financial year and the three before (the data kept)


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    return date(day.year + total // 12, total % 12 + 1, 1)


def period_choices(today: date) -> list[tuple[str, str]]:
    """ "2026" is the year 1 April 2026 to 31 March 2027; "2026-q1" its first quarter."""
    first, _ = financial_year_of(today)
    choices: list[tuple[str, str]] = []
    for back in range(YEARS_SHOWN):
        year = first.year - back
        choices.append((str(year), f"Year {year} to {year + 1} (1 April to 31 March)"))
        for quarter in range(1, 5):
            start = _add_months(date(year, 4, 1), 3 * (quarter - 1))
            if start <= today:
                choices.append((f"{year}-q{quarter}", f"Quarter {quarter} of {year} to {year + 1}"))
    return choices


def period_dates(value: str) -> tuple[date, date]:
    """The first and last day of a period chosen from period_choices."""
    year_text, _, quarter_text = value.partition("-q")
    year = int(year_text)
    if not quarter_text:
        return date(year, 4, 1), date(year + 1, 3, 31)
    start = _add_months(date(year, 4, 1), 3 * (int(quarter_text) - 1))
    following = _add_months(start, 3)
    return start, date.fromordinal(following.toordinal() - 1)


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(label="Period")
    service = forms.ModelChoiceField(
        queryset=Service.objects.order_by("name"),
        label="Service",
        required=False,
        empty_label="All services",
        error_messages={"invalid_choice": "Choose a service from the list"},
    )
    process = forms.ChoiceField(
        label="Process", choices=[("", "All processes"), *PROCESS_CHOICES], required=False
    )

    def __init__(self, *args: object, today: date, services_shown: bool = True, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.today = today
        choices = period_choices(today)
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)  # noqa: S101 - declared above
        period.choices = choices
        period.error_messages["invalid_choice"] = "Choose a period from the list"
        self.initial.setdefault("period", choices[0][0])
        if not services_shown:
            del self.fields["service"]

    def scope(self) -> ReportScope:
        """The scope chosen, or this financial year for all services when the choice is bad."""
        data = self.cleaned_data if self.is_valid() else {}
        start, end = period_dates(data.get("period") or str(self.initial["period"]))
        service = data.get("service")
        return ReportScope(
            start=start,
            end=end,
            today=self.today,
            service_id=service.pk if service is not None else None,
            process=data.get("process") or "",
        )


class YearForm(ReportFilterForm):
    """A reporting year only: the Tenant Satisfaction Measures are annual and landlord-wide."""

    def __init__(self, *args: object, today: date, **kwargs: object):
        super().__init__(*args, today=today, services_shown=False, **kwargs)
        del self.fields["process"]
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)  # noqa: S101 - declared above
        period.label = "Year"
        period.choices = [(v, label) for v, label in period_choices(today) if "-q" not in v]


# ---------------------------------------------------------------------------------------
# The self-assessment


def year_choices(today: date) -> list[tuple[str, str]]:
    return [(v, label) for v, label in period_choices(today) if "-q" not in v]


class AssessmentChoiceForm(forms.Form):
    """Which code and which financial year: a GET form, so each has an address."""

    code = forms.ChoiceField(label="Code", error_messages={"invalid_choice": "Choose a code"})
    period = forms.ChoiceField(
        label="Year", error_messages={"invalid_choice": "Choose a year from the list"}
    )

    def __init__(
        self, *args: object, today: date, codes: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        code, period = self.fields["code"], self.fields["period"]
        assert isinstance(code, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(period, forms.ChoiceField)  # noqa: S101 - declared above
        code.choices = codes
        years = year_choices(today)
        period.choices = years
        # The last complete year is the one the annual self-assessment reports on.
        self.initial.setdefault("code", codes[0][0])
        self.initial.setdefault("period", years[1][0] if len(years) > 1 else years[0][0])

    def chosen(self) -> tuple[str, int]:
        """The code and year chosen, or the defaults when the choice is bad."""
        data = self.cleaned_data if self.is_valid() else {}
        code = data.get("code") or str(self.initial["code"])
        return code, int(data.get("period") or str(self.initial["period"]))


class AnswerForm(forms.Form):
    """One requirement's answer. `version` is the revision the page showed."""

    comply = forms.ChoiceField(
        label="Does the council comply with this requirement?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not yet answered")],
        widget=forms.RadioSelect,
        required=False,
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="Where the evidence is: a policy and its page, a report, a web page. "
        "The figure PutRight measures is added in the self-assessment for you.",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    commentary = forms.CharField(
        label="Commentary or explanation",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    action = forms.CharField(
        label="If no: the action the council will take",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )
    comply_by = DateInputField(
        label="If no: the date by which the council will comply",
        help_text="For example, 30 9 2026.",
        error_name="the date by which the council will comply",
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


# The annual report and the governance pack: a whole year, or one quarter, for the whole
# organisation (no service or process to choose).


def _ends(value: str) -> date:
    return period_dates(value)[1]


def annual_choices(today: date) -> list[tuple[str, str]]:
    """Each year that has begun, newest first; the year in progress says so."""
    first, _ = financial_year_of(today)
    choices = []
    for back in range(YEARS_SHOWN):
        year = first.year - back
        so_far = " (so far)" if date(year + 1, 3, 31) >= today else ""
        choices.append((str(year), f"{year} to {year + 1}{so_far}"))
    return choices


def quarter_choices(today: date) -> list[tuple[str, str]]:
    """ "2025-Q3" is October to December 2025, the third quarter of 2025 to 2026."""
    choices = []
    for value, _ in annual_choices(today):
        year = int(value)
        for quarter in range(4, 0, -1):
            start, end = period_dates(f"{year}-q{quarter}")
            if start > today:
                continue
            so_far = " (so far)" if end >= today else ""
            choices.append(
                (
                    f"{year}-Q{quarter}",
                    f"Quarter {quarter} of {year} to {year + 1}: {start:%B} to {end:%B %Y}{so_far}",
                )
            )
    return choices


def quarter_dates(value: str) -> tuple[date, date]:
    """The first and last day of a quarter chosen from quarter_choices."""
    return period_dates(value.replace("-Q", "-q"))


def previous_quarter(value: str) -> str:
    year, quarter = int(value[:4]), int(value[-1])
    return f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"


class _OneChoiceForm(forms.Form):
    """One choice of period; a bad choice is an error and the default is shown instead."""

    field_name = ""

    def _set_up(self, choices: list[tuple[str, str]], default: str, label: str) -> None:
        field = self.fields[self.field_name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared by subclasses
        field.choices = choices
        field.label = label
        self.initial.setdefault(self.field_name, default)

    def chosen(self) -> str:
        if self.is_bound and self.is_valid():
            return str(self.cleaned_data[self.field_name])
        return str(self.initial[self.field_name])


class AnnualForm(_OneChoiceForm):
    field_name = "year"
    year = forms.ChoiceField(
        error_messages={
            "invalid_choice": "Choose a year from the list",
            "required": "Choose a year from the list",
        }
    )

    def __init__(self, *args: object, today: date, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = annual_choices(today)
        # The last complete year by default: the report is written after the year ends.
        complete = [value for value, _ in choices if _ends(value) < today]
        self._set_up(choices, complete[0] if complete else choices[0][0], "Year")


class QuarterForm(_OneChoiceForm):
    field_name = "quarter"
    quarter = forms.ChoiceField(
        error_messages={
            "invalid_choice": "Choose a quarter from the list",
            "required": "Choose a quarter from the list",
        }
    )

    def __init__(self, *args: object, today: date, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = quarter_choices(today)
        complete = [value for value, _ in choices if quarter_dates(value)[1] < today]
        self._set_up(choices, complete[0] if complete else choices[0][0], "Quarter")
