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
MIN_SIZE = 3.0  # smaller than this a printed note cannot be read: it runs on past the foot
PAD = 6.0
GAP = 4.0  # between two notes
ICON = 10.0  # the pop-up note's icon, at the right of its printed note


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


def _block(lines: Sequence[str], size: float) -> float:
    """The height of a note of `lines` at `size`, with the gap below it."""
    return len(lines) * size * 1.25 + GAP


def _height(wrapped: Sequence[Sequence[str]], size: float) -> float:
    return sum(_block(lines, size) for lines in wrapped)


def _tops(
    boxes: Sequence[Box | None], wrapped: Sequence[Sequence[str]], size: float, height: float
) -> list[float]:
    """Where each note starts: level with its box where the notes above leave room, never
    over the note above, and pushed up from the page's foot where the notes below need it."""
    tops: list[float] = []
    cursor = height - PAD
    for box, lines in zip(boxes, wrapped, strict=True):
        top = cursor if box is None else min(cursor, box[3] + size / 2)
        tops.append(top)
        cursor = top - _block(lines, size)
    floor = PAD
    for k in range(len(tops) - 1, -1, -1):  # from the foot up: each note above the next
        bottom = tops[k] - _block(wrapped[k], size) + GAP
        if bottom < floor:
            tops[k] += floor - bottom
        floor = tops[k] + GAP
    return tops


def _overlay(
    width: float, height: float, notes: Sequence[tuple[MarginNote, Box | None]]
) -> tuple[bytes, list[float]]:
    """A page of the widened size holding the notes in its margin (display coordinates), and
    where each note starts, in the order given."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width + MARGIN, height))
    pdf.setStrokeColorRGB(0.75, 0.75, 0.75)
    pdf.line(width, 0, width, height)
    text_width = MARGIN - 2 * PAD - ICON  # the pop-up's icon beside each note
    order = sorted(range(len(notes)), key=lambda k: -(b[3] if (b := notes[k][1]) else height))
    ordered = [notes[k] for k in order]
    size = SIZE
    wrapped = [_wrap(f"{n.label} {n.text}", text_width, size) for n, _ in ordered]
    room = height - 2 * PAD
    while size > MIN_SIZE and _height(wrapped, size) > room:  # more than the margin holds
        size = max(MIN_SIZE, size * 0.9)
        wrapped = [_wrap(f"{n.label} {n.text}", text_width, size) for n, _ in ordered]
    tops = _tops([box for _, box in ordered], wrapped, size, height)
    lead = size * 1.25
    for (note, box), lines, top in zip(ordered, wrapped, tops, strict=True):
        red, green, blue = (c / 255 for c in note.colour)
        pdf.setFillColorRGB(red, green, blue)
        pdf.setStrokeColorRGB(red, green, blue)
        pdf.setFont(FONT, size)
        if box is not None:
            pdf.setLineWidth(0.4)
            pdf.setDash(2, 2)
            pdf.line(box[2] + 1.5, (box[1] + box[3]) / 2, width + PAD - 2, top - size / 2)
            pdf.setDash()
            pdf.drawString(box[2] + 2, box[3] + 1, note.label)
        y = top - size
        for line in lines:
            pdf.drawString(width + PAD, y, line)
            y -= lead
    pdf.showPage()
    pdf.save()
    starts = [0.0] * len(notes)
    for k, top in zip(order, tops, strict=True):
        starts[k] = top
    return buffer.getvalue(), starts


def _apply(matrix: Sequence[float], box: Box) -> Box:
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for u, v in ((box[0], box[1]), (box[2], box[3])):
        xs.append(a * u + c * v + e)
        ys.append(b * u + d * v + f)
    return (min(xs), min(ys), max(xs), max(ys))


def write_margin_notes(pdf: Any, page: Any, notes: Sequence[MarginNote]) -> tuple[Any, list[Box]]:
    """Widen `page` of `pdf` (pypdfium2) and print `notes` in its new margin. Returns the
    overlay document, to be kept open until `pdf` is saved, and for each note the place
    (user space) beside it for its pop-up icon."""
    import pypdfium2 as pdfium

    rotation = page.get_rotation() % 360
    media = tuple(page.get_mediabox())
    crop = tuple(page.get_cropbox())
    left, bottom, right, top = media
    width, height = right - left, top - bottom
    shown_w, shown_h = (width, height) if rotation in (0, 180) else (height, width)
    placed = [(n, _to_display(n.box, rotation, media) if n.box else None) for n in notes]
    drawn, tops = _overlay(shown_w, shown_h, placed)
    overlay = pdfium.PdfDocument(drawn)
    page.set_mediabox(*_widened(media, rotation))
    page.set_cropbox(*_widened(crop, rotation))
    matrix = _from_display(rotation, media)
    form = overlay.page_as_xobject(0, pdf).as_pageobject()
    form.transform(pdfium.PdfMatrix(*matrix))
    page.insert_obj(form)
    page.gen_content()
    right = shown_w + MARGIN - 2
    icons = [_apply(matrix, (right - ICON, top - ICON, right, top)) for top in tops]
    return overlay, icons
