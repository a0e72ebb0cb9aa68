"""The shape every report figure takes: tables of cells, each cell with the figure and the
key of the cases behind it. Pages, charts and downloads all read the same tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Value = int | Decimal | str | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: Value
    # (figure, key) for putright.reports.drill, or None where no list of cases stands behind
    # the figure (a percentage, a sum of money).
    drill: tuple[str, str] | None = None


@dataclass(slots=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass(slots=True)
class Table:
    key: str
    title: str
    columns: list[str]  # the header of each cell column (the row label's header first)
    rows: list[Row] = field(default_factory=list)
    note: str = ""


def percent(part: int, whole: int) -> str:
    """A share to one decimal place ("97.3 %"), or a dash when there is nothing to share."""
    if not whole:
        return "-"
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'))} %"


def money(amount: Decimal | None) -> str:
    return f"£{(amount or Decimal(0)):,.2f}"
