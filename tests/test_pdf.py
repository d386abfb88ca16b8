"""PDF input through its text layer: pages, running headers and footers, and bad files."""

from __future__ import annotations

import pytest

from yusuan.errors import InputError
from yusuan.read import read_bytes, read_path
from yusuan.read.pdf import pdf_pages, pdf_text

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
