"""Bulk rows for benchmarks and load tests: fast batched inserts, no services.

This bypasses the services on purpose (it is load, not case work), but every case still
gets a CU reference with a valid check digit, its policy version, deadline columns from the
policy core's calendar, a stage record once acknowledged, and one timeline event, so pages
under test read realistic rows.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from putright.cases.demo.stories import STORIES
from putright.cases.models import Case, Person, Service, StageRecord, TimelineEvent
from putright.cases.references import damm_digit
from putright.core import clock
from putright.core.policy import policy_config, working_calendar

STATUS_WEIGHTS = {
    "received": 10,
    "in_progress": 35,
    "responded": 15,
    "escalation_requested": 3,
    "closed": 35,
    "withdrawn": 2,
}
_NO_DEADLINE = frozenset({"closed", "withdrawn", "responded"})


@dataclass(frozen=True)
class BulkReport:
    n: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


def _fresh_reference_bodies(rng: random.Random, n: int) -> list[str]:
    taken = {r[2:9] for r in Case.objects.values_list("reference", flat=True).iterator()}
    bodies: list[str] = []
    seen: set[str] = set()
    while len(bodies) < n:
        body = str(rng.randrange(1_000_000, 10_000_000))
        if body not in taken and body not in seen:
            seen.add(body)
            bodies.append(body)
    return bodies


def cases_bulk_insert(
    *, n: int, services: list[Service], batch: int = 5000, seed: int = 1, days: int = 730
) -> BulkReport:
    """Insert `n` cases spread over `days` days and the given services; time the inserts."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    config = policy_config()
    cal = working_calendar()
    today = clock.today()
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    versions: dict[tuple[str, date], str] = {}
    summaries = {s.code: STORIES.get(s.code, STORIES["waste"])[0][0] for s in services}
    bodies = _fresh_reference_bodies(rng, n)
    now = timezone.now()
    start = time.perf_counter()
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        with transaction.atomic():
            people = Person.objects.bulk_create(
                [
                    Person(name=f"Resident {offset + i}", email=f"resident{offset + i}@example.org")
                    for i in range(size)
                ]
            )
            cases = []
            for i, person in enumerate(people):
                service = services[(offset + i) % len(services)]
                body = bodies[offset + i]
                received = today - timedelta(days=rng.randrange(days))
                key = (service.process, received)
                if key not in versions:
                    versions[key] = config.version_for(service.process, received).key
                status = rng.choices(statuses, weights)[0]
                due = (
                    cal.add_working_days(received, 5)
                    if status == "received"
                    else cal.add_working_days(received, 13)
                )
                cases.append(
                    Case(
                        reference=f"CU{body}{damm_digit(body)}",
                        kind="complaint",
                        channel="web",
                        received_on=received,
                        person=person,
                        service=service,
                        process=service.process,
                        policy_version=versions[key],
                        landlord_matter=service.landlord_function,
                        status=status,
                        summary=summaries[service.code],
                        next_deadline_on=None if status in _NO_DEADLINE else due,
                        next_deadline_name=(
                            "acknowledge_by" if status == "received" else "stage1.respond_by"
                        ),
                        closed_on=received + timedelta(days=30) if status == "closed" else None,
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
                        respond_by=c.next_deadline_on,
                    )
                    for c in cases
                    if c.status != "received"
                ]
            )
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
    seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return BulkReport(n=n, seconds=seconds)
