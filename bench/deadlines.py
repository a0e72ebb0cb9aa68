"""Benchmark: full deadline sets of N synthetic cases with the policy core's bulk path.

    .venv/bin/python bench/deadlines.py [--cases N]

Builds N cases (seeded, so every run builds the same ones) with a realistic mix of the four
processes and of how far each case has got, then times `deadline_ordinals` alone: building
the cases, the calendar and the plans is done before the clock starts. The last line is
`cases_per_second: <number>`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from putright.policy.calendar import WorkingCalendar
from putright.policy.deadlines import (
    ON_HOLD_ORDINAL,
    CaseColumns,
    calendar_for,
    deadline_ordinals,
    deadline_rules,
)
from putright.policy.processes import PolicyConfig, ProcessVersion, load_config

SEED = 20260401
# Roughly a council's year: most complaints are corporate or housing, few statutory.
PROCESS_MIX = {
    "corporate": 0.45,
    "housing": 0.35,
    "childrens_social_care": 0.08,
    "adult_social_care": 0.12,
}
FIRST_RECEIVED = date(2024, 4, 1).toordinal()
LAST_RECEIVED = date(2027, 3, 31).toordinal()


@dataclass
class Group:
    """The synthetic cases of one process, as columns."""

    process: str
    columns: dict[str, list[int]]
    holds: dict[int, tuple[tuple[int, int], ...]]
    size: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="how many cases (1,000,000)")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")

    config = load_config()
    calendar = calendar_for(config.calendar)
    groups = build_cases(args.cases, random.Random(SEED))
    prepared = prepare(config, calendar, groups)

    started = time.perf_counter()
    results = [
        deadline_ordinals(version, cases, calendar=calendar, escalation_longstop_months=months)
        for version, cases, months in prepared
    ]
    elapsed = time.perf_counter() - started

    report(groups, results, elapsed, args.cases)
    return 0


def build_cases(n: int, rng: random.Random) -> dict[str, Group]:
    groups = {process: Group(process, {}, {}) for process in PROCESS_MIX}
    processes = rng.choices(list(PROCESS_MIX), weights=list(PROCESS_MIX.values()), k=n)
    for process in processes:
        group = groups[process]
        add_case(group, synthetic_case(process, rng))
        if rng.random() < 0.01:  # about one case in a hundred is paused (SPEC "Holds")
            group.holds[group.size - 1] = synthetic_holds(group.columns, group.size - 1, rng)
    return groups


def add_case(group: Group, case: dict[str, int]) -> None:
    for name, column in group.columns.items():
        column.append(case.pop(name, 0))
    for name, value in case.items():  # a field this group has not seen yet
        group.columns[name] = [0] * group.size + [value]
    group.size += 1


def synthetic_case(process: str, rng: random.Random) -> dict[str, int]:
    """One case's dates, stopping at a random point of its journey."""
    received = rng.randint(FIRST_RECEIVED, LAST_RECEIVED)
    case = {"received": received}
    day = received
    for name, gap, chance in journey(process):
        if rng.random() > chance:
            break
        day += rng.randint(*gap)
        case[name] = day
    if process == "adult_social_care" and "acknowledged" in case and rng.random() < 0.4:
        case["response_plan_due"] = case["acknowledged"] + rng.randint(14, 80)
    for stage in ("stage1", "stage2"):
        if f"{stage}_responded" in case and rng.random() < 0.1:
            case[f"{stage}_extended_to"] = case[f"{stage}_responded"] + rng.randint(-3, 5)
    return case


def journey(process: str) -> list[tuple[str, tuple[int, int], float]]:
    """(event, calendar days after the previous one, chance of getting there)."""
    steps = [("acknowledged", (0, 7), 0.97), ("stage1_responded", (5, 30), 0.8)]
    if process == "adult_social_care":
        return steps
    steps += [
        ("escalation_requested", (1, 40), 0.18),
        ("stage2_clock_start", (1, 8), 0.95),
        ("stage2_responded", (10, 45), 0.8),
    ]
    if process == "childrens_social_care":
        steps += [
            ("stage3_requested", (1, 30), 0.3),
            ("panel_held", (10, 45), 0.8),
            ("findings_issued", (1, 9), 0.9),
            ("stage3_responded", (5, 25), 0.9),
        ]
    return steps


def synthetic_holds(
    columns: dict[str, list[int]], index: int, rng: random.Random
) -> tuple[tuple[int, int], ...]:
    held = columns["received"][index] + rng.randint(3, 40)
    resumed = 0 if rng.random() < 0.3 else held + rng.randint(1, 60)
    return ((held, resumed),)


def prepare(
    config: PolicyConfig, calendar: WorkingCalendar, groups: dict[str, Group]
) -> list[tuple[ProcessVersion, CaseColumns, int]]:
    """Everything but the computation: versions, plans and calendar tables, warmed up."""
    months = config.time_limits.escalation_longstop_months
    prepared: list[tuple[ProcessVersion, CaseColumns, int]] = []
    for group in groups.values():
        if not group.size:
            continue
        version = config.versions(group.process)[-1]
        deadline_rules(version, escalation_longstop_months=months)
        cases = CaseColumns(group.size, group.columns, group.holds)
        warm = CaseColumns(1, {name: column[:1] for name, column in group.columns.items()})
        deadline_ordinals(version, warm, calendar=calendar, escalation_longstop_months=months)
        prepared.append((version, cases, months))
    return prepared


def report(
    groups: dict[str, Group], results: list[dict[str, list[int]]], elapsed: float, n: int
) -> None:
    known = sum(sum(1 for o in column if o > 0) for result in results for column in result.values())
    on_hold = sum(
        sum(1 for o in column if o == ON_HOLD_ORDINAL)
        for result in results
        for column in result.values()
    )
    mix = ", ".join(f"{g.process} {g.size:,}" for g in groups.values())
    print(f"cases: {n:,} ({mix})")
    print(f"deadlines computed: {known:,} dated, {on_hold:,} on hold")
    print(f"seconds (computation only): {elapsed:.3f}")
    print(f"deadlines_per_second: {known / elapsed:,.0f}")
    print(f"cases_per_second: {n / elapsed:.0f}")


if __name__ == "__main__":
    raise SystemExit(main())
