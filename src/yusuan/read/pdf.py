"""PDF input: the text layer of each page, read with the flattened-text reader.

This is the floor that issue #5 builds on (tables from the page layout). Pages without a
text layer are reported as needing OCR, never skipped silently.
"""

from __future__ import annotations

from yusuan.errors import InputError
from yusuan.model import Diagnostic, Disclosure, Level, Span
from yusuan.read.text import read_text

MAX_PAGES = 2000


def pdf_text(data: bytes, name: str) -> tuple[str, list[int]]:
    """The text of every page, joined, and the 1-based pages that had no text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})", name) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise InputError(f"{len(pdf)} pages; the limit is {MAX_PAGES}", name)
        pages: list[str] = []
        empty: list[int] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            if not text.strip():
                empty.append(index + 1)
            pages.append(text)
    finally:
        pdf.close()
    return "\n".join(pages), empty


def read_pdf_bytes(data: bytes, name: str) -> Disclosure:
    text, empty = pdf_text(data, name)
    if not text.strip():
        raise InputError("the PDF has no text layer (image-only): it needs OCR", name)
    doc = read_text(text, name, "pdf-text")
    if empty:
        note = Diagnostic(
            "parse.needs-ocr",
            f"pages {', '.join(map(str, empty))} have no text layer (images): they need OCR",
            Span(name, 0, 0),
            None,
            Level.WARNING,
        )
        from dataclasses import replace

        doc = replace(doc, diagnostics=(*doc.diagnostics, note))
    return doc
