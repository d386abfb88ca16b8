"""Notes printed in a page's margin: the page is widened on its right (as it is shown,
whatever its /Rotate) and each note is written there as page content, level with what it
marks and joined to it by a thin line, so that it shows in every viewer and prints.

The notes are drawn by reportlab in the CID font STSong-Light, which needs no font file
(a viewer uses its own Song face; pdfium takes the system's CJK font), onto a page of the
widened size; that page is placed on the original one as a form XObject, added to the
content as a content stream of its own, so the page's own content is kept as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from yusuan.model import Box

MARGIN = 200.0  # points added to the page's right, as shown
FONT = "STSong-Light"
SIZE = 7.0
PAD = 6.0


@dataclass(frozen=True, slots=True)
class MarginNote:
    label: str  # the number written beside the box and before the note
    text: str  # lines separated by \n; each is wrapped to the margin's width
    colour: tuple[int, int, int]
    box: Box | None  # in the page's user space; None: the note alone


def _to_display(box: Box, rotation: int, media: Box) -> Box:
    """A user-space box as the page is shown (origin bottom left, rotation applied)."""
    left, bottom, right, top = media
    width, height = right - left, top - bottom
    corners = []
    for x, y in ((box[0], box[1]), (box[2], box[3])):
        x, y = x - left, y - bottom
        corners.append(
            {0: (x, y), 90: (y, width - x), 180: (width - x, height - y), 270: (height - y, x)}[
                rotation
            ]
        )
    (u1, v1), (u2, v2) = corners
    return (min(u1, u2), min(v1, v2), max(u1, u2), max(v1, v2))


def _from_display(rotation: int, media: Box) -> tuple[float, ...]:
    """The matrix taking the shown page's coordinates back to user space."""
    left, bottom, right, top = media
    width, height = right - left, top - bottom
    return {
        0: (1, 0, 0, 1, left, bottom),
        90: (0, 1, -1, 0, width + left, bottom),
        180: (-1, 0, 0, -1, width + left, height + bottom),
        270: (0, -1, 1, 0, left, height + bottom),
    }[rotation]


def _widened(box: Box, rotation: int) -> Box:
    left, bottom, right, top = box
    return {
        0: (left, bottom, right + MARGIN, top),
        90: (left, bottom, right, top + MARGIN),
        180: (left - MARGIN, bottom, right, top),
        270: (left, bottom - MARGIN, right, top),
    }[rotation]


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` points; Chinese breaks between any two characters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if line and stringWidth(line + ch, FONT, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def _overlay(width: float, height: float, notes: Sequence[tuple[MarginNote, Box | None]]) -> bytes:
    """A page of the widened size holding the notes in its margin (display coordinates)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width + MARGIN, height))
    pdf.setStrokeColorRGB(0.75, 0.75, 0.75)
    pdf.line(width, 0, width, height)
    text_width = MARGIN - 2 * PAD
    ordered = sorted(notes, key=lambda n: -(n[1][3] if n[1] else height))
    size = SIZE
    wrapped = [_wrap(f"{n.label} {n.text}", text_width, size) for n, _ in ordered]
    needed = sum(len(w) * size * 1.25 + 4 for w in wrapped)
    if needed > height - 2 * PAD:  # more notes than the margin holds at 7 pt: smaller
        size = max(3.0, size * (height - 2 * PAD) / needed)
        wrapped = [_wrap(f"{n.label} {n.text}", text_width, size) for n, _ in ordered]
    lead = size * 1.25
    cursor = height - PAD
    for (note, box), lines in zip(ordered, wrapped, strict=True):
        red, green, blue = (c / 255 for c in note.colour)
        top = cursor if box is None else min(cursor, box[3] + size / 2)
        pdf.setFillColorRGB(red, green, blue)
        pdf.setStrokeColorRGB(red, green, blue)
        if box is not None:
            pdf.setLineWidth(0.4)
            pdf.setDash(2, 2)
            pdf.line(box[2] + 1.5, (box[1] + box[3]) / 2, width + PAD - 2, top - size / 2)
            pdf.setDash()
            pdf.setFont(FONT, size)
            pdf.drawString(box[2] + 2, box[3] + 1, note.label)
        pdf.setFont(FONT, size)
        y = top - size
        for line in lines:
            pdf.drawString(width + PAD, y, line)
            y -= lead
        cursor = y + lead - 0.3 * size - 4  # the next note starts below this one's last line
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write_margin_notes(pdf: Any, page: Any, notes: Sequence[MarginNote]) -> Any:
    """Widen `page` of `pdf` (pypdfium2) and print `notes` in its new margin. Returns the
    overlay document, to be kept open until `pdf` is saved."""
    import pypdfium2 as pdfium

    rotation = page.get_rotation() % 360
    media = tuple(page.get_mediabox())
    crop = tuple(page.get_cropbox())
    left, bottom, right, top = media
    width, height = right - left, top - bottom
    shown_w, shown_h = (width, height) if rotation in (0, 180) else (height, width)
    placed = [(n, _to_display(n.box, rotation, media) if n.box else None) for n in notes]
    overlay = pdfium.PdfDocument(_overlay(shown_w, shown_h, placed))
    page.set_mediabox(*_widened(media, rotation))
    page.set_cropbox(*_widened(crop, rotation))
    form = overlay.page_as_xobject(0, pdf).as_pageobject()
    form.transform(pdfium.PdfMatrix(*_from_display(rotation, media)))
    page.insert_obj(form)
    page.gen_content()
    return overlay
