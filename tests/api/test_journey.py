"""A corporate complaint from intake to closure at stage 2, through the API only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from putright.letters.models import IssuedLetter
from tests.api.conftest import Api
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db


def response_body(stage: int, *, ombudsman: str = "") -> dict[str, Any]:
    return {
        "stage": stage,
        "complaint_definition": "The bins were not collected for three weeks.",
        "decision": "upheld",
        "issues": [
            {
                "text": "My bins have not been collected for three weeks.",
                "decision": "upheld",
                "reasons": "The round was missed three times.",
            }
        ],
        "reasons": "Our waste policy promises a weekly collection.",
        "remedies": ["An apology"],
        "no_outstanding_actions": True,
        "how_to_escalate": "You can ask the Ombudsman to look at your complaint."
        if ombudsman
        else "Reply within 20 working days to ask for stage 2.",
        "ombudsman": ombudsman,
    }


class TestCorporateJourneyThroughTheApi:
    def test_intake_to_closure_at_stage_2(
        self, council: Council, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake, work = api("intake"), api("casework")
        first, second = council["sam"].officer, council["complaints"].officer
        assert first is not None and second is not None

        made = intake.post("contacts", contact_body, **{"Idempotency-Key": "journey-1"})
        assert made.status_code == 201, made.json()
        ref = made.json()["case"]["reference"]
        assert made.json()["case"]["status"] == "received"

        steps: list[tuple[str, dict[str, Any]]] = [
            ("triage", {"kind": "complaint"}),
            (
                "acknowledge",
                {
                    "issues": ["My bins have not been collected for three weeks."],
                    "outcomes_sought": "Collect the bins and an apology",
                    "officer": first.pk,
                },
            ),
            ("respond", response_body(1)),
            ("escalation-request", {"channel": "email"}),
            ("escalation-acknowledge", {"officer": second.pk}),
            ("respond", response_body(2, ombudsman="lgsco")),
            ("close", {}),
        ]
        for move, body in steps:
            answer = work.post(f"cases/{ref}/{move}", body)
            assert answer.status_code == 200, (move, answer.json().get("errors"), answer.json())

        case = work.get(f"cases/{ref}").json()
        assert (case["status"], case["stage"]) == ("closed", 2)
        assert {d["name"] for d in case["deadlines"]} >= {
            "acknowledge_by",
            "stage1.respond_by",
            "stage2.respond_by",
        }
        events = work.get("events").json()["events"]
        # Each letter is a piece of correspondence sent, with its own event.
        assert sum(e["action"] == "correspondence_sent" for e in events) == 4
        assert [e["action"] for e in events if e["action"] != "correspondence_sent"] == [
            "contact_recorded",
            "triaged",
            "acknowledge",
            "respond",
            "request_escalation",
            "acknowledge_escalation",
            "respond",
            "close",
        ]
        # The same letters workflows as the staff screens: every required letter was issued.
        assert IssuedLetter.objects.filter(case__reference=ref).count() == 4

    def test_the_same_officer_at_stage_2_is_refused_with_the_policys_rule(
        self, council: Council, api: Callable[[str], Api], contact_body: dict[str, Any]
    ) -> None:
        intake, work = api("intake"), api("casework")
        officer = council["sam"].officer
        assert officer is not None
        ref = intake.post("contacts", contact_body).json()["case"]["reference"]
        work.post(
            f"cases/{ref}/acknowledge",
            {"issues": ["Bins"], "outcomes_sought": "Collect them", "officer": officer.pk},
        )
        work.post(f"cases/{ref}/respond", response_body(1))
        work.post(f"cases/{ref}/escalation-request", {"channel": "email"})

        refused = work.post(f"cases/{ref}/escalation-acknowledge", {"officer": officer.pk})

        assert refused.status_code == 422
        assert refused["Content-Type"] == "application/problem+json"
        problem = refused.json()
        assert problem["rule"] == "officer_not_independent"
        assert problem["detail"] and problem["type"].endswith("officer_not_independent")
        assert work.get(f"cases/{ref}").json()["status"] == "escalation_requested"
