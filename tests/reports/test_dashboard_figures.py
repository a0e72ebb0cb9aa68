"""Every dashboard figure equals a count done independently from the fixed data set
(tests/reports/dataset.py): the oracle walks the calendar day by day and counts the specs,
never calling the code under test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from putright.cases.models import Case, Category, RootCause, Service
from putright.reports import oversight, selectors
from putright.reports.scope import ReportScope
from putright.reports.tables import Table
from tests.reports.dataset import SPECS, YEAR, Spec, build, in_year, learning
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
TODAY = YEAR[1]


@pytest.fixture
def built(council: Council) -> list[Case]:
    return build(council)


def scope(**kwargs: Any) -> ReportScope:
    return ReportScope(start=YEAR[0], end=YEAR[1], today=TODAY, **kwargs)


def figures(table: Table, column: int = 0) -> dict[str, Any]:
    return {row.label: row.cells[column].value for row in table.rows}


def received(spec: Spec) -> bool:
    return in_year(spec.received)


def service_name(spec: Spec) -> str:
    return "Housing repairs" if spec.service == "housing" else "Waste and recycling"


def stage_label(spec: Spec, stage: int) -> str:
    process = (
        "Housing (landlord) complaints" if spec.process == "housing" else "Corporate complaints"
    )
    return f"{process}, stage {stage}"


class TestVolumes:
    def test_cases_received_by_service_month_channel_and_category(self, built: list[Case]) -> None:
        inside = [s for s in SPECS if received(s)]
        assert figures(selectors.volumes(scope(), by="service")) == {
            **Counter(service_name(s) for s in inside),
            "All": len(inside),
        }
        months = Counter(s.received.strftime("%B %Y") for s in inside)
        assert figures(selectors.volumes(scope(), by="month")) == {**months, "All": len(inside)}
        channels = Counter(
            {"phone": "Phone", "email": "Email", "letter": "Letter", "in_person": "In person"}[
                s.channel
            ]
            for s in inside
        )
        assert figures(selectors.volumes(scope(), by="channel")) == {**channels, "All": len(inside)}
        parents = {c.code: (c.parent or c).name for c in Category.objects.select_related("parent")}
        categories = Counter(
            parents[s.category] if s.category and s.acknowledged else "Not categorised"
            for s in inside
        )
        assert figures(selectors.volumes(scope(), by="category")) == {
            **categories,
            "All": len(inside),
        }

    def test_a_service_filter_counts_that_service_only(self, built: list[Case]) -> None:
        council_waste = Case.objects.filter(service__code="waste").first()
        assert council_waste is not None
        only = selectors.volumes(scope(service_id=council_waste.service_id), by="service")
        expected = sum(1 for s in SPECS if received(s) and s.service == "waste")
        assert figures(only) == {"Waste and recycling": expected, "All": expected}


class TestTimeliness:
    def test_acknowledged_within_five_working_days(self, built: list[Case]) -> None:
        table = selectors.acknowledgement_timeliness(scope())
        expected: dict[str, list[int]] = {}
        for s in SPECS:
            if in_year(s.acknowledged):
                row = expected.setdefault(stage_label(s, 1), [0, 0])
                row[0] += 1
                row[1] += s.ack_after is not None and s.ack_after <= 5
            if in_year(s.stage2_acknowledged):
                row = expected.setdefault(stage_label(s, 2), [0, 0])
                row[0] += 1
                row[1] += 1  # acknowledged 2 working days after the request: within 5
        assert {r.label: [r.cells[0].value, r.cells[1].value] for r in table.rows} == expected

    def test_responded_within_the_target_with_and_without_extensions(
        self, built: list[Case]
    ) -> None:
        table = selectors.response_timeliness(scope())
        expected: dict[str, list[int]] = {}
        for s in SPECS:
            if in_year(s.responded):
                row = expected.setdefault(stage_label(s, 1), [0, 0, 0, 0])
                assert s.responded and s.target and s.agreed
                row[0] += 1
                row[1] += s.extend_to_after is not None
                row[2] += s.responded <= s.target
                row[3] += s.responded <= s.agreed
            if in_year(s.stage2_responded):
                row = expected.setdefault(stage_label(s, 2), [0, 0, 0, 0])
                row[0] += 1
                row[2] += (s.stage2_respond_after or 0) <= 20  # stage 2: 20 working days
                row[3] += (s.stage2_respond_after or 0) <= 20
        found = {
            r.label: [r.cells[0].value, r.cells[1].value, r.cells[2].value, r.cells[4].value]
            for r in table.rows
        }
        assert found == expected

    def test_the_percentages_are_the_shares_to_one_decimal_place(self, built: list[Case]) -> None:
        for row in selectors.response_timeliness(scope()).rows:
            total, within = row.cells[0].value, row.cells[2].value
            assert isinstance(total, int) and isinstance(within, int)
            share = (Decimal(within) * 100 / Decimal(total)).quantize(Decimal("0.1"))
            assert row.cells[3].value == f"{share} %"


class TestEscalationAndOutcomes:
    def test_resolved_at_stage_1_versus_escalated(self, built: list[Case]) -> None:
        table = selectors.escalation_rate(scope())
        expected: dict[str, list[int]] = {}
        for s in SPECS:
            if in_year(s.responded):
                label = stage_label(s, 1).rsplit(",", 1)[0]
                row = expected.setdefault(label, [0, 0])
                row[0] += 1
                row[1] += s.escalate
        assert {r.label: [r.cells[0].value, r.cells[3].value] for r in table.rows} == expected

    def test_outcomes_by_service_and_stage(self, built: list[Case]) -> None:
        table = selectors.outcomes_by_service(scope())
        expected: Counter[tuple[str, str]] = Counter()
        for s in SPECS:
            if in_year(s.responded):
                expected[(f"{service_name(s)}, stage 1", s.decision)] += 1
            if in_year(s.stage2_responded):
                expected[(f"{service_name(s)}, stage 2", s.decision)] += 1
        decisions = ["upheld", "partly_upheld", "not_upheld"]
        found: Counter[tuple[str, str]] = Counter()
        for row in table.rows:
            for decision, cell in zip(decisions, row.cells, strict=False):
                if cell.value:
                    found[(row.label, decision)] = int(str(cell.value))
        assert found == expected

    def test_root_causes_of_the_responses(self, built: list[Case]) -> None:
        names = dict(RootCause.objects.values_list("code", "name"))
        expected = Counter(
            names[s.root_cause] if s.root_cause else "Not recorded"
            for s in SPECS
            if in_year(s.responded)
        )
        expected.update("Not recorded" for s in SPECS if in_year(s.stage2_responded))
        assert figures(selectors.root_causes(scope())) == expected


class TestRefusalsRemediesActionsOmbudsman:
    def test_refused_by_exclusion_reason(self, built: list[Case]) -> None:
        expected = Counter(s.excluded for s in SPECS if s.excluded and received(s))
        table = selectors.refused_by_reason(scope())
        assert [r.cells[0].drill for r in table.rows] == [("refused", c) for c in expected]
        assert sum(r.cells[0].value for r in table.rows) == sum(expected.values())  # type: ignore[misc]

    def test_remedies_offered_and_paid_in_pounds(self, built: list[Case]) -> None:
        offered = [s for s in SPECS if s.remedy is not None and in_year(s.responded)]
        paid = [s for s in offered if s.remedy_paid]
        (row,) = selectors.remedies(scope()).rows
        assert [c.value for c in row.cells] == [
            len(offered),
            f"£{sum((s.remedy or Decimal(0)) for s in offered):,.2f}",
            len(paid),
            f"£{sum((s.remedy or Decimal(0)) for s in paid):,.2f}",
        ]

    def test_outstanding_actions_overdue_as_of_today(self, built: list[Case]) -> None:
        due = [s for s in SPECS if s.action_due is not None]
        overdue = [s for s in due if s.action_due is not None and s.action_due < TODAY]
        (row,) = selectors.actions_overdue(scope()).rows
        assert [c.value for c in row.cells] == [len(due), len(overdue)]

    def test_ombudsman_cases_and_their_findings(self, built: list[Case]) -> None:
        ombudsman = [s for s in SPECS if s.ombudsman]
        (row,) = selectors.ombudsman_cases(scope()).rows
        assert row.cells[0].value == len(ombudsman)
        assert row.cells[2].value == sum(1 for s in ombudsman if s.maladministration)


class TestLearning:
    """The learning figures are the service improvements the learning screen records."""

    @staticmethod
    def shown(table: Table) -> dict[str, list[Any]]:
        return {row.label: [c.value for c in row.cells] for row in table.rows}

    def test_improvements_recorded_with_the_complaints_behind_them_and_completed_by_service(
        self, built: list[Case]
    ) -> None:
        expected = learning(YEAR, by="service")
        assert self.shown(oversight.improvements_by_service(scope())) == expected
        # Guards the oracle: one improvement is behind three complaints, one complaint is
        # behind two improvements, and one improvement is completed after the year.
        assert expected == {"Housing repairs": [2, 4, 1], "Waste and recycling": [2, 3, 1]}

    def test_a_service_filter_counts_that_services_improvements(self, built: list[Case]) -> None:
        waste = Service.objects.get(name="Waste and recycling")
        found = oversight.improvements_by_service(scope(service_id=waste.pk))
        assert self.shown(found) == learning(YEAR, by="service", service="waste")

    def test_a_process_filter_counts_an_improvement_once_however_many_of_its_cases_match(
        self, built: list[Case]
    ) -> None:
        # The waste improvement is linked to two corporate complaints: still one improvement.
        found = oversight.improvements_by_service(scope(process="corporate"))
        expected = learning(YEAR, by="service", process="corporate")
        assert self.shown(found) == expected
        assert expected["Waste and recycling"][0] == 2
        # The housing improvement linked to a waste complaint counts under corporate too.
        assert expected["Housing repairs"] == [1, 1, 0]

    def test_the_dashboard_shows_the_learning_table(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        page = client_for("insight").get("/staff/reports/performance/", {"period": "2025"})
        (shown,) = [t for t in page.context["tables"] if t["table"].key == "learning"]
        rows = {r["label"]: [c.value for c in r["cells"]] for r in shown["rows"]}
        assert rows == learning(YEAR, by="service")


class TestCasesBehindEachFigure:
    def test_each_linked_figure_lists_exactly_as_many_cases_as_it_counts(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        page = client.get("/staff/reports/performance/", {"period": "2025"})
        assert page.status_code == 200
        checked = 0
        for shown in page.context["tables"]:
            for row in shown["rows"]:
                for cell in row["cells"]:
                    if not cell.href:
                        continue
                    listed = client.get(cell.href)
                    assert listed.status_code == 200, cell.href
                    count = listed.context["page"].paginator.count
                    if "figure=root_cause" in cell.href or "figure=remedy" in cell.href:
                        # These count responses or remedies: a case with two of them is one
                        # case in the list.
                        assert 0 < count <= cell.value, cell.href
                    else:
                        assert count == cell.value, cell.href
                    checked += 1
        assert checked > 30
