"""Charts drawn on the server as accessible SVG: a title and a description the screen reader
reads (role="img", aria-labelledby), every bar labelled with its category and its value in
text, so nothing is told by colour alone. The data table sits beside each chart."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from putright.reports.tables import Table

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 22, 8, 260, 360, 70


def bar_chart(table: Table, *, description: str, skip: tuple[str, ...] = ("All",)) -> SafeString:
    """Horizontal bars of the table's first figure column, one bar per row."""
    rows = [(r.label, r.cells[0].value) for r in table.rows if r.label not in skip]
    values = [v if isinstance(v, int) else 0 for _, v in rows]
    biggest = max(values, default=0) or 1
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    key = f"chart-{table.key}"
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        (
            (
                LABEL_WIDTH - 8,
                GAP + i * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.7,
                label,
                LABEL_WIDTH,
                GAP + i * (BAR_HEIGHT + GAP),
                round(BAR_WIDTH * value / biggest),
                BAR_HEIGHT,
                LABEL_WIDTH + round(BAR_WIDTH * value / biggest) + 6,
                GAP + i * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.7,
                value,
            )
            for i, ((label, _), value) in enumerate(zip(rows, values, strict=True))
        ),
    )
    return format_html(
        '<svg class="report-chart" role="img" aria-labelledby="{key}-title {key}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{key}-title">{title}</title><desc id="{key}-desc">{desc}</desc>'
        "<style>.chart-label,.chart-value{{font:16px Arial,sans-serif;fill:#0b0c0c}}"
        ".chart-bar{{fill:#1d70b8}}</style>{bars}</svg>",
        key=key,
        w=width,
        h=height,
        title=table.title,
        desc=description,
        bars=bars,
    )
