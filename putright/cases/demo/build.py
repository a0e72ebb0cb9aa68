"""Build the demo council through the real services, so every demo case obeys the policy."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from putright.cases import services
from putright.cases.demo.council import (
    DEMO_PASSWORD,
    OFFICERS,
    RESIDENTS,
    SERVICES,
    STAFF_PERSONAS,
)
from putright.cases.demo.stories import (
    COMMENTS,
    COMPLIMENTS,
    ROOT_CAUSE_WEIGHTS,
    STORIES,
    STORY_CATEGORIES,
)
from putright.cases.models import (
    Case,
    Category,
    LetterContact,
    Officer,
    RootCause,
    Service,
    Team,
)
from putright.cases.services import ActionOwner, Actor, PersonDetails
from putright.cases.taxonomy import taxonomy_defaults_install
from putright.core import clock
from putright.core.policy import working_calendar
from putright.policy.errors import PolicyError
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent

# How far each demo case gets, with weights: a realistic spread of a live caseload.
DEPTHS = [
    ("received", 8),
    ("acknowledged", 20),
    ("extended", 6),
    ("responded", 14),
    ("escalation_requested", 4),
    ("stage2", 10),
    ("closed", 25),
    ("withdrawn", 3),
    ("excluded", 4),
    ("on_hold", 2),
    ("comment", 2),
    ("compliment", 2),
]


@dataclass
class Council:
    services: dict[str, Service]
    officers: dict[str, list[Officer]]
    team: Actor


def reference_data_create() -> Council:
    # A flushed database (browser tests) has lost the migration's taxonomy: put it back.
    taxonomy_defaults_install(Category, RootCause)
    contact = LetterContact.objects.filter(is_current=True).first()
    if contact is None:
        LetterContact.objects.create(
            name="Customer Feedback Team",
            address="Northfield Council\nCivic Centre\n1 Market Square\nNorthfield\nNF1 1AA",
            phone="01632 960 000",
            email="feedback@northfield.example.gov.uk",
        )
    by_code: dict[str, Service] = {}
    for code, name, process, landlord in SERVICES:
        service, _ = Service.objects.get_or_create(
            code=code, defaults={"name": name, "process": process, "landlord_function": landlord}
        )
        by_code[code] = service
    users = get_user_model()
    officers: dict[str, list[Officer]] = {}
    for name, title, code, independent in OFFICERS:
        team, _ = Team.objects.get_or_create(
            name=f"{by_code[code].name} team", service=by_code[code]
        )
        username = name.lower().replace(" ", ".")
        user, created = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@northfield.example.gov.uk"}
        )
        if created:
            # Officers work in the back office, not the Django admin: no is_staff.
            user.set_password(DEMO_PASSWORD)
            user.save()
        officer, _ = Officer.objects.get_or_create(
            user=user,
            defaults={
                "name": name,
                "job_title": title,
                "team": team,
                "is_independent": independent,
                "email": user.email,
            },
        )
        officers.setdefault(code, []).append(officer)
    team_officer = None
    for username, name, role, _code in STAFF_PERSONAS:
        user, created = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@northfield.example.gov.uk"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            # Only the complaints team edits letter templates and reference data in the
            # admin; every other role has no business there.
            user.is_staff = role == "complaints_team"
            user.save()
        if role == "complaints_team":
            team_officer, _ = Officer.objects.get_or_create(
                user=user, defaults={"name": name, "job_title": "Customer Feedback Officer"}
            )
    assert team_officer is not None  # noqa: S101 - STAFF_PERSONAS has a complaints_team entry
    return Council(services=by_code, officers=officers, team=Actor.of(team_officer))


def _response(
    case: Case, stage: int, story: tuple[str, str, str], rng: random.Random
) -> ResponseContent:
    decision = rng.choice([Decision.UPHELD, Decision.PARTLY_UPHELD, Decision.NOT_UPHELD])
    final = stage == (1 if case.process == "adult_social_care" else 2)
    return ResponseContent(
        stage=stage,
        complaint_definition=f"{story[0]}. You would like: {story[2]}",
        decision=decision,
        issues=(
            IssueDecision(story[1], decision, "We checked our records and spoke to the team."),
        ),
        reasons="We looked at our records, the service's policy and what the team did.",
        remedies=("An apology for the delay",) if decision != Decision.NOT_UPHELD else (),
        no_remedy_reason="" if decision != Decision.NOT_UPHELD else "We found no fault.",
        no_outstanding_actions=True,
        how_to_escalate="You can ask the Ombudsman to review your complaint."
        if final
        else "Reply within 20 working days to ask for stage 2.",
        ombudsman=case.ombudsman if final else "",
    )


def _category(code: str, story: tuple[str, str, str]) -> Category | None:
    names = STORY_CATEGORIES.get(code, ["other"])
    index = min(STORIES[code].index(story), len(names) - 1)
    return Category.objects.filter(code=names[index]).first()


def _root_cause(rng: random.Random) -> RootCause | None:
    codes, weights = zip(*ROOT_CAUSE_WEIGHTS, strict=True)
    return RootCause.objects.filter(code=rng.choices(codes, weights=weights)[0]).first()


def _person(rng: random.Random, i: int) -> PersonDetails:
    name, email, tenant = RESIDENTS[i % len(RESIDENTS)]
    local, domain = email.split("@")
    return PersonDetails(name=name, email=f"{local}+{i}@{domain}", is_tenant_or_leaseholder=tenant)


def _depth(rng: random.Random) -> str:
    names, weights = zip(*DEPTHS, strict=True)
    depth: str = rng.choices(names, weights=weights)[0]
    return depth


def demo_case_create(council: Council, rng: random.Random, i: int, today: date) -> Case | None:
    """One case, taken as far as its depth and today's date allow."""
    cal = working_calendar()
    code = rng.choice(list(STORIES))
    service = council.services[code]
    story = rng.choice(STORIES[code])
    depth = _depth(rng)
    received = cal.add_working_days(today, -rng.randint(1, 90))
    team = council.team
    kind = depth if depth in ("comment", "compliment") else "complaint"
    text = {"comment": rng.choice(COMMENTS), "compliment": rng.choice(COMPLIMENTS)}.get(
        kind, story[1]
    )
    case = services.contact_record(
        channel=rng.choice(["web", "web", "email", "phone", "letter", "in_person"]),
        person=_person(rng, i),
        service=service,
        text=text,
        actor=team,
        kind=kind,
        summary=story[0] if kind == "complaint" else text[:80],
        outcomes_sought=story[2],
        received_at=clock.start_of_day(received),
    )
    if kind != "complaint":
        services.contact_triage(case=case, actor=team, kind=kind, on=received)
        return case
    if depth == "received":
        return case
    ack = cal.add_working_days(received, rng.randint(1, 3))
    if ack > today:
        return case
    officers = council.officers[code]
    first = officers[0]
    if depth == "excluded":
        services.case_exclude(
            case=case,
            actor=team,
            code="alternative_redress",
            reasons="There is a statutory right of appeal.",
            on=ack,
        )
        return case
    services.complaint_acknowledge(
        case=case,
        actor=team,
        issues=[story[1]],
        outcomes_sought=story[2],
        officer=first,
        category=_category(code, story),
        tenure=("shared_ownership" if rng.random() < 0.1 else "rented")
        if service.landlord_function
        else "",
        on=ack,
    )
    if depth == "on_hold":
        services.case_hold(case=case, actor=team, ground="under_council_investigation", on=ack)
        return case
    if depth == "withdrawn":
        services.case_withdraw(case=case, actor=team, channel="phone", on=ack)
        return case
    if depth == "acknowledged":
        return case
    if depth == "extended":
        due = case.next_deadline_on or ack
        services.stage_extend(
            case=case,
            actor=Actor.of(first),
            new_due=cal.add_working_days(due, 5),
            reason="Waiting for a specialist inspection",
            on=min(today, due),
        )
        return case
    responded = cal.add_working_days(ack, rng.randint(4, 10))
    if responded > today:
        return case
    services.stage_respond(
        case=case,
        actor=Actor.of(first),
        content=_response(case, 1, story, rng),
        root_cause=_root_cause(rng),
        on=responded,
    )
    if rng.random() < 0.3:
        services.action_add(
            case=case,
            actor=Actor.of(first),
            description="Inspect and put right",
            owner=ActionOwner(kind="staff", officer=first),
            due_on=cal.add_working_days(today, rng.randint(2, 20)),
            on=responded,
        )
    if depth == "responded" or case.process == "adult_social_care":
        if depth == "closed":
            services.case_close(case=case, actor=team, on=responded)
        return case
    asked = cal.add_working_days(responded, rng.randint(1, 15))
    if asked > today:
        return case
    services.escalation_request(case=case, actor=services.RESIDENT_ONLINE, channel="web", on=asked)
    if depth == "escalation_requested":
        return case
    second = officers[1] if len(officers) > 1 else officers[0]
    acked2 = cal.add_working_days(asked, rng.randint(1, 4))
    if acked2 > today:
        return case
    services.escalation_acknowledge(case=case, actor=team, officer=second, on=acked2)
    if case.process == "childrens_social_care":
        services.complaint_statement_agree(
            case=case,
            actor=Actor.of(second),
            issues=[story[1]],
            outcomes_sought=story[2],
            on=acked2,
        )
    if depth == "stage2":
        return case
    final = cal.add_working_days(acked2, rng.randint(8, 18))
    if final > today:
        return case
    services.stage_respond(
        case=case,
        actor=Actor.of(second),
        content=_response(case, 2, story, rng),
        root_cause=_root_cause(rng),
        on=final,
    )
    if rng.random() < 0.5:
        services.remedy_offer(
            case=case,
            actor=Actor.of(second),
            kind="financial_time_trouble",
            description="For your time and trouble",
            amount=Decimal(rng.choice([50, 100, 150, 250])),
            on=final,
        )
    services.case_close(case=case, actor=team, on=final)
    return case


def demo_build(*, cases: int = 500, seed: int = 2026) -> int:
    """Build the demo council; return the number of cases made."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    today = clock.today()
    made = 0
    with transaction.atomic():
        council = reference_data_create()
    for i in range(cases):
        try:
            with transaction.atomic():
                demo_case_create(council, rng, i, today)
            made += 1
        except PolicyError:
            # A random path that the policy refuses (e.g. a date the rules reject) is simply
            # not part of the demo: the refusal itself is the policy working.
            continue
    return made
