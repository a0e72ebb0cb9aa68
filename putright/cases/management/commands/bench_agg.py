"""`bench_agg --runs R`: time the per-service/per-status counts through the ORM."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from putright.cases.selectors import case_counts_by_service_and_status


class Command(BaseCommand):
    help = "Time Case counts grouped by service and status (one GROUP BY query)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        rows = []
        for _ in range(options["warmup"]):
            rows = case_counts_by_service_and_status()
        times = []
        for _ in range(options["runs"]):
            start = time.perf_counter()
            rows = case_counts_by_service_and_status()
            times.append((time.perf_counter() - start) * 1000)
        self.stdout.write(
            json.dumps(
                {
                    "what": "orm values(service,status).annotate(Count)",
                    "runs": options["runs"],
                    "median_ms": round(statistics.median(times), 3),
                    "min_ms": round(min(times), 3),
                    "max_ms": round(max(times), 3),
                    "groups": len(rows),
                    "total": sum(r["n"] for r in rows),
                    "vendor": connection.vendor,
                }
            )
        )
