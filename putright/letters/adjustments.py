"""How each reasonable adjustment is honoured: the handling rules in
`defaults/adjustments.toml`, read once and checked when first used.

Large print renders every letter in large print; "transcribe" sends the person's letters
to the print-and-post queue flagged for transcription (Braille, audio); "book_support"
puts a banner on the case page telling the officer to book support (a BSL interpreter, an
interpreter) for any meeting or call they plan.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

SOURCE: Final = Path(__file__).parent / "defaults" / "adjustments.toml"
RULES: Final = ("large_print", "transcribe", "book_support", "note")


class HandlingMisconfigured(Exception):
    """The handling rules file names an unknown rule or misses a rule's detail."""


@dataclass(frozen=True, slots=True)
class Handling:
    rule: str
    format: str = ""  # "transcribe": what the letter is transcribed into
    support: str = ""  # "book_support": what the officer books


def _parse(data: Mapping[str, object]) -> dict[str, Handling]:
    rules: dict[str, Handling] = {}
    for kind, raw in data.items():
        if not isinstance(raw, dict) or raw.get("rule") not in RULES:
            raise HandlingMisconfigured(f"{kind}: rule must be one of {', '.join(RULES)}")
        handling = Handling(
            rule=str(raw["rule"]),
            format=str(raw.get("format", "")),
            support=str(raw.get("support", "")),
        )
        if handling.rule == "transcribe" and not handling.format:
            raise HandlingMisconfigured(f"{kind}: a transcribe rule needs its format")
        if handling.rule == "book_support" and not handling.support:
            raise HandlingMisconfigured(f"{kind}: a book_support rule needs the support to book")
        rules[kind] = handling
    return rules


@cache
def handling_rules() -> dict[str, Handling]:
    with SOURCE.open("rb") as stream:
        return _parse(tomllib.load(stream))


def handling_for(kind: str) -> Handling:
    return handling_rules().get(kind, Handling(rule="note"))


def kinds_with(rule: str) -> tuple[str, ...]:
    return tuple(kind for kind, h in handling_rules().items() if h.rule == rule)


def transcription_formats(kinds: Iterable[str]) -> str:
    """What the person's letters must be transcribed into ("Braille", "Braille, Audio"),
    or "" when none of their adjustments asks for it."""
    formats = {handling_for(k).format for k in kinds if handling_for(k).rule == "transcribe"}
    return ", ".join(sorted(formats))


def support_to_book(kind: str) -> str:
    """What the officer books for a meeting or call ("" when nothing is booked)."""
    handling = handling_for(kind)
    return handling.support if handling.rule == "book_support" else ""
