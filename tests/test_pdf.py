"""PDF input through its text layer: pages, running headers and footers, and bad files."""

from __future__ import annotations

import re

import pytest

from yusuan.errors import InputError
from yusuan.read import read_bytes, read_path
from yusuan.read.pdf import kept_lines, pdf_pages, pdf_text

from conftest import FIXTURES

SUZHOU = FIXTURES / "corpus" / "suz-sjj-2026-ys.pdf"


def test_running_headers_footers_and_page_numbers_are_dropped():
    data = SUZHOU.read_bytes()
    pages, empty = pdf_pages(data, "suz.pdf")
    assert not empty
    raw = [line.strip() for page in pages for line in page]
    header = "苏州市审计局 2026 年度部门预算公开"
    assert raw.count(header) >= 5  # printed on every page …
    text, line_pages, _ = pdf_text(data, "suz.pdf")
    kept = [line.strip() for line in text.split("\n")]
    assert header not in kept  # … and gone from what is read
    assert "- 12 -" in raw and "- 12 -" not in kept
    assert len(line_pages) == len(kept)
    assert line_pages == sorted(line_pages)
    # the 财政拨款收支总表 continues on the next page: its rows now follow one another
    at = kept.index("（十八）援助其他地区支出")
    assert kept[at + 1] == "（十九）自然资源海洋气象等支出"


def test_a_pdf_reads_with_the_page_of_each_line():
    doc = read_path(SUZHOU)
    assert doc.meta.year == 2026
    assert doc.tables
    table = doc.tables[0]
    assert doc.page_of(table.span.line) is not None and doc.page_of(table.span.line) > 1


def test_a_broken_pdf_is_refused_clearly():
    with pytest.raises(InputError, match="not a readable PDF") as info:
        read_bytes(b"%PDF-1.4\n%garbage that is no PDF at all\n", "broken.pdf")
    assert "broken.pdf" in str(info.value)


def test_an_image_only_pdf_needs_ocr():
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pytest.raises(InputError, match="OCR"):
        read_bytes(buffer.getvalue(), "scan.pdf")


def test_annotate_boxes_each_finding_on_its_page(tmp_path):
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from click.testing import CliRunner

    from yusuan.cli import cli

    out = tmp_path / "marked.pdf"
    result = CliRunner().invoke(
        cli, ["audit", "--format", "json", "--annotate", str(out), str(SUZHOU)]
    )
    assert result.exit_code in (0, 1)
    import json

    findings = [f for f in json.loads(result.stdout)["findings"] if f["severity"] != "info"]
    assert findings
    # each place says its page, and a table row read from the layout its box on the page
    assert all(f["location"]["page"] >= 1 for f in findings if "line" in f["location"])
    boxes = [f["location"]["box"] for f in findings if "box" in f["location"]]
    assert boxes and all(left < right and bottom < top for left, bottom, right, top in boxes)
    notes: list[str] = []
    pdf = pdfium.PdfDocument(out)
    for index in range(len(pdf)):
        page = pdf[index]
        for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_TEXT:
                size = pdfium_c.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_c.FPDFAnnot_GetStringValue(
                    annot, b"Contents", ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
                )
                notes.append(buffer.raw.decode("utf-16-le").rstrip("\x00"))
            pdfium_c.FPDFPage_CloseAnnot(annot)
        page.close()
    pdf.close()
    assert len(notes) == len(findings)  # one margin note per error or warning
    assert {n.split("] ", 1)[1].split("\n", 1)[0] for n in notes} == {f["rule"] for f in findings}
    assert "marked" in result.stderr


def test_annotate_refuses_what_is_not_one_pdf(tmp_path):
    from click.testing import CliRunner

    from yusuan.cli import cli

    from conftest import SEED

    result = CliRunner().invoke(cli, ["audit", "--annotate", str(tmp_path / "x.pdf"), str(SEED)])
    assert result.exit_code == 2 and "not a PDF" in result.stderr


def test_lines_read_from_the_layout_carry_their_boxes():
    import pypdfium2 as pdfium

    doc = read_path(SUZHOU)
    pdf = pdfium.PdfDocument(SUZHOU)
    checked = 0
    for table in doc.tables:
        for row in table.rows:
            figure = next((c.value for c in row.cells if c.value), None)
            box = doc.box_of(row.span.line)
            if figure is None or box is None:
                continue
            page = pdf[doc.page_of(row.span.line) - 1]
            text = page.get_textpage().get_text_bounded(*box).replace(",", "")
            # the row's box holds the row: its figure and the start of its name
            assert format(figure, "f") in text, (row.label, box, text)
            assert row.name[:2] in text.replace(" ", "").replace("\r\n", ""), (row.label, text)
            checked += 1
    pdf.close()
    assert checked >= 100


def test_annotate_boxes_the_figure_inside_its_row(tmp_path):
    import pypdfium2 as pdfium

    from yusuan.audit import audit
    from yusuan.audit.finding import Severity
    from yusuan.render.annotate import _find, figure_needles

    doc = read_path(SUZHOU)
    report = audit(doc)
    pdf = pdfium.PdfDocument(SUZHOU)
    boxed = 0
    for finding in report.findings:
        line = finding.location.line
        row_box = doc.box_of(line)
        if finding.severity is Severity.INFO or finding.stated is None or row_box is None:
            continue
        textpage = pdf[doc.page_of(line) - 1].get_textpage()
        box = _find(textpage, figure_needles(finding, doc.source_line(line)), row_box)
        assert box is not None
        # the figure's own box, inside the row (a printed figure is narrower than its row)
        assert row_box[0] - 1 <= box[0] and box[2] <= row_box[2] + 1
        assert row_box[1] - 1 <= box[1] and box[3] <= row_box[3] + 1
        assert box[2] - box[0] < (row_box[2] - row_box[0]) / 2
        text = textpage.get_text_bounded(*box)
        figures = re.findall(r"[\d,.]+", textpage.get_text_bounded(*row_box))
        if f"{finding.stated:,}" in figures or format(finding.stated, "f") in figures:
            assert f"{finding.stated:,}" in text or format(finding.stated, "f") in text.replace(
                ",", ""
            )
        else:  # a figure not printed in the row (a 0 left blank) is no part of another one
            assert not re.search(r"\d", text), text
        boxed += 1
    pdf.close()
    assert boxed >= 1


def test_table_rows_that_end_several_pages_alike_are_no_running_footer():
    # 基本支出 tables on several pages all end with 30311 住房公积金 / 30312 提租补贴
    pages = [
        [
            f"表{n}",
            "基本支出预算表",
            "303 对个人和家庭的补助 2606.84",
            "30311 住房公积金 341.75",
            "30312 提租补贴 751.77",
            "某某部门预算公开",
            f"- {n} -",
        ]
        for n in range(1, 5)
    ]
    kept = [
        [line for line, k in zip(page, keep, strict=True) if k]
        for page, keep in zip(pages, kept_lines(pages), strict=True)
    ]
    assert all("30311 住房公积金 341.75" in page for page in kept)
    assert all("30312 提租补贴 751.77" in page for page in kept)
    # the footer and the page number still go
    assert not any("某某部门预算公开" in page or "- 1 -" in page for page in kept)
