"""Report tables as CSV and XLSX downloads, with the same rows as the page.

Formula injection is neutralised: no cell is ever written as a formula. In XLSX every text
is written as a string cell (a name starting with "=" stays text); in CSV a text starting
with =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP's advice), so a
spreadsheet opening the file does not run it.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import xlsxwriter

from putright.reports.tables import Table, Value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value: Value) -> str:
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS) and text != "-":
        return "'" + text
    return text


def tables_csv(tables: list[Table]) -> str:
    """Each table as a block: its title, its header, its rows, then a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([csv_safe(table.title)])
        writer.writerow([csv_safe(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([csv_safe(row.label), *(csv_safe(c.value) for c in row.cells)])
        writer.writerow([])
    return out.getvalue()


def tables_xlsx(tables: list[Table]) -> bytes:
    """One worksheet per table (named by its key): header, then rows; numbers as numbers."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    for table in tables:
        sheet = book.add_worksheet(table.key[:31])
        sheet.write_string(0, 0, table.title, bold)
        for col, header in enumerate(table.columns):
            sheet.write_string(1, col, header, bold)
        for r, row in enumerate(table.rows, start=2):
            sheet.write_string(r, 0, row.label)
            for col, cell in enumerate(row.cells, start=1):
                _write(sheet, r, col, cell.value)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, max(1, len(table.columns) - 1), 16)
    book.close()
    return out.getvalue()


def _write(sheet: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: Value) -> None:
    if isinstance(value, bool) or value is None:
        sheet.write_string(row, col, "" if value is None else str(value))
    elif isinstance(value, int | Decimal):
        sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value)
    else:
        sheet.write_string(row, col, str(value))
