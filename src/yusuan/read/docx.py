"""DOCX input (python-docx): the body's paragraphs and tables in document order.

The body element's children are walked in order (content controls, `w:sdt`, are looked
into), so a table stays where it stands between the paragraphs that introduce and follow it.
python-docx repeats the same cell across a merge, horizontally (gridSpan) and vertically
(vMerge): such a cell is kept once, at its first position, and recorded as a merge. A table
nested in a cell is ignored (a cell's text is its own paragraphs). Rows marked hidden are
skipped. A line break inside a paragraph ends a line, as in the page.
"""

from __future__ import annotations

import io
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.read.grid import Grid, Item, Paragraph, grid_text, make_grid
from yusuan.read.text import read_text

MAX_CELLS = 200_000  # grid positions over all tables


def docx_items(data: bytes, name: str) -> list[Item]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        items: list[Item] = []
        _walk(document.element.body, document, name, items, [MAX_CELLS])
    except InputError:
        raise
    except Exception as exc:  # a hostile file may break the parser in any way
        raise InputError(
            f"not a readable DOCX document ({type(exc).__name__}: {exc})", name
        ) from exc
    return items


def _walk(element: Any, document: Any, name: str, items: list[Item], budget: list[int]) -> None:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            text = DocxParagraph(child, document).text
            items.extend(Paragraph(line) for line in text.split("\n"))
        elif child.tag == qn("w:tbl"):
            items.append(_grid(Table(child, document), name, budget))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _walk(content, document, name, items, budget)


def _hidden(tr: Any) -> bool:
    from docx.oxml.ns import qn

    props = tr.find(qn("w:trPr"))
    return props is not None and props.find(qn("w:hidden")) is not None


def _grid(table: Any, name: str, budget: list[int]) -> Grid:
    cells: dict[tuple[int, int], str] = {}
    # each cell element (w:tc) → its first position and the last row and column it covers
    spans: dict[Any, list[int]] = {}
    hidden: set[int] = set()
    for r, row in enumerate(table.rows):
        if _hidden(row._tr):
            hidden.add(r)
        offset = row.grid_cols_before
        row_cells = row.cells
        budget[0] -= len(row_cells)
        if budget[0] < 0:
            raise InputError(
                f"tables of more than {MAX_CELLS} cells; the limit is {MAX_CELLS}", name
            )
        for k, cell in enumerate(row_cells):
            c = offset + k
            span = spans.get(cell._tc)
            if span is None:
                spans[cell._tc] = [r, c, r, c]
                cells[(r, c)] = cell.text
            else:
                span[2], span[3] = max(span[2], r), max(span[3], c)
    merges = [
        (t, left, b, right) for t, left, b, right in spans.values() if (t, left) != (b, right)
    ]
    return make_grid(cells, merges, hidden, path=name)


def read_docx_bytes(data: bytes, name: str) -> Disclosure:
    return read_text(grid_text(docx_items(data, name)), name, "docx")
