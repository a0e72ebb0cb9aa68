"""A fixed set of complaints built through the real services, and the oracle that counts
what the reports should show from the set itself, day by day (never with the code under
test)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from putright.cases import services
from putright.cases.models import Case, Category, RootCause
from putright.cases.services import ActionOwner, PersonDetails
from putright.core import clock
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.cases.conftest import naive_add_working_days as add
from tests.staff.personas import Council

D = dt.date
YEAR = (D(2025, 4, 1), D(2026, 3, 31))  # financial year 2025 to 2026


@dataclass(frozen=True)
class Spec:
    """One complaint: working days are counted by the oracle from the previous event."""

    service: str  # "housing" or "waste"
    received: D
    channel: str = "phone"
    category: str = ""
    ack_after: int | None = 3  # working days after receipt; None: never acknowledged
    respond_after: int | None = 8  # working days after acknowledgement
    extend_to_after: int | None = None  # extension: new due, working days after ack
    decision: str = "upheld"
    root_cause: str = ""
    escalate: bool = False
    stage2_respond_after: int | None = None  # working days after the stage 2 acknowledgement
    remedy: Decimal | None = None
    remedy_paid: bool = False
    excluded: str = ""
    action_due: D | None = None
    learning: bool = False
    ombudsman: str = ""
    maladministration: bool | None = None
    tenure: str = "rented"  # housing only; recorded at acknowledgement
    # A reasonable adjustment recorded on the person when the contact comes in, with its
    # review date (None: no review date set).
    adjustment: str = ""
    adjustment_review: D | None = None

    @property
    def process(self) -> str:
        return "housing" if self.service == "housing" else "corporate"

    @property
    def acknowledged(self) -> D | None:
        return (
            None if self.ack_after is None or self.excluded else add(self.received, self.ack_after)
        )

    @property
    def responded(self) -> D | None:
        ack = self.acknowledged
        return None if ack is None or self.respond_after is None else add(ack, self.respond_after)

    @property
    def target(self) -> D | None:
        ack = self.acknowledged
        return None if ack is None else add(ack, 10)  # stage 1: 10 working days (both)

    @property
    def agreed(self) -> D | None:
        ack = self.acknowledged
        if ack is None:
            return None
        return add(ack, self.extend_to_after) if self.extend_to_after else self.target

    @property
    def escalation_requested(self) -> D | None:
        return add(self.responded, 2) if self.escalate and self.responded else None

    @property
    def stage2_acknowledged(self) -> D | None:
        asked = self.escalation_requested
        return add(asked, 2) if asked else None

    @property
    def stage2_responded(self) -> D | None:
        ack = self.stage2_acknowledged
        if ack is None or self.stage2_respond_after is None:
            return None
        return add(ack, self.stage2_respond_after)


SPECS = [
    Spec(  # before the year
        "housing",
        D(2025, 3, 20),
        category="repairs-damp-mould",
        adjustment="audio",
        adjustment_review=D(2025, 6, 1),
    ),
    Spec(
        "housing",
        D(2025, 4, 1),
        category="repairs-damp-mould",
        root_cause="delay",
        adjustment="braille",
    ),
    Spec(
        "housing",
        D(2025, 4, 14),
        channel="email",
        category="repairs-heating",
        ack_after=7,
        decision="partly_upheld",
        remedy=Decimal("150.00"),
        remedy_paid=True,
        adjustment="large_print",
        adjustment_review=D(2026, 6, 1),
    ),
    Spec(
        "housing",
        D(2025, 5, 6),
        channel="letter",
        category="asb-noise",
        respond_after=14,
        extend_to_after=15,
        decision="not_upheld",
        root_cause="no-fault-found",
    ),
    Spec(
        "housing",
        D(2025, 5, 28),
        category="repairs-damp-mould",
        respond_after=12,
        escalate=True,
        stage2_respond_after=18,
        remedy=Decimal("250.00"),
        ombudsman="housing_ombudsman",
        maladministration=True,
        learning=True,
    ),
    Spec(
        "housing", D(2025, 7, 2), channel="in_person", respond_after=None, action_due=D(2025, 8, 1)
    ),
    Spec(
        "housing",
        D(2025, 12, 22),
        category="staff-conduct",
        ack_after=6,
        respond_after=9,
        escalate=True,
        stage2_respond_after=25,
        root_cause="staff-behaviour",
        adjustment="interpreter",
        adjustment_review=D(2026, 1, 15),
    ),
    Spec("housing", D(2026, 3, 31), ack_after=None, respond_after=None),
    Spec("waste", D(2025, 4, 3), category="waste-missed", decision="not_upheld"),
    Spec(
        "waste",
        D(2025, 6, 10),
        channel="email",
        category="waste-missed",
        respond_after=11,
        root_cause="delay",
        escalate=True,
        stage2_respond_after=None,
    ),
    Spec("waste", D(2025, 9, 1), excluded="alternative_redress"),
    Spec(
        "waste",
        D(2025, 11, 3),
        channel="letter",
        category="communication",
        ack_after=5,
        respond_after=10,
        learning=True,
    ),
    Spec("waste", D(2026, 4, 2), category="waste-missed"),  # after the year
]


def response(case: Case, stage: int, decision: str, final: bool) -> ResponseContent:
    return ResponseContent(
        stage=stage,
        complaint_definition="The complaint as defined.",
        decision=Decision(decision),
        issues=(IssueDecision("The issue", Decision(decision), "What we found."),),
        reasons="Our policy.",
        remedies=("An apology",),
        no_outstanding_actions=True,
        how_to_escalate="Ask the Ombudsman." if final else "Ask for stage 2.",
        ombudsman=case.ombudsman if final else "",
    )


def build(council: Council) -> list[Case]:
    """Every spec as a case, through the services that officers' screens call."""
    team = council["complaints"].actor
    made = []
    for i, spec in enumerate(SPECS):
        service = council.housing if spec.service == "housing" else council.waste
        first = council["priya"] if spec.service == "housing" else council["sam"]
        second = council["tom"] if spec.service == "housing" else council["complaints"]
        case = services.contact_record(
            channel=spec.channel,
            person=PersonDetails(
                name=f"Resident {i}", email=f"r{i}@example.org", is_tenant_or_leaseholder=True
            ),
            service=service,
            text="Something went wrong.",
            actor=team,
            kind="complaint",
            received_at=clock.start_of_day(spec.received),
        )
        made.append(case)
        if spec.adjustment:
            services.adjustment_add(
                case=case,
                actor=team,
                kind=spec.adjustment,
                detail="Polish" if spec.adjustment == "interpreter" else "",
                review_on=spec.adjustment_review,
            )
        if spec.excluded:
            services.case_exclude(
                case=case, actor=team, code=spec.excluded, reasons="Appeal", on=spec.received
            )
            continue
        ack = spec.acknowledged
        if ack is None:
            continue
        services.complaint_acknowledge(
            case=case,
            actor=team,
            issues=["The issue"],
            outcomes_sought="Put right",
            officer=first.officer,
            category=Category.objects.filter(code=spec.category).first(),
            tenure=spec.tenure if spec.service == "housing" else "",
            on=ack,
        )
        if spec.extend_to_after:
            services.stage_extend(
                case=case,
                actor=first.actor,
                new_due=add(ack, spec.extend_to_after),
                reason="Waiting for a survey",
                on=add(ack, 5),
            )
        responded = spec.responded
        if spec.action_due is not None:
            services.action_add(
                case=case,
                actor=first.actor,
                description="Inspect",
                owner=ActionOwner(kind="staff", officer=first.officer),
                due_on=spec.action_due,
                on=add(ack, 1),
            )
        if responded is None:
            continue
        services.stage_respond(
            case=case,
            actor=first.actor,
            content=response(case, 1, spec.decision, final=False),
            root_cause=RootCause.objects.filter(code=spec.root_cause).first(),
            on=responded,
        )
        if spec.remedy is not None:
            remedy = services.remedy_offer(
                case=case,
                actor=first.actor,
                kind="financial_time_trouble",
                description="Time and trouble",
                amount=spec.remedy,
                on=responded,
            )
            if spec.remedy_paid:
                services.remedy_update(
                    case=case, actor=first.actor, remedy=remedy, state="accepted", on=responded
                )
                services.remedy_update(
                    case=case, actor=first.actor, remedy=remedy, state="delivered", on=responded
                )
        if spec.learning:
            services.learning_add(
                case=case, actor=first.actor, lesson="Book surveys at once", on=responded
            )
        if spec.escalate:
            services.escalation_request(
                case=case,
                actor=services.RESIDENT_ONLINE,
                channel="web",
                on=spec.escalation_requested,
            )
            services.escalation_acknowledge(
                case=case, actor=team, officer=second.officer, on=spec.stage2_acknowledged
            )
            if spec.stage2_responded is not None:
                services.stage_respond(
                    case=case,
                    actor=second.actor,
                    content=response(case, 2, spec.decision, final=True),
                    on=spec.stage2_responded,
                )
        if spec.ombudsman:
            found = services.ombudsman_case_open(
                case=case,
                actor=team,
                ombudsman=spec.ombudsman,
                enquiry_received_on=add(spec.stage2_responded or responded, 20),
            )
            found.determined_on = add(found.enquiry_received_on, 30)
            found.maladministration_found = spec.maladministration
            found.save()
    return made


def in_year(day: D | None) -> bool:
    return day is not None and YEAR[0] <= day <= YEAR[1]
