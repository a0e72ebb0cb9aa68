"""Who may read the reports, what each sees, and that they change nothing; the number of
queries does not grow with the data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from putright.cases.models import Case
from tests.reports.dataset import build
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
DASHBOARD = "/staff/reports/performance/"
OK, REFUSED = 200, 403


@pytest.fixture
def two_services(council: Council) -> tuple[Case, Case]:
    housing = complaint_at_stage1(council)
    waste = complaint_new(council, council.waste, text="Bins not collected")
    return housing, waste


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("complaints", OK),
        ("priya", REFUSED),
        ("tom", REFUSED),
        ("sam", REFUSED),
        ("manager", OK),
        ("insight", OK),
        ("governance", OK),
    ],
)
def test_each_role_is_allowed_or_refused_the_dashboard(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(DASHBOARD).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("complaints", OK),
        ("priya", REFUSED),
        ("sam", REFUSED),
        ("manager", OK),
        ("insight", OK),
        ("governance", REFUSED),
    ],
)
def test_each_role_is_allowed_or_refused_the_cases_behind_a_figure(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    url = "/staff/reports/cases/?figure=volume_all&key=all"
    assert client_for(role).get(url).status_code == expected


def test_the_navigation_offers_the_reports_hub_last(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    content = client_for("insight").get(DASHBOARD).content.decode()
    nav = content.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    assert nav.rstrip().rsplit("<li", 1)[1].count('href="/staff/reports/"') == 1
    assert "/staff/reports/performance/" not in nav


class TestServiceManager:
    def test_sees_only_their_services_figures_whatever_the_address_asks(
        self,
        council: Council,
        client_for: Callable[[str], Client],
        two_services: tuple[Case, Case],
    ) -> None:
        response = client_for("manager").get(DASHBOARD, {"service": council.waste.pk})
        content = response.content.decode()
        assert response.status_code == 200
        by_service = next(
            t for t in response.context["tables"] if t["table"].key == "volumes_service"
        )
        assert [r["label"] for r in by_service["rows"]] == ["Housing repairs", "All"]
        assert "Waste and recycling" not in content
        assert 'name="service"' not in content  # no choice of service to offer

    def test_the_cases_behind_a_figure_are_their_services_only(
        self,
        council: Council,
        client_for: Callable[[str], Client],
        two_services: tuple[Case, Case],
    ) -> None:
        housing, waste = two_services
        response = client_for("manager").get(
            "/staff/reports/cases/", {"figure": "volume_all", "key": "all"}
        )
        content = response.content.decode()
        assert housing.reference in content and waste.reference not in content


class TestGovernance:
    def test_reads_every_services_figures_without_links_to_cases(
        self,
        council: Council,
        client_for: Callable[[str], Client],
        two_services: tuple[Case, Case],
    ) -> None:
        response = client_for("governance").get(DASHBOARD)
        content = response.content.decode()
        assert "Housing repairs" in content and "Waste and recycling" in content
        assert "/staff/reports/cases/" not in content
        assert two_services[0].reference not in content

    @pytest.mark.parametrize("path", [DASHBOARD, "/staff/reports/cases/"])
    def test_can_change_nothing(
        self,
        path: str,
        council: Council,
        client_for: Callable[[str], Client],
        two_services: tuple[Case, Case],
    ) -> None:
        before = list(Case.objects.order_by("pk").values())
        response = client_for("governance").post(path, {"period": "2025"})
        assert response.status_code in (403, 405)
        assert list(Case.objects.order_by("pk").values()) == before


class TestBadInput:
    def test_an_unknown_figure_is_not_found(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        assert client.get("/staff/reports/cases/?figure=nope&key=1").status_code == 404
        assert client.get("/staff/reports/cases/?figure=learning&key=abc").status_code == 404
        assert client.get("/staff/reports/cases/?figure=ack_all&key=housing").status_code == 404

    def test_a_bad_period_says_so_and_shows_this_year(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for("insight").get(DASHBOARD, {"period": "1999"})
        assert response.status_code == 200
        assert "Choose a period from the list" in response.content.decode()


class TestQueryCounts:
    def test_the_dashboard_runs_as_many_queries_with_a_dozen_cases_as_with_none(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")

        def count() -> int:
            client.get(DASHBOARD, {"period": "2025"})
            with CaptureQueriesContext(connection) as captured:
                assert client.get(DASHBOARD, {"period": "2025"}).status_code == 200
            return len(captured.captured_queries)

        empty = count()
        build(council)
        # With rows, each table naming services, categories or root causes reads the names
        # once (six tables); never once per row.
        with_rows = count()
        assert with_rows <= empty + 6
        build(council)
        assert count() == with_rows

    def test_the_cases_behind_a_figure_runs_a_fixed_number_of_queries(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        url = "/staff/reports/cases/?period=2025&figure=volume_all&key=all"

        def count() -> int:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured.captured_queries)

        build(council)
        few = count()
        build(council)
        assert count() == few
