"""Crops of PDF pages for the HTML report: the rows around a finding, its figure boxed.

The reader keeps, for a PDF read from its layout, the box of every line on its page (a table's
row, a line of text). The page is rendered with pypdfium2, cut around that box with a few rows
of context, and the finding's figure is looked for inside the box (the same search the
annotated PDF uses) and outlined; without the figure the whole line is. A page the document
turns (/Rotate) is rendered in PDF space, where the boxes are, and turned as it is read; the
boxes are turned with it, so that the crop runs along the line as printed.
"""

from __future__ import annotations

import base64
import io
from collections import OrderedDict
from typing import Any

from yusuan.audit.finding import Finding, Severity
from yusuan.model import Box, Disclosure
from yusuan.render.annotate import figure_needles, find_figure

SCALE = 2.0  # pixels per point: small print in a table stays legible
CONTEXT = 30.0  # points of page kept above and below the line (about two table rows)
MIN_WIDTH = 320.0  # points: a short line is shown with enough page around it to place it
MAX_WIDTH = 600.0  # points: a wider row is cut around its figure, or it prints too small to read
MARGIN = 16.0
PAGES_KEPT = 4  # rendered pages kept while the findings of a document are cropped
COLOURS = {Severity.ERROR: (210, 20, 20), Severity.WARNING: (225, 120, 0)}


def crop_box(line: Box, page: Box, figure: Box | None = None) -> Box:
    """The part of the page to show: the line, widened to MIN_WIDTH (or cut to MAX_WIDTH
    around its figure) and with CONTEXT above and below, inside the page."""
    left, bottom, right, top = line
    p_left, p_bottom, p_right, p_top = page
    left, right = left - MARGIN, right + MARGIN
    if right - left < MIN_WIDTH:
        middle = (left + right) / 2
        left, right = middle - MIN_WIDTH / 2, middle + MIN_WIDTH / 2
    elif right - left > MAX_WIDTH and figure is not None:
        middle = (figure[0] + figure[2]) / 2
        start = min(max(left, middle - MAX_WIDTH / 2), right - MAX_WIDTH)
        left, right = start, start + MAX_WIDTH
    # a window pushed off the page slides back onto it rather than shrinking
    shift = max(0.0, p_left - left) - max(0.0, right - p_right)
    left, right = left + shift, right + shift
    return (
        max(p_left, left),
        max(p_bottom, bottom - CONTEXT),
        min(p_right, right),
        min(p_top, top + CONTEXT),
    )


class PageCrops:
    """Cuts crops out of the pages of the PDFs a set of reports was read from; each PDF is
    opened once and the last few pages rendered are kept. Close it when done."""

    def __init__(self) -> None:
        self._pdfs: dict[str, Any] = {}
        self._pages: OrderedDict[tuple[str, int], tuple[Any, Box, int, Any]] = OrderedDict()

    def close(self) -> None:
        self._pages.clear()
        for pdf in self._pdfs.values():
            if pdf is not None:
                pdf.close()
        self._pdfs.clear()

    def __enter__(self) -> PageCrops:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pdf(self, path: str) -> Any:
        import pypdfium2 as pdfium

        if path not in self._pdfs:
            try:
                self._pdfs[path] = pdfium.PdfDocument(path)
            except (pdfium.PdfiumError, OSError):  # moved or damaged since it was read
                self._pdfs[path] = None
        return self._pdfs[path]

    def _page(self, path: str, number: int) -> tuple[Any, Box, int, Any] | None:
        """(the page rendered as it is read, turned upright; its box in PDF space; its
        /Rotate; its text page)."""
        key = (path, number)
        if key in self._pages:
            self._pages.move_to_end(key)
            return self._pages[key]
        pdf = self._pdf(path)
        if pdf is None or not 0 < number <= len(pdf):
            return None
        page = pdf[number - 1]
        rotation = page.get_rotation() % 360
        if rotation:
            page.set_rotation(0)  # rendered in PDF space, then turned as the reader sees it
        bbox = tuple(float(v) for v in page.get_bbox())
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        if rotation:
            image = image.rotate(-rotation, expand=True)  # /Rotate is clockwise, PIL's is not
        entry = (image, (bbox[0], bbox[1], bbox[2], bbox[3]), rotation, page.get_textpage())
        self._pages[key] = entry
        while len(self._pages) > PAGES_KEPT:
            _, (_, _, _, textpage) = self._pages.popitem(last=False)
            textpage.close()
        return entry

    def crop(self, doc: Disclosure, finding: Finding) -> str | None:
        """A PNG data: URI of the finding's place on its PDF page with its figure boxed; None
        when it has no box (a text input, a further file of --as-one, a whole-document
        finding) or its PDF cannot be opened any more."""
        path, line = finding.location.path, finding.location.line
        if path not in (None, doc.meta.path) or doc.meta.path is None:
            return None  # the boxes are the first file's
        line_box, number = doc.box_of(line), doc.page_of(line)
        if line_box is None or number is None:
            return None
        rendered = self._page(doc.meta.path, number)
        if rendered is None:
            return None
        image, page_box, rotation, textpage = rendered
        if not _overlaps(line_box, page_box):
            return None  # a box the reader placed off its page: nothing there to show
        figure = _figure(textpage, finding, line_box)
        return _png_uri(_cut(image, page_box, rotation, line_box, figure, finding.severity))


def _overlaps(box: Box, page: Box) -> bool:
    return box[0] < page[2] and box[2] > page[0] and box[1] < page[3] and box[3] > page[1]


def _figure(textpage: Any, finding: Finding, within: Box) -> Box | None:
    """The box of the finding's figure (else its row's name) inside its line: the first whole
    match of what the annotated PDF looks for. None: the line itself is what to box."""
    return find_figure(textpage, figure_needles(finding, None), within)


def upright(box: Box, page: Box, rotation: int) -> Box:
    """A box in PDF space as it lies on the page turned by its /Rotate (clockwise), in points
    from the turned page's bottom left: the frame a reader sees, where a line runs across."""
    left, bottom, right, top = page

    def turn(x: float, y: float) -> tuple[float, float]:
        if rotation == 90:
            return (y - bottom, right - x)
        if rotation == 180:
            return (right - x, top - y)
        if rotation == 270:
            return (top - y, x - left)
        return (x - left, y - bottom)

    (x0, y0), (x1, y1) = turn(box[0], box[1]), turn(box[2], box[3])
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _cut(
    image: Any, page: Box, rotation: int, line: Box, figure: Box | None, severity: Severity
) -> Any:
    from PIL import ImageDraw

    sheet = upright(page, page, rotation)  # (0, 0, width, height) as the page is read
    line = upright(line, page, rotation)
    figure = upright(figure, page, rotation) if figure is not None else None

    def px(x: float, y: float) -> tuple[float, float]:
        return (x * SCALE, (sheet[3] - y) * SCALE)

    left, bottom, right, top = crop_box(line, sheet, figure)
    x0, y0 = px(left, top)
    x1, y1 = px(right, bottom)
    crop = image.crop((round(x0), round(y0), round(x1), round(y1)))
    figure = figure or line  # without the figure, the row or line it is on
    fx0, fy0 = px(figure[0] - 2, figure[3] + 2)
    fx1, fy1 = px(figure[2] + 2, figure[1] - 2)
    ImageDraw.Draw(crop).rectangle(
        (fx0 - x0, fy0 - y0, fx1 - x0, fy1 - y0),
        outline=COLOURS.get(severity, (0, 90, 200)),
        width=3,
    )
    return crop


def _png_uri(image: Any) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    # a page is a few inks: a palette keeps text crisp at a fraction of the size
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", optimize=True
    )
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
