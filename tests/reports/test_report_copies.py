"""The copies of a case's process and service that the reports count stage events and
surveys by (StageRecord.process and .service, SatisfactionSurvey.process) always equal the
case's own, after every kind of move that writes them, in the bulk loader, and after the
migration's backfill."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from putright.cases import services
from putright.cases.bulk import cases_bulk_insert
from putright.cases.demo.build import reference_data_create
from putright.cases.models import Case, SatisfactionSurvey, Service, StageRecord
from putright.cases.services import PersonDetails
from putright.cases.services.moves import _stage_record
from putright.cases.services.staff_intake import contact_service_change
from putright.cases.services.survey import satisfaction_survey_create
from putright.core import clock
from tests.reports.dataset import SPECS, build
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db

BACKFILL = importlib.import_module(
    "putright.cases.migrations.0013_stage_and_survey_process_service_report_indexes"
)


def stage_mismatches() -> list[tuple[int, int]]:
    """(case, stage) of every stage record whose copies differ from its case's columns."""
    return [
        (s.case_id, s.number)
        for s in StageRecord.objects.select_related("case")
        if (s.process, s.service_id) != (s.case.process, s.case.service_id)
    ]


def survey_mismatches() -> list[int]:
    return [
        s.case_id
        for s in SatisfactionSurvey.objects.select_related("case")
        if s.process != s.case.process
    ]


def received_case(council: Council, service: Service) -> Case:
    return services.contact_record(
        channel="phone",
        person=PersonDetails(name="Ann Example", email="ann@example.org"),
        service=service,
        text="Something went wrong.",
        actor=council["complaints"].actor,
        kind="complaint",
        received_at=clock.now(),
    )


def test_every_move_of_the_reports_data_set_keeps_the_copies_equal_to_the_case(
    council: Council,
) -> None:
    # Acknowledgement, extension, response, escalation request, stage 2 acknowledgement and
    # response, exclusion, closing with a survey: every move the dashboard's figures count.
    build(council)

    assert StageRecord.objects.filter(number=2).exists()
    assert StageRecord.objects.count() >= len([s for s in SPECS if s.acknowledged])
    assert stage_mismatches() == []
    assert not StageRecord.objects.filter(process="").exists()


def test_a_survey_carries_its_cases_process(council: Council) -> None:
    case = received_case(council, council.housing)

    survey, _ = satisfaction_survey_create(case=case)

    survey.refresh_from_db()
    assert survey.process == "housing"
    assert survey_mismatches() == []


def test_moving_a_contact_to_another_service_moves_the_copies_with_it(council: Council) -> None:
    case = received_case(council, council.housing)
    record = _stage_record(case, 1)
    satisfaction_survey_create(case=case)
    assert (record.process, record.service_id) == ("housing", council.housing.pk)

    contact_service_change(
        case=case, actor=council["complaints"].actor, service=council.waste, reason="Bins"
    )

    record.refresh_from_db()
    assert (record.process, record.service_id) == (council.waste.process, council.waste.pk)
    assert stage_mismatches() == []
    assert survey_mismatches() == []


def test_the_bulk_loader_writes_the_copies() -> None:
    council = reference_data_create()
    cases_bulk_insert(n=400, services=list(council.services.values()), batch=200, seed=5)

    assert StageRecord.objects.count() > 100
    assert SatisfactionSurvey.objects.count() > 10
    assert stage_mismatches() == []
    assert survey_mismatches() == []


def test_the_migrations_backfill_copies_every_cases_columns() -> None:
    council = reference_data_create()
    cases_bulk_insert(n=300, services=list(council.services.values()), batch=300, seed=7)
    StageRecord.objects.update(process="", service=None)
    SatisfactionSurvey.objects.update(process="")

    with connection.cursor() as cursor:
        cursor.execute(BACKFILL.BACKFILL_STAGES)
        cursor.execute(BACKFILL.BACKFILL_SURVEYS)

    assert not StageRecord.objects.filter(process="").exists()
    assert stage_mismatches() == []
    assert survey_mismatches() == []
