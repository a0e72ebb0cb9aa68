"""The Tenant Satisfaction Measures CH01 and CH02 equal counts done from the data set by the
oracle (day by day), and the page shows them to the roles that read landlord-wide figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from putright.cases.models import Case, HousingStock
from putright.reports.scope import ReportScope
from putright.reports.tsm import ch01, ch02
from tests.reports.dataset import SPECS, YEAR, build, in_year
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
PAGE = "/staff/reports/tenant-satisfaction/"


@pytest.fixture
def built(council: Council) -> list[Case]:
    return build(council)


@pytest.fixture
def stock(db: None) -> HousingStock:
    return HousingStock.objects.create(year=2025, rented_homes=4000, shared_ownership_homes=250)


def scope() -> ReportScope:
    return ReportScope(start=YEAR[0], end=YEAR[1], today=YEAR[1])


def housing() -> list:  # type: ignore[type-arg]
    return [s for s in SPECS if s.service == "housing"]


def recorded_tenure(spec: object) -> str:
    return spec.tenure if spec.acknowledged else ""  # type: ignore[attr-defined]


class TestCH01:
    def test_stage_1_and_2_complaints_per_thousand_homes_by_tenure(
        self, built: list[Case], stock: HousingStock
    ) -> None:
        stage1 = Counter(recorded_tenure(s) for s in housing() if in_year(s.received))
        stage2 = Counter(recorded_tenure(s) for s in housing() if in_year(s.escalation_requested))
        homes = {"rented": 4000, "shared_ownership": 250}
        table = ch01(scope(), stock)
        rows = {r.label.split(" ")[0]: [c.value for c in r.cells] for r in table.rows}
        for tenure, word in (("rented", "Rented"), ("shared_ownership", "Shared")):
            rate1 = (Decimal(stage1[tenure]) * 1000 / homes[tenure]).quantize(Decimal("0.01"))
            rate2 = (Decimal(stage2[tenure]) * 1000 / homes[tenure]).quantize(Decimal("0.01"))
            assert rows[word] == [
                homes[tenure],
                stage1[tenure],
                str(rate1),
                stage2[tenure],
                str(rate2),
            ]
        assert rows["Tenure"][1] == stage1[""] and rows["Tenure"][3] == stage2[""]

    def test_without_the_homes_for_the_year_it_says_so(
        self, built: list[Case], council: Council, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("insight").get(PAGE, {"period": "2025"}).content.decode()
        assert "The number of homes for this year is not recorded" in content


class TestCH02:
    def test_responses_within_the_codes_timescales_judged_on_the_dates(
        self, built: list[Case]
    ) -> None:
        expected = {1: [0, 0], 2: [0, 0]}
        for s in housing():
            if in_year(s.responded):
                expected[1][0] += 1
                ack_ok = s.ack_after is not None and s.ack_after <= 5
                expected[1][1] += ack_ok and s.responded <= s.agreed
            if in_year(s.stage2_responded):
                expected[2][0] += 1
                expected[2][1] += (s.stage2_respond_after or 0) <= 20  # acknowledged in 2 days
        table = ch02(scope())
        found = {int(r.label[-1]): [r.cells[0].value, r.cells[1].value] for r in table.rows}
        assert found == expected


class TestPage:
    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("complaints", 200),
            ("insight", 200),
            ("governance", 200),
            ("manager", 403),
            ("priya", 403),
        ],
    )
    def test_who_may_read_it(
        self, role: str, expected: int, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        assert client_for(role).get(PAGE).status_code == expected

    def test_each_count_links_to_as_many_cases(
        self,
        built: list[Case],
        stock: HousingStock,
        council: Council,
        client_for: Callable[[str], Client],
    ) -> None:
        client = client_for("insight")
        page = client.get(PAGE, {"period": "2025"})
        links = [
            (cell.href, cell.value)
            for shown in page.context["tables"]
            for row in shown["rows"]
            for cell in row["cells"]
            if cell.href
        ]
        assert len(links) >= 6
        for href, value in links:
            assert client.get(href).context["page"].paginator.count == value, href

    def test_governance_reads_the_figures_without_links(
        self, built: list[Case], stock: HousingStock, client_for: Callable[[str], Client]
    ) -> None:
        content = client_for("governance").get(PAGE, {"period": "2025"}).content.decode()
        assert "CH01" in content and "/staff/reports/cases/" not in content


class TestDownload:
    def test_the_xlsx_has_the_pages_rows(
        self,
        built: list[Case],
        stock: HousingStock,
        council: Council,
        client_for: Callable[[str], Client],
    ) -> None:
        import io

        import openpyxl

        client = client_for("insight")
        page = client.get(PAGE, {"period": "2025"})
        reply = client.get(f"{PAGE}download.xlsx", {"period": "2025"})
        book = openpyxl.load_workbook(io.BytesIO(reply.content))
        for shown in page.context["tables"]:
            rows = [
                [str(v) for v in r]
                for r in book[shown["table"].key].iter_rows(min_row=3, values_only=True)
            ]
            expected = [
                [row["label"], *(str(c.value) for c in row["cells"])] for row in shown["rows"]
            ]
            assert rows == expected

    def test_a_service_manager_cannot_download_it(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        assert client_for("manager").get(f"{PAGE}download.csv").status_code == 403
