"""An annotated copy of a PDF: each finding boxed where it is, with a note in the margin.

The reader keeps the page of every line and, for a page read from its layout, the line's
box (a table's row, a line of text). The finding's figure is looked for in that box, so the
cell that holds it is boxed and not the same figure elsewhere on the page; without a figure,
the row is boxed. A line without a box falls back to the first match on its page. A note
beside the box says the rule, the message, the stated and expected figures and what to
correct; the same note, numbered, is printed in a margin added to the page (`margin.py`), so
that it shows in any viewer and on paper, not only as a pop-up.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yusuan.audit import Report
from yusuan.audit.finding import Finding, Severity
from yusuan.errors import YusuanError
from yusuan.model import Box
from yusuan.render.margin import MarginNote
from yusuan.render.words import SEVERITY_WORD, word

COLOURS = {Severity.ERROR: (220, 30, 30), Severity.WARNING: (230, 140, 0)}


@dataclass(frozen=True, slots=True)
class Placed:
    finding: Finding
    page: int  # 0-based
    box: Box | None  # left, bottom, right, top; None: not found


def figure_needles(finding: Finding, line_text: str | None) -> Iterator[str]:
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
    return find_figure(textpage, needles, within) or within


def find_figure(textpage: Any, needles: Iterable[str], within: Box | None = None) -> Box | None:
    """The box of the first needle found whole on the page (a stated 0 is not the 0 inside
    209.04, nor 1.5 inside 21.50), inside `within` when it is given; None when none is."""
    for needle in needles:
        if not needle or not needle.strip():
            continue
        searcher = textpage.search(needle)
        try:
            while (found := searcher.get_next()) is not None:
                index, count = found
                if _NUMBER.fullmatch(needle) and not _whole(textpage, index, count):
                    continue  # the 0 of 209.04 is no stated 0
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
    return None


_NUMBER = re.compile(r"[\d,.]+")


def _whole(textpage: Any, index: int, count: int) -> bool:
    """Whether the figure found at `index` is a whole figure, not part of a longer one."""
    size = textpage.count_chars()
    before = textpage.get_text_range(index - 1, 1) if index > 0 else ""
    after = textpage.get_text_range(index + count, 1) if index + count < size else ""
    return not (_NUMBER.fullmatch(before or " ") or _NUMBER.fullmatch(after or " "))


def _inside(box: Box, within: Box, slack: float = 1.0) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    left, bottom, right, top = within
    return left - slack <= x <= right + slack and bottom - slack <= y <= top + slack


def _wide(text: str) -> Any:
    buffer = ctypes.create_string_buffer(text.encode("utf-16-le") + b"\x00\x00")
    return ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), buffer


def _note(finding: Finding, lang: str = "zh") -> str:
    severity = SEVERITY_WORD[lang][finding.severity.value]
    parts = [f"[{severity}] {finding.rule}", finding.message]
    if finding.stated is not None or finding.expected is not None:
        stated = "—" if finding.stated is None else format(finding.stated, "f")
        expected = "—" if finding.expected is None else format(finding.expected, "f")
        parts.append(word(lang, "note-figures", stated=stated, expected=expected))
    if finding.suggestion:
        parts.append(f"→ {finding.suggestion}")
    return "\n".join(parts)


def _annotate(page: Any, placed: Placed, note: str) -> None:
    """The finding's box on the page, printed, with its note as the box's pop-up."""
    import pypdfium2.raw as pdfium_c

    if placed.box is None:
        return
    red, green, blue = COLOURS.get(placed.finding.severity, (0, 90, 200))
    left, bottom, right, top = placed.box
    pad = 1.5
    square = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_SQUARE)
    rect = pdfium_c.FS_RECTF(left - pad, top + pad, right + pad, bottom - pad)
    pdfium_c.FPDFAnnot_SetRect(square, ctypes.byref(rect))
    pdfium_c.FPDFAnnot_SetColor(square, pdfium_c.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255)
    pdfium_c.FPDFAnnot_SetBorder(square, 0, 0, 1.5)
    pdfium_c.FPDFAnnot_SetFlags(square, pdfium_c.FPDF_ANNOT_FLAG_PRINT)  # boxed on paper too
    text, keep = _wide(note)
    pdfium_c.FPDFAnnot_SetStringValue(square, b"Contents", text)
    del keep
    pdfium_c.FPDFPage_CloseAnnot(square)


def _icon(page: Any, at: Box, note: MarginNote) -> None:
    """The pop-up note's icon beside its printed note in the margin (on screen only)."""
    import pypdfium2.raw as pdfium_c

    red, green, blue = note.colour
    icon = pdfium_c.FPDFPage_CreateAnnot(page.raw, pdfium_c.FPDF_ANNOT_TEXT)
    rect = pdfium_c.FS_RECTF(at[0], at[3], at[2], at[1])
    pdfium_c.FPDFAnnot_SetRect(icon, ctypes.byref(rect))
    pdfium_c.FPDFAnnot_SetColor(icon, pdfium_c.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255)
    text, keep = _wide(note.text)
    pdfium_c.FPDFAnnot_SetStringValue(icon, b"Contents", text)
    del keep
    pdfium_c.FPDFPage_CloseAnnot(icon)


def _in_file(finding: Finding, doc: Any, name: str, first: bool) -> bool:
    """Whether the finding is in the file `name` of the disclosure (the first file's findings
    may carry its path, the document's, or none)."""
    path = finding.location.path
    return path == name or (first and path in (None, doc.meta.path))


def annotate_pdf(
    source: Path,
    report: Report,
    out: Path,
    *,
    lang: str = "zh",
    first: bool = True,
    name: str | None = None,
) -> tuple[int, int]:
    """Write `out`: `source` with every error and warning in it marked: boxed on its page,
    a pop-up note, and the note numbered in the page's margin. `name`: the file's path as the
    findings name it (default `source`); `first`: it is the first file of the disclosure (a
    paired disclosure's second file gets the findings located in it). Returns (placed on
    their page, not placeable for want of a page)."""
    import pypdfium2 as pdfium

    from yusuan.render.margin import write_margin_notes

    doc = report.doc
    name = name or str(source)
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise YusuanError(f"not a readable PDF ({exc})", str(source)) from exc
    placed = unplaced = 0
    margins: dict[int, list[MarginNote]] = {}
    keep: list[Any] = []
    try:
        for finding in report.findings:
            if finding.severity is Severity.INFO or not _in_file(finding, doc, name, first):
                continue
            line = finding.location.line
            path = None if first else name
            page_no = doc.page_of(line, path)
            if page_no is None or not 0 < page_no <= len(pdf):
                unplaced += 1
                continue
            page = pdf[page_no - 1]
            textpage = page.get_textpage()
            within = doc.box_of(line) if first else None
            box = _find(textpage, figure_needles(finding, doc.source_line(line, path)), within)
            textpage.close()
            note = _note(finding, lang)
            _annotate(page, Placed(finding, page_no - 1, box), note)
            page.close()
            placed += 1
            colour = COLOURS.get(finding.severity, (0, 90, 200))
            margins.setdefault(page_no - 1, []).append(MarginNote(str(placed), note, colour, box))
        for index, notes in margins.items():
            page = pdf[index]
            overlay, icons = write_margin_notes(pdf, page, notes)
            keep.append(overlay)
            for margin_note, at in zip(notes, icons, strict=True):
                _icon(page, at, margin_note)
            page.close()
        pdf.save(out)
    finally:
        pdf.close()
        for overlay in keep:
            overlay.close()
    return placed, unplaced
