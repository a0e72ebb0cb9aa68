"""Preview the letter a move would send, before making the move (case work).

The move is made for real inside a transaction that is then rolled back: the letter is
rendered from exactly the state the move would leave, and nothing is kept (the case, the
letter, its email in the outbox: an email is only sent after a commit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from putright.letters.models import IssuedLetter


class _Preview(Exception):
    """Raised to roll the move back once its letter is in hand."""


def letter_preview(call: Callable[[], Any]) -> IssuedLetter | None:
    """The letter `call` would issue (unsaved to the database), or None if it issues none.

    Raises what `call` raises (a refused move, a letter that cannot be made).
    """
    found: list[IssuedLetter] = []
    try:
        with transaction.atomic():
            result = call()
            if isinstance(result, IssuedLetter):
                found.append(result)
            raise _Preview
    except _Preview:
        pass
    return found[0] if found else None
