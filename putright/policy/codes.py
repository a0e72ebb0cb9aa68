"""The complaint handling codes a council assesses itself against every year, as versioned
configuration: the Housing Ombudsman's Code 2024 and the Local Government and Social Care
Ombudsman's Code. Each is a TOML file of sections and requirements; a requirement may name
a `measure`, a figure the reports count from the case record.

The defaults ship in `defaults/codes/`. A council points PUTRIGHT_COMPLAINT_CODES at its own
files (its settings pass the paths to `load_codes`). Every problem raises CodeConfigError
naming the file and the key.

The rule a stored answer must keep lives here too: a "No" carries the action the council
will take and the date by which it will comply (Housing Ombudsman Code 8.5).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Final

from putright.policy.errors import PolicyConfigError, PolicyError
from putright.policy.processes import KNOWN_PROCESSES

DEFAULT_CODE_FILES: Final = (
    "defaults/codes/housing_ombudsman_2024.toml",
    "defaults/codes/lgsco_2024.toml",
)

# The figures the reports know how to count (putright.reports.assessment_measures keeps a
# selector for each; a test checks the two lists agree). A code naming any other is refused.
KNOWN_MEASURES: Final = frozenset(
    {
        "exclusions_explained",
        "adjustments_reviewed",
        "stage1_acknowledged_in_time",
        "stage1_responded_in_time",
        "stage1_extension_within_limit",
        "stage2_acknowledged_in_time",
        "stage2_responded_in_time",
        "stage2_extension_within_limit",
        "stage2_different_officer",
        "remedies_delivered",
        "learning_recorded",
    }
)

YES: Final = "yes"
NO: Final = "no"
COMPLY_CHOICES: Final = (YES, NO)


class CodeConfigError(PolicyConfigError):
    """A code file is broken; the message names the file and the key."""


class AnswerIncomplete(PolicyError):
    """A self-assessment answer that the Code does not allow as given."""


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    title: str


@dataclass(frozen=True, slots=True)
class Requirement:
    ref: str  # "6.2"
    section: int
    text: str
    measure: str | None = None


@dataclass(frozen=True, slots=True)
class ComplaintCode:
    id: str
    title: str
    version: str
    process: str  # whose cases the measures count
    source: str
    sections: tuple[Section, ...]
    requirements: tuple[Requirement, ...]

    @property
    def label(self) -> str:
        return f"{self.title} ({self.version})"

    def requirement(self, ref: str) -> Requirement | None:
        return next((r for r in self.requirements if r.ref == ref), None)

    def in_section(self, number: int) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.section == number)

    @property
    def measures(self) -> frozenset[str]:
        return frozenset(r.measure for r in self.requirements if r.measure)


def answer_check(*, comply: str, action: str, comply_by: date | None) -> None:
    """Raise AnswerIncomplete unless the answer may be stored: comply is yes, no or not yet
    answered (""), and a "No" says what the council will do and by when (Code 8.5)."""
    if comply not in ("", *COMPLY_CHOICES):
        raise AnswerIncomplete("Choose yes or no, or leave the requirement not yet answered.")
    if comply != NO:
        return
    missing = []
    if not action.strip():
        missing.append("the action the council will take")
    if comply_by is None:
        missing.append("the date by which it will comply")
    if missing:
        raise AnswerIncomplete(
            "A requirement the council does not meet needs "
            + " and ".join(missing)
            + " (Housing Ombudsman Code 8.5)."
        )


def _text(raw: Mapping[str, Any], key: str, source: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CodeConfigError(source, f"{where}{key}", "must be a non-empty string")
    return value.strip()


def _int(raw: Mapping[str, Any], key: str, source: str, where: str) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise CodeConfigError(source, f"{where}{key}", "must be a whole number from 1")
    return value


def _list(raw: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise CodeConfigError(source, key, f"needs at least one [[{key}]] table")
    return value


def parse_code(text: str, *, source: str) -> ComplaintCode:
    """Validate one code's TOML text; `source` names it in errors."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodeConfigError(source, "(file)", f"is not valid TOML: {exc}") from exc
    process = _text(raw, "process", source, "")
    if process not in KNOWN_PROCESSES:
        raise CodeConfigError(
            source, "process", f"must be one of {', '.join(KNOWN_PROCESSES)}, not {process!r}"
        )
    sections = []
    for i, entry in enumerate(_list(raw, "sections", source)):
        where = f"sections[{i}]."
        sections.append(
            Section(
                number=_int(entry, "number", source, where),
                title=_text(entry, "title", source, where),
            )
        )
    numbers = [s.number for s in sections]
    if len(set(numbers)) != len(numbers):
        raise CodeConfigError(source, "sections", "each section number must appear once")
    requirements = []
    seen: set[str] = set()
    for i, entry in enumerate(_list(raw, "requirements", source)):
        where = f"requirements[{i}]."
        ref = _text(entry, "ref", source, where)
        if ref in seen:
            raise CodeConfigError(source, f"{where}ref", f"{ref!r} appears twice")
        seen.add(ref)
        section = _int(entry, "section", source, where)
        if section not in numbers:
            raise CodeConfigError(source, f"{where}section", f"no section {section} is defined")
        if ref.partition(".")[0] != str(section):
            raise CodeConfigError(source, f"{where}ref", f"{ref!r} is not in section {section}")
        measure = entry.get("measure")
        if measure is not None and measure not in KNOWN_MEASURES:
            raise CodeConfigError(
                source,
                f"{where}measure",
                f"{measure!r} is not a figure PutRight counts; known: "
                + ", ".join(sorted(KNOWN_MEASURES)),
            )
        requirements.append(
            Requirement(
                ref=ref, section=section, text=_text(entry, "text", source, where), measure=measure
            )
        )
    return ComplaintCode(
        id=_text(raw, "id", source, ""),
        title=_text(raw, "title", source, ""),
        version=_text(raw, "version", source, ""),
        process=process,
        source=_text(raw, "source", source, ""),
        sections=tuple(sorted(sections, key=lambda s: s.number)),
        requirements=tuple(requirements),
    )


def load_code(path: str | Path) -> ComplaintCode:
    """Read and validate one code file."""
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise CodeConfigError(str(file), "(file)", f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CodeConfigError(str(file), "(file)", "is not UTF-8 text, so not TOML") from exc
    return parse_code(text, source=str(file))


def load_codes(paths: Iterable[str | Path] = ()) -> dict[str, ComplaintCode]:
    """The codes by id: the given files, or the shipped defaults when none are given.
    Two files with the same id are refused (a council assesses one version a year)."""
    wanted = [str(p) for p in paths if str(p).strip()]
    if wanted:
        codes = [(p, load_code(p)) for p in wanted]
    else:
        package = resources.files("putright.policy")
        codes = [
            (
                f"putright/policy/{name}",
                parse_code(
                    package.joinpath(name).read_text("utf-8"), source=f"putright/policy/{name}"
                ),
            )
            for name in DEFAULT_CODE_FILES
        ]
    found: dict[str, ComplaintCode] = {}
    for file, code in codes:
        if code.id in found:
            raise CodeConfigError(file, "id", f"{code.id!r} is defined by two files")
        found[code.id] = code
    return found
