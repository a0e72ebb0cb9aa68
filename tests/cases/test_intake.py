"""Contacts from any channel, triage, joining an open case, and service requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case, CaseLink, ComplaintIssue, Service
from putright.cases.services import Actor, InvalidInput
from putright.policy.lifecycle import IssueMustBeNewComplaint
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date


class TestContactRecord:
    @pytest.mark.parametrize(
        "channel", ["web", "email", "phone", "letter", "in_person", "contractor", "mp_councillor"]
    )
    def test_a_contact_from_any_channel_gets_a_reference_and_awaits_triage(
        self, channel: str, council_tax: Service, new_complaint: Callable[..., Case]
    ) -> None:
        case = new_complaint(council_tax, D(2026, 11, 2), channel=channel)
        assert case.channel == channel
        assert case.status == "received"
        assert case.contacts.get().triaged_at is None

    def test_an_unknown_channel_is_refused(
        self, council_tax: Service, new_complaint: Callable[..., Case]
    ) -> None:
        with pytest.raises(InvalidInput, match="how the contact came in"):
            new_complaint(council_tax, D(2026, 11, 2), channel="pigeon")


class TestTriage:
    def test_a_compliment_is_recorded_and_closed_without_complaint_deadlines(
        self, council_tax: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        case = new_complaint(council_tax, D(2026, 11, 2))
        services.contact_triage(
            case=case, actor=complaints_team, kind="compliment", on=D(2026, 11, 3)
        )
        case.refresh_from_db()
        assert (case.kind, case.status, case.next_deadline_on) == ("compliment", "closed", None)

    def test_a_service_request_carries_no_complaint_deadline_and_is_completed_by_staff(
        self, council_tax: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        case = new_complaint(council_tax, D(2026, 11, 2))
        services.contact_triage(
            case=case, actor=complaints_team, kind="service_request", on=D(2026, 11, 3)
        )
        case.refresh_from_db()
        assert case.next_deadline_on is None
        services.service_request_complete(
            request=case, actor=complaints_team, outcome="Bin delivered"
        )
        case.refresh_from_db()
        assert case.status == "closed"

    def test_a_contact_is_triaged_once(
        self, council_tax: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        case = new_complaint(council_tax, D(2026, 11, 2))
        services.contact_triage(case=case, actor=complaints_team, kind="complaint")
        with pytest.raises(InvalidInput, match="already been triaged"):
            services.contact_triage(case=case, actor=complaints_team, kind="comment")


class TestRelatedIssues:
    def test_a_related_issue_before_the_stage1_response_joins_the_open_case(
        self, housing_repairs: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        open_case = new_complaint(housing_repairs, D(2026, 11, 2))
        services.complaint_acknowledge(
            case=open_case,
            actor=complaints_team,
            issues=["Mould"],
            outcomes_sought="Fix",
            on=D(2026, 11, 3),
        )
        later = new_complaint(
            housing_repairs, D(2026, 11, 5), text="The extractor fan is broken too."
        )
        services.contact_join_case(
            case=later, open_case=open_case, actor=complaints_team, on=D(2026, 11, 5)
        )
        later.refresh_from_db()
        assert later.status == "closed"
        assert CaseLink.objects.filter(from_case=later, to_case=open_case, kind="related").exists()
        texts = list(
            ComplaintIssue.objects.filter(definition__case=open_case).values_list("text", flat=True)
        )
        assert texts == ["Mould", "The extractor fan is broken too."]

    def test_an_issue_after_the_stage1_response_must_become_a_new_complaint(
        self, housing_repairs: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        open_case = new_complaint(housing_repairs, D(2026, 11, 2))
        services.complaint_acknowledge(
            case=open_case,
            actor=complaints_team,
            issues=["Black mould in the bedroom, reported in March, not fixed."],
            outcomes_sought="Fix",
            on=D(2026, 11, 3),
        )
        services.stage_respond(
            case=open_case, actor=complaints_team, content=response(1), on=D(2026, 11, 10)
        )
        later = new_complaint(housing_repairs, D(2026, 11, 12))
        with pytest.raises(IssueMustBeNewComplaint):
            services.contact_join_case(
                case=later, open_case=open_case, actor=complaints_team, on=D(2026, 11, 12)
            )


class TestServiceRequestToComplaint:
    def test_dissatisfaction_raises_a_linked_stage1_complaint_and_the_request_stays_open(
        self, council_tax: Service, new_complaint: Callable[..., Case], complaints_team: Actor
    ) -> None:
        request = new_complaint(council_tax, D(2026, 11, 2))
        services.contact_triage(case=request, actor=complaints_team, kind="service_request")
        complaint = services.complaint_raise_from_service_request(
            request=request,
            actor=complaints_team,
            text="Nobody has replied to my request in three weeks.",
        )
        request.refresh_from_db()
        assert request.status == "received"  # the request goes on (Code 1.5)
        assert complaint.kind == "complaint" and complaint.status == "received"
        assert CaseLink.objects.filter(
            from_case=complaint, to_case=request, kind="raised_from"
        ).exists()
        assert (
            complaint.person_id != request.person_id
            or complaint.person.email == request.person.email
        )
