"""A fixed set of complaints built through the real services, and the oracle that counts
what the reports should show from the set itself, day by day (never with the code under
test)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from putright.cases import services
from putright.cases.models import Case, Category, RootCause, Service
from putright.cases.services import (
    ActionOwner,
    EvidenceFile,
    OmbudsmanFindingInput,
    OmbudsmanOrderInput,
    PersonDetails,
)
from putright.core import clock
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.cases.conftest import naive_add_working_days as add
from tests.staff.personas import Council, Persona

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
    ombudsman: str = ""
    maladministration: bool | None = None
    tenure: str = "rented"  # housing only; recorded at acknowledgement
    # A reasonable adjustment recorded on the person when the contact comes in, with its
    # review date (None: no review date set).
    adjustment: str = ""
    adjustment_review: D | None = None
    # A service improvement (its theme) recorded from the case when it is responded to, due
    # on `improvement_due` (or the day it is completed), completed on `improvement_completed`
    # (None: not yet), and linked to the cases of the specs `improvement_also` as well.
    improvement: str = ""
    improvement_due: D | None = None
    improvement_completed: D | None = None
    improvement_also: tuple[int, ...] = ()
    # The Ombudsman's determination, 30 working days after the enquiry: a finding per issue,
    # and orders as (due, complied or None), each in working days after the determination.
    findings: tuple[str, ...] = ()
    orders: tuple[tuple[int, int | None], ...] = ()

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

    @property
    def ombudsman_enquiry(self) -> D | None:
        last = self.stage2_responded or self.responded
        return add(last, 20) if self.ombudsman and last else None

    @property
    def determined(self) -> D | None:
        enquiry = self.ombudsman_enquiry
        return add(enquiry, 30) if enquiry else None

    def order_dates(self) -> list[tuple[D, D | None]]:
        """Each order's due date and the date it was complied with (or None)."""
        decided = self.determined
        if decided is None:
            return []
        return [
            (add(decided, due), add(decided, done) if done is not None else None)
            for due, done in self.orders
        ]


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
        improvement="communication",
        improvement_completed=D(2025, 9, 15),
        findings=("severe_maladministration", "service_failure"),
        orders=((20, 15), (40, None)),
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
        # Linked to another housing case and to a waste (corporate) case too; overdue by the
        # end of the year.
        improvement="staff_conduct",
        improvement_due=D(2026, 3, 2),
        improvement_also=(5, 8),
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
        improvement="timeliness",
        improvement_completed=D(2025, 10, 20),
        # The waste case of 3 April is behind the housing improvement above as well.
        improvement_also=(8,),
    ),
    Spec("waste", D(2025, 9, 1), excluded="alternative_redress"),
    Spec(
        "waste",
        D(2025, 11, 3),
        channel="letter",
        category="communication",
        ack_after=5,
        respond_after=10,
        improvement="communication",
        improvement_completed=D(2026, 4, 20),  # after the year
        improvement_also=(8,),  # behind the waste improvement of June as well
    ),
    Spec("waste", D(2026, 4, 2), category="waste-missed"),  # after the year
]


# Each improvement's description, by the spec it is recorded from.
IMPROVEMENT_TEXT = {
    4: "Tell residents when a survey is booked",
    6: "Refresher training on respectful contact",
    9: "Book missed collections for the next working day",
    11: "Tell residents when a collection round changes",
}


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
    # Improvements are recorded once every case exists, so one can link any of them.
    later: list[tuple[int, Case, Service, Persona, D]] = []
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
        if spec.improvement:
            later.append((i, case, service, first, responded))
        if spec.ombudsman:
            found = services.ombudsman_case_open(
                case=case,
                actor=team,
                ombudsman=spec.ombudsman,
                enquiry_received_on=add(spec.stage2_responded or responded, 20),
            )
            if not spec.findings:
                found.determined_on = add(found.enquiry_received_on, 30)
                found.maladministration_found = spec.maladministration
                found.save()
                continue
            case.refresh_from_db()
            services.ombudsman_determination_record(
                case=case,
                actor=team,
                ombudsman_case=found,
                determined_on=spec.determined,
                determination="The Ombudsman's determination.",
                findings=[
                    OmbudsmanFindingInput(f"Issue {n}", f) for n, f in enumerate(spec.findings)
                ],
                orders=[
                    OmbudsmanOrderInput(f"Order {n}", due)
                    for n, (due, _) in enumerate(spec.order_dates())
                ],
            )
            for order, (_, complied) in zip(
                found.orders.order_by("due_on", "id"), spec.order_dates(), strict=True
            ):
                if complied is not None:
                    case.refresh_from_db()
                    services.ombudsman_order_comply(
                        case=case,
                        actor=team,
                        order=order,
                        evidence="Paid",
                        uploads=(
                            EvidenceFile(
                                "paid.pdf", "application/pdf", 8, ContentFile(b"%PDF-1.4")
                            ),
                        ),
                        on=complied,
                    )
    for i, case, service, first, responded in later:
        spec = SPECS[i]
        # As the learning screen records it: the case's own service, the case first.
        improvement = services.improvement_record(
            cases=[case, *(made[j] for j in spec.improvement_also)],
            actor=first.actor,
            service=service,
            theme=spec.improvement,
            description=IMPROVEMENT_TEXT[i],
            owner=first.officer,
            due_on=spec.improvement_due or spec.improvement_completed or responded,
            on=responded,
        )
        if spec.improvement_completed is not None:
            services.improvement_complete(
                improvement=improvement,
                actor=first.actor,
                note="Done",
                on=spec.improvement_completed,
            )
    return made


def in_year(day: D | None) -> bool:
    return day is not None and YEAR[0] <= day <= YEAR[1]


# ---------------------------------------------------------------------------------------
# The oracle for any period: walk the calendar one day at a time and count what the specs
# say happened on that day (the annual report's year, the governance pack's quarters).

SERVICE_NAMES = {"housing": "Housing repairs", "waste": "Waste and recycling"}
PROCESS_NAMES = {"housing": "Housing (landlord) complaints", "corporate": "Corporate complaints"}
Q2 = (D(2025, 7, 1), D(2025, 9, 30))  # quarter 2 of 2025 to 2026
Q3 = (D(2025, 10, 1), D(2025, 12, 31))  # quarter 3 of 2025 to 2026


def days(period: tuple[D, D]) -> list[D]:
    first, last = period
    return [first + dt.timedelta(n) for n in range((last - first).days + 1)]


@dataclass
class Counted:
    """What happened in a period, counted day by day from the specs."""

    received: dict[str, int]  # by service name, and "All"
    acknowledged: dict[str, list[int]]  # "process, stage n": [acknowledged, within 5 days]
    responded: dict[str, list[int]]  # [responses, within target, within date agreed]
    escalation: dict[str, list[int]]  # process name: [stage 1 responses, escalated]
    outcomes: dict[tuple[str, str], int]  # ("service, stage n", decision): responses
    refused: dict[str, int]  # exclusion code: cases
    improvements: int  # service improvements completed
    findings: dict[str, int]  # finding: issues determined
    determinations: int
    orders: list[int]  # due, complied by the due date, late, not yet, overdue today (any)


@dataclass(frozen=True)
class Improvement:
    """A service improvement of the set, as the specs say it was recorded."""

    spec: int  # the case it was recorded from (its index in SPECS)
    theme: str
    service: str  # the recording case's service: "housing" or "waste"
    recorded: D
    due: D
    completed: D | None
    cases: tuple[int, ...]  # every linked case (indexes in SPECS)
    text: str


def improvements() -> list[Improvement]:
    found = []
    for i, s in enumerate(SPECS):
        if s.improvement and s.responded is not None:
            due = s.improvement_due or s.improvement_completed or s.responded
            found.append(
                Improvement(
                    spec=i,
                    theme=s.improvement,
                    service=s.service,
                    recorded=s.responded,
                    due=due,
                    completed=s.improvement_completed,
                    cases=(i, *s.improvement_also),
                    text=IMPROVEMENT_TEXT[i],
                )
            )
    return found


def learning(
    period: tuple[D, D], *, by: str, service: str = "", process: str = ""
) -> dict[str, list[int]]:
    """Service improvements counted day by day: by "service" (its name), "theme" (its code)
    or "all", [recorded in the period, complaints behind those, completed in the period].
    A service filter keeps the improvements of that service; a process filter those with a
    case of that process. The complaints behind are the linked cases within the filter,
    each once per row however many improvements it is behind."""

    def case_in(index: int) -> bool:
        spec = SPECS[index]
        return (not service or spec.service == service) and (not process or spec.process == process)

    rows: dict[str, list[int]] = {}
    behind: dict[str, set[int]] = {}
    found = improvements()
    for day in days(period):
        for imp in found:
            if service and imp.service != service:
                continue
            if process and not any(SPECS[c].process == process for c in imp.cases):
                continue
            key = {"service": SERVICE_NAMES[imp.service], "theme": imp.theme, "all": "All"}[by]
            if imp.recorded == day:
                rows.setdefault(key, [0, 0, 0])[0] += 1
                behind.setdefault(key, set()).update(c for c in imp.cases if case_in(c))
            if imp.completed == day:
                rows.setdefault(key, [0, 0, 0])[2] += 1
    for key, row in rows.items():
        row[1] = len(behind.get(key, set()))
    return rows


def improvement_state(imp: Improvement, today: D) -> str:
    """What the learning log says of it today: complete once its completion is recorded."""
    if imp.completed is not None:
        return "Complete"
    return "Overdue" if imp.due < today else "Due"


def _add(found: dict[Any, list[int]], key: Any, *flags: bool) -> None:
    row = found.setdefault(key, [0] * (1 + len(flags)))
    row[0] += 1
    for i, flag in enumerate(flags, 1):
        row[i] += flag


def count(period: tuple[D, D], today: D) -> Counted:
    received: dict[str, int] = {}
    acknowledged: dict[str, list[int]] = {}
    responded: dict[str, list[int]] = {}
    escalation: dict[str, list[int]] = {}
    outcomes: dict[tuple[str, str], int] = {}
    refused: dict[str, int] = {}
    findings: dict[str, int] = {}
    improvements = determinations = 0
    orders = [0, 0, 0, 0, 0]
    for day in days(period):
        for s in SPECS:
            service, process = SERVICE_NAMES[s.service], PROCESS_NAMES[s.process]
            if s.received == day:
                received[service] = received.get(service, 0) + 1
                received["All"] = received.get("All", 0) + 1
                if s.excluded:
                    refused[s.excluded] = refused.get(s.excluded, 0) + 1
            if s.acknowledged == day:
                _add(acknowledged, f"{process}, stage 1", (s.ack_after or 0) <= 5)
            if s.stage2_acknowledged == day:
                _add(acknowledged, f"{process}, stage 2", True)  # 2 working days after
            if s.responded == day:
                assert s.target and s.agreed
                _add(responded, f"{process}, stage 1", day <= s.target, day <= s.agreed)
                _add(escalation, process, s.escalate)
                key = (f"{service}, stage 1", s.decision)
                outcomes[key] = outcomes.get(key, 0) + 1
            if s.stage2_responded == day:
                within = (s.stage2_respond_after or 0) <= 20  # stage 2: 20 working days
                _add(responded, f"{process}, stage 2", within, within)
                key = (f"{service}, stage 2", s.decision)
                outcomes[key] = outcomes.get(key, 0) + 1
            if s.improvement_completed == day:
                improvements += 1
            if s.findings and s.determined == day:
                determinations += 1
                for finding in s.findings:
                    findings[finding] = findings.get(finding, 0) + 1
            for due, complied in s.order_dates():
                if due == day:
                    orders[0] += 1
                    orders[1] += complied is not None and complied <= due
                    orders[2] += complied is not None and complied > due
                    orders[3] += complied is None
    orders[4] = sum(
        1 for s in SPECS for due, complied in s.order_dates() if complied is None and due < today
    )
    return Counted(
        received=received,
        acknowledged=acknowledged,
        responded=responded,
        escalation=escalation,
        outcomes=outcomes,
        refused=refused,
        improvements=improvements,
        findings=findings,
        determinations=determinations,
        orders=orders,
    )
