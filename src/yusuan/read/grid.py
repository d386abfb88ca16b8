"""Grids and paragraphs to the flattened text the text reader understands.

Every reader of a structured form (XLSX/XLS, DOCX, HTML, later a layout-based PDF reader)
turns its input into `Paragraph`s and `Grid`s in document order; `grid_lines` turns those into
lines. A paragraph is a line. A table row is one line of its cells joined by spaces, as a PDF's
text layer prints it, except that an empty cell of a *value column* that stands after the
row's first filled cell is written as a `-` placeholder (a BLANK token to the tokenizer), so
that every figure of the row lands in its exact column. Header rows — those before the first
row holding an amount — are written without placeholders.

A value column holds an amount (`12.50`, `2,468.10`, `(3.00)`) in some data row of its table,
or is an empty column right of the first such one (资本性支出 with nothing in it); never a
column of codes or names, where a `-` would read as a figure. A table of figures only (the
三公 table) has every column a value column. A text-only row after data rows starts a new
table, so one sheet may hold several, unless a figure merged down from a data row spans it
(a project's figures over its lines of indicators); rows of labels only (a 收支总表's rows
with nothing to show) part no table: the rows after them keep its columns. A merged cell's
text stands once, at its first position; merged down across data rows, a code or name
belongs to every row it spans that has figures of its own (a 类 code over its 项), a figure
does not. In a table whose figures are all integers (元 without decimals), codes and amounts
cannot be told apart from the cells, so no placeholders are written and its rows read as
they would from a PDF.

A space or break between two Chinese characters is a wrap, and closes; a gap typed with
full-width or no-break spaces (部门名称：… then 单位：万元 on one line) stays a space.

This module knows nothing of the input form; it never imports a reader.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

from yusuan.errors import InputError
from yusuan.read.tokens import CJK

BLANK = "-"
# Rows × columns with text in one grid: a disclosure's largest sheet has a few thousand; this
# bounds the memory and time of a sparse hostile one.
MAX_AREA = 1_000_000


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged (spanned) cell: its text stands at (top, left); the range is inclusive."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass(frozen=True, slots=True)
class Grid:
    """One table: rectangular rows of cell texts ('' for empty) and its merged ranges.

    A position covered by a merge but not its anchor holds ''."""

    rows: tuple[tuple[str, ...], ...]
    merges: tuple[Merge, ...] = ()
    name: str | None = None  # the sheet or table it came from, for messages
    # Every column is a column of the table even where it is empty (a ruled PDF grid, whose
    # continued page may leave a column empty throughout): an empty value cell is written
    # as a placeholder in each of them.
    dense: bool = False
    # The row number (in the source's own coordinates: a sheet's 1-based rows) each row came
    # from, so that a finding can name the sheet's row; empty when not known.
    rows_at: tuple[int, ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


Item = Grid | Paragraph


# ---------------------------------------------------------------------------------------------
# Cell text


_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")
# A line break or space between two CJK characters inside a cell is a wrap, not a space the
# text had (工资福利支\n出): Chinese names have none.
_CJK_GAP = re.compile(rf"(?<=[{CJK}（）“”：、，。；])\s+(?=[{CJK}（）“”：、，。；])")
# A gap holding a full-width or no-break space was typed to set two words apart (部门名称：
# 某某局, two full-width spaces, 单位：万元; &nbsp;&nbsp;): a space between them, never a wrap.
_TYPED_GAP = re.compile(r"\s*[\u00a0\u3000][\s\u00a0\u3000]*")
_KEPT = "\x00"


def _joined(raw: str) -> str:
    """Spaces collapsed and the wraps between CJK characters closed; a typed gap stays a
    space."""
    text = _SPACE.sub(" ", _TYPED_GAP.sub(_KEPT, raw.strip())).strip()
    return _CJK_GAP.sub("", text).replace(_KEPT, " ")


_NUMBER = re.compile(
    r"^(?P<sign>[-−–+]?)(?P<cur>[¥￥$]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?$"
)
_PAREN_NUMBER = re.compile(r"^[(（]\s*(?P<body>[\d,]+(?:\.\d+)?)\s*[)）]$")
_DASHES = re.compile(r"^[-—–－―]+$")


def normalise_number(text: str) -> str | None:
    """A number written as text, in canonical form: `2,468.10` → `2468.10`, `(12.50)` →
    `-12.50`, `－５.０` → `-5.0`; the printed decimals are kept. None if not a number.
    A percentage is not a number here (`12.5%` stays text)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    paren = _PAREN_NUMBER.match(folded)
    negative = False
    if paren:
        body = paren.group("body")
        # (1) is an enumeration, (12.50) or (1,200) a negative amount.
        if "." not in body and "," not in body:
            return None
        folded, negative = body, True
    match = _NUMBER.match(folded)
    if not match:
        return None
    out = match.group("int").replace(",", "") + (match.group("frac") or "")
    negative = negative or match.group("sign") in ("-", "−", "–")
    zero = not any(ch in "123456789" for ch in out)
    return f"-{out}" if negative and not zero else out


def indent_of(raw: str) -> int:
    """How many full-width spaces open a cell's text: its indentation, which places a name
    under the row above it where no code does (`　　科技成果转化与扩散`, a 项 under its 款)."""
    opening = raw[: len(raw) - len(raw.lstrip())]
    return opening.count("\u3000")


def cell_text(raw: object) -> str:
    """The text of one cell as the reader should see it: spaces collapsed, wraps between CJK
    characters closed (a gap typed with full-width or no-break spaces kept as a space), a
    number in canonical form (see `normalise_number`), the full-width spaces that indent a
    name kept."""
    if raw is None:
        return ""
    raw = str(raw)
    text = _SPACE.sub(" ", raw).strip()
    if not text:
        return ""
    number = normalise_number(text)
    if number is not None and not _leading_zero_code(text):
        return number
    return "\u3000" * indent_of(raw) + _joined(raw)


def _leading_zero_code(text: str) -> bool:
    """`03` (a 款 code) or `0101` keep their zeros: a code, not the number 3."""
    stripped = text.strip()
    return len(stripped) > 1 and stripped.isdigit() and stripped.startswith("0")


def paragraph_text(raw: str) -> str:
    """One paragraph as one line: spaces collapsed, wraps between CJK characters closed, a
    gap typed with full-width or no-break spaces kept as a space."""
    return _joined(raw)


def number_text(
    value: int | float | Decimal, decimals: int | None = None, percent: bool = False
) -> str:
    """A stored number as printed: `decimals` places when the cell's format says so (512.4
    with `0.00` → `512.40`); otherwise without binary noise (2468.1000000000001 → 2468.10).
    A percentage format gives text (`12.50%`), which the reader leaves alone."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        number = Decimal(format(value, ".15g"))
    else:
        number = Decimal(value)
    if percent:
        number *= 100
    if decimals is not None:
        with contextlib.suppress(InvalidOperation):  # beyond the context's precision
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    out = format(number, "f")
    if out.startswith("-") and not any(ch in "123456789" for ch in out):
        out = out[1:]
    return out + "%" if percent else out


# ---------------------------------------------------------------------------------------------
# Building a grid from positioned cells


def make_grid(
    cells: Mapping[tuple[int, int], str],
    merges: Iterable[tuple[int, int, int, int]] = (),
    hidden_rows: Container[int] = (),
    hidden_cols: Container[int] = (),
    name: str | None = None,
    path: str | None = None,
    columns: Iterable[int] | None = None,
) -> Grid:
    """A grid from cells at (row, column) in any coordinates, merges as inclusive
    (top, left, bottom, right) in the same coordinates. Hidden rows and columns are dropped;
    so are rows and columns with no text at all (a sparse sheet stays small). A merge whose
    anchor was hidden moves its text to its first visible position. `columns`, when given,
    are every column of the table, kept even where empty (the grid is then `dense`). Raises
    InputError naming `path` when the rows × columns with text exceed MAX_AREA."""
    visible = {
        pos: text
        for pos, raw in cells.items()
        if (text := cell_text(raw)) and pos[0] not in hidden_rows and pos[1] not in hidden_cols
    }
    kept: list[tuple[int, int, int, int]] = []
    for top, left, bottom, right in merges:
        if top in hidden_rows or left in hidden_cols:
            text = cell_text(cells.get((top, left)))
            first_row = _first_visible(top, bottom, hidden_rows)
            first_col = _first_visible(left, right, hidden_cols)
            if first_row is None or first_col is None:
                continue
            top, left = first_row, first_col
            if text and (top, left) not in visible:
                visible[(top, left)] = text
        if (top, left) in visible:  # an empty merged cell has nothing to place
            kept.append((top, left, bottom, right))
    row_ids = sorted({r for r, _ in visible})
    col_ids = sorted({c for _, c in visible} | set(columns or ()))
    if len(row_ids) * len(col_ids) > MAX_AREA:
        where = f"“{name}” " if name else ""
        raise InputError(
            f"a table {where}of {len(row_ids)} rows × {len(col_ids)} columns with text; the "
            f"limit is {MAX_AREA} positions",
            path,
        )
    row_at = {r: i for i, r in enumerate(row_ids)}
    col_at = {c: i for i, c in enumerate(col_ids)}
    table = [[""] * len(col_ids) for _ in row_ids]
    for (r, c), text in visible.items():
        table[row_at[r]][col_at[c]] = text
    out: list[Merge] = []
    for top, left, bottom, right in kept:
        # the rows and columns with text that the merge covers, found by bisection
        last_row = bisect_right(row_ids, bottom) - 1
        last_col = bisect_right(col_ids, right) - 1
        first_row, first_col = row_at[top], col_at[left]
        if last_row > first_row or last_col > first_col:
            out.append(Merge(first_row, first_col, last_row, last_col))
    return Grid(
        tuple(tuple(r) for r in table), tuple(out), name, columns is not None, tuple(row_ids)
    )


def _first_visible(low: int, high: int, hidden: Container[int]) -> int | None:
    at = low
    while at <= high and at in hidden:
        at += 1
    return at if at <= high else None


# ---------------------------------------------------------------------------------------------
# Grids to lines


class _Kind(Enum):
    EMPTY = 0
    BLANK = 1  # a printed dash: an empty cell that occupies its column
    AMOUNT = 2  # 12.50, 2468.10, -3.00: a figure
    INTEGER = 3  # 201, 03, 30101: a code (or an integer figure, which looks the same)
    TEXT = 4


def _kind(text: str) -> _Kind:
    if not text:
        return _Kind.EMPTY
    if _DASHES.match(text):
        return _Kind.BLANK
    if text.isdigit():
        return _Kind.INTEGER
    if normalise_number(text) is not None:
        return _Kind.AMOUNT
    if all(piece.isdigit() for piece in text.split()):
        return _Kind.INTEGER  # a code printed in parts: 201 03 01
    return _Kind.TEXT


@dataclass(slots=True)
class _Band:
    """The rows of one table within a grid (a sheet may hold several): header rows, then
    data rows from the first row holding an amount."""

    rows: list[int] = field(default_factory=list)
    first_data: int | None = None  # index into rows


def _cover(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """Covered position → its merge's anchor. Each position is claimed once: a merge that
    overlaps an earlier one stops there (overlaps are invalid), which also bounds the work."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    nrows, ncols = len(grid.rows), grid.width
    for m in grid.merges:
        anchor = (m.top, m.left)
        if anchor in out:
            continue
        done = False
        for r in range(max(m.top, 0), min(m.bottom, nrows - 1) + 1):
            for c in range(max(m.left, 0), min(m.right, ncols - 1) + 1):
                if (r, c) == anchor:
                    continue
                if (r, c) in out:
                    done = True
                    break
                out[(r, c)] = anchor
            if done:
                break
    return out


def _bands(
    kinds: Sequence[Sequence[_Kind]], cover: Mapping[tuple[int, int], tuple[int, int]]
) -> list[_Band]:
    """A row of text only after data rows starts a new table (its title or header), unless a
    figure merged down from a data row above spans it: then it is a line of that row (a
    project's figures merged down over its indicator lines)."""
    figure_above: dict[int, set[int]] = {}  # row → the rows whose merged figures span it
    for (r, _), (ar, ac) in cover.items():
        if ar < r and kinds[ar][ac] is _Kind.AMOUNT:
            figure_above.setdefault(r, set()).add(ar)
    bands: list[_Band] = []
    band = _Band()
    for r, row in enumerate(kinds):
        if all(k is _Kind.EMPTY for k in row):
            continue
        has_amount = any(k is _Kind.AMOUNT for k in row)
        has_number = has_amount or any(k is _Kind.INTEGER for k in row)
        inside = band.first_data is not None and not figure_above.get(r, set()).isdisjoint(
            band.rows[band.first_data :]
        )
        if band.first_data is not None and not has_number and not inside:
            bands.append(band)
            band = _Band()
        if has_amount and band.first_data is None:
            band.first_data = len(band.rows)
        band.rows.append(r)
    if band.rows:
        bands.append(band)
    return bands


def _used(band: _Band, kinds: Sequence[Sequence[_Kind]], dense: bool) -> set[int]:
    """The columns of a band's table: those with text in it, or all of a dense grid's."""
    if dense:
        return set(range(len(kinds[0]))) if kinds else set()
    return {c for r in band.rows for c, k in enumerate(kinds[r]) if k is not _Kind.EMPTY}


def _value_columns(band: _Band, kinds: Sequence[Sequence[_Kind]], used: set[int]) -> set[int]:
    if band.first_data is None:
        return set()
    data = band.rows[band.first_data :]
    amounts = {c for r in data for c, k in enumerate(kinds[r]) if k is _Kind.AMOUNT}
    labels = {
        c for r in data for c, k in enumerate(kinds[r]) if k in (_Kind.TEXT, _Kind.INTEGER)
    } - amounts
    if not labels:  # figures only (the 三公 table): every column of the table holds values
        return used
    first = min(amounts)
    return amounts | {c for c in used if c > first and c not in labels}


def _continues(
    band: _Band, kinds: Sequence[Sequence[_Kind]], columns: set[int], values: set[int]
) -> bool:
    """Whether a band goes on with the table before it (`columns`, `values`): the rows of
    text that parted them hold text in its columns of labels only (a 收支总表's rows with
    nothing to show, 十一、节能环保支出 …), and its figures stand in its columns of figures.
    It then keeps every column of that table, empty ones too (政府性基金, with nothing in it
    below those rows)."""
    if band.first_data is None:
        return False
    labels = columns - values
    head = band.rows[: band.first_data]
    if any(k is not _Kind.EMPTY and c not in labels for r in head for c, k in enumerate(kinds[r])):
        return False
    data = band.rows[band.first_data :]
    return all(c in values for r in data for c, k in enumerate(kinds[r]) if k is _Kind.AMOUNT)


def grid_rows(grid: Grid) -> list[tuple[int, str]]:
    """The lines of one grid, each with the grid row it was written from."""
    width = grid.width
    # cell_text is idempotent: a grid from make_grid is already in this form, any other not
    texts = [tuple(cell_text(t) for t in row) + ("",) * (width - len(row)) for row in grid.rows]
    kinds = [[_kind(t) for t in row] for row in texts]
    cover = _cover(grid)
    for pos in cover:  # a covered position shows nothing of its own
        kinds[pos[0]][pos[1]] = _Kind.EMPTY
    lines: list[tuple[int, str]] = []
    before: tuple[set[int], set[int]] | None = None  # the columns and value columns before
    for band in _bands(kinds, cover):
        columns = _used(band, kinds, grid.dense)
        values = _value_columns(band, kinds, columns)
        if before is not None and _continues(band, kinds, *before):
            columns, values = columns | before[0], values | before[1]
        before = (columns, values) if band.first_data is not None else None
        used = sorted(columns)
        data_rows = set(band.rows[band.first_data :]) if band.first_data is not None else set()
        for r in band.rows:
            numbers = [c for c, k in enumerate(kinds[r]) if k in (_Kind.AMOUNT, _Kind.INTEGER)]
            if r not in data_rows or not numbers:
                cells = [texts[r][c] for c in range(width) if texts[r][c] and (r, c) not in cover]
                lines.append((r, " ".join(cells)))
                continue
            has_text = any(k is _Kind.TEXT for k in kinds[r])
            # A label merged down belongs to the rows below that have figures of their own;
            # a line of text under it (a project's indicators, a 72 among them) has none.
            figures = not values or any(c in values for c in numbers)
            out: list[str] = []
            seen = False
            for c in used:
                anchor = cover.get((r, c))
                text = texts[r][c]
                if anchor is not None:
                    ar, ac = anchor
                    if ar == r or ac != c:
                        continue  # the continuation of a cell to the left
                    # A vertical merge: a code or name spanning rows belongs to each row
                    # (其他运转类 over its projects, 201 over its 款); a figure does not.
                    own = c not in values and ar in data_rows and figures
                    text = texts[ar][ac] if own else ""
                if text:
                    out.append(text)
                    seen = True
                elif c in values and (seen or not has_text):
                    out.append(BLANK)
            lines.append((r, " ".join(out)))
    return lines


def grid_lines(items: Iterable[Item]) -> list[str]:
    """The flattened text of paragraphs and tables in document order, one string per line."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, Paragraph):
            text = paragraph_text(item.text)
            if text:
                lines.append(text)
        else:
            lines.extend(line for _, line in grid_rows(item))
            lines.append("")
    return lines


def grid_places(items: Iterable[Item], first_row: int = 1) -> list[tuple[str, int] | None]:
    """Beside each line of `grid_lines`, the sheet and row it was written from (rows counted
    from 1: `first_row` is the number the grid's coordinates give the first row); None for a
    paragraph or a line between grids."""
    places: list[tuple[str, int] | None] = []
    for item in items:
        if isinstance(item, Paragraph):
            if paragraph_text(item.text):
                places.append(None)
            continue
        at = item.rows_at
        for r, _ in grid_rows(item):
            row = at[r] + 1 - first_row if r < len(at) else None
            places.append((item.name or "", row) if row is not None else None)
        places.append(None)
    return places


def grid_text(items: Iterable[Item]) -> str:
    return "\n".join(grid_lines(items))
