"""The workbook to hand on: sheet 汇总 (one row per disclosure) and 问题清单 (one per finding).

Each sheet has Chinese headers, an autofilter over its rows and a frozen header row. Figures
are number cells: the `Decimal` itself is written (openpyxl stores its exact decimal text), so
no float arithmetic ever touches the money; the cell's format shows at least two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.audit import Report
from yusuan.render.report.rows import (
    FIGURE_COLUMNS,
    FINDING_HEADERS,
    SUMMARY_HEADERS,
    Decide,
    finding_rows,
    summary_rows,
)

# The widest each column grows, in characters (a CJK character counts two); longer text wraps.
WIDTHS = {
    "问题": 50,
    "建议": 36,
    "原文": 36,
    "处理意见": 30,
    "文件": 28,
    "表": 24,
    "行": 24,
    "规则": 26,
    "列": 16,
    "模板": 16,
}
WIDTH = 20  # any other column's
LINE = 15.0  # points per wrapped line of the default 11-point font
MAX_LINES = 12


def number_format(value: Decimal) -> str:
    """0.00, or as many decimals as the figure has when it has more (a 0.125% share)."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return "0." + "0" * places


def _clean(value: Any) -> Any:
    """Text without the control characters a workbook cannot hold (a PDF's text layer has them)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _sheet(book: Any, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for values in rows:
        sheet.append([_clean(v) for v in values])
        for header, cell in zip(headers, sheet[sheet.max_row], strict=True):
            if header in FIGURE_COLUMNS and isinstance(cell.value, Decimal):
                cell.number_format = number_format(cell.value)
            elif isinstance(cell.value, str):
                # text from a document is never a formula, even when it starts with =
                cell.data_type = "s"
            cell.alignment = wrap if isinstance(cell.value, str) else top
    widths = []
    for index, header in enumerate(headers, start=1):
        widest = max([_width(header), *(_width(r[index - 1]) for r in rows)])
        widths.append(min(WIDTHS.get(header, WIDTH), widest))
        sheet.column_dimensions[get_column_letter(index)].width = widths[-1] + 2
    # Wrapped text needs its row's height set: LibreOffice (and Excel, for rows written by a
    # program) keeps a row one line high otherwise, and the lines run over each other.
    for number, values in enumerate(rows, start=2):
        lines = max(-(-_width(v) // w) if w else 1 for v, w in zip(values, widths, strict=True))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE * min(lines, MAX_LINES)
    sheet.freeze_panes = "A2"  # the header row stays while the rows scroll
    # printed: landscape, the header row on every page (not shrunk to one page's width: a
    # 问题清单 that wide would print too small to read)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(1, sheet.max_row)}"
    return sheet


def write_xlsx(out: Path, reports: Sequence[Report], decide: Decide | None = None) -> None:
    """Write the workbook to `out`."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # the default empty sheet
    _sheet(book, "汇总", SUMMARY_HEADERS, [r.values() for r in summary_rows(reports, decide)])
    _sheet(book, "问题清单", FINDING_HEADERS, [r.values() for r in finding_rows(reports, decide)])
    book.save(out)
