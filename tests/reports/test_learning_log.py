"""The learning log report: service improvements by theme, with the complaints behind them.
It reads the improvements the staff learning screen records (ServiceImprovement), counted
against the data set's oracle (tests/reports/dataset.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from putright.cases.models import Case, ServiceImprovement
from putright.cases.models.learning import THEMES
from putright.core import clock
from putright.reports import views
from putright.reports.scope import financial_year_of
from tests.reports.dataset import (
    SPECS,
    YEAR,
    build,
    improvement_state,
    improvements,
    in_year,
    learning,
)
from tests.staff.personas import Council, complaint_at_stage1

pytestmark = pytest.mark.django_db
PAGE = "/staff/reports/learning/"
DASHBOARD = "/staff/reports/performance/"
LABELS = dict(THEMES)


@pytest.fixture
def built(council: Council) -> list[Case]:
    return build(council)


def table(page: Any, key: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [t for t in page.context["tables"] if t["table"].key == key]
    (shown,) = found
    return shown


def rows(shown: dict[str, Any]) -> dict[str, list[Any]]:
    return {r["label"]: [c.value for c in r["cells"]] for r in shown["rows"]}


def listed_row(content: str, improvement: ServiceImprovement) -> str:
    """The learning log's row of one improvement, as HTML."""
    return content.split(f'id="improvement-{improvement.pk}"', 1)[1].split("</tr>", 1)[0]


class TestTheFigures:
    def test_improvements_are_counted_by_theme_with_the_complaints_behind_them(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        expected = {LABELS[k]: v for k, v in learning(YEAR, by="theme").items()}
        client = client_for("insight")
        page = client.get(PAGE, {"period": "2025"})
        shown = table(page, "improvements_themes")
        assert rows(shown) == expected
        # Guards the oracle: the staff conduct improvement is behind three complaints.
        assert expected["Staff conduct"] == [1, 3, 0]
        for row in shown["rows"]:
            behind = row["cells"][1]
            listed = client.get(behind.href)
            assert listed.context["page"].paginator.count == behind.value, behind.href

    def test_a_service_manager_counts_their_own_services_improvements(
        self, built: list[Case], council: Council, client_for: Callable[[str], Client]
    ) -> None:
        # The manager is the housing service manager: waste's improvements are not theirs,
        # whatever the address asks for.
        page = client_for("manager").get(PAGE, {"period": "2025", "service": str(council.waste.pk)})
        expected = learning(YEAR, by="theme", service="housing")
        assert rows(table(page, "improvements_themes")) == {
            LABELS[k]: v for k, v in expected.items()
        }

    def test_a_process_filter_keeps_improvements_with_a_complaint_of_that_process(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        page = client_for("insight").get(PAGE, {"period": "2025", "process": "corporate"})
        expected = learning(YEAR, by="theme", process="corporate")
        assert rows(table(page, "improvements_themes")) == {
            LABELS[k]: v for k, v in expected.items()
        }
        assert "staff_conduct" in expected  # a housing improvement with a waste complaint


class TestTheList:
    def test_each_improvement_of_the_year_is_listed_with_its_status_and_its_cases(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("insight").get(PAGE, {"period": "2025"}).content.decode()
        today = clock.today()
        of_year = [i for i in improvements() if in_year(i.recorded) or in_year(i.completed)]
        assert len(of_year) == 4
        for imp in of_year:
            found = ServiceImprovement.objects.get(cases=built[imp.spec])
            row = listed_row(content, found)
            assert imp.text in row and LABELS[imp.theme] in row
            assert improvement_state(imp, today) in row
            for index in imp.cases:
                assert f'href="/staff/cases/{built[index].reference}/"' in row

    def test_it_lists_at_most_the_latest_improvements_recorded(
        self,
        built: list[Case],
        client_for: Callable[[str], Client],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(views, "IMPROVEMENTS_LISTED", 2)
        content = client_for("insight").get(PAGE, {"period": "2025"}).content.decode()
        latest = sorted(improvements(), key=lambda i: i.recorded)
        assert [i.text in content for i in latest] == [False, False, True, True]
        assert "(at most 2)" in content

    def test_a_case_the_member_may_not_see_is_counted_not_named(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        (staff_conduct,) = [i for i in improvements() if i.theme == "staff_conduct"]
        found = ServiceImprovement.objects.get(cases=built[staff_conduct.spec])
        content = client_for("manager").get(PAGE, {"period": "2025"}).content.decode()
        row = listed_row(content, found)
        waste = [c for c in staff_conduct.cases if SPECS[c].service == "waste"]
        assert len(waste) == 1
        assert built[waste[0]].reference not in row and "and 1 you cannot see" in row
        assert built[staff_conduct.spec].reference in row


@pytest.mark.parametrize(
    ("role", "expected"), [("insight", 200), ("manager", 200), ("governance", 200), ("sam", 403)]
)
def test_who_may_read_it(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(PAGE).status_code == expected


def test_governance_sees_the_themes_counted_but_no_improvement_or_case(
    built: list[Case], client_for: Callable[[str], Client]
) -> None:
    page = client_for("governance").get(PAGE, {"period": "2025"})
    content = page.content.decode()
    assert "Service improvements by theme" in content
    assert rows(table(page, "improvements_themes"))["Staff conduct"] == [1, 3, 0]
    assert not any(i.text in content for i in improvements())
    assert "/staff/cases/" not in content


def test_the_learning_log_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("insight")

    def count() -> int:
        client.get(PAGE, {"period": "2025"})
        with CaptureQueriesContext(connection) as captured:
            client.get(PAGE, {"period": "2025"})
        return len(captured.captured_queries)

    build(council)
    once = count()
    build(council)
    assert count() == once


def test_an_improvement_recorded_on_the_learning_page_appears_in_the_learning_log_report_and_the_dashboard(  # noqa: E501
    council: Council, client_for: Callable[[str], Client]
) -> None:
    a, b = complaint_at_stage1(council), complaint_at_stage1(council)
    due = clock.today() + dt.timedelta(days=60)
    recorded = client_for("priya").post(
        f"/staff/cases/{a.reference}/learning/",
        {
            "description": "Surveyors call the day before a damp inspection",
            "theme": "communication",
            "owner": council["tom"].officer.pk,  # type: ignore[union-attr]
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
            "other_cases": b.reference,
        },
    )
    assert recorded.status_code == 302
    improvement = ServiceImprovement.objects.get()

    # This year's figures, as a reader of the reports opens them (no filters).
    client = client_for("insight")
    log = client.get(PAGE)
    assert rows(table(log, "improvements_themes")) == {"Communication": [1, 2, 0]}
    row = listed_row(log.content.decode(), improvement)
    assert "Surveyors call the day before a damp inspection" in row and ">Due</strong>" in row
    assert a.reference in row and b.reference in row
    behind = table(log, "improvements_themes")["rows"][0]["cells"][1]
    cases = client.get(behind.href).content.decode()
    assert a.reference in cases and b.reference in cases

    dashboard = client.get(DASHBOARD)
    assert rows(table(dashboard, "learning")) == {council.housing.name: [1, 2, 0]}
    # The housing service manager reads it as well; the year's period is the default.
    year = str(financial_year_of(clock.today())[0].year)
    managed = client_for("manager").get(DASHBOARD, {"period": year})
    assert rows(table(managed, "learning")) == {council.housing.name: [1, 2, 0]}
