"""Process and stage definitions, loaded from configuration (TOML) and validated.

The defaults ship in `defaults/policy.toml` (SPEC's timescale table). A council points
PUTRIGHT_POLICY_CONFIG at its own copy. Versions are effective-dated: a case keeps the
version in force on the day it was received.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final

from putright.policy.errors import PolicyConfigError, UnknownProcess

# The processes the core knows how to run. A configuration may tune their numbers but not
# invent a process: each has rules (a third stage, a response plan) that live in code.
KNOWN_PROCESSES: Final = ("corporate", "housing", "childrens_social_care", "adult_social_care")

# Events that can start a stage's clock (SPEC timescale table, "clock starts at").
CLOCK_EVENTS: Final = (
    "received",
    "acknowledged",
    "escalation_requested",
    "escalation_acknowledged",
    "complaint_statement_agreed",
    "review_requested",
)
STEP_ANCHORS: Final = ("clock_start", "panel_held", "findings_issued")
INDEPENDENCE_RULES: Final = (
    "none",
    "different_officer",
    "independent_investigator",
    "independent_panel",
)
EXCLUSION_OUTCOMES: Final = ("close", "hold")
DEFAULT_CONFIG_NAME: Final = "defaults/policy.toml"


@dataclass(frozen=True, slots=True)
class StageStep:
    """One timed step inside a stage (the children's review panel has three)."""

    name: str
    days: int
    after: str


@dataclass(frozen=True, slots=True)
class StageDefinition:
    number: int
    name: str
    clock_starts: str
    independence: str
    target_days: int | None = None
    extension_days: int = 0
    max_days: int | None = None
    acknowledge_days: int | None = None
    escalation_window_days: int | None = None
    backstop_months: int | None = None
    response_plan: bool = False
    steps: tuple[StageStep, ...] = ()

    @property
    def extended_days(self) -> int | None:
        """The target plus the extension allowance: the latest date without a good reason."""
        if self.target_days is None:
            return None
        return self.target_days + self.extension_days


@dataclass(frozen=True, slots=True)
class ProcessVersion:
    process: str
    title: str
    effective_from: date
    acknowledge_days: int
    acknowledge_clock_starts: str
    ombudsman: str
    stages: tuple[StageDefinition, ...]

    @property
    def key(self) -> str:
        """How a case records the version it runs under, e.g. `housing@2024-04-01`."""
        return f"{self.process}@{self.effective_from.isoformat()}"

    @property
    def final_stage(self) -> int:
        return self.stages[-1].number

    def stage(self, number: int) -> StageDefinition:
        for stage in self.stages:
            if stage.number == number:
                return stage
        raise KeyError(f"{self.process} has no stage {number}")

    def has_stage(self, number: int) -> bool:
        return any(stage.number == number for stage in self.stages)


@dataclass(frozen=True, slots=True)
class Ombudsman:
    code: str
    name: str
    address: str
    phone: str
    website: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class Exclusion:
    code: str
    title: str
    explanation: str
    route: str
    outcome: str
    discretionary: bool = False


@dataclass(frozen=True, slots=True)
class ContactKind:
    code: str
    label: str
    opens_case: bool


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    closure_days: frozenset[date] = frozenset()
    extra_bank_holidays: frozenset[date] = frozenset()
    at_risk_working_days: int = 2


@dataclass(frozen=True, slots=True)
class TimeLimits:
    complain_within_months: int = 12
    escalation_longstop_months: int = 12
    contractor_first_feedback_days: int = 1


@dataclass(frozen=True, slots=True)
class PolicyConfig:
    """Everything the policy core reads from configuration, validated."""

    source: str
    calendar: CalendarSettings
    time_limits: TimeLimits
    processes: Mapping[str, tuple[ProcessVersion, ...]]
    ombudsmen: Mapping[str, Ombudsman]
    contact_kinds: Mapping[str, ContactKind]
    exclusions: Mapping[str, Exclusion]
    _by_key: Mapping[str, ProcessVersion] = field(default_factory=dict, repr=False)

    def versions(self, process: str) -> tuple[ProcessVersion, ...]:
        try:
            return self.processes[process]
        except KeyError:
            raise UnknownProcess(process) from None

    def version_for(self, process: str, received: date) -> ProcessVersion:
        """The version in force on the day a case was received.

        A case received before the first version runs under the first version.
        """
        versions = self.versions(process)
        chosen = versions[0]
        for version in versions:
            if version.effective_from <= received:
                chosen = version
        return chosen

    def version_by_key(self, key: str) -> ProcessVersion:
        """The version a case recorded (`process@YYYY-MM-DD`)."""
        try:
            return self._by_key[key]
        except KeyError:
            process = key.split("@", 1)[0]
            self.versions(process)  # raises UnknownProcess for a bad name
            raise UnknownProcess(key) from None

    def ombudsman_for(self, process: str) -> Ombudsman:
        return self.ombudsmen[self.versions(process)[0].ombudsman]


# ---------------------------------------------------------------------------------------
# Loading and validation


class _Reader:
    """Reads typed values out of a TOML table, naming the file and key in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str) -> PolicyConfigError:
        return PolicyConfigError(self.source, key, problem)

    def table(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(_join(path, key), "is missing or is not a table")
        return value

    def string(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(_join(path, key), "must be a non-empty string")
        return value

    def choice(self, data: Mapping[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str:
        value = self.string(data, key, path)
        if value not in choices:
            raise self.fail(_join(path, key), f"is {value!r}; expected one of {', '.join(choices)}")
        return value

    def days(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(_join(path, key), "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_join(path, key), f"must be a whole number, not {value!r}")
        if value < 0:
            raise self.fail(_join(path, key), f"must not be negative (got {value})")
        return value

    def boolean(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(_join(path, key), "must be true or false")
        return value

    def date_value(self, data: Mapping[str, Any], key: str, path: str) -> date:
        return self._as_date(data.get(key), _join(path, key))

    def dates(self, data: Mapping[str, Any], key: str, path: str) -> frozenset[date]:
        values = data.get(key, [])
        if not isinstance(values, list):
            raise self.fail(_join(path, key), "must be a list of dates")
        return frozenset(self._as_date(v, f"{_join(path, key)}[{i}]") for i, v in enumerate(values))

    def _as_date(self, value: Any, key: str) -> date:
        # TOML has date-times too, and a datetime is a date to isinstance; it would never
        # compare equal to a plain date (a closure day would silently not close anything).
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, "must be a date (YYYY-MM-DD)")

    def only_keys(self, data: Mapping[str, Any], path: str, allowed: set[str]) -> None:
        # A typo in a key would otherwise silently fall back to a default.
        for key in data:
            if key not in allowed:
                raise self.fail(_join(path, key), "is not a setting PutRight knows")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_STAGE_KEYS = {
    "number",
    "name",
    "clock_starts",
    "independence",
    "target_days",
    "extension_days",
    "max_days",
    "acknowledge_days",
    "escalation_window_days",
    "backstop_months",
    "response_plan",
    "steps",
}


def _stage(r: _Reader, raw: Any, path: str) -> StageDefinition:
    if not isinstance(raw, Mapping):
        raise r.fail(path, "must be a table")
    r.only_keys(raw, path, _STAGE_KEYS)
    if "clock_starts" not in raw:
        raise r.fail(
            _join(path, "clock_starts"),
            "is missing: every stage needs the event that starts its clock",
        )
    number = r.days(raw, "number", path, required=True)
    assert number is not None  # noqa: S101 - days(required=True) never returns None
    steps_raw = raw.get("steps", [])
    if not isinstance(steps_raw, list):
        raise r.fail(_join(path, "steps"), "must be a list of tables")
    steps = []
    for i, step in enumerate(steps_raw):
        step_path = f"{path}.steps[{i}]"
        if not isinstance(step, Mapping):
            raise r.fail(step_path, "must be a table")
        r.only_keys(step, step_path, {"name", "days", "after"})
        step_days = r.days(step, "days", step_path, required=True)
        assert step_days is not None  # noqa: S101
        steps.append(
            StageStep(
                name=r.string(step, "name", step_path),
                days=step_days,
                after=r.choice(step, "after", step_path, STEP_ANCHORS),
            )
        )
    target = r.days(raw, "target_days", path, required=not steps)
    extension = r.days(raw, "extension_days", path, required=False) or 0
    maximum = r.days(raw, "max_days", path, required=False)
    if target is not None and maximum is not None and maximum < target:
        raise r.fail(_join(path, "max_days"), f"({maximum}) is shorter than target_days ({target})")
    if target is not None and maximum is not None and target + extension > maximum:
        # SPEC "Extensions": never beyond the maximum without a recorded good reason, so the
        # ordinary extension allowance must fit inside it.
        raise r.fail(
            _join(path, "extension_days"),
            f"({extension}) takes target_days ({target}) past max_days ({maximum})",
        )
    return StageDefinition(
        number=number,
        name=r.string(raw, "name", path),
        clock_starts=r.choice(raw, "clock_starts", path, CLOCK_EVENTS),
        independence=r.choice(raw, "independence", path, INDEPENDENCE_RULES),
        target_days=target,
        extension_days=extension,
        max_days=maximum,
        acknowledge_days=r.days(raw, "acknowledge_days", path, required=False),
        escalation_window_days=r.days(raw, "escalation_window_days", path, required=False),
        backstop_months=r.days(raw, "backstop_months", path, required=False),
        response_plan=r.boolean(raw, "response_plan", path),
        steps=tuple(steps),
    )


def _version(
    r: _Reader, process: str, title: str, ombudsman: str, raw: Any, path: str
) -> ProcessVersion:
    if not isinstance(raw, Mapping):
        raise r.fail(path, "must be a table")
    r.only_keys(
        raw, path, {"effective_from", "acknowledge_days", "acknowledge_clock_starts", "stages"}
    )
    stages_raw = raw.get("stages")
    if not isinstance(stages_raw, list) or not stages_raw:
        raise r.fail(_join(path, "stages"), "must list at least one stage")
    stages = tuple(_stage(r, s, f"{path}.stages[{i}]") for i, s in enumerate(stages_raw))
    numbers = [s.number for s in stages]
    if numbers != list(range(1, len(stages) + 1)):
        raise r.fail(_join(path, "stages"), f"must be numbered 1, 2, ... in order (got {numbers})")
    if len(stages) > 2 and process != "childrens_social_care":
        # SPEC: a third stage exists only in children's social care (statute).
        raise r.fail(_join(path, "stages"), "only children's social care has a third stage")
    acknowledge = r.days(raw, "acknowledge_days", path, required=True)
    assert acknowledge is not None  # noqa: S101
    return ProcessVersion(
        process=process,
        title=title,
        effective_from=r.date_value(raw, "effective_from", path),
        acknowledge_days=acknowledge,
        acknowledge_clock_starts=r.choice(raw, "acknowledge_clock_starts", path, CLOCK_EVENTS),
        ombudsman=ombudsman,
        stages=stages,
    )


def _processes(
    r: _Reader, data: Mapping[str, Any], ombudsmen: Mapping[str, Ombudsman]
) -> dict[str, tuple[ProcessVersion, ...]]:
    table = r.table(data, "processes", "")
    result: dict[str, tuple[ProcessVersion, ...]] = {}
    for name, raw in table.items():
        path = f"processes.{name}"
        if name not in KNOWN_PROCESSES:
            raise r.fail(
                path,
                f"is not a process PutRight knows; expected one of {', '.join(KNOWN_PROCESSES)}",
            )
        if not isinstance(raw, Mapping):
            raise r.fail(path, "must be a table")
        r.only_keys(raw, path, {"title", "ombudsman", "versions"})
        title = r.string(raw, "title", path)
        ombudsman = r.string(raw, "ombudsman", path)
        if ombudsman not in ombudsmen:
            raise r.fail(
                _join(path, "ombudsman"), f"names {ombudsman!r}, which is not under [ombudsmen]"
            )
        versions_raw = raw.get("versions")
        if not isinstance(versions_raw, list) or not versions_raw:
            raise r.fail(_join(path, "versions"), "must list at least one version")
        versions = sorted(
            (
                _version(r, name, title, ombudsman, v, f"{path}.versions[{i}]")
                for i, v in enumerate(versions_raw)
            ),
            key=lambda v: v.effective_from,
        )
        dates = [v.effective_from for v in versions]
        if len(set(dates)) != len(dates):
            raise r.fail(_join(path, "versions"), "two versions have the same effective_from date")
        result[name] = tuple(versions)
    return result


def _ombudsmen(r: _Reader, data: Mapping[str, Any]) -> dict[str, Ombudsman]:
    table = r.table(data, "ombudsmen", "")
    result = {}
    for code, raw in table.items():
        path = f"ombudsmen.{code}"
        if not isinstance(raw, Mapping):
            raise r.fail(path, "must be a table")
        r.only_keys(raw, path, {"name", "address", "phone", "website", "email"})
        result[code] = Ombudsman(
            code=code,
            name=r.string(raw, "name", path),
            address=r.string(raw, "address", path),
            phone=r.string(raw, "phone", path),
            website=r.string(raw, "website", path),
            email=r.string(raw, "email", path, required=False),
        )
    for needed in ("housing_ombudsman", "lgsco"):
        if needed not in result:
            raise r.fail(
                f"ombudsmen.{needed}", "is missing: every letter needs its contact details"
            )
    return result


def _exclusions(r: _Reader, data: Mapping[str, Any]) -> dict[str, Exclusion]:
    table = r.table(data, "exclusions", "")
    result = {}
    for code, raw in table.items():
        path = f"exclusions.{code}"
        if not isinstance(raw, Mapping):
            raise r.fail(path, "must be a table")
        r.only_keys(raw, path, {"title", "explanation", "route", "outcome", "discretionary"})
        result[code] = Exclusion(
            code=code,
            title=r.string(raw, "title", path),
            explanation=r.string(raw, "explanation", path),
            route=r.string(raw, "route", path),
            outcome=r.choice(raw, "outcome", path, EXCLUSION_OUTCOMES),
            discretionary=r.boolean(raw, "discretionary", path),
        )
    return result


def _contact_kinds(r: _Reader, data: Mapping[str, Any]) -> dict[str, ContactKind]:
    table = r.table(data, "contact_kinds", "")
    result = {}
    for code, raw in table.items():
        path = f"contact_kinds.{code}"
        if not isinstance(raw, Mapping):
            raise r.fail(path, "must be a table")
        r.only_keys(raw, path, {"label", "opens_case"})
        result[code] = ContactKind(
            code=code,
            label=r.string(raw, "label", path),
            opens_case=r.boolean(raw, "opens_case", path),
        )
    return result


def _calendar(r: _Reader, data: Mapping[str, Any]) -> CalendarSettings:
    raw = data.get("calendar", {})
    if not isinstance(raw, Mapping):
        raise r.fail("calendar", "must be a table")
    r.only_keys(raw, "calendar", {"closure_days", "extra_bank_holidays", "at_risk_working_days"})
    at_risk = r.days(raw, "at_risk_working_days", "calendar", required=False)
    return CalendarSettings(
        closure_days=r.dates(raw, "closure_days", "calendar"),
        extra_bank_holidays=r.dates(raw, "extra_bank_holidays", "calendar"),
        at_risk_working_days=2 if at_risk is None else at_risk,
    )


def _time_limits(r: _Reader, data: Mapping[str, Any]) -> TimeLimits:
    raw = data.get("time_limits", {})
    if not isinstance(raw, Mapping):
        raise r.fail("time_limits", "must be a table")
    keys = {
        "complain_within_months",
        "escalation_longstop_months",
        "contractor_first_feedback_days",
    }
    r.only_keys(raw, "time_limits", keys)
    defaults = TimeLimits()
    values = {k: r.days(raw, k, "time_limits", required=False) for k in keys}
    return TimeLimits(**{k: getattr(defaults, k) if v is None else v for k, v in values.items()})


def parse_config(data: Mapping[str, Any], *, source: str) -> PolicyConfig:
    """Validate a parsed TOML document; raise PolicyConfigError naming `source` and the key."""
    r = _Reader(source)
    r.only_keys(
        data,
        "",
        {"calendar", "time_limits", "processes", "ombudsmen", "contact_kinds", "exclusions"},
    )
    ombudsmen = _ombudsmen(r, data)
    processes = _processes(r, data, ombudsmen)
    by_key = {v.key: v for versions in processes.values() for v in versions}
    return PolicyConfig(
        source=source,
        calendar=_calendar(r, data),
        time_limits=_time_limits(r, data),
        processes=processes,
        ombudsmen=ombudsmen,
        contact_kinds=_contact_kinds(r, data),
        exclusions=_exclusions(r, data),
        _by_key=by_key,
    )


def parse_toml(text: str, *, source: str) -> PolicyConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyConfigError(source, "(file)", f"is not valid TOML: {exc}") from exc
    return parse_config(data, source=source)


def load_config(path: str | Path | None = None) -> PolicyConfig:
    """Read and validate a configuration file; None reads the shipped defaults.

    This is the only function of the core that touches a file, and only when called.
    """
    if path is None or str(path) == "":
        text = resources.files("putright.policy").joinpath(DEFAULT_CONFIG_NAME).read_text("utf-8")
        return parse_toml(text, source=f"putright/policy/{DEFAULT_CONFIG_NAME}")
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise PolicyConfigError(str(file), "(file)", f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyConfigError(str(file), "(file)", "is not UTF-8 text, so not TOML") from exc
    return parse_toml(text, source=str(file))
