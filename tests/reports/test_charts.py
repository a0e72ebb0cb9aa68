"""Charts are accessible SVG drawn on the server: a title and a description, each bar named
and valued in text (never colour alone), the same figures as the table beside it."""

from __future__ import annotations

import re

from putright.reports.charts import bar_chart
from putright.reports.tables import Cell, Row, Table


def test_a_bar_chart_has_a_title_a_description_and_text_for_every_bar() -> None:
    table = Table(
        key="volumes_service",
        title="Received by service",
        columns=["Service", "Cases"],
        rows=[
            Row("Housing repairs", [Cell(12)]),
            Row("Waste <and> recycling", [Cell(3)]),
            Row("All", [Cell(15)]),
        ],
    )
    svg = str(bar_chart(table, description="Cases by service"))
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-volumes_service-title chart-volumes_service-desc"' in svg
    assert '<title id="chart-volumes_service-title">Received by service</title>' in svg
    assert '<desc id="chart-volumes_service-desc">Cases by service</desc>' in svg
    labels = re.findall(r'class="chart-label">([^<]*)<', svg)
    values = re.findall(r'class="chart-value">([^<]*)<', svg)
    assert labels == ["Housing repairs", "Waste &lt;and&gt; recycling"]  # escaped, no "All"
    assert values == ["12", "3"]
    widths = [int(w) for w in re.findall(r'<rect [^>]*width="(\d+)"', svg)]
    assert widths[0] > widths[1] > 0


def test_an_empty_table_draws_an_empty_chart_without_failing() -> None:
    table = Table(key="volumes_month", title="Received by month", columns=["Month", "Cases"])
    svg = str(bar_chart(table, description="No cases"))
    assert "<svg" in svg and "<rect" not in svg
