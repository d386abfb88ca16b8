"""The published files themselves: byte-identical for the same model, every text escaped, the
HTML page self-contained (opened in Debian's chromium, no request leaves it), the workbook's
sheets, merges, number formats and print set-up, the PDF's Chinese in its text layer."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from yusuan.model import Disclosure
from yusuan.publish import FORMATS, write
from yusuan.publish.layout import column_header
from yusuan.read import read_path

HOSTILE = '某局<script>document.title="pwned"</script><img src="http://example.invalid/x.png">'


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_writes_are_byte_identical(tmp_path: Path, seed: Disclosure, fmt: str) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    write(seed, fmt, first)
    write(seed, fmt, second)
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 5_000


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_office_packages_carry_no_time_of_writing(tmp_path: Path, seed: Disclosure, fmt: str):
    out = tmp_path / f"x.{fmt}"
    write(seed, fmt, out)
    with zipfile.ZipFile(out) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    # created and modified: the disclosure's year, not the time of writing
    for tag in ("dcterms:created", "dcterms:modified"):
        assert re.search(rf"<{tag}[^>]*>2023-01-01T00:00:00Z</{tag}>", core), core


def test_unknown_format_is_refused(tmp_path: Path, seed: Disclosure) -> None:
    with pytest.raises(ValueError, match="unknown format 'odt'"):
        write(seed, "odt", tmp_path / "x.odt")


def test_header_cells_span_their_columns() -> None:
    cells = column_header(
        ["合计", "基本支出/小计", "基本支出/人员经费/工资福利支出", "基本支出/人员经费/对个人"],
        left=2,
        depth=3,
    )
    spans = {(c.text, c.row, c.col): (c.rowspan, c.colspan) for c in cells}
    assert spans == {
        ("合计", 0, 2): (3, 1),
        ("基本支出", 0, 3): (1, 3),
        ("小计", 1, 3): (2, 1),
        ("人员经费", 1, 4): (1, 2),
        ("工资福利支出", 2, 4): (1, 1),
        ("对个人", 2, 5): (1, 1),
    }


def test_workbook_sheets_merges_formats_and_print_setup(tmp_path: Path, seed: Disclosure):
    out = tmp_path / "seed.xlsx"
    write(seed, "xlsx", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "情况说明"
    assert book.sheetnames[1:] == [t.id for t in seed.tables]
    ws = book["预算03表"]
    assert ws["A1"].value == "预算03表" and ws["A2"].value == "2023年部门支出总体情况表"
    merged = {str(m) for m in ws.merged_cells.ranges}
    # 基本支出 spans its five columns on the first header row; 合计 reaches down all three
    assert any(ws[m.split(":")[0]].value == "基本支出" for m in merged)
    total = next(c for row in ws.iter_rows(min_row=7) for c in row if c.value == 1634.35)
    assert total.number_format == "#,##0.00"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$4:$6"
    assert "三门峡市城乡一体化示范区办公室2023年部门预算" in [
        c.value for c in book["情况说明"]["A"]
    ]


def test_pdf_has_the_chinese_in_its_text_layer(tmp_path: Path, seed: Disclosure) -> None:
    out = tmp_path / "seed.pdf"
    write(seed, "pdf", out)
    pdf = pdfium.PdfDocument(str(out))
    try:
        first = pdf[0].get_textpage().get_text_range()
        assert "三门峡市城乡一体化示范区办公室2023年部门预算" in first.replace("\r\n", "")
        # table pages are landscape
        width, height = pdf[len(pdf) - 1].get_size()
        assert width > height
    finally:
        pdf.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_department_name_is_text(tmp_path: Path, seed: Disclosure, fmt: str) -> None:
    doc = dataclasses.replace(seed, meta=dataclasses.replace(seed.meta, department=HOSTILE))
    out = tmp_path / f"x.{fmt}"
    write(doc, fmt, out)
    if fmt == "html":
        text = out.read_text("utf-8")
        assert "<script>" not in text and "<img" not in text
        assert "&lt;script&gt;" in text
    back = read_path(out)  # still a disclosure, its tables all there
    assert len(back.tables) == len(seed.tables)


def test_html_page_is_self_contained_in_chromium(tmp_path: Path, browser, seed: Disclosure):
    doc = dataclasses.replace(seed, meta=dataclasses.replace(seed.meta, department=HOSTILE))
    out = tmp_path / "公开.html"
    write(doc, "html", out)
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        assert requests == [out.as_uri()]  # the page alone: no script, image, font or style
        assert page.title().startswith("某局<script>")  # shown as text, never run
        assert page.locator("script, img").count() == 0
        assert page.locator("section.table").count() == len(seed.tables)
        # 预算03表: 基本支出 spans five columns, 合计 three header rows
        table = page.locator("section.table").nth(2)
        assert table.locator("th", has_text="基本支出").get_attribute("colspan") == "5"
        assert table.locator("th", has_text="合计").first.get_attribute("rowspan") == "3"
        png = page.screenshot(full_page=False)
        assert len(io.BytesIO(png).getvalue()) > 10_000
    finally:
        page.close()


def test_row_numbers_print_as_numbers_not_money() -> None:
    """行次 (a 决算 summary's printed row numbers) holds numbers but no money: printed `28`,
    never `28.00`, and not set as money."""
    from decimal import Decimal

    from yusuan.model import Cell, DocKind, Meta, Row, Side, Span, Table
    from yusuan.publish.layout import print_table

    span = Span(None, 1, 1)
    rows = (
        Row("一般公共预算财政拨款", span, side=Side.INCOME, number="一、",
            cells=(Cell("行次", Decimal(1)), Cell("金额", Decimal("1668.14")))),
        Row("一般公共服务支出", span, side=Side.EXPENSE, number="一、",
            cells=(Cell("行次", Decimal(28)), Cell("金额", Decimal("0.00")))),
    )  # fmt: skip
    table = Table(
        "summary", "收入支出决算总表", span, ("行次", "金额"), rows, id="表 1",
        template="national-final", sides=(Side.INCOME, Side.EXPENSE),
    )  # fmt: skip
    doc = Disclosure(Meta(department="某局", year=2019, kind=DocKind.FINAL), tables=(table,))
    printed = print_table(doc, table)
    # one line: 收入 (项目, 行次, 金额) then 支出 (项目, 行次, 金额)
    assert printed.body == (
        ("一、一般公共预算财政拨款", "1", Decimal("1668.14"), "一、一般公共服务支出", "28",
         Decimal("0.00")),
    )  # fmt: skip
    assert printed.money == (False, False, True, False, False, True)


def test_a_cover_title_before_the_first_part_keeps_the_profile() -> None:
    """A written (or published) document opens with its title before 第一部分: the 概况 is still
    the first part, its staff counts and internal units read (the reader took the cover for
    the first part and read none)."""
    from yusuan.read.text import read_text

    body = (
        "第一部分 某局概况\n"
        "一、机构设置及人员情况\n"
        "某局共有在编人员 13 人，聘用人员 9 人。内设 2 个科室，分别是：\n"
        "秘书科：在编人员 1 人，聘用 1 人。负责文字材料起草。\n"
        "督查科：在编人员 2 人。负责督查督办。\n"
        "第二部分 某局2023年部门预算情况说明\n"
        "一、收入支出预算总体情况说明\n"
        "某局2023年收入总计 100.00 万元。\n"
    )
    bare = read_text(body, "bare.txt")
    covered = read_text("某局2023年部门预算\n" + body, "covered.txt")
    assert bare.profile.internal_unit_count == 2
    assert covered.profile.internal_units == bare.profile.internal_units == ("秘书科", "督查科")
    assert covered.profile.internal_unit_count == 2
    counts = [(c.label, c.count, c.scope) for c in covered.profile.staff]
    assert counts == [(c.label, c.count, c.scope) for c in bare.profile.staff]
    assert ("在编人员", 2, "督查科") in counts


def test_docx_headings_are_word_headings(tmp_path: Path, seed: Disclosure) -> None:
    import docx

    out = tmp_path / "seed.docx"
    write(seed, "docx", out)
    styles = {p.text: p.style.name for p in docx.Document(str(out)).paragraphs}
    assert styles["第一部分"] == "Heading 1"
    assert styles["一、三门峡市城乡一体化示范区办公室主要职责"] == "Heading 2"
    assert styles["（一）机关运行经费支出情况"] == "Heading 3"
    assert styles["三门峡市城乡一体化示范区办公室概况"] == "Normal"


def test_workbook_text_never_becomes_a_formula(tmp_path: Path, seed: Disclosure) -> None:
    """A name that opens with `=` is written as text: Excel shows it, never runs it."""
    name = '=HYPERLINK("http://example.invalid","点击")'
    doc = dataclasses.replace(seed, meta=dataclasses.replace(seed.meta, department=name))
    out = tmp_path / "x.xlsx"
    write(doc, "xlsx", out)
    with zipfile.ZipFile(out) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in package.read(n) for n in sheets)
    ws = openpyxl.load_workbook(out)["预算03表"]
    assert ws["A3"].value == f"部门名称：{name}"
    assert openpyxl.load_workbook(out)["情况说明"]["A1"].data_type == "s"


def test_a_failed_write_leaves_the_file_there_as_it_was(
    tmp_path: Path, seed: Disclosure, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yusuan.publish.html

    out = tmp_path / "公开.html"
    write(seed, "html", out)
    before = out.read_bytes()
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not left private by mkstemp

    def broken(doc: Disclosure) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(yusuan.publish.html, "render_html", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write(seed, "html", out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["公开.html"]  # no temporary left


def test_what_the_reader_noted_is_not_published(tmp_path: Path, seed: Disclosure) -> None:
    """A table's `notes` are the reader's remarks on how it read it (English, for the log),
    never text of the disclosure: no written file carries them."""
    noted = [n for t in seed.tables for n in t.notes]
    assert noted  # the seed's 预算06表 is one the reader noted
    for fmt in FORMATS:
        out = tmp_path / f"x.{fmt}"
        write(seed, fmt, out)
        back = read_path(out)
        assert not any(n in line for n in noted for line in back.source), fmt


def test_panels_print_every_filled_column_with_their_totals_side_by_side() -> None:
    """A panel's figures are printed under their own column even when the table's column list
    leaves it out (the 收入 side's 金额 of a 财政拨款收支总表 listing only the 支出 side's), and
    the two panels' totals stand on one line, as a page prints them: a 总计 alone on its line
    is read as the other side's."""
    from decimal import Decimal

    from yusuan.model import Cell, DocKind, Meta, Row, RowKind, Side, Span, Table
    from yusuan.publish.layout import print_table

    span = Span(None, 1, 1)
    one = Decimal("5.00")

    def row(side: Side, name: str, column: str, kind: RowKind = RowKind.LABEL) -> Row:
        return Row(name, span, kind=kind, side=side, cells=(Cell(column, one),))

    rows = (
        row(Side.INCOME, "一般公共预算拨款", "金额"),
        row(Side.INCOME, "政府性基金预算拨款", "金额"),
        row(Side.INCOME, "上年结转", "金额"),
        row(Side.EXPENSE, "一般公共服务支出", "合计"),
        row(Side.INCOME, "收入合计", "金额", RowKind.TOTAL),
        row(Side.EXPENSE, "支出合计", "合计", RowKind.TOTAL),
    )
    table = Table(
        "fiscal_summary", "财政拨款收支总体情况表", span, ("合计",), rows, id="预算04表",
        template="prov12", sides=(Side.INCOME, Side.EXPENSE),
    )  # fmt: skip
    doc = Disclosure(Meta(department="某局", year=2023, kind=DocKind.BUDGET), tables=(table,))
    printed = print_table(doc, table)
    assert [h.text for h in printed.head if h.row == 1] == ["项目", "金额", "项目", "合计"]
    assert printed.body == (
        ("一般公共预算拨款", one, "一般公共服务支出", one),
        ("政府性基金预算拨款", one, "", None),
        ("上年结转", one, "", None),
        ("收入合计", one, "支出合计", one),
    )


def test_column_numbers_and_compiled_headings_print_as_a_page_prints_them() -> None:
    """A 栏次 line's numbers (`栏次/3`) are no money: `3`, never `3.00`. A compiled heading
    holds its bare numeral (一), printed 一、 for a section and （一） for a subsection; a
    heading read from a page keeps the punctuation it had."""
    from decimal import Decimal

    from yusuan.model import Cell, DocKind, Meta, Row, RowKind, Section, Span, Table
    from yusuan.publish.layout import narrative, print_table

    span = Span(None, 1, 1)
    cells = (Cell("栏次/1", Decimal(1)), Cell("合计", Decimal("7.42")))
    table = Table(
        "sangong", "三公", span, ("栏次/1", "合计"),
        (Row("", span, kind=RowKind.VALUES, cells=cells),), id="表 7", template="national-final",
    )  # fmt: skip
    sections = (
        Section("第一部分", "一", "主要职责", "负责。", span, 1),
        Section("第一部分", "一", "机关运行经费", "无。", span, 2),
        Section("第一部分", "二、", "机构设置", "无。", span, 1),
    )
    doc = Disclosure(
        Meta(department="某局", year=2023, kind=DocKind.FINAL), sections=sections, tables=(table,)
    )
    printed = print_table(doc, table)
    assert printed.body == (("1", Decimal("7.42")),)
    assert printed.money == (False, True)
    headings = [b.text for b in narrative(doc) if b.is_heading]
    assert headings[1:] == ["一、主要职责", "（一）机关运行经费", "二、机构设置"]
