"""The back office's named personas, one per role, and a way to sign each one in.

A small council: housing repairs (Priya Shah and Tom Okafor, investigating officers; a
service manager) and waste (Sam Patel, an officer of another service), the complaints
team, the insight lead and a governance member.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import StaffProfile
from putright.cases import services
from putright.cases.models import Case, Officer, Service, Team
from putright.cases.services import Actor, PersonDetails
from putright.core import clock

PASSWORD = "a-long-test-password-2026"
RESIDENT = PersonDetails(
    name="Margaret Wilson", email="margaret.wilson@example.org", is_tenant_or_leaseholder=True
)


@dataclass
class Persona:
    username: str
    user: Any
    officer: Officer | None
    role: str

    @property
    def actor(self) -> Actor:
        assert self.officer is not None
        return Actor.of(self.officer)


@dataclass
class Council:
    housing: Service
    waste: Service
    personas: dict[str, Persona]

    def __getitem__(self, key: str) -> Persona:
        return self.personas[key]


def _service(code: str, name: str, process: str, landlord: bool) -> Service:
    service, _ = Service.objects.get_or_create(
        code=code, defaults={"name": name, "process": process, "landlord_function": landlord}
    )
    return service


def _persona(
    username: str, name: str, role: str, service: Service | None, *, officer: bool
) -> Persona:
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=name.split()[0], last_name=name.split()[-1]
    )
    StaffProfile.objects.create(user=user, role=role, service=service)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    device.token_set.create(token=f"backup{username.replace('.', '')[:10]}")
    made = None
    if officer:
        team = None
        if service is not None:
            team, _ = Team.objects.get_or_create(name=f"{service.name} team", service=service)
        made = Officer.objects.create(user=user, name=name, job_title="Manager", team=team)
    return Persona(username=username, user=user, officer=made, role=role)


def council_create() -> Council:
    housing = _service("housing-repairs", "Housing repairs", "housing", True)
    waste = _service("waste", "Waste and recycling", "corporate", False)
    personas = {
        "complaints": _persona(
            "complaints.team", "Jess Walker", "complaints_team", None, officer=True
        ),
        "priya": _persona(
            "priya.shah", "Priya Shah", "investigating_officer", housing, officer=True
        ),
        "tom": _persona("tom.okafor", "Tom Okafor", "investigating_officer", housing, officer=True),
        "sam": _persona("sam.patel", "Sam Patel", "investigating_officer", waste, officer=True),
        "manager": _persona(
            "service.manager", "Ruth Adeyemi", "service_manager", housing, officer=False
        ),
        "insight": _persona("insight.lead", "Anil Mehta", "insight_lead", None, officer=False),
        "governance": _persona("governance", "Sue Barker", "governance", None, officer=False),
    }
    return Council(housing=housing, waste=waste, personas=personas)


def backup_code(persona: Persona) -> str:
    return f"backup{persona.username.replace('.', '')[:10]}"


def signed_in(client: Client, persona: Persona) -> Client:
    """`client` signed in as `persona`, second factor included."""
    client.force_login(persona.user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=persona.user).persistent_id
    session.save()
    return client


def complaint_new(
    council: Council,
    service: Service | None = None,
    *,
    person: PersonDetails = RESIDENT,
    text: str = "Black mould in the bedroom, reported in March, not fixed.",
    kind: str = "complaint",
    received: dt.date | None = None,
) -> Case:
    """A contact logged today (or on `received`), waiting in the triage inbox."""
    return services.contact_record(
        channel="phone",
        person=person,
        service=service or council.housing,
        text=text,
        actor=council["complaints"].actor,
        kind=kind,
        outcomes_sought="Fix the mould and redecorate.",
        received_at=clock.start_of_day(received) if received else None,
    )


def complaint_at_stage1(council: Council, officer: str = "priya", **kwargs: Any) -> Case:
    """A complaint acknowledged today and allocated to `officer` at stage 1."""
    case = complaint_new(council, **kwargs)
    return services.complaint_acknowledge(
        case=case,
        actor=council["complaints"].actor,
        issues=["Black mould in the bedroom", "Nobody came to inspect"],
        outcomes_sought="Fix the mould and redecorate.",
        officer=council[officer].officer,
    )
