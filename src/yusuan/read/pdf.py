"""PDF input: the text layer of each page, read with the flattened-text reader.

Running headers, footers and page numbers are dropped (a table continued on the next page
then reads as one), and every line keeps the page it came from. Pages without a text layer
are reported as needing OCR, never skipped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from yusuan.errors import InputError
from yusuan.model import Diagnostic, Disclosure, Level, Span
from yusuan.read.source import split_lines
from yusuan.read.text import read_text

MAX_PAGES = 2000
# Lines this close to a page's top or bottom may be a running header or footer.
EDGE = 3
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}"
    r"|\d{1,4}\s*/\s*\d{1,4}|Page\s*\d+)\s*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")


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
            textpage.close()
            page.close()
            if not text.strip():
                empty.append(index + 1)
            pages.append(split_lines(text))
    finally:
        pdf.close()
    return pages, empty


def pdf_text(data: bytes, name: str) -> tuple[str, list[int], list[int]]:
    """The text of the whole PDF without running headers, footers and page numbers; the page
    of each kept line; and the pages without a text layer."""
    pages, empty = pdf_pages(data, name)
    running = _running_lines(pages)
    lines: list[str] = []
    line_pages: list[int] = []
    for number, page in enumerate(pages, start=1):
        kept = [ln for ln in page if ln.strip()]
        edges = set(kept[:EDGE] + kept[-EDGE:])
        for line in page:
            if line in edges and (_shape(line) in running or _PAGE_NUMBER.match(line)):
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
