"""Personas and helpers for the case-record tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import holidays
import pytest
from django.apps import apps
from django.utils import timezone

from putright.cases import services
from putright.cases.models import Case, Officer, Service, TimelineEvent
from putright.cases.services import Actor, PersonDetails
from tests.cases.factories import OfficerFactory, ServiceFactory

_BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2024, 2030))


def naive_add_working_days(day: dt.date, n: int) -> dt.date:
    """An independent oracle: walk day by day, skipping weekends and bank holidays."""
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in _BANK_HOLIDAYS:
            n -= 1
    return day


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def housing_repairs(db: None) -> Service:
    return ServiceFactory(
        code="housing-repairs", name="Housing repairs", process="housing", landlord_function=True
    )


@pytest.fixture
def council_tax(db: None) -> Service:
    return ServiceFactory(
        code="council-tax", name="Council tax", process="corporate", landlord_function=False
    )


@pytest.fixture
def childrens(db: None) -> Service:
    return ServiceFactory(
        code="childrens-social-care",
        name="Children's social care",
        process="childrens_social_care",
        landlord_function=False,
    )


@pytest.fixture
def adults(db: None) -> Service:
    return ServiceFactory(
        code="adult-social-care",
        name="Adult social care",
        process="adult_social_care",
        landlord_function=False,
    )


@pytest.fixture
def stage1_officer(db: None) -> Officer:
    return OfficerFactory(name="Priya Shah", job_title="Repairs Team Manager")


@pytest.fixture
def stage2_officer(db: None) -> Officer:
    return OfficerFactory(name="Tom Okafor", job_title="Head of Housing Maintenance")


@pytest.fixture
def independent_officer(db: None) -> Officer:
    return OfficerFactory(
        name="Peter Wood", job_title="Independent Investigating Officer", is_independent=True
    )


@pytest.fixture
def complaints_team(db: None) -> Actor:
    return Actor.of(OfficerFactory(name="Jess Walker", job_title="Complaints Officer"))


RESIDENT = PersonDetails(
    name="Margaret Wilson", email="margaret.wilson@example.org", is_tenant_or_leaseholder=True
)


@pytest.fixture
def new_complaint(complaints_team: Actor) -> Callable[..., Case]:
    def make(service: Service, received: dt.date, **kwargs: Any) -> Case:
        return services.contact_record(
            channel=kwargs.pop("channel", "web"),
            person=kwargs.pop("person", RESIDENT),
            service=service,
            text=kwargs.pop("text", "Black mould in the bedroom, reported in March, not fixed."),
            actor=complaints_team,
            received_at=at(received),
            **kwargs,
        )

    return make


def database_state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the case record and the notification outbox."""
    state = {}
    for model in apps.get_app_config("cases").get_models():
        state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def timeline_count() -> int:
    return TimelineEvent.objects.count()
