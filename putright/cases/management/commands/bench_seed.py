"""Bulk data for the performance harness: `bench_seed --n N` prints one JSON line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from putright.cases.bulk import cases_bulk_insert
from putright.cases.demo.build import reference_data_create


class Command(BaseCommand):
    help = "bulk-insert N cases for the benchmark (times only the inserts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=100_000)
        parser.add_argument("--batch", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args: Any, **options: Any) -> None:
        council = reference_data_create()
        report = cases_bulk_insert(
            n=options["n"],
            services=list(council.services.values()),
            batch=options["batch"],
            seed=options["seed"],
        )
        self.stdout.write(
            json.dumps(
                {
                    "n": report.n,
                    "seconds": round(report.seconds, 3),
                    "tickets_per_s": round(report.per_second, 1),
                    "what": "cases (+ person, stage, event)",
                }
            )
        )
