"""Template filters and tags that turn Django form fields into GOV.UK markup.

The partials in templates/components/ call `field|govuk_field` once and read
everything they need (ids, value, error, hint, aria-describedby, items) from the
result, so that the markup stays in the templates and the decisions stay here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundField
from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from putright.web.council import CouncilContact
from putright.web.council import council_contact as _council_contact
from putright.web.council import council_name as _council_name
from putright.web.forms import DATE_PARTS, DateInputWidget

register = template.Library()

# Widget attributes a partial may pass through to the control. `maxlength` and
# `required` stay out on purpose: GOV.UK forms validate on the server, a hard limit
# silently truncates what people type, and the character count shows the limit instead.
PASSED_THROUGH_ATTRS = (
    "autocomplete",
    "autocapitalize",
    "inputmode",
    "spellcheck",
    "pattern",
    "accept",
    "multiple",
    "readonly",
)


@dataclass(frozen=True)
class Item:
    """One radio button or checkbox."""

    id: str
    value: str
    label: str
    checked: bool
    hint: str = ""

    @property
    def hint_id(self) -> str:
        return f"{self.id}-item-hint" if self.hint else ""


@dataclass(frozen=True)
class DatePart:
    """One box of a date input."""

    part: str
    id: str
    name: str
    value: str
    has_error: bool


@dataclass(frozen=True)
class GovukField:
    """What a GOV.UK partial needs to know about one bound form field."""

    id: str
    name: str
    label: str
    hint: str
    error: str
    value: str
    attrs: SafeString
    input_type: str
    max_length: int | None
    items: list[Item] = field(default_factory=list)
    date_parts: list[DatePart] = field(default_factory=list)
    error_target: str = ""

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint" if self.hint else ""

    @property
    def error_id(self) -> str:
        return f"{self.id}-error" if self.error else ""

    @property
    def describedby(self) -> str:
        """aria-describedby in the Design System's order: hint, then error."""
        return " ".join(i for i in (self.hint_id, self.error_id) if i)


@register.filter
def govuk_field(bound_field: BoundField) -> GovukField:
    """Everything a component partial renders for `bound_field`."""
    if not isinstance(bound_field, BoundField):
        raise template.TemplateSyntaxError(
            f"GOV.UK components need a bound form field, got {type(bound_field).__name__}"
        )
    widget = bound_field.field.widget
    field_id = bound_field.auto_id or bound_field.html_name
    errors = list(bound_field.errors)
    items = _items(bound_field, field_id)
    date_parts = (
        _date_parts(bound_field, field_id, widget) if isinstance(widget, DateInputWidget) else []
    )
    first_error_box = next((p.id for p in date_parts if p.has_error), "")
    return GovukField(
        id=field_id,
        name=bound_field.html_name,
        label=str(bound_field.label or ""),
        hint=str(bound_field.help_text or ""),
        error=str(errors[0]) if errors else "",
        value=_formatted_value(bound_field),
        attrs=_attrs(bound_field),
        input_type=getattr(widget, "input_type", "text") or "text",
        max_length=getattr(bound_field.field, "max_length", None),
        items=items,
        date_parts=date_parts,
        # The error summary links to the control that takes focus: the first radio or
        # checkbox (whose id is the field's), or the first date box in error.
        error_target=first_error_box or field_id,
    )


@register.filter
def govuk_error_summary(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's list: form-wide errors first (unlinked), then each field's
    first error linked to its control, in the order the fields appear on the page."""
    entries = [{"text": str(error), "href": ""} for error in form.non_field_errors()]
    for bound_field in form:
        if bound_field.errors:
            target = govuk_field(bound_field).error_target
            href = "" if bound_field.is_hidden else f"#{target}"
            entries.append({"text": str(bound_field.errors[0]), "href": href})
    return entries


@register.simple_tag
def council_name() -> str:
    return _council_name()


@register.simple_tag
def council_contact() -> CouncilContact:
    return _council_contact()


@register.simple_tag
def service_phase() -> str:
    """The phase banner's tag ("Alpha", "Beta"), from PUTRIGHT_PHASE; empty = no banner."""
    return str(getattr(settings, "PUTRIGHT_PHASE", "") or "")


@register.filter
def any_href(rows: Iterable[dict[str, Any]]) -> bool:
    """Whether any summary-list row has an action: only then do the others need the
    empty actions column that keeps the values aligned."""
    return any(row.get("href") for row in rows)


def _formatted_value(bound_field: BoundField) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.FileInput | DateInputWidget | ChoiceWidget):
        return ""  # files are never echoed; dates and choices render per box or item
    value = widget.format_value(bound_field.value())
    return "" if value is None else str(value)


def _attrs(bound_field: BoundField) -> SafeString:
    attrs = bound_field.field.widget.attrs
    pairs: list[tuple[str, str]] = []
    for name in PASSED_THROUGH_ATTRS:
        value = attrs.get(name)
        if name == "spellcheck" and isinstance(value, bool):
            value = "true" if value else "false"  # spellcheck="false" means something
        if value is None or value is False:
            continue
        if value is True:
            value = name  # a boolean attribute: multiple="multiple"
        pairs.append((name, str(value)))
    if bound_field.field.disabled:
        pairs.append(("disabled", "disabled"))
    return format_html_join("", ' {}="{}"', pairs)


def _selected(bound_field: BoundField) -> set[str]:
    value = bound_field.value()
    if value is None:
        return set()
    values: Iterable[Any] = value if isinstance(value, list | tuple) else [value]
    return {str(v) for v in values}


def _items(bound_field: BoundField, field_id: str) -> list[Item]:
    if not isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return []
    selected = _selected(bound_field)
    hints: dict[Any, str] = getattr(bound_field.field, "choice_hints", {}) or {}
    items = []
    # GOV.UK numbering: the first item carries the field's own id, so labels, the error
    # summary and the radios' JavaScript all agree; the rest are <id>-2, <id>-3...
    for index, (value, label) in enumerate(getattr(bound_field.field, "choices", ()), start=1):
        item_id = field_id if index == 1 else f"{field_id}-{index}"
        items.append(
            Item(
                id=item_id,
                value=str(value),
                label=str(label),
                checked=str(value) in selected,
                hint=str(hints.get(value, "")),
            )
        )
    return items


def _date_parts(bound_field: BoundField, field_id: str, widget: DateInputWidget) -> list[DatePart]:
    value = bound_field.value()
    boxes = value if isinstance(value, list | tuple) else widget.decompress(value)
    at_fault: set[str] = set()
    for error in bound_field.errors.as_data():
        params = error.params or {}
        at_fault.update(params.get("parts", DATE_PARTS))
    # MultiWidget names each box <name>_<key of its widgets dict>.
    return [
        DatePart(
            part=part,
            id=f"{field_id}-{part}",
            name=f"{bound_field.html_name}_{part}",
            value="" if box is None else str(box),
            has_error=part in at_fault,
        )
        for part, box in zip(DATE_PARTS, boxes, strict=True)
    ]
