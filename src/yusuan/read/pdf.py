"""PDF input: the text layer of each page, read with the flattened-text reader.

Running headers, footers and page numbers are dropped (a table continued on the next page
then reads as one), and every line keeps the page it came from. Pages without a text layer
are reported as needing OCR, never skipped silently.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Diagnostic, Disclosure, Level, Span
from yusuan.read.layout import page_lines
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
_FIGURE = set("0123456789,.-")
# A table's own head lines repeat on every page like a running header, but they carry its id
# (公开 03 表), its title, the money unit and the department: they are kept.
_TABLE_HEAD = re.compile(r"单位\s*[:：]|名称\s*[:：]|编制(?:部门|单位)\s*[:：]|表")


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


def _lines_by_baseline(textpage: Any) -> list[str]:
    """Rebuild a page's lines from its text boxes: boxes whose vertical middles meet are one
    line, read left to right, with a space where a gap separates two boxes."""
    boxes = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = (
            textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
        )
        if text.strip():
            boxes.append((left, bottom, right, top, text))
    boxes.sort(key=lambda b: -(b[1] + b[3]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for box in boxes:
        middle, height = (box[1] + box[3]) / 2, box[3] - box[1]
        row = rows[-1] if rows else None
        if row is not None:
            r_middle = sum((b[1] + b[3]) / 2 for b in row) / len(row)
            r_height = max(b[3] - b[1] for b in row)
            if abs(r_middle - middle) <= max(r_height, height) * 0.5:
                row.append(box)
                continue
        rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[0])
        height = max(b[3] - b[1] for b in row)
        parts = [row[0][4]]
        for before, box in itertools.pairwise(row):
            gap = box[0] - before[2]
            # Within a figure the boxes of narrow marks (, .) leave wider gaps than between
            # the characters of a word; a new cell leaves wider still.
            numeric = before[4].rstrip()[-1:] in _FIGURE and box[4][:1] in _FIGURE
            limit = height * (1.2 if numeric else 0.6)
            space = gap > limit and not before[4].endswith(" ")
            parts.append((" " if space else "") + box[4])
        lines.append(" ".join("".join(parts).split()))
    return lines


def pdf_pages(data: bytes, name: str) -> tuple[list[list[str]], list[int]]:
    """The text lines of every page, and the 1-based pages that had no text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})", name) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise InputError(f"{len(pdf)} pages; the limit is {MAX_PAGES}", name)
        pages: list[list[str]] = []
        empty: list[int] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            ruled = page_lines(page, textpage, name) if text.strip() else None
            if ruled is not None:
                lines = ruled
            else:
                lines = split_lines(text)
                if _unbroken(lines):
                    lines = _lines_by_baseline(textpage)
            textpage.close()
            page.close()
            if not text.strip():
                empty.append(index + 1)
            pages.append(lines)
    finally:
        pdf.close()
    return pages, empty


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


def _title_first(page: list[str]) -> list[str]:
    """The page with its title (and the header cells printed after it) moved before its
    figures, after the table id if the page starts with one."""
    title, figure = _title_at(page)
    if title is None or figure is None or title < figure:
        return page
    block = page[title:]
    if any(AMOUNT_IN_TEXT.search(line) for line in block[1:]):
        block = block[:1]
    rest = page[:title] + page[title + len(block) :]
    head = 1 if rest and len(rest[0].strip()) <= 14 and "表" in rest[0] else 0
    return rest[:head] + block + rest[head:]


def pdf_text(data: bytes, name: str) -> tuple[str, list[int], list[int]]:
    """The text of the whole PDF without running headers, footers and page numbers; the page
    of each kept line; and the pages without a text layer."""
    pages, empty = pdf_pages(data, name)
    if _titles_below(pages):
        pages = [_title_first(page) for page in pages]
    running = _running_lines(pages)
    lines: list[str] = []
    line_pages: list[int] = []
    for number, page in enumerate(pages, start=1):
        kept = [ln for ln in page if ln.strip()]
        edges = set(kept[:EDGE] + kept[-EDGE:])
        for line in page:
            running_line = _shape(line) in running and not _TABLE_HEAD.search(line)
            if line in edges and (running_line or _PAGE_NUMBER.match(line)):
                continue
            lines.append(line)
            line_pages.append(number)
    return "\n".join(lines), line_pages, empty


def read_pdf_bytes(data: bytes, name: str) -> Disclosure:
    text, line_pages, empty = pdf_text(data, name)
    if not text.strip():
        raise InputError("the PDF has no text layer (image-only): it needs OCR", name)
    doc = read_text(text, name, "pdf-text")
    doc = replace(doc, line_pages=tuple(line_pages))
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
