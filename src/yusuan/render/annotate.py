"""An annotated copy of a PDF: each finding boxed where it is, with a note in the margin.

The reader keeps the page of every line and, for a page read from its layout, the line's
box (a table's row, a line of text). The finding's figure is looked for in that box, so the
cell that holds it is boxed and not the same figure elsewhere on the page; without a figure,
the row is boxed. A line without a box falls back to the first match on its page. A note
beside the box says the rule, the message, the stated and expected figures and what to
correct.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yusuan.audit import Report
from yusuan.audit.finding import Finding, Severity
from yusuan.errors import YusuanError
from yusuan.model import Box

COLOURS = {Severity.ERROR: (220, 30, 30), Severity.WARNING: (230, 140, 0)}
NOTE = 18.0  # size of a margin note's icon, in points


@dataclass(frozen=True, slots=True)
class Placed:
    finding: Finding
    page: int  # 0-based
    box: Box | None  # left, bottom, right, top; None: not found


def _needles(finding: Finding, line_text: str | None) -> Iterator[str]:
    """What to look for on the page, most precise first."""
    if finding.stated is not None:
        yield f"{finding.stated:,}"  # as tables print it: 2,906.63
        yield format(finding.stated, "f")  # as the narrative writes it: 2906.63
    if finding.location.row:
        yield finding.location.row.split(" ", 1)[-1]
    if line_text:
        yield line_text[:12]


def _find(textpage: Any, needles: Iterator[str], within: Box | None = None) -> Box | None:
    """The box of the first needle found on the page (inside `within`, the box the reader
    gave the finding's line, when there is one); else `within` itself."""
    for needle in needles:
        if not needle or not needle.strip():
            continue
        searcher = textpage.search(needle)
        try:
            while (found := searcher.get_next()) is not None:
                index, count = found
                boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
                box = (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
                if within is None or _inside(box, within):
                    return box
        finally:
            searcher.close()
    return within


def _inside(box: Box, within: Box, slack: float = 1.0) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    left, bottom, right, top = within
    return left - slack <= x <= right + slack and bottom - slack <= y <= top + slack


def _wide(text: str) -> Any:
    buffer = ctypes.create_string_buffer(text.encode("utf-16-le") + b"\x00\x00")
    return ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), buffer


def _note(finding: Finding) -> str:
    parts = [f"[{finding.severity.value}] {finding.rule}", finding.message]
    if finding.stated is not None or finding.expected is not None:
        stated = "—" if finding.stated is None else format(finding.stated, "f")
        expected = "—" if finding.expected is None else format(finding.expected, "f")
        parts.append(f"stated {stated}, expected {expected}")
    if finding.suggestion:
        parts.append(f"→ {finding.suggestion}")
    return "\n".join(parts)


def _annotate(page: Any, placed: Placed, width: float, height: float) -> None:
    import pypdfium2.raw as pdfium_c

    red, green, blue = COLOURS.get(placed.finding.severity, (0, 90, 200))
    if placed.box is not None:
        left, bottom, right, top = placed.box
        pad = 1.5
        square = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_SQUARE)
        rect = pdfium_c.FS_RECTF(left - pad, top + pad, right + pad, bottom - pad)
        pdfium_c.FPDFAnnot_SetRect(square, ctypes.byref(rect))
        pdfium_c.FPDFAnnot_SetColor(
            square, pdfium_c.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255
        )
        pdfium_c.FPDFAnnot_SetBorder(square, 0, 0, 1.5)
        text, keep = _wide(_note(placed.finding))
        pdfium_c.FPDFAnnot_SetStringValue(square, b"Contents", text)
        del keep
        pdfium_c.FPDFPage_CloseAnnot(square)
        y = (bottom + top) / 2
    else:
        y = height - NOTE * 2
    # The note sits in the right margin, level with the box.
    note = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_TEXT)
    rect = pdfium_c.FS_RECTF(width - NOTE - 4, y + NOTE / 2, width - 4, y - NOTE / 2)
    pdfium_c.FPDFAnnot_SetRect(note, ctypes.byref(rect))
    pdfium_c.FPDFAnnot_SetColor(note, pdfium_c.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255)
    text, keep = _wide(_note(placed.finding))
    pdfium_c.FPDFAnnot_SetStringValue(note, b"Contents", text)
    del keep
    pdfium_c.FPDFPage_CloseAnnot(note)


def annotate_pdf(source: Path, report: Report, out: Path) -> tuple[int, int]:
    """Write `out`: `source` with every error and warning marked. Returns (placed on their
    page, not placeable for want of a page)."""
    import pypdfium2 as pdfium

    doc = report.doc
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise YusuanError(f"not a readable PDF ({exc})", str(source)) from exc
    placed = unplaced = 0
    try:
        for finding in report.findings:
            if finding.severity is Severity.INFO:
                continue
            path = finding.location.path
            page_no = doc.page_of(finding.location.line) if path in (None, doc.meta.path) else None
            if page_no is None:
                unplaced += 1
                continue
            page = pdf[page_no - 1]
            width, height = page.get_size()
            textpage = page.get_textpage()
            line = finding.location.line
            box = _find(textpage, _needles(finding, doc.source_line(line)), doc.box_of(line))
            textpage.close()
            _annotate(page, Placed(finding, page_no - 1, box), width, height)
            page.close()
            placed += 1
        pdf.save(out)
    finally:
        pdf.close()
    return placed, unplaced
