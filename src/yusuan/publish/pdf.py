"""PDF (reportlab): the narrative on portrait A4 pages, then each table on landscape pages,
ruled, its header repeated on every page the table runs over.

The text is set in STSong-Light, a CID font of the Adobe-GB1 collection that every PDF viewer
supplies: no font file is needed or embedded, and pdfium (the reader) maps its codes back to
the Chinese as written. `invariant=1` leaves the clock and random ids out of the file, so one
model always writes the same bytes.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from yusuan.model import Disclosure
from yusuan.publish.layout import Printed, cover, money_text, narrative, printed_tables

FONT = "STSong-Light"
SIZE = 8.0  # table text, points
MARGIN = 36.0


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
    return {
        "cover": ParagraphStyle("cover", base, fontSize=20, leading=28, alignment=TA_CENTER),
        "h0": ParagraphStyle("h0", base, fontSize=15, leading=22, spaceBefore=12, spaceAfter=6),
        "h1": ParagraphStyle("h1", base, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4),
        "h2": ParagraphStyle("h2", base, fontSize=12, leading=18, spaceBefore=4),
        "p": ParagraphStyle("p", base, firstLineIndent=22),
        "title": ParagraphStyle("title", base, fontSize=15, leading=22, alignment=TA_CENTER),
        "line": ParagraphStyle("line", base, fontSize=10, leading=14),
        "cell": ParagraphStyle("cell", base, fontSize=SIZE, leading=SIZE + 2),
        "head": ParagraphStyle("head", base, fontSize=SIZE, leading=SIZE + 2, alignment=TA_CENTER),
        "money": ParagraphStyle("money", base, fontSize=SIZE, leading=SIZE + 2, alignment=TA_RIGHT),
    }


def _widths(table: Printed, room: float) -> list[float]:
    """Column widths filling `room`: a money column one share, a text column by its longest
    line (a name two, a column of indicator lines up to six), so that long text wraps
    within a figure's width only where it must."""
    weights = []
    for c in range(table.width):
        if c < len(table.money) and table.money[c]:
            weights.append(1.0)
            continue
        longest = max(
            (
                len(line)
                for row in table.body
                if c < len(row) and isinstance(row[c], str)
                for line in str(row[c]).split("\n")
            ),
            default=0,
        )
        weights.append(min(6.0, max(1.2, longest / 8)))
    total = sum(weights) or 1.0
    return [room * w / total for w in weights]


def _flowables(table: Printed, styles: dict[str, Any], room: float, split: bool) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    out: list[Any] = []
    if table.id:
        out.append(Paragraph(escape(table.id), styles["line"]))
    out.append(Paragraph(escape(table.title), styles["title"]))
    dept = escape(table.department_line)
    unit = escape(table.unit)
    # Department left and unit right, in two cells of an unruled row.
    line = Table(
        [[Paragraph(dept, styles["line"]), Paragraph(unit, styles["line"])]],
        colWidths=[room * 0.75, room * 0.25],
        style=TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT")]),
    )
    out.append(line)
    out.append(Spacer(1, 4))
    width = max(table.width, 1)
    data: list[list[Any]] = [[""] * width for _ in range(table.head_rows + len(table.body))]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), FONT, SIZE),
    ]
    for h in table.head:
        data[h.row][h.col] = Paragraph(escape(h.text), styles["head"])
        if h.rowspan > 1 or h.colspan > 1:
            end = (h.col + h.colspan - 1, h.row + h.rowspan - 1)
            commands.append(("SPAN", (h.col, h.row), end))
    for i, values in enumerate(table.body):
        for c, value in enumerate(values):
            if isinstance(value, Decimal):
                data[table.head_rows + i][c] = Paragraph(money_text(value), styles["money"])
            elif value:
                text = escape(value).replace("\n", "<br/>")
                data[table.head_rows + i][c] = Paragraph(text, styles["cell"])
    out.append(
        Table(
            data,
            colWidths=_widths(table, room),
            repeatRows=table.head_rows,
            # A row is kept whole on its page (a row cut in two reads as two rows), unless it is
            # taller than a page (a long list of indicators): then it goes on over the next.
            splitInRow=int(split),
            style=TableStyle(commands),
        )
    )
    return out


def render_pdf(doc: Disclosure) -> bytes:
    """The PDF's bytes: rows kept whole, or, when one is taller than a page, split."""
    from reportlab.platypus.doctemplate import LayoutError

    try:
        return _render(doc, split=False)
    except LayoutError:
        return _render(doc, split=True)


def _render(doc: Disclosure, split: bool) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
    )

    _register()
    styles = _styles()
    buffer = io.BytesIO()
    title = cover(doc)
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=title,
        author="yusuan",
        creator="yusuan",
        subject=title,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    portrait_w, portrait_h = A4
    wide_w, wide_h = landscape(A4)
    template.addPageTemplates(
        [
            PageTemplate(
                "text",
                [Frame(MARGIN, MARGIN, portrait_w - 2 * MARGIN, portrait_h - 2 * MARGIN)],
                pagesize=A4,
            ),
            PageTemplate(
                "table",
                [Frame(MARGIN, MARGIN, wide_w - 2 * MARGIN, wide_h - 2 * MARGIN)],
                pagesize=landscape(A4),
            ),
        ]
    )
    story: list[Any] = [Paragraph(escape(title), styles["cover"])]
    for block in narrative(doc):
        style = styles[f"h{block.level}"] if block.level is not None else styles["p"]
        story.append(Paragraph(escape(block.text), style))
    room = wide_w - 2 * MARGIN - 12  # the frame's padding
    for table in printed_tables(doc):
        story += [NextPageTemplate("table"), PageBreak()]
        story += _flowables(table, styles, room, split)
    template.build(story)
    return buffer.getvalue()
