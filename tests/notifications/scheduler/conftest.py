"""A small council for the scheduler's tests: services with a manager's address, officers
with addresses, the complaints team's letter contact, and complaints built through the
case-record services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from putright.cases import services
from putright.cases.models import Case, LetterContact, Officer, Service
from putright.cases.services import Actor, PersonDetails
from putright.notifications.models import OutboxMessage
from putright.notifications.scheduler import JobResult, scheduler_run
from tests.cases.conftest import at
from tests.cases.factories import OfficerFactory, ServiceFactory

D = dt.date
TEAM = "feedback@northfield.example.gov.uk"
MANAGER = "repairs.manager@northfield.example.gov.uk"
OFFICER = "priya.shah@northfield.example.gov.uk"


@pytest.fixture
def letter_contact(db: None) -> LetterContact:
    return LetterContact.objects.create(
        name="Customer Feedback Team",
        address="Civic Offices, 1 Market Square, Northfield NF1 1AA",
        phone="01234 567890",
        email=TEAM,
    )


@pytest.fixture
def repairs(letter_contact: LetterContact) -> Service:
    return ServiceFactory(
        code="housing-repairs",
        name="Housing repairs",
        process="housing",
        landlord_function=True,
        manager_email=MANAGER,
    )


@pytest.fixture
def officer(db: None) -> Officer:
    return OfficerFactory(name="Priya Shah", job_title="Repairs Team Manager", email=OFFICER)


@pytest.fixture
def team(db: None) -> Actor:
    return Actor.of(OfficerFactory(name="Jess Walker", job_title="Complaints Officer"))


RESIDENT = PersonDetails(
    name="Margaret Wilson", email="margaret.wilson@example.org", is_tenant_or_leaseholder=True
)


@pytest.fixture
def complaint(repairs: Service, team: Actor, officer: Officer) -> Callable[..., Case]:
    """A housing complaint received on `received`; acknowledged with the officer on
    `acknowledged` when given (its stage 1 response is then due 10 working days later)."""

    def make(received: D, acknowledged: D | None = None, **kwargs: Any) -> Case:
        case = services.contact_record(
            channel="web",
            person=kwargs.pop("person", RESIDENT),
            service=kwargs.pop("service", repairs),
            text="Black mould in the bedroom, reported in March, not fixed.",
            actor=team,
            received_at=at(received),
        )
        if acknowledged is not None:
            services.complaint_acknowledge(
                case=case,
                actor=team,
                issues=["Black mould not treated"],
                outcomes_sought="Mould treated",
                officer=kwargs.pop("officer", officer),
                on=acknowledged,
            )
        return case

    return make


def run(on: D, *jobs: str) -> list[JobResult]:
    """Run the scheduler for `on` (only `jobs` if given); fail on any job's error."""
    results = scheduler_run(on=on, jobs=list(jobs) or None)
    errors = [r.describe() for r in results if r.error]
    assert not errors, errors
    return results


def outbox(kind: str | None = None) -> list[OutboxMessage]:
    rows = OutboxMessage.objects.order_by("pk")
    return list(rows.filter(kind=kind) if kind else rows)
