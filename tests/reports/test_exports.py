"""The dashboard's downloads: an XLSX that opens with openpyxl and has the page's rows, a
CSV with the same rows, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.test import Client

from putright.cases.models import Case, Category
from tests.reports.dataset import build
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db
QUERY = {"period": "2025"}


@pytest.fixture
def built(council: Council) -> list[Case]:
    # A category renamed by someone in the admin to something a spreadsheet would run.
    Category.objects.filter(code="repairs").update(name='=HYPERLINK("http://x.test","Repairs")')
    return build(council)


def page_rows(client: Client) -> dict[str, list[list[str]]]:
    page = client.get("/staff/reports/performance/", QUERY)
    return {
        shown["table"].key: [
            [row["label"], *(str(c.value) for c in row["cells"])] for row in shown["rows"]
        ]
        for shown in page.context["tables"]
    }


class TestXlsx:
    def test_it_opens_with_openpyxl_and_its_rows_match_the_dashboard(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        reply = client.get("/staff/reports/performance/download.xlsx", QUERY)
        assert reply.status_code == 200
        assert "attachment" in reply["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(reply.content))
        expected = page_rows(client)
        assert book.sheetnames == list(expected)
        for key, rows in expected.items():
            sheet = book[key]
            found = [
                [str(v) if not isinstance(v, float) else str(int(v)) for v in r]
                for r in sheet.iter_rows(min_row=3, values_only=True)
            ]
            assert found == rows, key

    def test_a_cell_starting_with_equals_comes_back_as_text(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        reply = client_for("insight").get("/staff/reports/performance/download.xlsx", QUERY)
        sheet = openpyxl.load_workbook(io.BytesIO(reply.content))["volumes_category"]
        cell = next(c for c in sheet["A"] if str(c.value).startswith("=HYPERLINK"))
        assert cell.data_type == "s"
        assert cell.value == '=HYPERLINK("http://x.test","Repairs")'


class TestCsv:
    def test_its_rows_match_the_dashboard_and_formulas_are_neutralised(
        self, built: list[Case], client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("insight")
        reply = client.get("/staff/reports/performance/download.csv", QUERY)
        rows = list(csv.reader(io.StringIO(reply.content.decode())))
        for table_rows in page_rows(client).values():
            for row in table_rows:
                safe = ["'" + v if v.startswith(("=", "+", "@")) else v for v in row]
                assert safe in rows
        assert any(r and r[0].startswith("'=HYPERLINK") for r in rows)


@pytest.mark.parametrize(
    ("role", "expected"), [("manager", 200), ("governance", 200), ("priya", 403)]
)
def test_who_may_download(
    role: str, expected: int, council: Council, client_for: Callable[[str], Client]
) -> None:
    reply = client_for(role).get("/staff/reports/performance/download.csv")
    assert reply.status_code == expected
