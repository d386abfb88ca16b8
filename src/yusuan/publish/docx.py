"""DOCX (python-docx): the narrative's headings and paragraphs on portrait pages, then each
table on a landscape page of its own: its id, title, department and unit line, then a ruled
table whose header cells are merged as the family prints them."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from yusuan.files import fixed_instant, settle
from yusuan.model import Disclosure
from yusuan.publish.layout import Printed, cover, money_text, narrative, printed_tables

FONT = "宋体"
HEADING_FONT = "黑体"


def _font(run: Any, size: float | None = None, bold: bool = False) -> None:
    from docx.shared import Pt

    if size:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True


def _default_font(document: Any) -> None:
    """Every run in 宋体, set once on the Normal style (Word takes the CJK font from
    w:eastAsia, not from the font's name)."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    for level in (1, 2, 3):  # headings in 黑体, black, not the template's blue theme font
        style = document.styles[f"Heading {level}"]
        style.font.name = HEADING_FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            fonts.set(qn(key), HEADING_FONT)
        for key in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(key), None)


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _table(document: Any, table: Printed) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if table.id:
        _font(document.add_paragraph().add_run(table.id), 10.5, bold=True)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(table.title), 16, bold=True)
    # a typed gap (full-width spaces) sets the unit apart from the department, as printed
    _font(
        document.add_paragraph().add_run(
            "\u3000\u3000\u3000\u3000".join(t for t in (table.department_line, table.unit) if t)
        ),
        10.5,
    )
    width = max(table.width, 1)
    grid = document.add_table(rows=table.head_rows + len(table.body), cols=width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The cells taken once, before any merge: `grid.cell()` and `row.cells` walk the whole
    # table on every call. A merge leaves every cell outside its own range as it was, and the
    # header's ranges do not overlap, so the cells taken here stay good.
    cells = grid._cells
    for h in table.head:
        cell = cells[h.row * width + h.col]
        if h.rowspan > 1 or h.colspan > 1:
            far = cells[(h.row + h.rowspan - 1) * width + h.col + h.colspan - 1]
            cell = cell.merge(far)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(h.text), 9, bold=True)
    for r in range(table.head_rows):  # the header repeats on each page the table runs over
        _repeat_header(grid.rows[r])
    for i, values in enumerate(table.body):
        at = (table.head_rows + i) * width
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            paragraph = cells[at + c].paragraphs[0]
            if isinstance(value, Decimal):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                text = money_text(value)
            else:
                text = value
            _font(paragraph.add_run(text), 9)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    props.append(mark)


def render_docx(doc: Disclosure) -> bytes:
    """The document's bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    _default_font(document)
    instant = fixed_instant(doc.meta.year)
    props = document.core_properties
    props.created = props.modified = instant
    props.last_printed = instant
    props.author = props.last_modified_by = "yusuan"
    props.title = cover(doc)
    props.revision = 1
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(head.add_run(cover(doc)), 22, bold=True)
    for block in narrative(doc):
        paragraph = document.add_paragraph()
        if block.is_heading:
            # Word's own heading styles (1 a part, 2 一、, 3 （一）): the navigation pane and a
            # table of contents find them
            paragraph.style = document.styles[f"Heading {(block.level or 0) + 1}"]
            size = {0: 16, 1: 14}.get(block.level or 0, 12)
            _font(paragraph.add_run(block.text), size, bold=True)
        else:
            paragraph.paragraph_format.first_line_indent = Pt(21)
            _font(paragraph.add_run(block.text), 12)
    for table in printed_tables(doc):
        _landscape(document)
        _table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return settle(buffer.getvalue(), instant)
