"""PDF input: the text layer of each page, read with the flattened-text reader.

Running headers, footers and page numbers are dropped (a table continued on the next page
then reads as one), and every line keeps the page it came from. Pages without a text layer
are reported as needing OCR, never skipped silently. A page whose text layer was drawn out of
reading order is read in it (`layout.text_in_order`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from yusuan.errors import InputError
from yusuan.model import Box, Diagnostic, Disclosure, Level, Span
from yusuan.read.layout import page_layout, text_in_order, text_layout
from yusuan.read.source import split_lines
from yusuan.read.text import read_text
from yusuan.read.tokens import AMOUNT_IN_TEXT

MAX_PAGES = 2000
# Lines this close to a page's top or bottom may be a running header or footer.
EDGE = 3
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}"
    r"|\d{1,4}\s*/\s*\d{1,4}|Page\s*\d+)\s*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
# A table's own head lines repeat on every page like a running header, but they carry its id
# (公开 03 表), its title, the money unit and the department: they are kept.
_TABLE_HEAD = re.compile(r"单位\s*[:：]|名称\s*[:：]|编制(?:部门|单位)\s*[:：]|表")
# A table row that ends several pages alike (30311 住房公积金 341.75 closing each 基本支出 table)
# is no running footer: a header or footer does not end in an amount with decimals.
_AMOUNT_ROW = re.compile(r"\S\s+[-\d,]*\d\.\d+\s*$")


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.strip())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Line shapes that recur at the top or bottom of many pages: headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        kept = [ln for ln in lines if ln.strip()]
        edges = {_shape(ln) for ln in kept[:EDGE] + kept[-EDGE:]}
        seen.update(edges)
    threshold = max(3, len(pages) * 3 // 10)
    return {shape for shape, n in seen.items() if n >= threshold and shape}


_GLUED = re.compile(r"\d\.\d\d\d{3,}")  # 13,907.7820101: an amount glued to the next code


def _unbroken(lines: list[str]) -> bool:
    """A page whose text layer lost its line breaks or the gaps between its cells: its lines
    must be rebuilt from the boxes."""
    longest = max((len(ln) for ln in lines), default=0)
    if longest > 300 or (longest > 160 and len([ln for ln in lines if ln.strip()]) < 4):
        return True
    return sum(1 for ln in lines if _GLUED.search(ln)) >= 2


@dataclass(frozen=True, slots=True)
class _Pages:
    lines: list[list[str]]  # of every page
    boxes: list[list[Box | None]]  # of each line, where the layout gives one
    empty: list[int]  # the 1-based pages without a text layer
    # each page's lines as the text layer draws them, where they were put in reading order
    drawn: list[list[str]]


def _pages(data: bytes, name: str) -> _Pages:
    """The text lines of every page, with their boxes and the order the text layer drew them
    in, and the pages that had no text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})", name) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise InputError(f"{len(pdf)} pages; the limit is {MAX_PAGES}", name)
        pages: list[list[str]] = []
        boxes: list[list[Box | None]] = []
        empty: list[int] = []
        drawn: list[list[str]] = []
        flush: dict[int, float] = {}  # each column's flush margin, for the pages after it
        for index in range(len(pdf)):
            # A damaged file (cut short, a broken object or stream) can fail on any page
            # after its header and cross-references were read.
            try:
                page = pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise InputError(
                    f"page {index + 1} of {len(pdf)} cannot be read ({exc}): "
                    "the PDF is damaged or cut short",
                    name,
                ) from exc
            text = textpage.get_text_bounded()
            laid = page_layout(page, textpage, name, flush) if text.strip() else None
            reordered = False
            if laid is None:
                lines = split_lines(text)
                if _unbroken(lines):
                    laid = text_layout(page, textpage)
                else:  # None when the text layer is in reading order
                    laid = text_in_order(page, textpage)
                    reordered = laid is not None
            if laid is not None:
                pages.append([line for line, _ in laid])
                boxes.append([box for _, box in laid])
            else:
                pages.append(lines)
                boxes.append([None] * len(lines))
            drawn.append(lines if reordered else pages[-1])
            textpage.close()
            page.close()
            if not text.strip():
                empty.append(index + 1)
    finally:
        pdf.close()
    return _Pages(pages, boxes, empty, drawn)


def pdf_pages(data: bytes, name: str) -> tuple[list[list[str]], list[int]]:
    """The text lines of every page, and the 1-based pages that had no text layer."""
    read = _pages(data, name)
    return read.lines, read.empty


def _title_at(page: list[str]) -> tuple[int | None, int | None]:
    """The first line of a page that could be a table title, and the first with a figure."""
    from yusuan.read.tables import title_key

    title = figure = None
    for i, line in enumerate(page):
        if title is None and title_key(line):
            title = i
        if figure is None and AMOUNT_IN_TEXT.search(line):
            figure = i
    return title, figure


def _titles_below(pages: list[list[str]]) -> bool:
    """Whether the document prints each table's title after its figures (tables exported from
    a spreadsheet page by page): decided on the first page that holds figures."""
    for page in pages:
        title, figure = _title_at(page)
        if figure is not None:
            return title is not None and title > figure
    return False


def _title_first(page: list[str]) -> list[int]:
    """The order of the page's lines with its title (and the header cells printed after it)
    moved before its figures, after the table id if the page starts with one."""
    order = list(range(len(page)))
    title, figure = _title_at(page)
    if title is None or figure is None or title < figure:
        return order
    block = order[title:]
    if any(AMOUNT_IN_TEXT.search(page[i]) for i in block[1:]):
        block = block[:1]
    rest = order[:title] + order[title + len(block) :]
    head = 1 if rest and len(page[rest[0]].strip()) <= 14 and "表" in page[rest[0]] else 0
    return rest[:head] + block + rest[head:]


@dataclass(frozen=True, slots=True)
class PdfText:
    """The text of a whole PDF without running headers, footers and page numbers; the page
    and, where the layout gives one, the box of each kept line; the pages without text."""

    text: str
    line_pages: list[int]
    line_boxes: list[Box | None]
    empty: list[int]


def kept_lines(pages: list[list[str]]) -> list[list[bool]]:
    """For each line of each page, whether it is kept: running headers, footers and page
    numbers at a page's top or bottom are not."""
    running = _running_lines(pages)
    out = []
    for page in pages:
        kept = [ln for ln in page if ln.strip()]
        edges = set(kept[:EDGE] + kept[-EDGE:])
        keep = []
        for line in page:
            running_line = (
                _shape(line) in running
                and not _TABLE_HEAD.search(line)
                and not _AMOUNT_ROW.search(line)
            )
            keep.append(not (line in edges and (running_line or _PAGE_NUMBER.match(line))))
        out.append(keep)
    return out


def read_pdf_text(data: bytes, name: str) -> PdfText:
    read = _pages(data, name)
    pages, boxes, empty = read.lines, read.boxes, read.empty
    # (decided on the order the pages were drawn in: one put in reading order has its title
    # first now, the others not)
    if _titles_below(read.drawn):
        orders = [_title_first(page) for page in pages]
        pages = [[page[i] for i in order] for page, order in zip(pages, orders, strict=True)]
        boxes = [[box[i] for i in order] for box, order in zip(boxes, orders, strict=True)]
    lines: list[str] = []
    line_pages: list[int] = []
    line_boxes: list[Box | None] = []
    keep = kept_lines(pages)
    for number, (page, page_boxes) in enumerate(zip(pages, boxes, strict=True), start=1):
        for line, box, kept in zip(page, page_boxes, keep[number - 1], strict=True):
            if not kept:
                continue
            lines.append(line)
            line_pages.append(number)
            line_boxes.append(box)
    return PdfText("\n".join(lines), line_pages, line_boxes, empty)


def pdf_text(data: bytes, name: str) -> tuple[str, list[int], list[int]]:
    """The text of the whole PDF (see `read_pdf_text`), the page of each line, and the pages
    without a text layer."""
    read = read_pdf_text(data, name)
    return read.text, read.line_pages, read.empty


def read_pdf_bytes(data: bytes, name: str) -> Disclosure:
    read = read_pdf_text(data, name)
    text, empty = read.text, read.empty
    if not text.strip():
        raise InputError("the PDF has no text layer (image-only): it needs OCR", name)
    doc = read_text(text, name, "pdf-text")
    doc = replace(doc, line_pages=tuple(read.line_pages), line_boxes=tuple(read.line_boxes))
    if empty:
        note = Diagnostic(
            "parse.needs-ocr",
            f"pages {', '.join(map(str, empty))} have no text layer (images): they need OCR",
            Span(name, 0, 0, empty[0]),
            None,
            Level.WARNING,
        )
        doc = replace(doc, diagnostics=(*doc.diagnostics, note))
    return doc
