"""PDF pages as layout: ruled tables become grids of cells, the rest lines of text.

Most disclosures are spreadsheets printed to PDF: every table is drawn as a ruled grid. Its
rulings are the page's path objects (strokes, thin filled bars, rectangles around cells).
A cell is the space between two neighbouring rulings each way; where the ruling between two
cells is missing they are one merged cell. A cell's text is the page's text inside its box,
line after line, so a name wrapped over three lines of a narrow cell, a figure broken over
two lines, or two printed rows that the text layer gives as one line all read as the cells
they are. Pages printed turned (/Rotate) are read as they are shown.

A page becomes its lines top to bottom, each with its box on the page (`page_layout`): each
table's rows written as a workbook's are (`grid.grid_rows`: an empty value cell as a
placeholder, so every figure keeps its column, and every column kept even where a continued
page leaves it empty), and the text around the tables rebuilt from its runs' baselines. Rulings
a few points apart are one edge (double lines, a rectangle drawn per cell); a heading split in
a few header rows, or a sliver between two rulings, is no column of its own. A page without a
ruled table, or whose grid cannot be trusted (a cell holding figures of two rows: the rulings
between rows are missing), is left to the text layer: `page_layout` returns None.

A text layer is read in the order it was drawn, which is the reading order but where a
program drew a page otherwise: LibreOffice Calc draws the cells that wrap their text after
all the others, Writer the Western quotes of “三公” after the Chinese around them. Such a
page's lines are put top to bottom, and a line or cell whose characters were drawn out of
order is read from the characters themselves, left to right (`drawn_out_of_order`).
"""

from __future__ import annotations

import ctypes
import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from yusuan.model import Box
from yusuan.read.grid import grid_rows, indent_of, make_grid, normalise_number

# Points. Rulings closer than SNAP are one; a path thinner than LINE is a line.
SNAP = 1.5
LINE = 3.0
# Parallel rulings closer than this bound no cell (no text fits): they are one edge, drawn
# double or as the borders of cells drawn each with its own rectangle.
EDGE_GAP = 6.0
# A ruling must be at least this long to count (dots and ticks are not rulings).
MIN_RULING = 4.0
# Path objects on one page beyond which the page is not examined (a drawing, not a table).
MAX_PATHS = 20_000
MAX_FORM_DEPTH = 4
# Narrower columns hold no figure: they are no column of the table.
MIN_COLUMN = 12.0
# A cell's box is shrunk by this before its text is taken, so that a character on a ruling
# is not taken twice.
INSET = 0.3

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(a: Matrix, b: Matrix) -> Matrix:
    """The matrix a then b (PDF order: [a b c d e f])."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass(frozen=True, slots=True)
class _View:
    """From PDF user space to the page as shown (turned by /Rotate, clockwise), y up."""

    rotation: int

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, -x
        if self.rotation == 180:
            return -x, -y
        if self.rotation == 270:
            return -y, x
        return x, y

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        """A box in one space as (left, bottom, right, top) in the other: each turn is its
        own kind of inverse up to sign, so the user box of a shown box is `unbox`."""
        (x0, y0), (x1, y1) = self.point(left, bottom), self.point(right, top)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def unbox(self, left: float, bottom: float, right: float, top: float) -> Box:
        back = _View((360 - self.rotation) % 360)
        return back.box(left, bottom, right, top)


@dataclass(frozen=True, slots=True)
class _Ruling:
    at: float  # y of a horizontal ruling, x of a vertical one
    low: float  # its extent along the other axis
    high: float


# ---------------------------------------------------------------------------------------------
# Rulings from path objects


def _path_objects(raw: Any, pdfium_c: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every path object of a page with the matrix from its container to the page (a form
    XObject holds its objects in its own space)."""
    stack: list[tuple[Any, Matrix, int, bool]] = [(raw, _IDENTITY, 0, True)]
    matrix = pdfium_c.FS_MATRIX()
    seen = 0
    while stack:
        container, to_page, depth, is_page = stack.pop()
        if is_page:
            count, get = pdfium_c.FPDFPage_CountObjects(container), pdfium_c.FPDFPage_GetObject
        else:
            count = pdfium_c.FPDFFormObj_CountObjects(container)
            get = pdfium_c.FPDFFormObj_GetObject
        for i in range(count):
            obj = get(container, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                seen += 1
                if seen > MAX_PATHS:
                    return
                yield obj, to_page
            elif (
                kind == pdfium_c.FPDF_PAGEOBJ_FORM
                and depth < MAX_FORM_DEPTH
                and pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            ):
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                stack.append((obj, _compose(own, to_page), depth + 1, False))


def _rulings(page: Any, view: _View) -> tuple[list[_Ruling], list[_Ruling]]:
    """The horizontal and vertical rulings of a page as shown, collinear pieces merged."""
    import pypdfium2.raw as pdfium_c

    horizontal: list[_Ruling] = []
    vertical: list[_Ruling] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    matrix = pdfium_c.FS_MATRIX()

    def add(ux0: float, uy0: float, ux1: float, uy1: float) -> None:
        (x0, y0), (x1, y1) = view.point(ux0, uy0), view.point(ux1, uy1)
        if abs(y1 - y0) <= LINE and abs(x1 - x0) >= MIN_RULING:
            horizontal.append(_Ruling((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= LINE and abs(y1 - y0) >= MIN_RULING:
            vertical.append(_Ruling((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    for obj, to_page in _path_objects(page.raw, pdfium_c):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, y0 = _apply(to_page, left.value, bottom.value)
        x1, y1 = _apply(to_page, right.value, top.value)
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        if x1 - x0 <= LINE or y1 - y0 <= LINE:  # a stroke or a thin filled bar
            add(x0, y0, x1, y1)
            continue
        count = pdfium_c.FPDFPath_CountSegments(obj)
        if count <= 0 or not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked):
            continue
        if count <= 5:  # a rectangle (re, or four lines closed)
            if stroked.value:  # its four sides; filled only, it is a shading or a background
                add(x0, y0, x1, y0)
                add(x0, y1, x1, y1)
                add(x0, y0, x0, y1)
                add(x1, y0, x1, y1)
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
        # Subpath by subpath: a stroked one draws its segments; a filled one is a ruling only
        # when it is a thin bar.
        points: list[tuple[float, float]] = []
        for i in range(count + 1):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, i) if i < count else None
            kind = pdfium_c.FPDFPathSegment_GetType(segment) if segment else None
            if (segment is None or kind == pdfium_c.FPDF_SEGMENT_MOVETO) and len(points) > 1:
                _subpath(points, bool(stroked.value), add)
                points = []
            if segment is None or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                points = []
            points.append(_apply(m, x.value, y.value))
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                points.append(points[0])
    return _merge(horizontal), _merge(vertical)


def _subpath(
    points: list[tuple[float, float]],
    stroked: bool,
    add: Callable[[float, float, float, float], None],
) -> None:
    if stroked:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            add(x0, y0, x1, y1)
        return
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if min(max(xs) - min(xs), max(ys) - min(ys)) <= LINE:
        add(min(xs), min(ys), max(xs), max(ys))


def _merge(rulings: list[_Ruling]) -> list[_Ruling]:
    """Collinear pieces (within SNAP of each other) that touch or overlap become one."""
    out: list[_Ruling] = []
    rulings.sort(key=lambda r: r.at)
    groups: list[list[_Ruling]] = []
    for ruling in rulings:
        if groups and ruling.at - groups[-1][-1].at <= SNAP:
            groups[-1].append(ruling)
        else:
            groups.append([ruling])
    for group in groups:
        pieces = sorted(group, key=lambda r: r.low)
        at = sum(p.at for p in pieces) / len(pieces)
        low, high = pieces[0].low, pieces[0].high
        for piece in pieces[1:]:
            if piece.low <= high + SNAP:
                high = max(high, piece.high)
            else:
                out.append(_Ruling(at, low, high))
                low, high = piece.low, piece.high
        out.append(_Ruling(at, low, high))
    return out


# ---------------------------------------------------------------------------------------------
# Tables: rulings that meet, their grid and merged cells


@dataclass(slots=True)
class _Table:
    rows: list[float]  # y of each row edge, top to bottom
    cols: list[float]  # x of each column edge, left to right
    # The extents of the rulings on each edge: row edge index → [(low x, high x)], etc.
    on_row: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    on_col: dict[int, list[tuple[float, float]]] = field(default_factory=dict)

    @property
    def box(self) -> Box:
        return self.cols[0], self.rows[-1], self.cols[-1], self.rows[0]


def _edges(values: list[float]) -> list[float]:
    """The positions of the edges the rulings draw: rulings closer than EDGE_GAP to the one
    before are one edge, at their middle."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] < EDGE_GAP:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [(g[0] + g[-1]) / 2 for g in groups]


def _nearest(edges: list[float], value: float) -> int:
    at = bisect_right(edges, value)
    if at == len(edges) or (at > 0 and value - edges[at - 1] <= edges[at] - value):
        return at - 1
    return at


def _tables(horizontal: list[_Ruling], vertical: list[_Ruling]) -> list[_Table]:
    """Groups of rulings that cross or touch one another, with at least two cells each way
    (a frame around a page or a paragraph is no table)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontal)
    by_x = sorted(range(len(vertical)), key=lambda i: vertical[i].at)
    xs = [vertical[i].at for i in by_x]
    for hi, h in enumerate(horizontal):
        # Cells drawn each as its own rectangle leave their borders up to EDGE_GAP apart:
        # such rulings meet too.
        lo = bisect_right(xs, h.low - EDGE_GAP - 1e-9)
        hi_at = bisect_right(xs, h.high + EDGE_GAP)
        for vi in by_x[lo:hi_at]:
            v = vertical[vi]
            if v.low - EDGE_GAP <= h.at <= v.high + EDGE_GAP:
                parent[find(hi)] = find(offset + vi)
    groups: dict[int, tuple[list[_Ruling], list[_Ruling]]] = {}
    for hi, h in enumerate(horizontal):
        groups.setdefault(find(hi), ([], []))[0].append(h)
    for vi, v in enumerate(vertical):
        groups.setdefault(find(offset + vi), ([], []))[1].append(v)
    tables = []
    for hs, vs in groups.values():
        ascending = _edges([h.at for h in hs])
        cols = _edges([v.at for v in vs])
        if len(ascending) < 3 or len(cols) < 3:
            continue
        table = _Table(ascending[::-1], cols)
        for h in hs:
            index = len(ascending) - 1 - _nearest(ascending, h.at)
            table.on_row.setdefault(index, []).append((h.low, h.high))
        for v in vs:
            table.on_col.setdefault(_nearest(cols, v.at), []).append((v.low, v.high))
        tables.append(table)
    tables.sort(key=lambda t: -t.rows[0])
    return tables


def _covered(extents: list[tuple[float, float]] | None, along: float, band: float) -> bool:
    """Whether a ruling on this edge passes through `along`, the middle of a row or column
    `band` wide: a ruling that stops short of it by less than EDGE_GAP (borders drawn apart)
    does, one that ends at the band's own edge does not."""
    slack = min(EDGE_GAP, band / 4)
    return extents is not None and any(
        low - slack <= along <= high + slack for low, high in extents
    )


def _cells(table: _Table) -> list[tuple[int, int, int, int]]:
    """Every cell as an inclusive (top, left, bottom, right) range of grid positions: the
    positions between rulings, joined where the ruling between two of them is missing."""
    nrows, ncols = len(table.rows) - 1, len(table.cols) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        middle_y = (table.rows[r] + table.rows[r + 1]) / 2
        for c in range(ncols):
            middle_x = (table.cols[c] + table.cols[c + 1]) / 2
            height = table.rows[r] - table.rows[r + 1]
            width = table.cols[c + 1] - table.cols[c]
            if c + 1 < ncols and not _covered(table.on_col.get(c + 1), middle_y, height):
                parent[find(r * ncols + c)] = find(r * ncols + c + 1)
            if r + 1 < nrows and not _covered(table.on_row.get(r + 1), middle_x, width):
                parent[find(r * ncols + c)] = find((r + 1) * ncols + c)
    extent: dict[int, list[int]] = {}
    for index in range(nrows * ncols):
        r, c = divmod(index, ncols)
        box = extent.setdefault(find(index), [r, c, r, c])
        box[0], box[1] = min(box[0], r), min(box[1], c)
        box[2], box[3] = max(box[2], r), max(box[3], c)
    return [(b[0], b[1], b[2], b[3]) for b in extent.values()]


# ---------------------------------------------------------------------------------------------
# Text


@dataclass(frozen=True, slots=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2


def page_chars(textpage: Any, view: _View) -> list[_Run]:
    """The page's printed characters, each as a run placed as shown, in the text layer's
    order. The spaces and breaks the text layer makes up are left out (the gaps between the
    characters say where words and cells part); a space the page prints stands where it is,
    as high as the character before it."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out: list[_Run] = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if 0xD800 <= code < 0xE000 or not pdfium_c.FPDFText_GetCharBox(
            raw, i, left, right, bottom, top
        ):
            continue
        x0, y0, x1, y1 = view.box(left.value, bottom.value, right.value, top.value)
        if chr(code).isspace() or code < 32:
            if code == 32 and out and pdfium_c.FPDFText_IsGenerated(raw, i) == 0:
                out.append(_Run(x0, out[-1].bottom, max(x1, x0), out[-1].top, " "))
            continue
        if x1 > x0 and y1 > y0:
            out.append(_Run(x0, y0, x1, y1, chr(code)))
    return out


def text_boxes(textpage: Any, view: _View) -> list[Box]:
    """The boxes of the text layer's runs, placed as shown, in the layer's order."""
    return [view.box(*textpage.get_rect(i)) for i in range(textpage.count_rects())]


def drawn_out_of_order(
    textpage: Any, view: _View, lines_too: bool = True, boxes: list[Box] | None = None
) -> bool:
    """Whether the text layer gives the page's text in another order than it is read: on a
    line, a run that starts well before the run before it ends (LibreOffice Writer draws the
    Western quotes of “三公” after the Chinese around them, and the run of the quotes spans
    them), or, `lines_too`, a line drawn after two lines, one after the other, that stand
    above and below it (LibreOffice Calc draws the cells that wrap their text after all the
    others). A header, footer or title drawn last, or a column set beside another, is no
    disorder: the text layer's order is kept for them."""
    lines: list[list[float]] = []  # [left, bottom, right, top] of each line, in stream order
    before: _Run | None = None
    for box in text_boxes(textpage, view) if boxes is None else boxes:
        run = _Run(*box, "")
        left, bottom, right, top = run.left, run.bottom, run.right, run.top
        if top - bottom <= _FLAT:
            continue
        if lines:
            line = lines[-1]
            if line[1] <= run.middle <= line[3] or bottom <= (line[1] + line[3]) / 2 <= top:
                if before is not None and _goes_back(before, run):
                    return True
                line[0], line[1] = min(line[0], left), min(line[1], bottom)
                line[2], line[3] = max(line[2], right), max(line[3], top)
                before = run
                continue
            if lines_too and any(
                above[1] > below[3]
                and above[1] >= top
                and bottom >= below[3]
                and left < min(above[2], below[2])
                and right > max(above[0], below[0])
                for above, below in itertools.pairwise(lines)
            ):
                return True
        lines.append([left, bottom, right, top])
        before = run
    return False


def _goes_back(before: _Run, after: _Run) -> bool:
    """Whether `after`, drawn after `before` on its line, starts well before it ends: by more
    than a third of the line's height (a character drawn twice a little apart, as a bold
    face is faked, or a kerned pair overlaps by less)."""
    height = max(before.top - before.bottom, after.top - after.bottom)
    return after.left < before.right - max(1.0, height / 3)


def char_rows(chars: list[_Run]) -> list[list[_Run]]:
    """Characters as the lines they are printed on, top to bottom, each left to right. A
    line is where its tallest characters stand: a character shorter than them (the raised
    quotes of “三公”, the flat 一, a low 、) is on the line that spans most of it, or, on
    none, starts one of its own. A mark that hangs below the line (the comma of 21,018.93,
    mostly under the digits' baseline) is on the line whose lower half it reaches into."""
    bands: list[tuple[float, float, list[_Run]]] = []
    for char in sorted(chars, key=lambda c: c.bottom - c.top):
        height = char.top - char.bottom
        best, most = None, 0.0
        for band in bands:
            overlap = min(char.top, band[1]) - max(char.bottom, band[0])
            if overlap > most:
                best, most = band, overlap
        if best is not None and (
            most >= 0.5 * min(height, best[1] - best[0]) or _hangs_below(char, best)
        ):
            best[2].append(char)
        else:
            bands.append((char.bottom, char.top, [char]))
    bands.sort(key=lambda b: -(b[0] + b[1]))
    return [sorted(b[2], key=lambda c: c.left) for b in bands]


def _hangs_below(char: _Run, band: tuple[float, float, list[_Run]]) -> bool:
    """A small mark (at most half the line's height) that reaches into the line's lower half
    from below it: punctuation set on and under the baseline, never a character of the line
    below, which stands clear of this one."""
    bottom, top = band[0], band[1]
    height = top - bottom
    return (
        char.top - char.bottom <= 0.5 * height
        and char.bottom < bottom < char.top <= bottom + 0.5 * height
    )


def char_lines(chars: list[_Run]) -> list[str]:
    """Characters as the lines they are read in, top to bottom, left to right."""
    return [join_runs(row) for row in char_rows(chars)]


def _runs(
    textpage: Any, view: _View, tables: list[_Table], chars: list[_Run] | None = None
) -> list[_Run]:
    """The page's text runs outside the tables, placed as shown: the text layer's own runs,
    or, for a page drawn out of reading order (`drawn_out_of_order`), its characters, each a
    run (a run of the text layer then spans characters drawn after it, whose text it would
    take again)."""
    runs = []
    boxes = [t.box for t in tables]
    if chars is not None:
        return [
            c
            for c in chars
            if not any(b[0] <= c.x <= b[2] and b[1] <= c.middle <= b[3] for b in boxes)
        ]
    for i in range(textpage.count_rects()):
        user = textpage.get_rect(i)
        left, bottom, right, top = view.box(*user)
        x, y = (left + right) / 2, (bottom + top) / 2
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            continue
        text = textpage.get_text_bounded(*user).replace("\r", "").replace("\n", "")
        if text.strip():
            runs.append(_Run(left, bottom, right, top, text))
    return runs


_FLAT = 0.2  # pt: the height of a space's box is none
_INDENT_STEP = 0.7  # characters: a text set this far right of the flush margin is indented
_PADDING = 0.75  # characters: a cell's padding is less
_SAME_START = 1.0  # pt: two texts starting this close start at the same place


class _Glyphs:
    """Where the page's text is printed (`text_boxes`), for the margins of the text inside a
    cell."""

    def __init__(self, boxes: list[Box], flush: dict[int, float] | None = None) -> None:
        # a space is a box without height, and sets no margin
        self.boxes = sorted((b for b in boxes if b[3] - b[1] > _FLAT), key=lambda b: b[1] + b[3])
        self.middles = [(b[1] + b[3]) / 2 for b in self.boxes]
        # the smallest left margin each column (by its left edge) showed on earlier pages
        self.flush: dict[int, float] = {} if flush is None else flush

    def margins(
        self, left: float, bottom: float, right: float, top: float
    ) -> tuple[float, float, float] | None:
        """The blank left and right of the text in a cell, and the height of its tallest
        character (the text's size); None when no character is inside."""
        lo, hi = bisect_right(self.middles, bottom), bisect_right(self.middles, top)
        inside = [b for b in self.boxes[lo:hi] if b[0] >= left - INSET and b[2] <= right + INSET]
        if not inside:
            return None
        size = max(b[3] - b[1] for b in inside)
        return min(b[0] for b in inside) - left, right - max(b[2] for b in inside), size


def _indents(
    margins: dict[tuple[int, int], tuple[float, float, float]],
    lefts: dict[int, float] | None = None,
    seen: dict[int, float] | None = None,
) -> dict[tuple[int, int], int]:
    """The cells of a column whose text starts further right than the column's flush-left
    cells, with by how many characters: an indentation set in the workbook (Excel's indent),
    which places a name under the one above.

    The flush margin is the column's smallest, unless every cell of the page is indented (a
    table continued on a page that starts with its 项): then it is the smallest an earlier
    page showed for a column standing where this one does (`seen`, by its left edge `lefts`),
    and at most the padding of a cell, under a character. Right-aligned text is not indented,
    nor is centred text (as much blank right as left) unless it starts where the column's
    indented cells do."""
    by_column: dict[int, list[tuple[tuple[int, int], float, float, float]]] = {}
    for at, (blank_left, blank_right, size) in margins.items():
        if size > 0 and blank_left < blank_right + size:
            by_column.setdefault(at[1], []).append((at, blank_left, blank_right, size))
    out: dict[tuple[int, int], int] = {}
    for column, found in by_column.items():
        left = [(at, bl, size) for at, bl, br, size in found if bl + size < br]
        if not left:
            continue
        here = min(bl for _, bl, _ in left)
        flush = min(here, _PADDING * min(s for _, _, s in left))
        if seen is not None and lefts is not None and column in lefts:
            key = round(lefts[column] / _SAME_START)
            flush = min(flush, seen.get(key, flush))
            seen[key] = min(here, seen.get(key, here))
        starts = [bl for _, bl, _ in left]
        for at, bl, br, size in found:
            if bl + size >= br and not any(abs(bl - s) < _SAME_START for s in starts):
                continue  # centred
            step = (bl - flush) / size
            if step >= _INDENT_STEP:
                out[at] = max(1, round(step))
    return out


_FIGURE = set("0123456789,.-")
_AMOUNT = re.compile(r"^[-−(（]?\d[\d,]*\.\d+[)）]?$|^[-−]?\d{1,3}(?:,\d{3})+$")
_WIDE = set("：，、。；（）《》“”")


def baseline_rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs whose vertical middles meet are one line; the lines top to bottom."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: -r.middle):
        row = rows[-1] if rows else None
        if row is not None:
            r_middle = sum(r.middle for r in row) / len(row)
            r_height = max(r.top - r.bottom for r in row)
            if abs(r_middle - run.middle) <= max(r_height, run.top - run.bottom) * 0.5:
                row.append(run)
                continue
        rows.append([run])
    return rows


def join_runs(row: list[_Run]) -> str:
    """One line's runs left to right, with a space where a gap separates two runs."""
    row = sorted(row, key=lambda r: r.left)
    height = max(r.top - r.bottom for r in row)
    parts = [row[0].text]
    for before, run in itertools.pairwise(row):
        gap = run.left - before.right
        # Within a figure the boxes of narrow marks (, .) leave wider gaps than between the
        # characters of a word; a new cell leaves wider still.
        numeric = before.text.rstrip()[-1:] in _FIGURE and run.text[:1] in _FIGURE
        limit = height * (1.2 if numeric else 0.6)
        # Full-width punctuation carries its own spacing (表3： 2026年 is 表3：2026年).
        wide = before.text.rstrip()[-1:] in _WIDE or run.text[:1] in _WIDE
        space = gap > limit and not wide and not before.text.endswith(" ")
        parts.append((" " if space else "") + run.text)
    return " ".join("".join(parts).split())


def _cell_text(raw: str) -> tuple[str, int]:
    """The text of a cell from its lines, and how many of its lines hold a figure. A wrap
    inside a cell is no space (2026信 / 访专项 / 经费, 1682.7 / 6), except between Latin
    letters."""
    text = ""
    figures = 0
    # full-width spaces opening the cell indent a name under the row above (杭州's 款 and 项)
    indent = "\u3000" * indent_of(raw)
    for line in raw.replace("\r", "\n").split("\n"):
        words = line.split()
        if not words:
            continue
        figures += any(normalise_number(word) is not None for word in words)
        line = words[0]
        for word in words[1:]:
            line += _space(line, word) + word
        text += _space(text, line, wrap=True) + line if text else line
    return (indent + text if text else text), figures


def _space(before: str, after: str, wrap: bool = False) -> str:
    """What separates two words of one cell. Chinese has no spaces: a space the text layer
    puts beside a Chinese word (泉州市 12345 政务服务中心, 2026 信访) or a wrap goes, so that
    in the table's lines a space stands between cells; a space before a printed amount
    (合计 1,234.00) or between Latin words stays, and so does a wrap between Latin letters."""
    if wrap:
        return (
            " " if before[-1:].isascii() and before[-1:].isalpha() and after[:1].isalpha() else ""
        )
    if before[-1:].isascii() and after[:1].isascii():
        return " "
    if _AMOUNT.match(after) or _AMOUNT.match(before.rsplit(" ", 1)[-1]):
        return " "
    return ""


# ---------------------------------------------------------------------------------------------
# A page


def _trimmed(table: _Table) -> tuple[_Table, list[tuple[int, int, int, int]]] | None:
    """The table without the rows at its top and bottom that are one cell across (a title,
    the unit line or a note drawn inside the frame: text, not cells), with its cells; None
    when nothing of a table is left."""
    cells = _cells(table)
    last_col = len(table.cols) - 2
    across = {top for top, left, bottom, right in cells if left == 0 and right == last_col}
    across = {
        r for r in across if not any(t <= r <= b and (t, b) != (r, r) for t, _, b, _ in cells)
    }
    first, last = 0, len(table.rows) - 2
    while first <= last and first in across:
        first += 1
    while last >= first and last in across:
        last -= 1
    if first == 0 and last == len(table.rows) - 2:
        return table, cells
    if last - first < 1:
        return None
    trimmed = _Table(table.rows[first : last + 2], table.cols)
    trimmed.on_row = {i - first: v for i, v in table.on_row.items() if first <= i <= last + 1}
    trimmed.on_col = table.on_col
    return trimmed, _cells(trimmed)


def _columns(table: _Table, cells: list[tuple[int, int, int, int]]) -> list[int]:
    """The table's columns: the grid positions at least MIN_COLUMN wide where cells start in
    the last row (a row of figures) or in at least half of the rows. A ruling drawn in a few
    header rows only (a split heading), or a sliver between two rulings, makes no column of
    its own: what stands there belongs to the column on its left."""
    nrows = len(table.rows) - 1
    starts: Counter[int] = Counter()
    last = set()
    for top, left, bottom, _ in cells:
        starts[left] += bottom - top + 1
        if bottom == nrows - 1:
            last.add(left)
    wide = {
        c for c in range(len(table.cols) - 1) if table.cols[c + 1] - table.cols[c] >= MIN_COLUMN
    }
    return sorted({0} | (wide & (last | {c for c, n in starts.items() if 2 * n >= nrows})))


def _table_lines(
    table: _Table,
    cells: list[tuple[int, int, int, int]],
    textpage: Any,
    view: _View,
    name: str,
    glyphs: _Glyphs,
    chars: list[_Run] | None = None,
) -> list[tuple[str, Box]] | None:
    """The table's lines from the text inside each cell (from `chars`, the page's characters,
    when its text layer is out of reading order), each with its row's box; None when a
    single cell holds figures on two lines (rulings between rows are missing: the grid would
    merge them)."""
    columns = _columns(table, cells)
    column_of = [bisect_right(columns, c) - 1 for c in range(len(table.cols) - 1)]
    texts: dict[tuple[int, int], str] = {}
    merges = []
    margins: dict[tuple[int, int], tuple[float, float, float]] = {}
    for top, left, bottom, right in sorted(cells):
        box = view.unbox(
            table.cols[left] + INSET,
            table.rows[bottom + 1] + INSET,
            table.cols[right + 1] - INSET,
            table.rows[top] - INSET,
        )
        if chars is None:
            raw = textpage.get_text_bounded(*box)
        else:
            x0, y0, x1, y1 = view.box(*box)
            raw = "\n".join(
                char_lines([c for c in chars if x0 <= c.x <= x1 and y0 <= c.middle <= y1])
            )
        text, figures = _cell_text(raw)
        if not text:
            continue
        if figures > 1 and normalise_number(text) is None:
            return None
        at = (top, column_of[left])
        if at not in texts and not text.startswith("\u3000") and normalise_number(text) is None:
            found = glyphs.margins(
                table.cols[left], table.rows[bottom + 1], table.cols[right + 1], table.rows[top]
            )
            if found is not None:
                margins[at] = found
        texts[at] = f"{texts[at]} {text}" if at in texts else text
        if bottom > top or column_of[right] > column_of[left]:
            merges.append((top, column_of[left], bottom, column_of[right]))
    if not texts:
        return []
    lefts = {c: table.cols[start] for c, start in enumerate(columns)}
    for at, depth in _indents(margins, lefts, glyphs.flush).items():
        texts[at] = "\u3000" * depth + texts[at]
    # Every column is kept, even one this page leaves empty (a table continued from the page
    # before, without its header): its empty cells are written as placeholders.
    dense = make_grid(texts, merges, name=name, columns=range(len(columns)))
    kept = sorted({r for r, _ in texts})  # the grid's rows, as make_grid keeps them
    x0, x1 = table.cols[0], table.cols[-1]
    return [
        (line, view.unbox(x0, table.rows[kept[i] + 1], x1, table.rows[kept[i]]))
        for i, line in grid_rows(dense)
    ]


def page_layout(
    page: Any, textpage: Any, name: str, flush: dict[int, float] | None = None
) -> list[tuple[str, Box]] | None:
    """The page's lines, top to bottom, each with its box in PDF user space (a table's row,
    or the runs of a line of text): each ruled table's rows, the text around the tables
    rebuilt from its runs. None when the page has no ruled table, or one this reader cannot
    trust, so that its text layer is read instead."""
    view = _View(page.get_rotation() % 360)
    horizontal, vertical = _rulings(page, view)
    if len(horizontal) < 3 or len(vertical) < 3:
        return None
    tables = _tables(horizontal, vertical)
    if not tables:
        return None
    placed: list[tuple[float, list[tuple[str, Box]]]] = []
    kept = []
    boxes = text_boxes(textpage, view)  # read once: for the order and for the margins
    glyphs = _Glyphs(boxes, flush)
    # (the lines of a page are put in order here; the characters of one line are not)
    disorder = drawn_out_of_order(textpage, view, lines_too=False, boxes=boxes)
    chars = page_chars(textpage, view) if disorder else None
    for table in tables:
        trimmed = _trimmed(table)
        if trimmed is None:
            continue
        table, cells = trimmed
        lines = _table_lines(table, cells, textpage, view, name, glyphs, chars)
        if lines is None:
            return None
        placed.append((table.rows[0], lines))
        kept.append(table)
    if not kept:
        return None
    outside = _runs(textpage, view, kept, chars)
    for row in baseline_rows(outside) if chars is None else char_rows(outside):
        placed.append((max(r.top for r in row), [(join_runs(row), _row_box(row, view))]))
    placed.sort(key=lambda p: -p[0])
    return [(line, box) for _, lines in placed for line, box in lines if line]


def text_layout(page: Any, textpage: Any) -> list[tuple[str, Box]]:
    """A page's lines rebuilt from its text runs alone (for a text layer that lost its line
    breaks or the gaps between cells), each with its box."""
    view = _View(page.get_rotation() % 360)
    return [
        (join_runs(row), _row_box(row, view)) for row in baseline_rows(_runs(textpage, view, []))
    ]


def text_in_order(page: Any, textpage: Any) -> list[tuple[str, Box]] | None:
    """For a page drawn out of reading order (`drawn_out_of_order`), the text layer's own
    lines in that order, each with its box: top to bottom by their first characters, and a
    line whose characters were drawn out of order rebuilt from them left to right (a line
    keeps the spaces the text layer gave it otherwise). None for a page drawn in order."""
    view = _View(page.get_rotation() % 360)
    if not drawn_out_of_order(textpage, view):
        return None
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters beyond UCS-2: no index to place them by
        return None
    placed: list[tuple[float, int, str, Box]] = []
    start = 0
    for end in [*(i for i, ch in enumerate(text) if ch == "\n"), count]:
        line = text[start:end].strip()
        runs = []
        for i in range(start, end):
            if not text[i].isspace():
                left, bottom, right, top = view.box(*textpage.get_charbox(i))
                if right > left and top > bottom:
                    runs.append(_Run(left, bottom, right, top, text[i]))
        start = end + 1
        if not runs or not line:
            continue
        if any(_goes_back(a, b) for a, b in itertools.pairwise(runs)):
            line = " ".join(join_runs(row) for row in char_rows(runs))
        placed.append((-max(r.top for r in runs[:1]), len(placed), line, _row_box(runs, view)))
    placed.sort(key=lambda p: (round(p[0]), p[1]))
    return [(line, box) for _, _, line, box in placed]


def _row_box(row: list[_Run], view: _View) -> Box:
    return view.unbox(
        min(r.left for r in row),
        min(r.bottom for r in row),
        max(r.right for r in row),
        max(r.top for r in row),
    )


def page_lines(page: Any, textpage: Any, name: str) -> list[str] | None:
    """The page's lines as `page_layout` reads them, without their boxes."""
    laid = page_layout(page, textpage, name)
    return None if laid is None else [line for line, _ in laid]
