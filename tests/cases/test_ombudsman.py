"""Ombudsman cases through the services: reopening opens the record, compliance is
"complied" or "complied late", and every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from putright.cases import services
from putright.cases.models import Case, OmbudsmanCase, Service
from putright.cases.services import (
    Actor,
    EvidenceFile,
    InvalidInput,
    OmbudsmanFindingInput,
    OmbudsmanOrderInput,
)
from putright.policy.errors import PolicyError
from tests.cases.test_guards_through_services import refused

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def case(housing_repairs: Service, new_complaint: Callable[..., Case]) -> Case:
    return new_complaint(housing_repairs, D(2026, 11, 2))


def opened(case: Case, team: Actor) -> OmbudsmanCase:
    record = services.ombudsman_case_open(
        case=case,
        actor=team,
        ombudsman="housing_ombudsman",
        enquiry_received_on=D(2026, 12, 1),
        response_due_on=D(2026, 12, 15),
    )
    case.refresh_from_db()
    return record


def evidence() -> EvidenceFile:
    return EvidenceFile("paid.pdf", "application/pdf", 8, ContentFile(b"%PDF-1.4"))


class TestOpening:
    def test_an_unknown_ombudsman_is_refused_and_changes_nothing(
        self, case: Case, complaints_team: Actor
    ) -> None:
        with refused(InvalidInput):
            services.ombudsman_case_open(
                case=case,
                actor=complaints_team,
                ombudsman="parliamentary",
                enquiry_received_on=D(2026, 12, 1),
            )

    def test_reopening_an_open_case_is_refused_and_opens_no_record(
        self, case: Case, complaints_team: Actor
    ) -> None:
        with refused(PolicyError):
            services.ombudsman_reopen(
                case=case,
                actor=complaints_team,
                ombudsman="housing_ombudsman",
                enquiry_received_on=D(2026, 12, 1),
            )


class TestDetermination:
    def test_a_determination_without_findings_is_refused_and_changes_nothing(
        self, case: Case, complaints_team: Actor
    ) -> None:
        record = opened(case, complaints_team)
        with refused(InvalidInput):
            services.ombudsman_determination_record(
                case=case,
                actor=complaints_team,
                ombudsman_case=record,
                determined_on=D(2027, 1, 4),
                determination="Maladministration",
                findings=[],
                orders=[],
            )

    def test_an_order_due_before_the_determination_is_refused(
        self, case: Case, complaints_team: Actor
    ) -> None:
        record = opened(case, complaints_team)
        with refused(InvalidInput):
            services.ombudsman_determination_record(
                case=case,
                actor=complaints_team,
                ombudsman_case=record,
                determined_on=D(2027, 1, 4),
                determination="Maladministration",
                findings=[OmbudsmanFindingInput("Mould", "service_failure")],
                orders=[OmbudsmanOrderInput("Pay", D(2027, 1, 1))],
            )


class TestCompliance:
    @pytest.fixture
    def order(self, case: Case, complaints_team: Actor) -> object:
        record = opened(case, complaints_team)
        services.ombudsman_determination_record(
            case=case,
            actor=complaints_team,
            ombudsman_case=record,
            determined_on=D(2027, 1, 4),
            determination="Service failure",
            findings=[OmbudsmanFindingInput("Mould", "service_failure")],
            orders=[OmbudsmanOrderInput("Pay £100", D(2027, 1, 20))],
        )
        case.refresh_from_db()
        assert record.maladministration_found is True
        return record.orders.get()

    def test_compliance_without_a_file_of_evidence_is_refused_and_changes_nothing(
        self, case: Case, complaints_team: Actor, order: object
    ) -> None:
        with refused(InvalidInput):
            services.ombudsman_order_comply(
                case=case, actor=complaints_team, order=order, evidence="Paid", on=D(2027, 1, 19)
            )

    def test_compliance_after_the_due_date_is_recorded_as_late(
        self, case: Case, complaints_team: Actor, order: object
    ) -> None:
        done = services.ombudsman_order_comply(
            case=case,
            actor=complaints_team,
            order=order,
            evidence="Paid",
            uploads=(evidence(),),
            on=D(2027, 1, 21),
        )
        assert done.state == "complied_late"
        last = case.timeline.order_by("-id").first()
        assert last is not None and "complied with LATE" in last.summary
