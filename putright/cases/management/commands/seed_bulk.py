"""`manage.py seed_bulk --cases N`: fill a database for benchmarks, fast.

Rows are written with batched bulk_create (one transaction per batch), bypassing the
services on purpose: this is load for benchmarks, not case work. Every case still gets a
CU reference with a valid check digit, its policy version, its deadline columns computed by
the policy core's calendar, and one timeline event, so the pages under test read realistic
rows.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from putright.cases.demo.build import reference_data_create
from putright.cases.demo.stories import STORIES
from putright.cases.models import Case, Person, StageRecord, TimelineEvent
from putright.cases.references import damm_digit
from putright.core import clock
from putright.core.policy import policy_config, working_calendar

STATUSES = [
    ("received", 10),
    ("in_progress", 35),
    ("responded", 15),
    ("escalation_requested", 3),
    ("closed", 35),
    ("withdrawn", 2),
]


class Command(BaseCommand):
    help = "Insert N synthetic cases for benchmarks (bulk inserts, no services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        n, batch = options["cases"], options["batch"]
        if n < 1 or batch < 1:
            self.stderr.write("--cases and --batch must be positive")
            raise SystemExit(2)
        rng = random.Random(options["seed"])  # noqa: S311 - benchmark data
        council = reference_data_create()
        services = list(council.services.values())
        config = policy_config()
        cal = working_calendar()
        today = clock.today()
        # References: distinct random 7-digit bodies, so the sample never collides.
        taken = set(Case.objects.values_list("reference", flat=True))
        bodies = rng.sample(range(1_000_000, 10_000_000), n + len(taken))
        start = time.perf_counter()
        made = 0
        names, weights = zip(*STATUSES, strict=True)
        for offset in range(0, n, batch):
            size = min(batch, n - offset)
            with transaction.atomic():
                people = Person.objects.bulk_create(
                    [
                        Person(
                            name=f"Resident {offset + i}", email=f"resident{offset + i}@example.org"
                        )
                        for i in range(size)
                    ]
                )
                cases = []
                for i, person in enumerate(people):
                    service = services[(offset + i) % len(services)]
                    body = str(bodies[offset + i])
                    reference = f"CU{body}{damm_digit(body)}"
                    if reference in taken:
                        continue
                    received = today - timedelta(days=rng.randint(0, 730))
                    version = config.version_for(service.process, received)
                    status = rng.choices(names, weights=weights)[0]
                    ack = cal.add_working_days(received, 3)
                    due = (
                        cal.add_working_days(received, version.acknowledge_days)
                        if status == "received"
                        else cal.add_working_days(ack, 10)
                    )
                    story = STORIES.get(service.code, STORIES["waste"])[0]
                    cases.append(
                        Case(
                            reference=reference,
                            kind="complaint",
                            channel="web",
                            received_on=received,
                            person=person,
                            service=service,
                            process=service.process,
                            policy_version=version.key,
                            landlord_matter=service.landlord_function,
                            status=status,
                            summary=story[0],
                            next_deadline_on=None
                            if status in ("closed", "withdrawn", "responded")
                            else due,
                            next_deadline_name="acknowledge_by"
                            if status == "received"
                            else "stage1.respond_by",
                        )
                    )
                Case.objects.bulk_create(cases)
                StageRecord.objects.bulk_create(
                    [
                        StageRecord(
                            case=c,
                            number=1,
                            acknowledged_on=cal.add_working_days(c.received_on, 3),
                            clock_start_on=cal.add_working_days(c.received_on, 3),
                        )
                        for c in cases
                        if c.status != "received"
                    ]
                )
                now = timezone.now()
                TimelineEvent.objects.bulk_create(
                    [
                        TimelineEvent(
                            case=c,
                            at=now,
                            actor_label="Bulk load",
                            action="contact_recorded",
                            summary="Complaint received online",
                        )
                        for c in cases
                    ]
                )
                made += len(cases)
        seconds = time.perf_counter() - start
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f'{{"n": {made}, "seconds": {seconds:.2f}, "cases_per_s": {made / seconds:.0f}}}'
        )
