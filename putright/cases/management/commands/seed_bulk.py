"""`manage.py seed_bulk --cases N`: fill a database for benchmarks (batched bulk_create)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.cases.bulk import cases_bulk_insert
from putright.cases.demo.build import reference_data_create


class Command(BaseCommand):
    help = "Insert N synthetic cases for benchmarks (bulk inserts, no services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] < 1 or options["batch"] < 1:
            raise CommandError("--cases and --batch must be positive whole numbers.")
        council = reference_data_create()
        report = cases_bulk_insert(
            n=options["cases"],
            services=list(council.services.values()),
            batch=options["batch"],
            seed=options["seed"],
        )
        self.stdout.write(
            json.dumps(
                {
                    "n": report.n,
                    "seconds": round(report.seconds, 2),
                    "cases_per_s": round(report.per_second),
                }
            )
        )
