"""seed_bulk writes a realistic history for reports: themes, stages with stored targets,
decisions and root causes, escalations, refusals, remedies, service improvements linked to
their complaints, and surveys."""

from __future__ import annotations

import pytest
from django.db.models import F

from putright.cases.bulk import cases_bulk_insert
from putright.cases.demo.build import reference_data_create
from putright.cases.models import (
    Case,
    Remedy,
    SatisfactionSurvey,
    ServiceImprovement,
    StageRecord,
)

pytestmark = pytest.mark.django_db


def test_bulk_cases_carry_the_history_reports_read() -> None:
    council = reference_data_create()
    cases_bulk_insert(n=600, services=list(council.services.values()), batch=200, seed=3)

    assert Case.objects.count() == 600
    assert Case.objects.exclude(category_id=None).count() == 600
    assert Case.objects.exclude(exclusion_code="").exists()
    assert set(Case.objects.values_list("kind", flat=True)) >= {"complaint", "compliment"}
    assert len(set(Case.objects.values_list("channel", flat=True))) >= 4
    responded = StageRecord.objects.exclude(responded_on=None)
    assert responded.exclude(root_cause=None).count() == responded.count() > 100
    assert set(responded.values_list("overall_decision", flat=True)) == {
        "upheld",
        "partly_upheld",
        "not_upheld",
    }
    assert StageRecord.objects.filter(number=2).exists()
    assert not StageRecord.objects.filter(target_by=None).exists()
    assert not StageRecord.objects.filter(acknowledge_by=None).exists()
    received = Case.objects.order_by("received_on").values_list("received_on", flat=True)
    assert (received.last() - received.first()).days > 2 * 365  # type: ignore[operator]
    assert Remedy.objects.filter(state="delivered").exists()
    assert SatisfactionSurvey.objects.exclude(answer=None).exists()
    assert Case.objects.filter(process="housing").exclude(tenure="").exists()


def test_bulk_service_improvements_are_linked_to_complaints_of_their_service() -> None:
    council = reference_data_create()
    cases_bulk_insert(n=2000, services=list(council.services.values()), batch=500, seed=3)

    improvements = ServiceImprovement.objects.all()
    assert improvements.count() > 10
    links = ServiceImprovement.cases.through.objects
    assert not improvements.filter(cases=None).exists()
    # Some are behind several complaints, always of their own service.
    assert links.values("serviceimprovement_id").distinct().count() < links.count()
    assert not links.exclude(case__service_id=F("serviceimprovement__service_id")).exists()
    assert improvements.exclude(completed_on=None).exists()
    assert improvements.filter(completed_on=None).exists()
    assert len(set(improvements.values_list("theme", flat=True))) > 3
    assert not improvements.filter(due_on__lt=F("recorded_on")).exists()
    recorded = improvements.order_by("recorded_on").values_list("recorded_on", flat=True)
    assert (recorded.last() - recorded.first()).days > 365  # type: ignore[operator]


def test_a_case_whose_two_responses_both_draw_learning_is_behind_the_improvement_once() -> None:
    """Stage 1 and stage 2 responses of one case may both draw learning while its service's
    improvement is still taking complaints: the case is linked once (the link is unique)."""
    import datetime as dt
    import random

    from putright.cases.bulk import _Batch, _History
    from putright.cases.models import Case
    from putright.core.policy import working_calendar

    council = reference_data_create()
    cases_bulk_insert(n=20, services=list(council.services.values()), batch=20, seed=5)
    case = Case.objects.first()
    assert case is not None
    history = _History(random.Random(1), working_calendar(), dt.date(2026, 12, 1))
    batch = _Batch()
    history.learn(case, dt.date(2026, 5, 1), batch)
    batch.learning[0].size = 4  # still taking complaints when the stage 2 response comes
    batch.open_learning[case.service_id] = batch.learning[0]
    history.learn(case, dt.date(2026, 6, 1), batch)

    assert len(batch.learning) == 1
    assert [c.pk for c in batch.learning[0].cases] == [case.pk]
    assert batch.learning[0].recorded == dt.date(2026, 6, 1)
