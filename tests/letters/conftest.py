"""Letters: personas, cases built through the services, and readers of the PDFs made.

Every case is taken to the point of its letter through putright.cases.services and the
letters' workflow wrappers, never by writing rows directly. `pdfinfo` and `pdftotext`
(poppler-utils, installed by `make letter-deps`) read what a person would receive.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from putright.cases import services
from putright.cases.models import Case, LetterContact, Officer, Service
from putright.cases.services import Actor, PersonDetails
from putright.letters import workflows
from putright.letters.models import IssuedLetter
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the case tests
    adults,
    at,
    childrens,
    complaints_team,
    council_tax,
    housing_repairs,
    independent_officer,
    naive_add_working_days,
    stage1_officer,
    stage2_officer,
)
from tests.cases.factories import OfficerFactory

D = dt.date
RECEIVED = D(2026, 11, 2)
ISSUES = ["Black mould in the bedroom, reported in March", "The call handler was rude to me"]
OUTCOMES = "The mould treated and an apology"
# Everyone who handles the cases below: no default letter may name any of them.
STAFF_NAMES = ("Priya Shah", "Tom Okafor", "Peter Wood", "Jess Walker", "Ian Fletcher")


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def full_response(stage: int, *, ombudsman: str = "") -> ResponseContent:
    """A response with every item (a)-(g), each worded so a test can find it."""
    return ResponseContent(
        stage=stage,
        complaint_definition="The bedroom mould was not treated after the March report.",
        decision=Decision.PARTLY_UPHELD,
        issues=(
            IssueDecision(ISSUES[0], Decision.UPHELD, "No surveyor visited within 10 days."),
            IssueDecision(ISSUES[1], Decision.NOT_UPHELD, "The call recording was polite."),
        ),
        reasons="Our repairs policy says a surveyor inspects damp within 10 working days.",
        remedies=("An apology for the delay", "£150 for time and trouble"),
        outstanding_actions=("A mould wash and anti-fungal paint by 30 December 2026",),
        how_to_escalate="Reply to this letter to ask for the next stage."
        if not ombudsman
        else "Contact the Ombudsman within 12 months of this letter.",
        ombudsman=ombudsman,
    )


@pytest.fixture(autouse=True)
def letter_contact(db: None) -> LetterContact:
    return LetterContact.objects.create(
        name="Customer Feedback Team",
        address="Civic Offices\n1 Market Square\nNorthfield NF1 1AA",
        phone="01234 567890",
        email="feedback@northfield.example.gov.uk",
    )


@pytest.fixture
def new_case(complaints_team: Actor) -> Callable[..., Case]:  # noqa: F811
    def make(service: Service, received: dt.date, **kwargs: Any) -> Case:
        person = kwargs.pop(
            "person",
            PersonDetails(
                name="Margaret Wilson",
                email="margaret.wilson@example.org",
                address="12 Elm Road\nNorthfield",
                postcode="NF2 3CD",
                is_tenant_or_leaseholder=True,
            ),
        )
        return services.contact_record(
            channel="web",
            person=person,
            service=service,
            text=kwargs.pop("text", "Black mould in the bedroom, reported in March, not fixed."),
            actor=complaints_team,
            received_at=at(received),
            **kwargs,
        )

    return make


# ---------------------------------------------------------------------------------------
# Reading PDFs as a person would


def pdf_info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        ["pdfinfo", str(path)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def squash(text: str) -> str:
    """Text with every run of white space as one space: a PDF wraps lines anywhere."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Each kind of letter, reached through the services


@dataclass
class Issued:
    letter: IssuedLetter
    must_say: list[str] = field(default_factory=list)


@dataclass
class Council:
    """The people and services the journeys below use."""

    team: Actor
    housing: Service
    corporate: Service
    childrens: Service
    adults: Service
    stage1: Officer
    stage2: Officer
    independent: Officer
    new_case: Callable[..., Case]

    def acknowledged(self, service: Service, received: dt.date = RECEIVED) -> Case:
        case = self.new_case(service, received)
        services.complaint_acknowledge(
            case=case,
            actor=self.team,
            issues=ISSUES,
            outcomes_sought=OUTCOMES,
            officer=self.stage1,
            on=received + dt.timedelta(days=2),
        )
        return case

    def responded(self, service: Service, ombudsman: str = "") -> Case:
        case = self.acknowledged(service)
        services.stage_respond(
            case=case,
            actor=Actor.of(self.stage1),
            content=full_response(1, ombudsman=ombudsman),
            on=D(2026, 11, 16),
        )
        return case

    def escalation_requested(self, service: Service) -> Case:
        case = self.responded(service)
        services.escalation_request(
            case=case, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 20)
        )
        return case


@pytest.fixture
def council(
    complaints_team: Actor,  # noqa: F811
    housing_repairs: Service,  # noqa: F811
    council_tax: Service,  # noqa: F811
    childrens: Service,  # noqa: F811
    adults: Service,  # noqa: F811
    stage1_officer: Officer,  # noqa: F811
    stage2_officer: Officer,  # noqa: F811
    independent_officer: Officer,  # noqa: F811
    new_case: Callable[..., Case],
) -> Council:
    return Council(
        team=complaints_team,
        housing=housing_repairs,
        corporate=council_tax,
        childrens=childrens,
        adults=adults,
        stage1=stage1_officer,
        stage2=stage2_officer,
        independent=independent_officer,
        new_case=new_case,
    )


HOUSING_OMBUDSMAN = ["Housing Ombudsman Service", "0300 111 3000", "www.housing-ombudsman.org.uk"]
LGSCO = ["Local Government and Social Care Ombudsman", "0300 061 0614", "www.lgo.org.uk"]
# Items (a)-(g) of full_response, as a person reads them.
RESPONSE_ITEMS = [
    "The bedroom mould was not treated after the March report.",  # (b)
    ISSUES[0],
    ISSUES[1],
    "Partly upheld",  # (c) overall
    "Upheld",  # (c) per issue
    "Not upheld",
    "No surveyor visited within 10 days.",  # (d) per issue
    "Our repairs policy says a surveyor inspects damp within 10 working days.",  # (d)
    "An apology for the delay",  # (e)
    "£150 for time and trouble",
    "A mould wash and anti-fungal paint by 30 December 2026",  # (f)
]
RESPONSE_HEADINGS = [
    "The complaint",
    "How I considered it",
    "What happened",
    "My findings",
    "Agreed actions",
]


def issue_acknowledgement(c: Council) -> Issued:
    case = c.new_case(c.housing, D(2026, 11, 2))
    letter = workflows.acknowledge_and_issue(
        case=case,
        actor=c.team,
        issues=ISSUES,
        outcomes_sought=OUTCOMES,
        officer=c.stage1,
        on=D(2026, 11, 4),
    )
    return Issued(letter, [*ISSUES, long_date(naive_add_working_days(D(2026, 11, 4), 10))])


def issue_acknowledgement_delay(c: Council) -> Issued:
    case = c.new_case(c.housing, D(2026, 11, 2))
    letter = workflows.acknowledge_and_issue(
        case=case,
        actor=c.team,
        issues=ISSUES,
        outcomes_sought=OUTCOMES,
        officer=c.stage1,
        expected_delay="We need a specialist damp survey before we can decide.",
        on=D(2026, 11, 4),
    )
    return Issued(
        letter,
        [
            *ISSUES,
            "18 November 2026",
            "may take longer than this",
            "We need a specialist damp survey before we can decide.",
        ],
    )


def issue_extension_notice(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    letter = workflows.extend_and_issue(
        case=case,
        actor=Actor.of(c.stage1),
        new_due=D(2026, 12, 2),
        reason="A specialist damp survey is needed first.",
        on=D(2026, 11, 16),
    )
    return Issued(
        letter, ["2 December 2026", "A specialist damp survey is needed first.", *HOUSING_OMBUDSMAN]
    )


def issue_stage1_response(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    letter = workflows.respond_and_issue(
        case=case,
        actor=Actor.of(c.stage1),
        content=full_response(1),
        how_considered="I visited your home and read the repairs log.",
        what_happened="You reported mould on 3 March; no survey was booked.",
        on=D(2026, 11, 16),
    )
    escalate_by = long_date(naive_add_working_days(D(2026, 11, 16), 20))
    return Issued(
        letter,
        [
            "Stage 1",  # (a)
            *RESPONSE_ITEMS,
            "Reply to this letter to ask for the next stage.",  # (g)
            "next stage of our complaints procedure: Stage 2",
            escalate_by,
            "You do not have to give reasons",
            "I visited your home and read the repairs log.",
            "You reported mould on 3 March; no survey was booked.",
            *RESPONSE_HEADINGS,
        ],
    )


def issue_escalation_acknowledgement(c: Council) -> Issued:
    case = c.escalation_requested(c.corporate)
    letter = workflows.escalation_acknowledge_and_issue(
        case=case, actor=c.team, officer=c.stage2, on=D(2026, 11, 24)
    )
    return Issued(
        letter,
        [
            "20 November 2026",
            "Stage 2",
            long_date(naive_add_working_days(D(2026, 11, 24), 20)),
            "You do not have to tell us why",
        ],
    )


def _stage2_response(c: Council, service: Service, ombudsman: str) -> IssuedLetter:
    case = c.escalation_requested(service)
    services.escalation_acknowledge(case=case, actor=c.team, officer=c.stage2, on=D(2026, 11, 24))
    return workflows.respond_and_issue(
        case=case,
        actor=Actor.of(c.stage2),
        content=full_response(2, ombudsman=ombudsman),
        on=D(2026, 12, 18),
    )


def issue_stage2_response(c: Council) -> Issued:
    letter = _stage2_response(c, c.corporate, "lgsco")
    return Issued(
        letter,
        [
            "Stage 2",
            "final response",
            *RESPONSE_ITEMS,
            "Contact the Ombudsman within 12 months of this letter.",
            *LGSCO,
            *RESPONSE_HEADINGS,
        ],
    )


def issue_housing_stage2_response(c: Council) -> Issued:
    letter = _stage2_response(c, c.housing, "housing_ombudsman")
    return Issued(letter, ["final response", *RESPONSE_ITEMS, *HOUSING_OMBUDSMAN])


def _childrens_at_stage2(c: Council) -> Case:
    case = c.responded(c.childrens)
    services.escalation_request(
        case=case, actor=services.RESIDENT_ONLINE, channel="phone", on=D(2026, 11, 20)
    )
    return case


def issue_childrens_stage2_response(c: Council) -> Issued:
    case = _childrens_at_stage2(c)
    services.escalation_acknowledge(
        case=case, actor=c.team, officer=c.independent, on=D(2026, 11, 24)
    )
    services.complaint_statement_agree(
        case=case,
        actor=Actor.of(c.independent),
        issues=ISSUES,
        outcomes_sought=OUTCOMES,
        on=D(2026, 12, 1),
    )
    letter = workflows.respond_and_issue(
        case=case, actor=Actor.of(c.independent), content=full_response(2), on=D(2026, 12, 21)
    )
    return Issued(
        letter,
        [
            "Stage 2: investigation",
            *RESPONSE_ITEMS,
            "Reply to this letter to ask for the next stage.",
            "Stage 3: review panel",
            long_date(naive_add_working_days(D(2026, 12, 21), 20)),
            *RESPONSE_HEADINGS,
        ],
    )


def _childrens_at_stage3(c: Council) -> Case:
    case = _childrens_at_stage2(c)
    services.escalation_acknowledge(
        case=case, actor=c.team, officer=c.independent, on=D(2026, 11, 24)
    )
    services.complaint_statement_agree(
        case=case,
        actor=Actor.of(c.independent),
        issues=ISSUES,
        outcomes_sought=OUTCOMES,
        on=D(2026, 12, 1),
    )
    services.stage_respond(
        case=case, actor=Actor.of(c.independent), content=full_response(2), on=D(2026, 12, 21)
    )
    services.escalation_request(
        case=case, actor=services.RESIDENT_ONLINE, channel="letter", on=D(2027, 1, 6)
    )
    return case


def _panel_chair() -> Officer:
    return OfficerFactory(name="Ian Fletcher", job_title="Independent chair", is_independent=True)


def issue_panel_request_acknowledgement(c: Council) -> Issued:
    case = _childrens_at_stage3(c)
    letter = workflows.escalation_acknowledge_and_issue(
        case=case, actor=c.team, officer=_panel_chair(), on=D(2027, 1, 7)
    )
    return Issued(
        letter,
        [
            "6 January 2027",
            "Stage 3: review panel",
            long_date(naive_add_working_days(D(2027, 1, 6), 30)),
            "independent chair",
        ],
    )


def issue_panel_invitation(c: Council) -> Issued:
    case = _childrens_at_stage3(c)
    chair = _panel_chair()
    services.escalation_acknowledge(case=case, actor=c.team, officer=chair, on=D(2027, 1, 7))
    persons = (
        OfficerFactory(name="Asha Verma", is_independent=True),
        OfficerFactory(name="Colin Reid", is_independent=True),
    )
    letter = workflows.panel_arrange_and_issue(
        case=case,
        actor=c.team,
        chair=chair,
        persons=persons,
        panel_on=D(2027, 2, 10),
        on=D(2027, 1, 12),
    )
    return Issued(letter, ["10 February 2027", "Ian Fletcher", "Asha Verma", "Colin Reid"])


def _panel_held(c: Council) -> Case:
    case = _childrens_at_stage3(c)
    services.escalation_acknowledge(
        case=case, actor=c.team, officer=_panel_chair(), on=D(2027, 1, 7)
    )
    services.panel_held_record(case=case, actor=c.team, on=D(2027, 2, 10))
    return case


FINDINGS = "The panel recommends a named social worker for at least a year."


def issue_panel_findings(c: Council) -> Issued:
    case = _panel_held(c)
    letter = workflows.panel_findings_and_issue(
        case=case, actor=c.team, findings=FINDINGS, on=D(2027, 2, 15)
    )
    return Issued(
        letter,
        [FINDINGS, "10 February 2027", long_date(naive_add_working_days(D(2027, 2, 15), 15))],
    )


def issue_panel_response(c: Council) -> Issued:
    case = _panel_held(c)
    services.panel_findings_record(case=case, actor=c.team, findings=FINDINGS, on=D(2027, 2, 15))
    letter = workflows.respond_and_issue(
        case=case, actor=c.team, content=full_response(3, ombudsman="lgsco"), on=D(2027, 3, 1)
    )
    return Issued(
        letter,
        ["Stage 3: review panel", "final response", FINDINGS, *RESPONSE_ITEMS, *LGSCO],
    )


def issue_adult_social_care_response(c: Council) -> Issued:
    case = c.acknowledged(c.adults, received=D(2026, 11, 2))
    services.response_plan_agree(
        case=case,
        actor=Actor.of(c.stage1),
        respond_by=D(2026, 12, 11),
        how_handled="A meeting with the care provider, then a written response",
        on=D(2026, 11, 9),
    )
    letter = workflows.respond_and_issue(
        case=case,
        actor=Actor.of(c.stage1),
        content=full_response(1, ombudsman="lgsco"),
        on=D(2026, 12, 9),
    )
    return Issued(letter, ["Single stage", "final response", *RESPONSE_ITEMS, *LGSCO])


def issue_exclusion_notice(c: Council) -> Issued:
    case = c.new_case(c.housing, D(2026, 11, 2))
    letter = workflows.exclude_and_issue(
        case=case,
        actor=c.team,
        code="financial_claim",
        reasons="You asked us to pay £2,000 for a carpet damaged by the leak.",
        on=D(2026, 11, 4),
    )
    return Issued(
        letter,
        [
            "A claim for compensation for loss, damage or injury",
            "are handled by our insurance team",
            "Our insurance claims team.",
            "You asked us to pay £2,000 for a carpet damaged by the leak.",
            *HOUSING_OMBUDSMAN,
        ],
    )


def issue_hold_notice(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    letter = workflows.exclude_and_issue(
        case=case,
        actor=c.team,
        code="under_council_investigation",
        reasons="Our tenancy fraud team is investigating the same matter.",
        on=D(2026, 11, 9),
    )
    return Issued(
        letter,
        [
            "on hold",
            "Under investigation or prosecution by the council",
            "Our tenancy fraud team is investigating the same matter.",
            *HOUSING_OMBUDSMAN,
        ],
    )


def issue_escalation_refused(c: Council) -> Issued:
    case = c.escalation_requested(c.corporate)
    letter = workflows.escalation_refuse_and_issue(
        case=case,
        actor=c.team,
        ground="decided_by_court",
        reasons="The county court decided the council tax liability on 1 October 2026.",
        on=D(2026, 11, 24),
    )
    return Issued(
        letter,
        [
            "Stage 2",
            "Already decided by a court or tribunal",
            "A court or tribunal has already decided this matter",
            "Legal advice about appealing",
            "The county court decided the council tax liability on 1 October 2026.",
            *LGSCO,
        ],
    )


def issue_withdrawal_acknowledgement(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    letter = workflows.withdraw_and_issue(
        case=case, actor=c.team, channel="phone", on=D(2026, 11, 10)
    )
    return Issued(letter, ["the complaint was withdrawn on 10 November 2026"])


def issue_restriction_notice(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    letter = workflows.restriction_impose_and_issue(
        case=case,
        actor=c.team,
        restriction="Please contact us by email only.",
        reason="Repeated abusive phone calls to staff.",
        scope="phone",
        starts_on=D(2026, 11, 10),
        review_on=D(2027, 2, 10),
    )
    return Issued(
        letter,
        [
            "Please contact us by email only.",
            "Repeated abusive phone calls to staff.",
            "10 February 2027",
            "You can ask us to review it sooner",
        ],
    )


def _feedback(c: Council, kind: str, text: str) -> IssuedLetter:
    case = c.new_case(c.corporate, D(2026, 11, 2), kind=kind, text=text)
    return workflows.feedback_triage_and_thank(
        case=case, actor=c.team, kind=kind, on=D(2026, 11, 3)
    )


def issue_comment_thanks(c: Council) -> Issued:
    text = "The new council tax app would be better with reminders."
    return Issued(
        _feedback(c, "comment", text), [text, "Council tax", "Thank you for your comment"]
    )


def issue_compliment_thanks(c: Council) -> Issued:
    text = "The council tax team sorted my account in one call."
    return Issued(
        _feedback(c, "compliment", text), [text, "Council tax", "Thank you for taking the time"]
    )


def issue_action_update(c: Council) -> Issued:
    case = c.acknowledged(c.housing)
    action = services.action_add(
        case=case,
        actor=c.team,
        description="Replace the bathroom extractor fan",
        owner=services.ActionOwner(kind="staff", name="Repairs team"),
        due_on=D(2026, 11, 30),
        on=D(2026, 11, 5),
    )
    letter = workflows.action_update_and_tell(
        case=case, actor=c.team, action=action, text="The fan is ordered.", on=D(2026, 11, 10)
    )
    return Issued(letter, ["Replace the bathroom extractor fan", "The fan is ordered."])


ISSUERS: dict[str, Callable[[Council], Issued]] = {
    "restriction_notice": issue_restriction_notice,
    "acknowledgement": issue_acknowledgement,
    "acknowledgement_delay": issue_acknowledgement_delay,
    "escalation_acknowledgement": issue_escalation_acknowledgement,
    "extension_notice": issue_extension_notice,
    "stage1_response": issue_stage1_response,
    "stage2_response": issue_stage2_response,
    "childrens_stage2_response": issue_childrens_stage2_response,
    "panel_request_acknowledgement": issue_panel_request_acknowledgement,
    "panel_findings": issue_panel_findings,
    "panel_invitation": issue_panel_invitation,
    "panel_response": issue_panel_response,
    "adult_social_care_response": issue_adult_social_care_response,
    "exclusion_notice": issue_exclusion_notice,
    "hold_notice": issue_hold_notice,
    "escalation_refused": issue_escalation_refused,
    "withdrawal_acknowledgement": issue_withdrawal_acknowledgement,
    "comment_thanks": issue_comment_thanks,
    "compliment_thanks": issue_compliment_thanks,
    "action_update": issue_action_update,
}
