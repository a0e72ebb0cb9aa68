"""The policy core's command line, for officers and for checking a configuration.

    python -m putright.policy deadlines PROCESS --received DATE [--acknowledged DATE] ...
    python -m putright.policy check FILE

`deadlines` prints one JSON object mapping each deadline the given dates allow to its ISO
date (the names are documented in docs/policy.md). `check` validates a
configuration file. A bad argument or a broken configuration prints one line on stderr and
exits 2. This module is the only one of the core that reads files or arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final, NoReturn

from putright.policy.deadlines import CaseDates, calendar_for, deadline_dates
from putright.policy.errors import PolicyError
from putright.policy.processes import KNOWN_PROCESSES, load_config

PROG: Final = "python -m putright.policy"
EXIT_BAD_INPUT: Final = 2

# The case dates an officer can give, besides --received, in the order a case meets them.
DATE_OPTIONS: Final = (
    "acknowledged",
    "stage1_extended_to",
    "stage1_responded",
    "escalation_requested",
    "stage2_clock_start",
    "stage2_extended_to",
    "stage2_responded",
    "stage3_requested",
    "panel_held",
    "findings_issued",
    "response_plan_due",
    "backstop_agreed",
)


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (no usage block) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 2 bad input)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse printed its help or its one-line error
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except PolicyError as exc:
        message = " ".join(str(exc).split())  # one line, whatever the error says
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> _Parser:
    parser = _Parser(prog=PROG, description="PutRight's complaints policy core.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    deadlines = commands.add_parser(
        "deadlines",
        help="print a case's deadlines as JSON",
        description="Print, as one JSON object, the date of every deadline the dates allow.",
    )
    deadlines.add_argument("process", metavar="PROCESS", choices=KNOWN_PROCESSES)
    deadlines.add_argument("--received", type=_iso_date, required=True, metavar="DATE")
    for name in DATE_OPTIONS:
        deadlines.add_argument(f"--{name.replace('_', '-')}", type=_iso_date, metavar="DATE")
    deadlines.add_argument("--config", metavar="FILE", help="a policy file (default: shipped)")
    deadlines.set_defaults(command=_deadlines)

    check = commands.add_parser(
        "check",
        help="validate a policy configuration file",
        description="Validate a policy configuration file: prints OK or what is wrong.",
    )
    check.add_argument("file", metavar="FILE")
    check.set_defaults(command=_check)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _deadlines(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    version = config.version_for(args.process, args.received)
    dates = CaseDates(
        received=args.received, **{name: getattr(args, name) for name in DATE_OPTIONS}
    )
    dues = deadline_dates(
        version,
        dates,
        calendar=calendar_for(config.calendar),
        escalation_longstop_months=config.time_limits.escalation_longstop_months,
    )
    print(json.dumps({name: due.isoformat() for name, due in dues.items()}, indent=2))
    return 0


def _check(args: argparse.Namespace) -> int:
    load_config(args.file)
    print("OK")
    return 0
