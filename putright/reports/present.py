"""Tables made ready for a page: each countable figure becomes a link to its cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from putright.reports.charts import bar_chart
from putright.reports.scope import ReportScope
from putright.reports.tables import Table, Value

CASES_URL = "/staff/reports/cases/"
# Tables drawn as a chart above their data, with the chart's description.
CHARTED = {
    "volumes_month": "Bar chart of the cases received in each month of the period; "
    "the table below gives the same figures.",
    "volumes_service": "Bar chart of the cases received by each service in the period; "
    "the table below gives the same figures.",
    "volumes_category": "Bar chart of the cases received by category in the period; "
    "the table below gives the same figures.",
}


@dataclass(frozen=True, slots=True)
class ShownCell:
    value: Value
    href: str
    numeric: bool


def scope_params(scope: ReportScope, period: str) -> dict[str, Any]:
    params: dict[str, Any] = {"period": period}
    if scope.service_id is not None:
        params["service"] = scope.service_id
    if scope.process:
        params["process"] = scope.process
    return params


def tables_shown(
    tables: list[Table], *, params: dict[str, Any], links: bool
) -> list[dict[str, Any]]:
    """Each table with its cells as ShownCell; `links` only for roles that may see cases."""
    shown = []
    for table in tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                href = ""
                if links and cell.drill is not None and cell.value:
                    figure, key = cell.drill
                    href = f"{CASES_URL}?{urlencode({**params, 'figure': figure, 'key': key})}"
                cells.append(ShownCell(value=cell.value, href=href, numeric=True))
            rows.append({"label": row.label, "cells": cells})
        chart = None
        if table.key in CHARTED:
            chart = bar_chart(table, description=CHARTED[table.key])
        shown.append({"table": table, "rows": rows, "chart": chart})
    return shown
