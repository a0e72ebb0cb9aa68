"""Bulk rows for benchmarks and load tests: fast batched inserts, no services.

This bypasses the services on purpose (it is load, not case work), but every case still
gets a CU reference with a valid check digit, its policy version, deadline columns from the
policy core's calendar, and one timeline event, so pages under test read realistic rows.
Cases are spread over three years with a realistic history for reports: kinds and channels,
a category per service, stage 1 acknowledged (some late) and responded (some extended, some
late) with a decision and a root cause, a share escalated to stage 2, refusals on exclusion
grounds, remedies offered and paid, service improvements (each linked to one to four of a
service's complaints, with an owner, a theme, a due date and most of them completed),
Ombudsman cases and answered surveys.
"""

from __future__ import annotations

import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from putright.cases.demo.stories import ROOT_CAUSE_WEIGHTS, STORIES, STORY_CATEGORIES
from putright.cases.models import (
    Case,
    Category,
    Officer,
    OmbudsmanCase,
    Person,
    Remedy,
    RootCause,
    SatisfactionSurvey,
    Service,
    ServiceImprovement,
    StageRecord,
    TimelineEvent,
)
from putright.cases.models.learning import THEMES
from putright.cases.references import damm_digit
from putright.cases.services._volumes import case_volumes_add, volume_key
from putright.cases.taxonomy import taxonomy_defaults_install
from putright.core import clock
from putright.core.policy import policy_config, working_calendar
from putright.policy.calendar import WorkingCalendar

OPEN_WEIGHTS = {"received": 10, "in_progress": 45, "responded": 20, "escalation_requested": 5}
SETTLED_WEIGHTS = {"closed": 88, "withdrawn": 3, "excluded": 5, "with_ombudsman": 1}
SETTLED_AFTER_DAYS = 90  # older cases have (almost) all run their course
KIND_WEIGHTS = {"complaint": 88, "mp_councillor_enquiry": 3, "comment": 4, "compliment": 5}
CHANNEL_WEIGHTS = {"web": 45, "email": 25, "phone": 20, "letter": 6, "in_person": 4}
DECISIONS = ["upheld", "partly_upheld", "not_upheld"]
EXCLUSION_CODES = ["alternative_redress", "out_of_time", "service_request_first", "staff_matter"]
ESCALATED_SHARE = 0.15
LEARNING_SHARE = 0.05  # of responses that found fault
IMPROVEMENT_DONE_SHARE = 0.75
_NO_DEADLINE = frozenset({"closed", "withdrawn", "responded", "excluded", "with_ombudsman"})


@dataclass(frozen=True)
class BulkReport:
    n: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


@dataclass
class _Learning:
    """A service improvement being drawn: the complaints behind it join until `size`."""

    service_id: int
    size: int
    cases: list[Case]
    recorded: date


@dataclass
class _Batch:
    stages: list[StageRecord] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    learning: list[_Learning] = field(default_factory=list)
    # The improvement of each service still taking complaints behind it.
    open_learning: dict[int, _Learning] = field(default_factory=dict)
    ombudsman: list[OmbudsmanCase] = field(default_factory=list)
    surveys: list[SatisfactionSurvey] = field(default_factory=list)


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


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


class _History:
    """Draws one case's history; dates come from the council's working calendar."""

    def __init__(self, rng: random.Random, cal: WorkingCalendar, today: date) -> None:
        self.rng, self.cal, self.today = rng, cal, today
        taxonomy_defaults_install(Category, RootCause)
        codes = dict(Category.objects.values_list("code", "pk"))
        parents = dict(Category.objects.values_list("pk", "parent_id"))
        self.categories = {
            service: [(parents[codes[c]] or codes[c], codes[c]) for c in names]
            for service, names in STORY_CATEGORIES.items()
        }
        self.other = (codes["other"], codes["other"])
        causes = dict(RootCause.objects.values_list("code", "pk"))
        self.causes = [causes[c] for c, _ in ROOT_CAUSE_WEIGHTS]
        self.cause_weights = [w for _, w in ROOT_CAUSE_WEIGHTS]
        # Improvements are owned by an officer of the service's team (any officer where the
        # service has none); without officers there are no improvements.
        self.owners: dict[int, list[int]] = {}
        for pk, service_id in Officer.objects.values_list("pk", "team__service_id"):
            self.owners.setdefault(service_id, []).append(pk)
        self.anyone = [pk for owners in self.owners.values() for pk in owners]

    def wd(self, day: date, n: int) -> date:
        return self.cal.add_working_days(day, n)

    def status(self, received: date) -> str:
        age = (self.today - received).days
        return _pick(self.rng, SETTLED_WEIGHTS if age > SETTLED_AFTER_DAYS else OPEN_WEIGHTS)

    def category(self, service_code: str) -> tuple[int, int]:
        return self.rng.choice(self.categories.get(service_code, [self.other]))

    def stage(self, case: Case, number: int, start: date, respond: bool) -> StageRecord | None:
        """A stage record from its request (receipt, or the escalation request)."""
        rng, wd = self.rng, self.wd
        ack = wd(start, rng.choices([1, 2, 3, 4, 5, 6, 8], [20, 25, 20, 15, 12, 5, 3])[0])
        if ack > self.today:
            return None
        target = wd(ack, 10 if number == 1 else 20)
        extended = rng.random() < 0.1
        record = StageRecord(
            case=case,
            number=number,
            process=case.process,
            service_id=case.service_id,
            requested_on=start if number > 1 else None,
            acknowledged_on=ack,
            clock_start_on=ack,
            acknowledge_by=wd(start, 5),
            target_by=target,
            respond_by=wd(target, 10) if extended else target,
            max_by=wd(ack, 20 if number == 1 else 30),
        )
        took = rng.randint(4, 24 if number == 1 else 34)
        responded = wd(ack, took)
        if respond and responded <= self.today:
            record.responded_on = responded
            record.overall_decision = rng.choice(DECISIONS)
            record.root_cause_id = rng.choices(self.causes, self.cause_weights)[0]
        return record

    def outcomes(self, case: Case, record: StageRecord, batch: _Batch) -> None:
        """Remedies, learning and the Ombudsman after a response that found fault."""
        rng, day = self.rng, record.responded_on
        if day is None or record.overall_decision == "not_upheld":
            return
        if rng.random() < 0.3:
            paid = rng.random() < 0.7
            batch.remedies.append(
                Remedy(
                    case=case,
                    stage=record.number,
                    kind="financial_time_trouble",
                    description="For your time and trouble",
                    amount=Decimal(rng.choice([50, 75, 100, 150, 250, 400])),
                    state="delivered" if paid else "offered",
                    offered_on=day,
                    delivered_on=min(self.today, day + timedelta(days=14)) if paid else None,
                )
            )
        if self.anyone and rng.random() < LEARNING_SHARE:
            self.learn(case, day, batch)
        if record.number == 2 and rng.random() < 0.05:
            enquiry = min(self.today, day + timedelta(days=60))
            batch.ombudsman.append(
                OmbudsmanCase(
                    case=case,
                    ombudsman=case.ombudsman or "lgsco",
                    enquiry_received_on=enquiry,
                    maladministration_found=rng.choice([True, False, None]),
                )
            )

    def learn(self, case: Case, day: date, batch: _Batch) -> None:
        """Link the case to its service's open improvement, or start one; it is recorded
        on the latest response of the complaints behind it."""
        found = batch.open_learning.get(case.service_id)
        if found is None:
            found = _Learning(case.service_id, self.rng.choice([1, 1, 2, 3, 4]), [], day)
            batch.learning.append(found)
            batch.open_learning[case.service_id] = found
        found.recorded = max(found.recorded, day)
        # Both of a case's responses may draw learning: it is behind an improvement once.
        if any(linked is case for linked in found.cases):
            return
        found.cases.append(case)
        if len(found.cases) >= found.size:
            del batch.open_learning[case.service_id]

    def improvement(self, drawn: _Learning) -> ServiceImprovement:
        rng = self.rng
        theme, label = rng.choice(THEMES)
        due = drawn.recorded + timedelta(days=rng.randint(20, 120))
        done = drawn.recorded + timedelta(days=rng.randint(5, 150))
        completed = done if done <= self.today and rng.random() < IMPROVEMENT_DONE_SHARE else None
        return ServiceImprovement(
            service_id=drawn.service_id,
            theme=theme,
            description=f"{label}: change how the service works after these complaints",
            owner_id=rng.choice(self.owners.get(drawn.service_id) or self.anyone),
            due_on=due,
            completed_on=completed,
            completion_note="Done and checked" if completed else "",
            recorded_on=drawn.recorded,
        )


def _learning_insert(h: _History, batch: _Batch) -> None:
    """The batch's service improvements and their links: two bulk inserts."""
    improvements = ServiceImprovement.objects.bulk_create(
        [h.improvement(drawn) for drawn in batch.learning]
    )
    links = ServiceImprovement.cases.through
    links.objects.bulk_create(
        links(serviceimprovement_id=improvement.pk, case_id=case.pk)
        for improvement, drawn in zip(improvements, batch.learning, strict=True)
        for case in drawn.cases
    )


def _case_history(h: _History, case: Case, batch: _Batch) -> None:
    """Fill in the stages and outcomes a case of this status has had; adjusts the status
    where today comes before what the status implies."""
    if case.kind in ("comment", "compliment"):
        case.status, case.next_deadline_on = "closed", None
        case.closed_on = case.received_on
        return
    if case.status == "excluded":
        case.exclusion_code = h.rng.choice(EXCLUSION_CODES)
        case.next_deadline_on = None
        return
    if case.status == "received":
        return
    responded = case.status in ("responded", "escalation_requested", "closed", "with_ombudsman")
    first = h.stage(case, 1, case.received_on, respond=responded)
    if first is None:
        case.status = "received"
        return
    batch.stages.append(first)
    if first.responded_on is None:
        case.status = "in_progress" if case.status != "withdrawn" else "withdrawn"
        return
    h.outcomes(case, first, batch)
    escalated = case.status in ("escalation_requested", "with_ombudsman") or (
        case.status == "closed" and h.rng.random() < ESCALATED_SHARE
    )
    if escalated and case.process != "adult_social_care":
        asked = h.wd(first.responded_on, h.rng.randint(1, 15))
        if asked <= h.today:
            second = h.stage(case, 2, asked, respond=case.status != "escalation_requested")
            if second is not None:
                case.stage = 2
                batch.stages.append(second)
                h.outcomes(case, second, batch)
                if second.responded_on is not None:
                    case.closed_on = second.responded_on
                    _survey(h, case, batch)
                return
    if case.status in ("closed", "withdrawn"):
        case.closed_on = first.responded_on
    _survey(h, case, batch)


def _survey(h: _History, case: Case, batch: _Batch) -> None:
    """The satisfaction survey emailed at closure; about a third answer (TP09)."""
    if case.status != "closed" or case.closed_on is None or h.rng.random() < 0.2:
        return
    answered = h.rng.random() < 0.35
    batch.surveys.append(
        SatisfactionSurvey(
            case=case,
            process=case.process,
            token_hash=secrets.token_hex(32),
            sent_on=case.closed_on,
            answered_on=min(h.today, case.closed_on + timedelta(days=3)) if answered else None,
            answer=h.rng.choices([1, 2, 3, 4, 5], [25, 30, 15, 15, 15])[0] if answered else None,
        )
    )


def cases_bulk_insert(
    *, n: int, services: list[Service], batch: int = 5000, seed: int = 1, days: int = 1095
) -> BulkReport:
    """Insert `n` cases spread over `days` days and the given services; time the inserts."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    config = policy_config()
    cal = working_calendar()
    today = clock.today()
    history = _History(rng, cal, today)
    versions: dict[tuple[str, date], Any] = {}
    summaries = {s.code: STORIES.get(s.code, STORIES["waste"])[0][0] for s in services}
    bodies = _fresh_reference_bodies(rng, n)
    now = timezone.now()
    start = time.perf_counter()
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        rows = _Batch()
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
                    version = config.version_for(service.process, received)
                    versions[key] = version.key
                status = history.status(received)
                category, sub = history.category(service.code)
                due = (
                    cal.add_working_days(received, 5)
                    if status == "received"
                    else cal.add_working_days(received, 13)
                )
                case = Case(
                    reference=f"CU{body}{damm_digit(body)}",
                    kind=_pick(rng, KIND_WEIGHTS),
                    channel=_pick(rng, CHANNEL_WEIGHTS),
                    received_on=received,
                    person=person,
                    service=service,
                    process=service.process,
                    policy_version=versions[key],
                    landlord_matter=service.landlord_function,
                    ombudsman="housing_ombudsman" if service.landlord_function else "lgsco",
                    status=status,
                    summary=summaries[service.code],
                    category_id=category,
                    sub_category_id=sub if sub != category else None,
                    tenure=(
                        ("shared_ownership" if rng.random() < 0.08 else "rented")
                        if service.landlord_function
                        else ""
                    ),
                    next_deadline_on=None if status in _NO_DEADLINE else due,
                    next_deadline_name=(
                        "acknowledge_by" if status == "received" else "stage1.respond_by"
                    ),
                )
                _case_history(history, case, rows)
                cases.append(case)
            Case.objects.bulk_create(cases)
            case_volumes_add(Counter(volume_key(c) for c in cases))
            StageRecord.objects.bulk_create(rows.stages)
            Remedy.objects.bulk_create(rows.remedies)
            _learning_insert(history, rows)
            OmbudsmanCase.objects.bulk_create(rows.ombudsman)
            SatisfactionSurvey.objects.bulk_create(rows.surveys)
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
