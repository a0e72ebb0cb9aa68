"""Reads of the letters app: the current template of a kind (what letters are made from),
and issued letters for the interfaces (the public site's "letters we sent you")."""

from __future__ import annotations

from putright.letters.context import LetterNotApplicable
from putright.letters.models import IssuedLetter, LetterTemplate


def letter_template_current(*, kind: str) -> LetterTemplate:
    """The template letters of `kind` are made from: its highest version. Raises
    LetterNotApplicable when the kind has none."""
    template = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is None:
        raise LetterNotApplicable(f"There is no template for a {kind} letter.")
    return template


def issued_letters_for_case(*, case_id: int) -> dict[int, IssuedLetter]:
    """The case's issued letters that still have their PDF, by correspondence id.

    The PDFs themselves are not read (deferred): this lists, it does not download.
    Letters redacted under retention have no PDF and are left out.
    """
    letters = (
        IssuedLetter.objects.filter(case_id=case_id)
        .exclude(pdf=b"")
        .defer("pdf", "body_html", "body_text", "context")
        .order_by("created_at", "id")
    )
    return {letter.correspondence_id: letter for letter in letters}


def issued_letter_for_case(*, correspondence_id: int, case_id: int) -> IssuedLetter | None:
    """One issued letter with its PDF, only if it belongs to `case_id`."""
    letter = (
        IssuedLetter.objects.select_related("case")
        .filter(correspondence_id=correspondence_id, case_id=case_id)
        .first()
    )
    return letter if letter is not None and letter.pdf else None
