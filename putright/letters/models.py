"""Letter templates (versioned, never overwritten) and issued letters (immutable, on the case).

Both refuse changes through the ORM, as the timeline does: a saved template version is what
some issued letter was made from, and an issued letter is evidence of what the council sent
(Housing Ombudsman Code 5.12: a full record of the complaint).
"""

from typing import Any, NoReturn

from django.db import models

from putright.cases.models import Case, Correspondence
from putright.letters.kinds import LetterKind


class RecordIsImmutable(Exception):
    """A stored template version or issued letter cannot be changed or deleted."""


class _ImmutableQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: Any) -> int:
        raise RecordIsImmutable(f"{self.model._meta.verbose_name_plural} cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RecordIsImmutable(f"{self.model._meta.verbose_name_plural} cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise RecordIsImmutable(f"{self.model._meta.verbose_name_plural} cannot be changed.")


class _Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RecordIsImmutable(f"A stored {self._meta.verbose_name} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise RecordIsImmutable(f"A stored {self._meta.verbose_name} cannot be deleted.")


class LetterTemplateQuerySet(_ImmutableQuerySet["LetterTemplate"]):
    pass


class IssuedLetterQuerySet(_ImmutableQuerySet["IssuedLetter"]):
    pass


class LetterTemplate(_Immutable):
    """One version of the template for one kind of letter. Editing saves a new version;
    letters are made from the highest version of their kind."""

    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    note = models.CharField(max_length=300, blank=True)  # what changed, for the history
    created_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LetterTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_template_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class IssuedLetter(_Immutable):
    """A letter as it was sent: its text, HTML and PDF, the template version it came from,
    and the plain values it was rendered with (so a reprint says exactly the same)."""

    CHANNELS = [("email", "Email, with the PDF attached"), ("post", "Post (print the PDF)")]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    stage = models.PositiveSmallIntegerField()
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="+")
    template_version = models.PositiveIntegerField()
    subject = models.CharField(max_length=300)
    recipient_name = models.CharField(max_length=200)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    to_address = models.CharField(max_length=254, blank=True)
    context = models.JSONField()
    body_text = models.TextField()
    body_html = models.TextField()
    pdf = models.BinaryField()
    large_print = models.BooleanField(default=False)
    # What the letter must be transcribed into before posting ("Braille", "Audio"), from
    # the person's reasonable adjustments when it was issued; "" for none.
    transcription = models.CharField(max_length=60, blank=True, default="")
    correspondence = models.OneToOneField(
        Correspondence, on_delete=models.PROTECT, related_name="letter"
    )
    email_message_id = models.CharField(max_length=255, blank=True)
    issued_by = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    objects = IssuedLetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "kind"], name="letter_by_case_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case_id})"

    @property
    def filename(self) -> str:
        suffix = "-large-print" if self.large_print else ""
        return f"{self.case.reference}-{self.kind.replace('_', '-')}{suffix}.pdf"


class LetterPosting(models.Model):
    """An issued letter printed and put in the post, and when (the letter itself never
    changes, so its posting is a record of its own)."""

    letter = models.OneToOneField(IssuedLetter, on_delete=models.PROTECT, related_name="posting")
    posted_on = models.DateField()
    posted_by = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()
