"""Reads for the scheduled jobs: the policy core's deadlines for many cases in a fixed number
of queries, and the day a contractor was asked for first feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.cases import due, services
from putright.cases.models import Case, Officer, Service, StageRecord
from putright.cases.services import Actor
from putright.cases.services._deadlines import open_council_deadlines
from putright.cases.services._facts import dates_of, facts_of, snapshot_read, snapshots_read
from putright.policy.errors import PolicyError
from tests.cases.conftest import naive_add_working_days

pytestmark = pytest.mark.django_db
D = dt.date


class TestSnapshotsRead:
    def test_it_reads_what_snapshot_read_reads_for_every_demo_case(self) -> None:
        call_command("seed_demo", "--cases", "60", stdout=StringIO())
        cases = list(Case.objects.order_by("pk"))
        bulk = snapshots_read(cases)
        today = D(2026, 12, 1)
        for case in cases:
            one = snapshot_read(case)
            many = bulk[case.pk]
            assert dates_of(many) == dates_of(one), case.reference
            assert facts_of(many) == facts_of(one), case.reference
            assert open_council_deadlines(many, today=today) == open_council_deadlines(
                one, today=today
            )

    def test_it_takes_seven_queries_however_many_cases(self) -> None:
        call_command("seed_demo", "--cases", "60", stdout=StringIO())
        cases = list(Case.objects.all())
        with CaptureQueriesContext(connection) as few:
            snapshots_read(cases[:3])
        with CaptureQueriesContext(connection) as many:
            snapshots_read(cases)
        assert len(few) == len(many) == 7


class TestCasesWithDeadlineBy:
    def test_it_finds_open_cases_due_by_the_day_overdue_ones_included(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
    ) -> None:
        early = new_complaint(housing_repairs, D(2026, 11, 2))  # acknowledge by 9 November
        late = new_complaint(housing_repairs, D(2026, 11, 20))  # by 27 November
        closed = new_complaint(housing_repairs, D(2026, 11, 2))
        services.case_withdraw(case=closed, actor=complaints_team, channel="phone")
        found = set(due.cases_with_deadline_by(last=D(2026, 11, 20)))
        assert found == {early}
        assert set(due.cases_with_deadline_by(last=D(2026, 11, 27))) == {early, late}

    def test_cases_due_gives_the_open_deadlines_and_the_officers(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 11, 2))
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Mould"],
            outcomes_sought="Treated",
            officer=stage1_officer,
            on=D(2026, 11, 4),
        )
        (item,) = due.cases_due(cases=[case], today=D(2026, 11, 4))
        assert [(d.name, d.due) for d in item.deadlines] == [
            ("stage1.respond_by", naive_add_working_days(D(2026, 11, 4), 10)),
            ("stage1.max", naive_add_working_days(D(2026, 11, 4), 20)),
        ]
        assert item.officers == {1: stage1_officer}


class TestContractorFeedbackRequest:
    def test_it_records_the_day_asked_and_says_when_feedback_is_due(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 12, 21))
        services.complaint_acknowledge(
            case=case,
            actor=complaints_team,
            issues=["Boiler"],
            outcomes_sought="Fixed",
            officer=stage1_officer,
            on=D(2026, 12, 22),
        )
        services.contractor_feedback_request(
            case=case, actor=Actor.of(stage1_officer), contractor="Acme Repairs", on=D(2026, 12, 24)
        )
        record = StageRecord.objects.get(case=case, number=1)
        assert record.contractor_asked_on == D(2026, 12, 24)
        event = case.timeline.order_by("id").last()
        assert event is not None and event.action == "contractor_asked"
        # One working day after Christmas Eve is Tuesday 29 December.
        assert event.summary == "Acme Repairs asked for first feedback by 29 December 2026"
        assert list(due.contractor_feedback_awaited(asked_by=D(2026, 12, 29))) == [record]

    def test_it_is_refused_on_a_closed_case_and_without_a_name(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
    ) -> None:
        case = new_complaint(housing_repairs, D(2026, 12, 21))
        with pytest.raises(services.InvalidInput):
            services.contractor_feedback_request(case=case, actor=complaints_team, contractor=" ")
        services.case_withdraw(
            case=case, actor=complaints_team, channel="phone", on=D(2026, 12, 22)
        )
        with pytest.raises(PolicyError):
            services.contractor_feedback_request(
                case=case, actor=complaints_team, contractor="Acme Repairs", on=D(2026, 12, 23)
            )
