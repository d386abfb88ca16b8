"""PDF pages read as layout (`yusuan.read.layout`), on PDFs drawn here with reportlab.

Each PDF is a page or two built in memory: a table drawn as a ruled grid the way the
publishers' tools draw them (strokes, thin filled bars, one path for the whole grid, a
rectangle per cell, double rulings), with the cell texts written inside, on a page that may be
turned (/Rotate) or hold its content in form XObjects. What `page_lines` makes of the page is
compared with the lines the printed table means; a few tables go on through `read_bytes` to
the cells of the disclosure.

The text is set in STSong-Light, one of the CID fonts every PDF reader knows (Adobe-GB1):
reportlab embeds no font file for it, and pdfium maps its UniGB-UCS2-H codes back to Unicode,
so the text layer holds the Chinese as written (checked by `test_the_font_extracts_as_written`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any, Literal

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from yusuan.model import Disclosure
from yusuan.read import read_bytes
from yusuan.read.layout import page_lines
from yusuan.read.pdf import pdf_pages
from yusuan.read.source import split_lines

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
SIZE = 9.0  # points, as most disclosures print their tables
LEADING = 11.0  # between the lines of one cell
WIDTH, HEIGHT = 595.0, 842.0  # A4 portrait, in PDF user space
_FIGURE = re.compile(r"^[-\d.,]+$")

Merge = tuple[int, int, int, int]  # top, left, bottom, right: inclusive grid positions
Borders = Literal["lines", "bars", "path", "double", "cells"]


@dataclass(frozen=True)
class Ruled:
    """A table drawn as a ruled grid at (left, top) of the page as shown.

    `rows` are the cell texts ('' empty, '\\n' a line break inside the cell); a merged cell's
    text stands at its top left position and the rulings inside it are not drawn. `borders`
    says how the rulings are drawn: `lines` a stroke per ruling, `bars` a thin filled
    rectangle per ruling, `path` one stroked path of a rectangle per cell, `double` each
    ruling twice `gap` apart, `cells` a stroked rectangle per cell, inset by half of `gap`
    (the borders of neighbouring cells stand `gap` apart). Without `row_rulings` only the
    frame, the rulings between columns and the one under the header row are drawn. Text is
    centred in its cell (see `align`), figures right-aligned, the lines of a cell centred as a
    block."""

    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    heights: float | Sequence[float] = 18.0
    merges: Sequence[Merge] = ()
    borders: Borders = "lines"
    gap: float = 2.0
    row_rulings: bool = True
    left: float = 40.0
    top: float = 700.0
    # `left`: the first column's text left-aligned, as Excel prints names; its leading
    # full-width spaces are then an indentation `indent` draws as an `offset` of a character
    # each (Excel's indent) or as the `spaces` themselves
    align: Literal["centre", "left"] = "centre"
    indent: Literal["offset", "spaces"] = "offset"

    def ys(self) -> list[float]:
        heights = self.heights
        steps = [heights] * len(self.rows) if isinstance(heights, int | float) else heights
        edges = [self.top]
        for step in steps:
            edges.append(edges[-1] - step)
        return edges

    def xs(self) -> list[float]:
        edges = [self.left]
        for step in self.widths:
            edges.append(edges[-1] + step)
        return edges

    def cell_of(self, r: int, c: int) -> Merge:
        return next(
            (m for m in self.merges if m[0] <= r <= m[2] and m[1] <= c <= m[3]), (r, c, r, c)
        )

    def cells(self) -> Iterator[Merge]:
        seen: set[Merge] = set()
        for r in range(len(self.rows)):
            for c in range(len(self.widths)):
                cell = self.cell_of(r, c)
                if cell not in seen:
                    seen.add(cell)
                    yield cell


@dataclass(frozen=True)
class Page:
    """One page: its tables and its lines of text at (x, y) of the page as shown. `rotate`
    is the page's /Rotate (its content drawn turned back, so that it shows upright); `forms`
    how deep in nested form XObjects, each placed with its own offset, the content stands;
    `background` a white filled rectangle under everything: the whole page, or a sheet from
    the first table's top left corner reaching 60 pt past its right and bottom edges."""

    tables: Sequence[Ruled] = ()
    text: Sequence[tuple[float, float, str]] = ()
    rotate: int = 0
    forms: int = 0
    background: Literal["page", "sheet"] | None = None


def heading(*lines: str, top: float = 760.0) -> list[tuple[float, float, str]]:
    """Lines of text at the left margin, one under the other, from `top` down."""
    return [(40.0, top - 18.0 * k, line) for k, line in enumerate(lines)]


def _draw_rulings(canvas: Canvas, table: Ruled) -> None:
    ys, xs = table.ys(), table.xs()
    nrows, ncols = len(table.rows), len(table.widths)
    canvas.setLineWidth(0.5)
    if table.borders == "cells":
        inset = table.gap / 2
        for top, left, bottom, right in table.cells():
            x0, x1 = xs[left] + inset, xs[right + 1] - inset
            y0, y1 = ys[bottom + 1] + inset, ys[top] - inset
            canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
        return
    # The rulings as segments, each a run of grid edges not inside a merged cell.
    segments: list[tuple[float, float, float, float]] = []
    for i in range(nrows + 1):
        if not table.row_rulings and i not in (0, 1, nrows):
            continue
        start: float | None = None
        for c in range(ncols + 1):
            drawn = c < ncols and (
                i in (0, nrows) or table.cell_of(i - 1, c) != table.cell_of(i, c)
            )
            if drawn and start is None:
                start = xs[c]
            elif not drawn and start is not None:
                segments.append((start, ys[i], xs[c], ys[i]))
                start = None
    for j in range(ncols + 1):
        start = None
        for r in range(nrows + 1):
            drawn = r < nrows and (
                j in (0, ncols) or table.cell_of(r, j - 1) != table.cell_of(r, j)
            )
            if drawn and start is None:
                start = ys[r]
            elif not drawn and start is not None:
                segments.append((xs[j], start, xs[j], ys[r]))
                start = None
    if table.borders == "double":
        half = table.gap / 2
        segments = [
            (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
            for x0, y0, x1, y1 in segments
            for dx, dy in (((0, -half), (0, half)) if y0 == y1 else ((-half, 0), (half, 0)))
        ]
    if table.borders == "path":
        path = canvas.beginPath()
        for top, left, bottom, right in table.cells():
            path.rect(xs[left], ys[bottom + 1], xs[right + 1] - xs[left], ys[top] - ys[bottom + 1])
        canvas.drawPath(path, stroke=1, fill=0)
    elif table.borders == "bars":
        for x0, y0, x1, y1 in segments:
            canvas.rect(x0 - 0.25, y1 - 0.25, x1 - x0 + 0.5, y0 - y1 + 0.5, stroke=0, fill=1)
    else:
        for segment in segments:
            canvas.line(*segment)


def _draw_texts(canvas: Canvas, table: Ruled) -> None:
    ys, xs = table.ys(), table.xs()
    canvas.setFont(FONT, SIZE)
    for top, left, bottom, right in table.cells():
        pieces = table.rows[top][left].split("\n") if table.rows[top][left] else []
        middle = (ys[top] + ys[bottom + 1]) / 2
        first = middle + (len(pieces) - 1) * LEADING / 2 - SIZE * 0.35
        for k, piece in enumerate(pieces):
            y = first - k * LEADING
            if _FIGURE.match(piece):
                canvas.drawRightString(xs[right + 1] - 3, y, piece)
            elif table.align == "left" and left == 0:
                name = piece.lstrip("\u3000")
                steps = len(piece) - len(name)
                if table.indent == "offset":
                    canvas.drawString(xs[left] + 3 + steps * SIZE, y, name)
                else:
                    canvas.drawString(xs[left] + 3, y, piece)
            else:
                canvas.drawCentredString((xs[left] + xs[right + 1]) / 2, y, piece)


def _draw_content(canvas: Canvas, page: Page) -> None:
    for table in page.tables:
        _draw_rulings(canvas, table)
        _draw_texts(canvas, table)
    canvas.setFont(FONT, SIZE)
    for x, y, text in page.text:
        canvas.drawString(x, y, text)


# /Rotate R shows the page turned R degrees clockwise; content drawn turned R degrees
# counter-clockwise (and moved back onto the page) shows upright.
_TURN_BACK = {90: (WIDTH, 0.0), 180: (WIDTH, HEIGHT), 270: (0.0, HEIGHT)}


def pdf(*pages: Page) -> bytes:
    """The PDF of the pages, in memory."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=(WIDTH, HEIGHT), invariant=True)
    for number, page in enumerate(pages):
        canvas.setPageRotation(page.rotate)  # it stays set for the pages after: set each
        canvas.saveState()
        canvas.setFillColorRGB(1, 1, 1)
        if page.background == "page":
            canvas.rect(0, 0, WIDTH, HEIGHT, stroke=0, fill=1)
        if page.rotate:
            canvas.translate(*_TURN_BACK[page.rotate])
            canvas.rotate(page.rotate)
        if page.background == "sheet":
            xs, ys = page.tables[0].xs(), page.tables[0].ys()
            width, height = xs[-1] - xs[0] + 60, ys[0] - ys[-1] + 60
            canvas.rect(xs[0], ys[-1] - 60, width, height, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        if page.forms:
            # The innermost form draws the content 30 pt left and 40 pt lower, and each form
            # is placed 30 pt right and 40 pt higher: the rulings stand where the text is
            # only through the forms' matrices.
            names = [f"p{number}f{depth}" for depth in range(page.forms)]
            for depth in reversed(range(page.forms)):
                canvas.beginForm(names[depth], -WIDTH, -HEIGHT, 2 * WIDTH, 2 * HEIGHT)
                if depth == page.forms - 1:
                    canvas.translate(-30.0 * page.forms, -40.0 * page.forms)
                    _draw_content(canvas, page)
                else:
                    canvas.translate(30.0, 40.0)
                    canvas.doForm(names[depth + 1])
                canvas.endForm()
            canvas.translate(30.0, 40.0)
            canvas.scale(0.9, 0.9)  # and the outermost one a little smaller
            canvas.doForm(names[0])
        else:
            _draw_content(canvas, page)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def ruled_pdf(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    text: Sequence[tuple[float, float, str]] = (),
    rotate: int = 0,
    forms: int = 0,
    background: Literal["page", "sheet"] | None = None,
    **table: Any,
) -> bytes:
    """A one-page PDF holding one ruled table (options as `Ruled` and `Page` take them)."""
    ruled = Ruled(rows, widths, **table)
    return pdf(Page((ruled,), text, rotate, forms, background))


def lines_of(data: bytes, index: int = 0) -> list[str] | None:
    """`page_lines` of one page of the PDF."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        textpage = page.get_textpage()
        try:
            return page_lines(page, textpage, "drawn.pdf")
        finally:
            textpage.close()
            page.close()
    finally:
        document.close()


def text_layer(data: bytes, index: int = 0) -> list[str]:
    """The lines of the page's text layer, as the reader splits them without the layout."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        textpage = page.get_textpage()
        text = textpage.get_text_bounded()
        textpage.close()
        page.close()
    finally:
        document.close()
    return split_lines(text)


def cells_of(doc: Disclosure) -> list[tuple[str, str, str, Decimal]]:
    """The cells of a disclosure as (code, name, column, value)."""
    return sorted(
        (r.code or "", r.name, c.column, c.value)
        for t in doc.tables
        for r in t.rows
        for c in r.cells
    )


# ---------------------------------------------------------------- the drawing itself


def test_the_font_extracts_as_written():
    text = "2024年一般公共预算支出表 科目编码 2010101 1,234.56"
    assert text_layer(pdf(Page(text=[(40.0, 700.0, text)]))) == [text]


def test_a_page_without_rulings_is_left_to_the_text_layer():
    assert lines_of(pdf(Page(text=heading("一、部门职责", "负责本部门的日常工作。")))) is None


# ---------------------------------------------------------------- how the rulings are drawn

SIMPLE = [
    ["科目名称", "合计", "基本支出"],
    ["行政运行", "1,234.56", "1,234.56"],
    ["一般行政管理事务", "20.00", ""],
]
# Figures in canonical form (1,234.56 → 1234.56); the empty 基本支出 of the second row, after
# its first figure, a placeholder.
SIMPLE_LINES = [
    "科目名称 合计 基本支出",
    "行政运行 1234.56 1234.56",
    "一般行政管理事务 20.00 -",
]


@pytest.mark.parametrize(
    ("borders", "gap"),
    [("lines", 0.0), ("bars", 0.0), ("path", 0.0), ("double", 3.0), ("cells", 2.0)],
    ids=["strokes", "thin-bars", "one-path", "double-3pt", "cell-rectangles-2pt"],
)
def test_a_ruled_table_reads_row_by_row_however_its_rulings_are_drawn(borders, gap):
    data = ruled_pdf(SIMPLE, [100, 60, 60], borders=borders, gap=gap)
    assert lines_of(data) == SIMPLE_LINES
    # the text layer loses the empty cell: the placeholder is the grid's
    assert text_layer(data)[2] == "一般行政管理事务 20.00"


def test_cell_rectangles_a_few_points_apart_are_one_table():
    assert lines_of(ruled_pdf(SIMPLE, [100, 60, 60], borders="cells", gap=4.0)) == SIMPLE_LINES


@pytest.mark.parametrize("background", ["page", "sheet"])
def test_a_white_filled_background_is_no_ruling(background):
    # `sheet`: a white rectangle from the table's top left corner past its right and bottom
    # edges (a spreadsheet's filled print area). Its sides taken for rulings would join the
    # table, and the cell they close around it would hold every figure of the page.
    data = ruled_pdf(SIMPLE, [100, 60, 60], background=background)
    assert lines_of(data) == SIMPLE_LINES


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_turned_page_reads_as_it_is_shown(rotate):
    top = 500.0 if rotate in (90, 270) else 700.0  # a landscape page shows 595 pt high
    data = ruled_pdf(
        SIMPLE,
        [100, 60, 60],
        rotate=rotate,
        top=top,
        text=heading("2024年部门支出表", top=top + 40),
    )
    # read in user space, its rows would be the table's columns and the title beside them
    assert lines_of(data) == ["2024年部门支出表", *SIMPLE_LINES]


@pytest.mark.parametrize(("forms", "rotate"), [(1, 0), (2, 0), (2, 90)])
def test_rulings_inside_form_xobjects_are_placed_by_their_matrices(forms, rotate):
    top = 500.0 if rotate else 700.0
    data = ruled_pdf(SIMPLE, [100, 60, 60], forms=forms, rotate=rotate, top=top)
    assert lines_of(data) == SIMPLE_LINES


# ---------------------------------------------------------------- cells and columns


def test_a_missing_ruling_merges_two_cells():
    # 科目名称 and 合计 span both header rows, 基本支出 both of its sub-columns: each is
    # printed centred across the ruling that is not drawn, half in each grid position.
    rows = [
        ["科目名称", "合计", "基本支出", ""],
        ["", "", "人员经费", "公用经费"],
        ["行政运行", "100.00", "60.00", "40.00"],
        ["事业运行", "30.00", "30.00", ""],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)]
    data = ruled_pdf(rows, [100, 60, 60, 60], merges=merges)
    assert lines_of(data) == [
        "科目名称 合计 基本支出",
        "人员经费 公用经费",
        "行政运行 100.00 60.00 40.00",
        "事业运行 30.00 30.00 -",
    ]


def test_a_cell_merged_across_columns_in_rows_12pt_tall():
    rows = [
        ["科目编码", "科目名称", "合计"],
        ["合计", "", "150.00"],
        ["2010101", "行政运行", "100.00"],
        ["2010102", "事业运行", "50.00"],
    ]
    data = ruled_pdf(rows, [50, 50, 60], merges=[(1, 0, 1, 1)], heights=12.0)
    assert lines_of(data) == [
        "科目编码 科目名称 合计",
        "合计 150.00",
        "2010101 行政运行 100.00",
        "2010102 事业运行 50.00",
    ]


def test_a_heading_split_in_its_first_rows_only_makes_no_column():
    # 基本支出 is split into 人员经费 | 公用经费 in the header rows, but its figures fill the
    # whole 基本支出 cell of each row: one column, whose sub-headings join on its left.
    rows = [
        ["科目名称", "合计", "基本支出", "", "项目支出"],
        ["", "", "人员经费", "公用经费", ""],
        ["行政运行", "100.00", "60.00", "", "40.00"],
        ["事业运行", "50.00", "", "", "50.00"],
        ["其他支出", "30.00", "30.00", "", ""],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)]
    merges += [(r, 2, r, 3) for r in (2, 3, 4)]
    data = ruled_pdf(rows, [100, 60, 50, 50, 60], merges=merges)
    assert lines_of(data) == [
        "科目名称 合计 基本支出 项目支出",
        "人员经费公用经费",  # one cell's text: the gap between Chinese words closes
        "行政运行 100.00 60.00 40.00",
        "事业运行 50.00 - 50.00",  # one placeholder: one column, not two
        "其他支出 30.00 30.00 -",
    ]


def test_a_sliver_between_two_rulings_is_no_column():
    # an 8 pt column (under MIN_COLUMN) between 合计 and 基本支出, empty in every row
    rows = [
        ["科目名称", "合计", "", "基本支出"],
        ["行政运行", "100.00", "", "60.00"],
        ["事业运行", "50.00", "", ""],
    ]
    data = ruled_pdf(rows, [100, 60, 8, 60])
    assert lines_of(data) == ["科目名称 合计 基本支出", "行政运行 100.00 60.00", "事业运行 50.00 -"]


# ---------------------------------------------------------------- text inside cells


def test_a_figure_broken_over_two_lines_of_a_narrow_cell_is_one_figure():
    rows = [
        ["科目名称", "合计", "基本支出"],
        ["行政运行", "1682.7\n6", "1682.7\n6"],
        ["事业运行", "12.00", "12.00"],
    ]
    data = ruled_pdf(rows, [100, 40, 40], heights=[18, 28, 18])
    # the text layer gives the row on two lines
    assert "行政运行 1682.76 1682.76" not in text_layer(data)
    assert lines_of(data) == [
        "科目名称 合计 基本支出",
        "行政运行 1682.76 1682.76",
        "事业运行 12.00 12.00",
    ]


def test_a_name_wrapped_over_three_lines_of_a_cell_is_one_name():
    # broken after a digit, too: 第2 / 批 is no space (a gap only Chinese closes by itself)
    rows = [
        ["类型", "项目名称", "合计"],
        ["特定目标类", "2024年第2\n批办公设备\n购置", "12.00"],
        ["其他运转类", "后勤保障", "8.00"],
    ]
    data = ruled_pdf(rows, [60, 50, 60], heights=[18, 40, 18])
    layer = text_layer(data)
    assert "批办公设备" in layer and "购置" in layer  # the text layer: a line per piece
    assert lines_of(data) == [
        "类型 项目名称 合计",
        "特定目标类 2024年第2批办公设备购置 12.00",
        "其他运转类 后勤保障 8.00",
    ]


def test_two_rows_the_text_layer_runs_together_are_two_lines():
    # 某某局, centred in a cell merged over both rows, sits between their baselines: the text
    # layer joins the first row, it and the second row into one line.
    rows = [
        ["项目名称", "合计", "项目单位"],
        ["信访专项经费", "12.00", "某某局"],
        ["办公设备购置", "8.00", ""],
    ]
    data = ruled_pdf(rows, [100, 60, 80], merges=[(1, 2, 2, 2)], heights=14.0)
    assert any("信访专项经费" in line and "办公设备购置" in line for line in text_layer(data))
    assert lines_of(data) == [
        "项目名称 合计 项目单位",
        "信访专项经费 12.00 某某局",
        "办公设备购置 8.00 某某局",  # a name merged down belongs to each row it spans
    ]


def test_a_table_without_rulings_between_rows_is_left_to_the_text_layer():
    # Only the frame, the rulings between columns and the header's: each column's figures
    # stand in one cell, three to a cell, and the grid cannot say which row each belongs to.
    rows = [*SIMPLE, ["事业运行", "50.00", "50.00"]]
    data = ruled_pdf(rows, [100, 60, 60], row_rulings=False)
    assert lines_of(data) is None
    # the reader takes the page's text layer instead
    pages, empty = pdf_pages(data, "drawn.pdf")
    assert (pages, empty) == ([text_layer(data)], [])
    assert pages[0][1:] == [
        "行政运行 1,234.56 1,234.56",
        "一般行政管理事务 20.00",
        "事业运行 50.00 50.00",
    ]


# ---------------------------------------------------------------- tables on pages

WIDE = [60, 100, 60, 60, 60]
HEAD = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [
                ["2010102", "一般行政管理事务", "50.00", "", "50.00"],
                ["2010199", "其他人大事务支出", "20.00", "", "20.00"],
            ],
            ["2010102 一般行政管理事务 50.00 - 50.00", "2010199 其他人大事务支出 20.00 - 20.00"],
        ),
        (
            [
                ["2010101", "行政运行", "100.00", "100.00", ""],
                ["2010104", "人大会议", "20.00", "20.00", ""],
            ],
            ["2010101 行政运行 100.00 100.00 -", "2010104 人大会议 20.00 20.00 -"],
        ),
    ],
    ids=["middle-column-empty", "last-column-empty"],
)
def test_a_table_continued_without_its_header_keeps_a_column_empty_throughout(rows, expected):
    first = Ruled([HEAD, ["201", "一般公共服务支出", "170.00", "100.00", "70.00"]], WIDE)
    data = pdf(Page((first,)), Page((Ruled(rows, WIDE, top=780),)))
    assert lines_of(data, 1) == expected


def test_title_unit_and_note_rows_inside_the_frame_are_text_around_the_table():
    # One cell across at the top and the bottom of the frame. Left in the grid, they would be
    # two of its five rows, its last row would start no column but the first, and the table
    # would fall into one column (no placeholder for the empty 基本支出).
    rows = [
        ["2024年一般公共预算支出表", "", "", ""],
        ["单位：万元", "", "", ""],
        ["科目名称", "合计", "基本支出", "项目支出"],
        ["行政运行", "100.00", "", "100.00"],
        ["注：本表无数据的栏目为空", "", "", ""],
    ]
    merges = [(0, 0, 0, 3), (1, 0, 1, 3), (4, 0, 4, 3)]
    data = ruled_pdf(rows, [100, 60, 60, 60], merges=merges)
    assert lines_of(data) == [
        "2024年一般公共预算支出表",
        "单位：万元",
        "科目名称 合计 基本支出 项目支出",
        "行政运行 100.00 - 100.00",
        "注：本表无数据的栏目为空",
    ]


def test_two_tables_and_the_text_around_them_read_top_to_bottom():
    spending = Ruled(SIMPLE, [100, 60, 60], top=740)
    projects = Ruled(
        [["项目名称", "金额", "单位"], ["信访专项经费", "12.00", "某某局"]], [100, 60, 60], top=600
    )
    text = [(40.0, 780.0, "表一 支出"), (40.0, 640.0, "表二 项目")]
    data = pdf(Page((spending, projects), text))
    # the text layer writes the lines of text last, as they were drawn
    assert text_layer(data)[-2:] == ["表一 支出", "表二 项目"]
    assert lines_of(data) == [
        "表一 支出",
        *SIMPLE_LINES,
        "表二 项目",
        "项目名称 金额 单位",
        "信访专项经费 12.00 某某局",
    ]


# ---------------------------------------------------------------- through the reader

# 一般公共预算支出表 as the national 8-table family prints it (templates/data/central8.toml,
# whose optional columns are named by the printed 人员经费 and 公用经费): figures add up across
# (合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费) and down (201 = 20101 = the sum
# of its 项). 机关服务 pays 公用经费 only and 人大会议 人员经费 only: each prints 30.00 30.00,
# and either way round the columns add up, so only the placeholders of the empty cells say
# which is which (the text layer leaves the reader to guess).
FIGURES: list[tuple[str, str, tuple[str, ...]]] = [
    ("", "合计", ("230.00", "120.00", "75.00", "45.00", "110.00")),
    ("201", "一般公共服务支出", ("230.00", "120.00", "75.00", "45.00", "110.00")),
    ("20101", "人大事务", ("230.00", "120.00", "75.00", "45.00", "110.00")),
    ("2010101", "行政运行", ("100.00", "60.00", "45.00", "15.00", "40.00")),
    ("2010103", "机关服务", ("30.00", "30.00", "", "30.00", "")),
    ("2010104", "人大会议", ("30.00", "30.00", "30.00", "", "")),
    ("2010102", "一般行政管理事务", ("50.00", "", "", "", "50.00")),
    ("2010199", "其他人大事务支出", ("20.00", "", "", "", "20.00")),
]
COLUMNS = ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
HEADER = [
    ["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"],
    ["", "", "", "小计", "人员经费", "公用经费", ""],
]
HEADER_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5), (0, 6, 1, 6)]
GPB_WIDTHS = [50, 100, 50, 50, 50, 50, 50]


def general_budget_pdf(split: int | None = None) -> bytes:
    """The table under its title, on one page, or continued after `split` rows of figures on
    a second page without its header (where 基本支出 is empty throughout)."""
    body = [[code, name, *values] for code, name, values in FIGURES]
    body[0][:2] = ["合计", ""]  # the 合计 label spans the code and the name columns
    # the department and the unit on one line, drawn as two runs of text
    head = [(40.0, 760.0, "2024年一般公共预算支出表"), (40.0, 742.0, "部门名称：某某局")]
    head.append((420.0, 742.0, "单位：万元"))
    first = body if split is None else body[:split]
    merges = [*HEADER_MERGES, (2, 0, 2, 1)]
    pages = [Page((Ruled(HEADER + first, GPB_WIDTHS, merges=merges),), head)]
    if split is not None:
        pages.append(Page((Ruled(body[split:], GPB_WIDTHS, top=780),)))
    return pdf(*pages)


@pytest.mark.parametrize("split", [None, 6], ids=["one-page", "continued"])
def test_a_ruled_general_budget_table_reads_to_its_cells(split):
    data = general_budget_pdf(split)
    if split is not None:  # the second page holds no figure of 基本支出
        assert lines_of(data, 1) == [
            "2010102 一般行政管理事务 50.00 - - - 50.00",
            "2010199 其他人大事务支出 20.00 - - - 20.00",
        ]
    expected = sorted(
        (code, name, column, Decimal(value))
        for code, name, values in FIGURES
        for column, value in zip(COLUMNS, values, strict=True)
        if value
    )
    doc = read_bytes(data, "drawn.pdf")
    assert cells_of(doc) == expected
    assert [t.key for t in doc.tables] == ["gpb_expenditure"]
    assert not [d for d in doc.diagnostics if d.code != "parse.family"]
    assert (doc.meta.year, doc.meta.department) == (2024, "某某局")
    # every row was read from the layout: it carries its box on the page
    table = doc.tables[0]
    assert all(doc.box_of(r.span.line) is not None for r in table.rows)
    first = split or len(FIGURES)
    pages = [doc.page_of(r.span.line) for r in table.rows]
    assert pages == [1] * first + [2] * (len(FIGURES) - first)


# ---------------------------------------------------------------- text drawn out of order


def _quoted(
    x: float, y: float, before: str, quoted: str, after: str
) -> list[tuple[float, float, str]]:
    """`before“quoted”after` as LibreOffice Writer draws it: the Chinese in one run with room
    left for the quotes (a full-width space here), then the quotes, in another font there."""
    room = pdfmetrics.stringWidth("“", FONT, SIZE)
    at = x + pdfmetrics.stringWidth(before, FONT, SIZE)
    return [
        (x, y, f"{before}\u3000{quoted}\u3000{after}"),
        (at, y, "“"),
        (at + room + pdfmetrics.stringWidth(quoted, FONT, SIZE), y, "”"),
    ]


def test_characters_drawn_out_of_order_on_a_line_read_left_to_right():
    data = pdf(Page(text=_quoted(40.0, 700.0, "八、", "三公", "经费支出情况说明")))
    assert "“" not in text_layer(data)[0][:4]  # the text layer gives the quotes last
    (page,), _ = pdf_pages(data, "quotes.pdf")
    assert page == ["八、“三公”经费支出情况说明"]


def test_a_cell_and_a_title_drawn_out_of_order_read_left_to_right_once():
    # the header cell's text drawn over the empty cell, the title above the table
    table = Ruled([["", "合计"], ["47.50", "47.50"]], [120, 60], top=680)
    cell = _quoted(46.0, 664.0, "", "三公", "经费合计")
    title = _quoted(40.0, 720.0, "2023年", "三公", "经费支出情况表")
    lines = lines_of(pdf(Page((table,), [*cell, *title])))
    assert lines == ["2023年“三公”经费支出情况表", "“三公”经费合计 合计", "47.50 47.50"]


# LibreOffice Calc draws the cells that wrap their text after all the others: a paragraph
# wrapped over two lines comes after the headings below it.
WRAPPED = [
    (40.0, 760.0, "一、主要职责"),
    (40.0, 706.0, "二、机构设置"),
    (40.0, 742.0, "负责本部门的日常工作，承办上级交办的"),
    (40.0, 724.0, "其他事项。"),
]


def test_lines_drawn_out_of_order_read_top_to_bottom():
    (page,), _ = pdf_pages(pdf(Page(text=WRAPPED)), "wrapped.pdf")
    assert page == [
        "一、主要职责",
        "负责本部门的日常工作，承办上级交办的",
        "其他事项。",
        "二、机构设置",
    ]


def test_two_columns_drawn_one_after_the_other_keep_their_order():
    # the right column is beside the left one, not under it: the text layer's order is right
    left = heading("一、左栏第一行", "左栏第二行", "左栏第三行")
    right = [(320.0, y, text.replace("左", "右")) for _, y, text in left]
    (page,), _ = pdf_pages(pdf(Page(text=[*left, *right])), "columns.pdf")
    assert page == [text for _, _, text in left] + [text for _, _, text in right]
