"""Which GOV.UK component partial renders a form field, and dates in words."""

from datetime import date

from django import forms, template
from django.forms.boundfield import BoundField

from putright.public.emails import in_words
from putright.web.forms import DateInputWidget

register = template.Library()


@register.filter
def govuk_component(bound_field: BoundField) -> str:
    widget = bound_field.field.widget
    # CheckboxSelectMultiple is a kind of RadioSelect in Django: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "components/checkboxes.html"
    if isinstance(widget, forms.RadioSelect):
        return "components/radios.html"
    if isinstance(widget, DateInputWidget):
        return "components/date_input.html"
    if isinstance(widget, forms.FileInput):
        return "components/file_upload.html"
    if isinstance(widget, forms.Textarea):
        if getattr(bound_field.field, "max_length", None):
            return "components/character_count.html"
        return "components/textarea.html"
    return "components/input.html"


@register.filter
def govuk_width(bound_field: BoundField) -> str:
    """The width class a form gives one of its text inputs (`field_classes`)."""
    classes = getattr(bound_field.form, "field_classes", {}) or {}
    return str(classes.get(bound_field.name, ""))


@register.filter
def words(day: date | None) -> str:
    """13 January 2027."""
    return in_words(day)
