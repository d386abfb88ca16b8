"""XLSX (openpyxl): a 情况说明 sheet, then one sheet per table named by its id.

Each table sheet prints what a unit's workbook prints: the id, the title merged across the
table, the department and unit line, the multi-level header as merged cells, then the rows,
money as numbers in `#,##0.00`. Print set-up: landscape, one page wide, the header rows
repeated on every page.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from yusuan.files import fixed_instant, settle
from yusuan.model import Disclosure
from yusuan.publish.layout import Printed, cover, narrative, printed_tables

MONEY = "#,##0.00"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
TOP = 4  # the first header row: id, title and department/unit lines above it


def _money_format(value: Decimal) -> str:
    """`#,##0.00`, with more places only for a figure that has more (never rounded away)."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return "#,##0." + "0" * places


def _put(ws: Any, row: int, column: int, value: object) -> Any:
    """Set a cell. Text is always text: openpyxl takes a string opening with `=` for a formula,
    and a name such as `=HYPERLINK(…)` must never run in a reviewer's Excel."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def sheet_name(table: Printed, taken: set[str]) -> str:
    """The table id (or its title) as a legal, unique sheet name (31 characters at most)."""
    base = _SHEET_BAD.sub("", table.id or table.title).strip("'") or "表"
    base = base[:31]
    name, n = base, 1
    while name in taken:
        n += 1
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name)
    return name


def _narrative_sheet(book: Any, doc: Disclosure) -> None:
    from openpyxl.styles import Alignment, Font

    ws = book.active
    ws.title = "情况说明"
    ws.column_dimensions["A"].width = 110
    _put(ws, 1, 1, cover(doc)).font = Font(bold=True, size=16)
    r = 2
    for block in narrative(doc):
        cell = _put(ws, r, 1, block.text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if block.is_heading:
            cell.font = Font(bold=True, size=14 if block.level == 0 else 12)
        r += 1
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _table_sheet(book: Any, table: Printed, name: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(name)
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = max(table.width, 2)
    if table.id:
        _put(ws, 1, 1, table.id)
    title = _put(ws, 2, 1, table.title)
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    if table.department:
        _put(ws, 3, 1, table.department_line)
    _put(ws, 3, width, table.unit).alignment = Alignment(horizontal="right")
    for h in table.head:
        cell = _put(ws, TOP + h.row, 1 + h.col, h.text)
        if h.rowspan > 1 or h.colspan > 1:
            ws.merge_cells(
                start_row=TOP + h.row,
                start_column=1 + h.col,
                end_row=TOP + h.row + h.rowspan - 1,
                end_column=h.col + h.colspan,
            )
    for r in range(TOP, TOP + table.head_rows):
        for c in range(1, table.width + 1):
            cell = ws.cell(r, c)
            cell.border = grid
            cell.alignment = centre
            cell.font = Font(bold=True)
    first = TOP + table.head_rows
    for i, values in enumerate(table.body):
        for c, value in enumerate(values, 1):
            cell = _put(ws, first + i, c, value if value != "" else None)
            cell.border = grid
            if isinstance(value, Decimal):
                cell.number_format = _money_format(value)
            elif isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c in range(1, table.width + 1):
        wide = 30 if not table.money[c - 1] else 14
        ws.column_dimensions[get_column_letter(c)].width = wide
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{TOP}:{TOP + table.head_rows - 1}"


def render_xlsx(doc: Disclosure) -> bytes:
    """The workbook's bytes."""
    import openpyxl

    book = openpyxl.Workbook()
    instant = fixed_instant(doc.meta.year)
    book.properties.created = instant
    book.properties.modified = instant
    book.properties.creator = "yusuan"
    book.properties.title = cover(doc)
    _narrative_sheet(book, doc)
    taken = {"情况说明"}
    for table in printed_tables(doc):
        _table_sheet(book, table, sheet_name(table, taken))
    buffer = io.BytesIO()
    book.save(buffer)
    return settle(buffer.getvalue(), instant)
