"""Spreadsheet input: XLSX (openpyxl) and old binary XLS (xlrd), one grid per sheet.

A sheet is just rows: a table's id, title and 单位 line are rows too, which the text reader
finds, so one sheet may hold one table or several. Hidden sheets, rows and columns are
skipped; merged cells keep their text once, at their first position; numbers are printed as
the cell's number format says (840.8 in `0.00` → 840.80); a formula is read as its cached
value (a workbook saved by a program that never calculated it has none: the cell is empty).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.read.grid import Grid, Item, grid_places, grid_text, make_grid, number_text
from yusuan.read.text import read_text

# A disclosure's workbook has a few thousand cells; these bound a hostile one before and
# after it is parsed.
MAX_CELLS = 200_000  # <c> elements over all sheets, counted before openpyxl parses them
MAX_ROWS = 50_000  # rows with content, per sheet
MAX_COLS = 1_000  # columns with content, per sheet

_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_PLACES = re.compile(r"\.([0#?]+)")


def _format(fmt: str | None) -> tuple[int | None, int | None, bool, int]:
    """(least, most decimals, percent, zero-padded width) of a number format; None decimals
    for General. A format of zeros only (`00`) pads a code stored as a number (3 → 03)."""
    section = _QUOTED.sub("", (fmt or "").split(";")[0]).strip()
    if not section or section.lower() == "general" or not re.search(r"[0#?]", section):
        return None, None, False, 0
    places = _PLACES.search(section)
    least = places.group(1).count("0") if places else 0
    most = len(places.group(1)) if places else 0
    pad = len(section) if re.fullmatch(r"0+", section) else 0
    return least, most, "%" in section, pad


def format_value(value: Any, fmt: str | None) -> str:
    """A cell's value as the sheet shows it (see `number_text`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        least, most, percent, pad = _format(fmt)
        if most is None:
            return number_text(value)
        text = number_text(value, most, percent)
        if pad and text.isdigit():
            return text.zfill(pad)
        if most > (least or 0):  # 0.0# : trailing zeros beyond the least are not printed
            body, pct = (text[:-1], "%") if percent else (text, "")
            if "." in body:
                whole, frac = body.split(".")
                frac = frac.rstrip("0").ljust(least or 0, "0")
                body = f"{whole}.{frac}" if frac else whole
            text = body + pct
        return text
    return str(value)


def _cause(exc: BaseException) -> str:
    """The innermost error: openpyxl wraps what the XML parser said in a vaguer one."""
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _sheet_limits(name: str, sheet: str, rows: set[int], cols: set[int]) -> None:
    if len(rows) > MAX_ROWS:
        raise InputError(f"sheet “{sheet}” has {len(rows)} rows; the limit is {MAX_ROWS}", name)
    if len(cols) > MAX_COLS:
        raise InputError(f"sheet “{sheet}” has {len(cols)} columns; the limit is {MAX_COLS}", name)


def _count_cells(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook with more cells than any disclosure before openpyxl builds them all
    in memory; the XML is streamed, never held whole."""
    count = 0
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        with archive.open(info) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                buffer = tail + chunk
                cut = buffer.rfind(b"<")
                cut = len(buffer) if cut < 0 else cut
                count += len(_CELL_TAG.findall(buffer, 0, cut))
                tail = buffer[cut:]
                if count > MAX_CELLS:
                    raise InputError(f"more than {MAX_CELLS} cells; the limit is {MAX_CELLS}", name)
            count += len(_CELL_TAG.findall(tail))
    if count > MAX_CELLS:
        raise InputError(f"{count} cells; the limit is {MAX_CELLS}", name)


def xlsx_items(data: bytes, name: str, archive: zipfile.ZipFile) -> list[Item]:
    """One grid per visible sheet, in workbook order."""
    import openpyxl

    _count_cells(archive, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions: not our concern
            # read_only=False: merged ranges are only known to a fully loaded sheet.
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except InputError:
        raise
    except Exception as exc:  # a hostile file may break the parser in any way
        raise InputError(f"not a readable XLSX workbook ({_cause(exc)})", name) from exc
    items: list[Item] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            items.append(_xlsx_grid(sheet, name))
    finally:
        book.close()
    return items


@dataclass(slots=True)
class _Ranges:
    """Hidden columns as the sheet gives them, in ranges (a range may run to column XFD)."""

    spans: list[tuple[int, int]] = field(default_factory=list)

    def __contains__(self, item: object) -> bool:
        return isinstance(item, int) and any(low <= item <= high for low, high in self.spans)


def _indented(text: str, indent: float | None) -> str:
    """A text cell with the indent its format sets, as the full-width spaces a printed page
    shows (a 款 set one step in under its 类)."""
    steps = int(indent or 0)
    return "\u3000" * steps + text if steps > 0 else text


def _xlsx_grid(sheet: Any, name: str) -> Grid:
    from openpyxl.utils import column_index_from_string

    hidden_rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    hidden_cols = _Ranges()
    for key, dim in sheet.column_dimensions.items():
        if dim.hidden:
            low = dim.min or column_index_from_string(key)
            hidden_cols.spans.append((low, dim.max or low))
    cells: dict[tuple[int, int], str] = {}
    # The sheet's own cell map, not iter_rows(): that walks the whole rectangle, and a single
    # cell at XFD1048576 would make it seventeen billion positions.
    for (r, c), cell in sheet._cells.items():
        if cell.value is None:
            continue
        text = format_value(cell.value, cell.number_format)
        if text and isinstance(cell.value, str) and cell.has_style:
            text = _indented(text, cell.alignment.indent)
        if text:
            cells[(r, c)] = text
    _sheet_limits(name, sheet.title, {r for r, _ in cells}, {c for _, c in cells})
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    return make_grid(cells, merges, hidden_rows, hidden_cols, sheet.title, name)


def _with_places(doc: Disclosure, items: list[Item], first_row: int) -> Disclosure:
    """The disclosure with the sheet and row of each of its lines, when its lines are the
    grids' lines one for one (the text reader split none of them)."""
    places = grid_places(items, first_row)
    if len(places) != len(doc.source):
        return doc
    return replace(doc, line_sheets=tuple(places))


def read_xlsx_bytes(data: bytes, name: str, archive: zipfile.ZipFile) -> Disclosure:
    items = xlsx_items(data, name, archive)
    return _with_places(read_text(grid_text(items), name, "xlsx"), items, 1)


def xls_items(data: bytes, name: str) -> list[Item]:
    """One grid per visible sheet of an old binary workbook (BIFF, in an OLE container)."""
    import xlrd

    try:
        # formatting_info: merged ranges, hidden rows and number formats are only read then.
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except Exception as exc:  # xlrd raises many kinds on a broken or foreign OLE file
        reason = str(exc) or type(exc).__name__
        if "workbook" in reason.lower() and "find" in reason.lower():
            reason = "an OLE file without a workbook: an old Word .doc or an encrypted file?"
        raise InputError(f"not a readable XLS workbook ({reason})", name) from exc
    items: list[Item] = []
    try:
        for index in range(book.nsheets):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as exc:
                raise InputError(f"sheet {index + 1} cannot be read ({exc})", name) from exc
            if sheet.visibility != 0:
                continue
            items.append(_xls_grid(book, sheet, name))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return items


def _xls_grid(book: Any, sheet: Any, name: str) -> Grid:
    import xlrd

    if sheet.nrows > MAX_ROWS * 4 or sheet.ncols > MAX_COLS:
        raise InputError(
            f"sheet “{sheet.name}” is {sheet.nrows} × {sheet.ncols}; the limit is "
            f"{MAX_ROWS} rows and {MAX_COLS} columns",
            name,
        )
    cells: dict[tuple[int, int], str] = {}
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            ctype = sheet.cell_type(r, c)
            if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            value = sheet.cell_value(r, c)
            fmt: str | None = None
            if ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[sheet.cell_xf_index(r, c)]
                found = book.format_map.get(xf.format_key)
                fmt = found.format_str if found is not None else None
            elif ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(value, book.datemode)
            elif ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(value, "#ERR")
            text = format_value(value, fmt)
            if text and ctype == xlrd.XL_CELL_TEXT:
                xf = book.xf_list[sheet.cell_xf_index(r, c)]
                text = _indented(text, xf.alignment.indent_level)
            if text:
                cells[(r, c)] = text
    _sheet_limits(name, sheet.name, {r for r, _ in cells}, {c for _, c in cells})
    hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
    hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    merges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
    return make_grid(cells, merges, hidden_rows, hidden_cols, sheet.name, name)


def read_xls_bytes(data: bytes, name: str) -> Disclosure:
    items = xls_items(data, name)
    return _with_places(read_text(grid_text(items), name, "xls"), items, 0)  # xlrd counts from 0
