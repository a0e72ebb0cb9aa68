"""Template helpers for the back office's generic form rendering."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField

from putright.accounts.permissions import Capability, StaffMember
from putright.web.forms import DateInputWidget

register = template.Library()


@register.filter
def widget_kind(bound_field: BoundField) -> str:
    """Which component partial renders this field."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.filter
def is_selected(choice_value: object, bound_field: BoundField) -> bool:
    value = bound_field.value()
    if value is None or value == "":
        return str(choice_value) == ""
    return str(choice_value) == str(value)


@register.filter
def can(member: StaffMember | None, capability: str) -> bool:
    """Whether the member's role allows `capability` (a Capability value)."""
    return member is not None and member.can(Capability(capability))
