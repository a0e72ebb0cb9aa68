"""Named people and cases for the lifecycle, triage and Ombudsman tests (no database).

The dates sit around Christmas 2026 on purpose: 25 December is a Friday, Boxing Day a
Saturday (substitute Monday 28 December) and 1 January 2027 a Friday, so every window
counted across them is three working days longer than a count of weekdays.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from putright.policy.calendar import default_calendar
from putright.policy.lifecycle import (
    CaseFacts,
    CaseStatus,
    Decision,
    IssueDecision,
    ResponseContent,
)
from putright.policy.processes import load_config

CONFIG = load_config()
CALENDAR = default_calendar()
CATALOGUE = CONFIG.exclusions
HOUSING_OMBUDSMAN = CONFIG.ombudsmen["housing_ombudsman"]
LGSCO = CONFIG.ombudsmen["lgsco"]

# Officers
STAGE1_OFFICER = "officer-amira"  # repairs manager who answered stage 1
STAGE1_COVER = "officer-ben"  # took stage 1 over part way through
STAGE2_OFFICER = "officer-chloe"  # a different, more senior officer
INDEPENDENT_INVESTIGATOR = "iio-dev"  # children's stage 2, from outside the service
PANEL_CHAIR = "chair-erin"  # children's stage 3

RECEIVED = date(2026, 11, 30)  # Monday
ACKNOWLEDGED = date(2026, 12, 2)
RESPONDED = date(2026, 12, 17)  # Thursday; 20 working days later is 19 January 2027
LAST_DAY_OF_WINDOW = date(2027, 1, 19)
TODAY = date(2027, 1, 4)  # a working day after every date in the cases below


def version(process: str) -> Any:
    return CONFIG.versions(process)[-1]


def case(
    process: str = "housing", status: CaseStatus = CaseStatus.IN_PROGRESS, **kw: Any
) -> CaseFacts:
    """A housing stage 1 complaint by a council tenant, acknowledged, with its officer."""
    proc = version(process)
    ombudsman = HOUSING_OMBUDSMAN if proc.ombudsman == "housing_ombudsman" else LGSCO
    defaults: dict[str, Any] = {
        "received_on": RECEIVED,
        "stage_acknowledged_on": None if status is CaseStatus.RECEIVED else ACKNOWLEDGED,
        "officers": {1: STAGE1_OFFICER},
        "ombudsman": ombudsman,
        "limits": CONFIG.time_limits,
    }
    return CaseFacts(version=proc, status=status, **(defaults | kw))


def responded(
    process: str = "housing", status: CaseStatus = CaseStatus.RESPONDED, **kw: Any
) -> CaseFacts:
    """Stage 1 answered on RESPONDED."""
    return case(process, status, **({"response_issued_on": RESPONDED} | kw))


def at_stage2(
    process: str = "housing", status: CaseStatus = CaseStatus.IN_PROGRESS, **kw: Any
) -> CaseFacts:
    """Stage 2 acknowledged and being investigated by a different officer."""
    defaults: dict[str, Any] = {
        "stage": 2,
        "officers": {1: STAGE1_OFFICER, 2: STAGE2_OFFICER},
        "escalation_requested_on": date(2026, 12, 18),
        "stage_acknowledged_on": date(2026, 12, 21),
    }
    return case(process, status, **(defaults | kw))


def childrens_stage3(status: CaseStatus = CaseStatus.IN_PROGRESS, **kw: Any) -> CaseFacts:
    defaults: dict[str, Any] = {
        "stage": 3,
        "officers": {1: STAGE1_OFFICER, 2: INDEPENDENT_INVESTIGATOR, 3: PANEL_CHAIR},
        "escalation_requested_on": date(2026, 12, 21),
        "stage_acknowledged_on": date(2026, 12, 22),
    }
    return case("childrens_social_care", status, **(defaults | kw))


def complete_response(facts: CaseFacts) -> ResponseContent:
    """A response covering (a)-(g) for the case's stage."""
    return ResponseContent(
        stage=facts.stage,
        complaint_definition="The boiler has failed three times since October.",
        decision=Decision.PARTLY_UPHELD,
        issues=(
            IssueDecision("Repeated boiler failures", Decision.UPHELD),
            IssueDecision("Engineer was rude", Decision.NOT_UPHELD),
        ),
        reasons="Our repairs standard is a permanent fix within 28 days; we missed it.",
        remedies=("Apology", "£150 for time and trouble"),
        outstanding_actions=("Replace the boiler by 15 January",),
        how_to_escalate="Write to us within 20 working days to ask for the next stage.",
        ombudsman=facts.ombudsman_code,
    )


def without(content: ResponseContent, **changes: Any) -> ResponseContent:
    return replace(content, **changes)
