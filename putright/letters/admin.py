"""Letter templates in the Django admin for the complaints team.

Saving a template never overwrites it: the edit is checked in the sandbox and saved as the
next version of its kind (old versions stay, and issued letters point at theirs). Opening an
old version and saving it makes it current again as a new version. Issued letters are shown
read-only.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from putright.letters.context import variables_for
from putright.letters.models import IssuedLetter, LetterTemplate
from putright.letters.sandbox import TemplateRejected
from putright.letters.services import letter_template_save, template_check


class LetterTemplateForm(forms.ModelForm[LetterTemplate]):
    class Meta:
        model = LetterTemplate
        fields = ["kind", "subject", "body", "note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}
        help_texts = {
            "body": (
                "HTML with h2, h3, p, ul, ol, li, strong, em and br only, and {{ variables }} "
                "from the list below. Checked before it is saved."
            ),
            "note": "What you changed and why, for the history.",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            template_check(kind=data["kind"], subject=data["subject"], body=data["body"])
        except TemplateRejected as error:
            raise ValidationError(list(error.problems)) from error
        return data


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    form = LetterTemplateForm
    list_display = ["kind", "version", "subject", "created_by", "created_at"]
    list_filter = ["kind"]
    readonly_fields = ["version", "created_by", "created_at", "variables"]
    fields = ["kind", "subject", "body", "note", "variables", "version", "created_by"]

    @admin.display(description="Variables you can use")
    def variables(self, obj: LetterTemplate | None) -> str:
        if obj is None or not obj.kind:
            return "Choose a kind and save to see its variables."
        return "; ".join(f"{name}: {text}" for name, text in variables_for(obj.kind).items())

    def save_model(
        self, request: HttpRequest, obj: LetterTemplate, form: Any, change: bool
    ) -> None:
        saved = letter_template_save(
            kind=obj.kind,
            subject=obj.subject,
            body=obj.body,
            note=obj.note,
            created_by=request.user.get_username(),
        )
        # The admin goes on to show and log what it saved: point it at the new version.
        obj.pk, obj.version, obj.created_by, obj.created_at = (
            saved.pk,
            saved.version,
            saved.created_by,
            saved.created_at,
        )
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuedLetter)
class IssuedLetterAdmin(admin.ModelAdmin[IssuedLetter]):
    list_display = ["case", "kind", "large_print", "channel", "template_version", "created_at"]
    list_filter = ["kind", "large_print", "channel"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
    exclude = ["pdf", "context", "body_html"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
