"""Themes: a category at acknowledgement and a root cause at each response (Housing
Ombudsman Code 9.4), and the stored targets reports measure timeliness against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from putright.cases import services
from putright.cases.models import Case, Category, Officer, RootCause, Service, StageRecord
from putright.cases.services import Actor
from putright.cases.taxonomy import DEFAULT_CATEGORIES, DEFAULT_ROOT_CAUSES
from tests.cases.conftest import naive_add_working_days as add
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date


class TestDefaultTaxonomy:
    def test_the_defaults_from_the_sources_are_installed(self) -> None:
        names = set(Category.objects.values_list("name", flat=True))
        assert {"Repairs", "Damp and mould", "Antisocial behaviour", "Staff conduct"} <= names
        assert {"Communication"} <= names
        assert Category.objects.filter(parent__isnull=True).count() == len(DEFAULT_CATEGORIES)
        assert RootCause.objects.count() == len(DEFAULT_ROOT_CAUSES)
        assert Category.objects.get(code="repairs-damp-mould").parent.code == "repairs"  # type: ignore[union-attr]


class TestCategoryAtAcknowledgement:
    def test_a_sub_category_files_the_case_under_its_category_too(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2))
        damp = Category.objects.get(code="repairs-damp-mould")
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Mould"],
            outcomes_sought="Fixed",
            category=damp,
            on=D(2026, 11, 3),
        )
        case.refresh_from_db()
        assert case.category_id == damp.parent_id
        assert case.sub_category_id == damp.pk

    def test_a_top_level_category_leaves_no_sub_category(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2))
        conduct = Category.objects.get(code="staff-conduct")
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Rude"],
            outcomes_sought="Apology",
            category=conduct,
            on=D(2026, 11, 3),
        )
        case.refresh_from_db()
        assert (case.category_id, case.sub_category_id) == (conduct.pk, None)


class TestRootCauseAtResponse:
    def test_the_root_cause_is_kept_on_the_stage_responded(
        self,
        council_tax: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        case = new_complaint(council_tax, D(2026, 11, 2))
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Discount removed"],
            outcomes_sought="Restored",
            officer=stage1_officer,
            on=D(2026, 11, 4),
        )
        delay = RootCause.objects.get(code="delay")
        services.stage_respond(
            case=case,
            actor=Actor.of(stage1_officer),
            content=response(1),
            root_cause=delay,
            on=D(2026, 11, 16),
        )
        assert StageRecord.objects.get(case=case, number=1).root_cause_id == delay.pk


class TestStoredTargets:
    def test_acknowledgement_due_and_the_target_before_extension_are_stored(
        self,
        council_tax: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        received, ack = D(2026, 11, 2), D(2026, 11, 4)
        case = new_complaint(council_tax, received)
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Discount removed"],
            outcomes_sought="Restored",
            officer=stage1_officer,
            on=ack,
        )
        services.stage_extend(
            case=case,
            actor=Actor.of(stage1_officer),
            new_due=add(ack, 15),
            reason="Waiting for records",
            on=D(2026, 11, 10),
        )
        record = StageRecord.objects.get(case=case, number=1)
        assert record.acknowledge_by == add(received, 5)
        assert record.target_by == add(ack, 10)
        assert record.respond_by == add(ack, 15)
