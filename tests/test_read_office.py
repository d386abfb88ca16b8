"""XLSX/XLS, DOCX and HTML read into the same cells as the seed's text, detected by content.

The workbook, document and page are built here from the seed's 预算03表 and 预算08表 (its real
figures, its genuine 三公 error included) and must read to the rows of the reviewed golden
file. LibreOffice, where installed, converts the workbook to XLS and PDF as a publisher would.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import shutil
import subprocess
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from yusuan.audit.claims import ClaimKind, extract_claims
from yusuan.errors import InputError
from yusuan.model import Placement
from yusuan.read import read_bytes, read_path
from yusuan.read.grid import (
    Grid,
    Merge,
    Paragraph,
    cell_text,
    grid_lines,
    make_grid,
    paragraph_text,
)
from yusuan.read.text import read_text
from yusuan.render.csv import long_rows

from conftest import FIXTURES

DEPT = "三门峡市城乡一体化示范区办公室"
TABLES = ("预算03表", "预算08表")
AMOUNT = "#,##0.00"

# 预算03表 as the seed prints it: 类 款 项, 单位代码, name, then the nine value columns.
ROWS_03: list[tuple[object, ...]] = [
    ("合计", [1634.35, 793.55, 675.86, 10.83, 106.86, None, 840.80, 840.80, None]),
    (None, None, None, "309", DEPT, [1634.35, 793.55, 675.86, 10.83, 106.86, None, 840.80, 840.80, None]),
    (201, "03", "01", None, "行政运行", [637.93, 637.93, 520.24, 10.83, 106.86, None, None, None, None]),
    (201, "03", "02", None, "一般行政管理事务", [790.80, None, None, None, None, None, 790.80, 790.80, None]),
    # stored as text, as a sheet typed by hand often has it
    (201, "13", "08", None, "招商引资", ["50.00", None, None, None, None, None, 50.00, 50.00, None]),
    (208, "05", "05", None, "机关事业单位基本养老保险缴费支出", [51.87, 51.87, 51.87, None, None, None, None, None, None]),
    (210, "11", "01", None, "行政单位医疗", [29.81, 29.81, 29.81, None, None, None, None, None, None]),
    (210, "11", "02", None, "事业单位医疗", [10.71, 10.71, 10.71, None, None, None, None, None, None]),
    (221, "02", "01", None, "住房公积金", [63.23, 63.23, 63.23, None, None, None, None, None, None]),
]  # fmt: skip
JUNK_03 = (
    999,
    "99",
    "99",
    None,
    "隐藏的草稿行",
    [1.0, 2.0, 3.0, None, None, None, None, None, None],
)
# 预算08表: 合计, 因公出国, 公务用车小计, 购置费, 运行费, 公务接待费 (47.50 ≠ 20.00 + 47.50: the seed's own)
VALUES_08 = [47.50, 20.00, 47.50, None, 47.50, None]


def golden(tables: tuple[str, ...] = TABLES) -> list[tuple[str, ...]]:
    with (FIXTURES / "seed" / "expected-cells.csv").open(encoding="utf-8") as handle:
        return [tuple(row) for row in list(csv.reader(handle))[1:] if row[0] in tables]


def cells(doc, tables: tuple[str, ...] = TABLES) -> list[tuple[str, ...]]:
    return [row for row in long_rows(doc) if row[0] in tables]


# --- building a workbook ---------------------------------------------------------------------


def _sheet_03(ws, top: int = 1, formulas: bool = False) -> int:
    """Write 预算03表 from row `top`; return the next free row."""

    def put(r: int, c: int, value: object) -> None:
        cell = ws.cell(top + r - 1, c, value)
        if isinstance(value, float):
            cell.number_format = AMOUNT

    def merge(r1: int, c1: int, r2: int, c2: int) -> None:
        ws.merge_cells(start_row=top + r1 - 1, start_column=c1, end_row=top + r2 - 1, end_column=c2)

    put(1, 1, "预算03表")
    put(2, 1, "2023年部门支出总体情况表")
    merge(2, 1, 2, 14)
    put(3, 1, f"部门名称： {DEPT}")
    merge(3, 1, 3, 8)
    put(3, 14, "单位：万元")
    # a three-row header, merged across and down
    for r1, c1, r2, c2, text in [
        (4, 1, 4, 3, "科目编码"), (4, 4, 6, 4, "单位代码"), (4, 5, 6, 5, "单位（科目名称）"),
        (4, 6, 6, 6, "合计"), (4, 7, 4, 11, "基本支出"), (4, 12, 4, 14, "项目支出"),
        (5, 1, 6, 1, "类"), (5, 2, 6, 2, "款"), (5, 3, 6, 3, "项"), (5, 7, 6, 7, "小计"),
        (5, 8, 5, 9, "人员经费"), (5, 10, 5, 11, "公用经费"), (5, 12, 6, 12, "小计"),
        (5, 13, 6, 13, "其他运转类"), (5, 14, 6, 14, "特定目标类"),
    ]:  # fmt: skip
        put(r1, c1, text)
        merge(r1, c1, r2, c2)
    for c, text in enumerate(
        ["工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出"], 8
    ):
        put(6, c, text)
    r = 7
    for spec in [*ROWS_03[:4], JUNK_03, *ROWS_03[4:]]:
        *labels, values = spec
        if labels == ["合计"]:
            put(r, 1, "合计")
            merge(r, 1, r, 5)
        else:
            for c, label in enumerate(labels, 1):
                if label is not None:
                    put(r, c, label)
            if labels[4] == "住房公积金":  # 款 and 项 stored as numbers, shown as 02 01 by format
                for c in (2, 3):
                    ws.cell(top + r - 1, c, int(str(labels[c - 1]))).number_format = "00"
        for c, value in enumerate(values, 6):
            if value is not None:
                put(r, c, value)
        if spec is JUNK_03:
            ws.row_dimensions[top + r - 1].hidden = True
        else:
            put(r, 16, 999.99)  # a hidden column of junk
        r += 1
    ws.column_dimensions["P"].hidden = True
    if formulas:  # 合计 = 基本支出 + 项目支出, left for the spreadsheet to compute
        put(7, 6, f"=G{top + 6}+L{top + 6}")
        ws.cell(top + 6, 6).number_format = AMOUNT
    return top + r - 1


def _sheet_08(ws, top: int = 1, formulas: bool = False) -> int:
    def put(r: int, c: int, value: object) -> None:
        cell = ws.cell(top + r - 1, c, value)
        if isinstance(value, float):
            cell.number_format = AMOUNT

    def merge(r1: int, c1: int, r2: int, c2: int) -> None:
        ws.merge_cells(start_row=top + r1 - 1, start_column=c1, end_row=top + r2 - 1, end_column=c2)

    put(1, 1, "预算08表")
    put(2, 1, "2023年一般公共预算“三公”经费支出情况表")
    merge(2, 1, 2, 6)
    put(3, 1, f"部门名称: {DEPT}")
    merge(3, 1, 3, 4)
    put(3, 6, "单位：万元")
    for r1, c1, r2, c2, text in [
        (4, 1, 5, 1, "“三公”经费合计"), (4, 2, 5, 2, "因公出国（境）费"),
        (4, 3, 4, 5, "公务用车购置及运行费"), (4, 6, 5, 6, "公务接待费"),
    ]:  # fmt: skip
        put(r1, c1, text)
        merge(r1, c1, r2, c2)
    for c, text in enumerate(["小计", "公务用车购置费", "公务用车运行费"], 3):
        put(5, c, text)
    for c, value in enumerate(VALUES_08, 1):
        if value is not None:
            put(6, c, value)
    if formulas:  # 小计 = 购置费 + 运行费
        put(6, 3, f"=D{top + 5}+E{top + 5}")
        ws.cell(top + 5, 3).number_format = AMOUNT
    put(7, 1, "注：“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。")
    merge(7, 1, 7, 6)
    return top + 7


def _page_setup(ws, widths: list[float]) -> None:
    """Column widths and one page wide, as a published sheet is set up to print."""
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _rule(ws, top: int, left: int, bottom: int, right: int) -> None:
    """Thin borders round every cell of the range, as a published table is ruled."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def seed_workbook(one_sheet: bool = False, formulas: bool = False, ruled: bool = False) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    if one_sheet:
        first.title = "公开表"
        end = _sheet_03(first, formulas=formulas)
        _sheet_08(first, end + 2, formulas=formulas)
    else:
        first.title = "预算03表"
        _page_setup(first, [6, 5, 5, 9, 34, *[13] * 9])
        end = _sheet_03(first, formulas=formulas)
        second = book.create_sheet("预算08表")
        _page_setup(second, [18] * 6)
        _sheet_08(second, formulas=formulas)
        if ruled:  # the header and the rows of each table, not its title or unit line
            _rule(first, 4, 1, end - 1, 14)
            _rule(second, 4, 1, 6, 6)
    hidden = book.create_sheet("草稿")
    hidden["A1"] = "预算08表"
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the grid module -------------------------------------------------------------------------


def test_grid_lines_put_placeholders_in_value_columns_only():
    grid = Grid(
        (
            ("预算03表", "", "", "", ""),
            ("科目编码", "", "名称", "合计", "项目支出"),
            ("类", "款", "", "", ""),
            ("201", "03", "行政运行", "1,637.93", ""),
            ("201", "", "一般公共服务支出", "", "(12.50)"),
            ("", "", "合计", "1637.93", ""),
        ),
        (Merge(1, 0, 1, 1), Merge(1, 2, 2, 2), Merge(3, 0, 4, 0)),
    )
    assert grid_lines([Paragraph("  一、 概况 "), grid]) == [
        "一、概况",
        "预算03表",
        "科目编码 名称 合计 项目支出",  # header rows: no placeholders, a merge kept once
        "类 款",
        "201 03 行政运行 1637.93 -",  # an empty value cell after the first filled one
        "201 一般公共服务支出 - -12.50",  # a code merged down belongs to each row; no `-` for 款
        "合计 1637.93 -",
        "",
    ]


def test_lines_under_a_projects_merged_figures_stay_in_its_table():
    # 预算12表 as a sheet lays it out: each project's code, name and figures merged down over
    # its indicator lines, which hold text and numbers that are no figures (72)
    grid = Grid(
        (
            ("项目编码", "项目名称", "资金总额", "单位资金", "三级指标", "指标值"),
            ("411", "党建经费", "3.00", "", "学习经费", "≤12万元"),
            ("", "", "", "", "学习次数", "72"),
            ("", "", "", "", "学习效果", "明显"),
            ("412", "值班补助", "80.00", "", "出勤率", "100%"),
        ),
        (Merge(1, 0, 3, 0), Merge(1, 1, 3, 1), Merge(1, 2, 3, 2)),
    )
    assert grid_lines([grid]) == [
        "项目编码 项目名称 资金总额 单位资金 三级指标 指标值",
        "411 党建经费 3.00 - 学习经费 ≤12万元",
        "学习次数 72",  # no figure of its own: the project's code and name are not repeated
        "学习效果 明显",  # text only, yet no new table: the project's figure spans it
        "412 值班补助 80.00 - 出勤率 100%",  # and so 单位资金 is still a column of figures
        "",
    ]


def test_rows_of_labels_only_part_no_table():
    # a 收支总表's rows with nothing to show: the rows after them keep the table's columns,
    # 政府性基金 among them, empty throughout
    grid = Grid(
        (
            ("项目", "金额", "项目", "合计", "一般公共预算", "政府性基金"),
            ("一、本年收入", "100.00", "一、本年支出", "100.00", "100.00", ""),
            ("二、上年结转", "", "（二）外交支出", "", "", ""),
            ("", "", "（三）国防支出", "", "", ""),
            ("", "", "（四）教育支出", "60.00", "60.00", ""),
            ("收入合计", "100.00", "支出合计", "100.00", "100.00", ""),
        )
    )
    assert grid_lines([grid])[1:] == [
        "一、本年收入 100.00 一、本年支出 100.00 100.00 -",
        "二、上年结转 （二）外交支出",
        "（三）国防支出",
        "（四）教育支出 60.00 60.00 -",  # (without the table's columns: 60.00 60.00)
        "收入合计 100.00 支出合计 100.00 100.00 -",
        "",
    ]


def test_a_gap_typed_with_full_width_or_no_break_spaces_stays_a_space():
    # a wrap between Chinese characters closes; spaces typed to set words apart do not
    for text in ("部门名称：某某局　　单位：万元", "部门名称：某某局&nbsp;单位：万元"):
        typed = text.replace("&nbsp;", "\u00a0\u00a0")
        assert paragraph_text(typed) == cell_text(typed) == "部门名称：某某局 单位：万元"
    assert paragraph_text("工资福利\n支出") == cell_text("工资福利 支出") == "工资福利支出"
    assert cell_text("\u3000\u3000行政运行") == "\u3000\u3000行政运行"  # an indent, kept


def test_a_sparse_grid_too_large_is_refused():
    diagonal = {(i * 7, i * 11): "x" for i in range(1_001)}  # 1,001 × 1,001 positions
    with pytest.raises(InputError, match="1001 rows × 1001 columns") as info:
        make_grid(diagonal, path="diagonal.html")
    assert "diagonal.html" in str(info.value)


def test_a_row_of_figures_only_keeps_its_leading_blank():
    grid = Grid((("合计", "出国", "接待"), ("", "20.00", "")))
    assert grid_lines([grid])[1] == "- 20.00 -"


# --- XLSX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("one_sheet", [False, True], ids=["sheet-per-table", "one-sheet"])
def test_xlsx_reads_the_seeds_cells(one_sheet):
    doc = read_bytes(seed_workbook(one_sheet), "seed.xlsx")
    assert [t.id for t in doc.tables] == list(TABLES)
    assert cells(doc) == golden()
    assert doc.meta.encoding == "xlsx"
    assert doc.meta.department == DEPT
    # every column was given: the placeholders placed each figure exactly
    assert {r.placement for r in doc.table("expenditure").rows} == {Placement.EXACT}
    text = "\n".join(doc.source)
    assert "隐藏的草稿行" not in text and "999.99" not in text  # hidden row, column, sheet
    assert doc.source.count("预算08表") == 1  # the hidden sheet's was not read


# --- LibreOffice: the workbook as a publisher converts it -------------------------------------

needs_libreoffice = pytest.mark.skipif(
    shutil.which("libreoffice") is None,
    reason="libreoffice is not on PATH (Debian: libreoffice-calc-nogui; `make test` installs it)",
)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """The workbook (with formulas for the spreadsheet to compute) converted by LibreOffice."""
    root = tmp_path_factory.mktemp("libreoffice")
    plain = root / "seed.xlsx"
    plain.write_bytes(seed_workbook(formulas=True))
    ruled = root / "ruled" / "seed.xlsx"
    ruled.parent.mkdir()
    ruled.write_bytes(seed_workbook(formulas=True, ruled=True))
    out: dict[str, Path] = {}
    for target, source in (("xls", plain), ("pdf", plain), ("xlsx", plain), ("ruled", ruled)):
        folder = root / target
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{root}/profile",  # no clash with a running one
                "--headless",
                "--convert-to",
                "pdf" if target == "ruled" else target,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out[target] = folder / f"seed.{'pdf' if target == 'ruled' else target}"
    return out


@pytest.mark.libreoffice
@needs_libreoffice
def test_xls_from_libreoffice_reads_the_same_cells(converted):
    data = converted["xls"].read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    doc = read_bytes(data, "seed.xls")
    assert doc.meta.encoding == "xls"
    assert cells(doc) == golden()
    assert "隐藏的草稿行" not in "\n".join(doc.source)
    # each line keeps its sheet and row, counted as in the workbook it was saved from
    # (xlrd counts rows from 0, openpyxl from 1)
    assert doc.line_sheets and doc.line_sheets == read_bytes(seed_workbook(), "s.xlsx").line_sheets


@pytest.mark.libreoffice
@needs_libreoffice
def test_formulas_are_read_as_their_cached_values(converted):
    # openpyxl writes formulas without values; LibreOffice computes and stores them.
    assert cells(read_bytes(seed_workbook(formulas=True), "raw.xlsx")) != golden()
    doc = read_bytes(converted["xlsx"].read_bytes(), "resaved.xlsx")
    assert cells(doc) == golden()


def _reading_order(data: bytes) -> str:
    """The PDF's own text lines, each page's sorted top to bottom by the position of their
    first character: the order a reader sees, which a layout-based reader will give."""
    import pypdfium2 as pdfium

    lines: list[str] = []
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        textpage = page.get_textpage()
        text = textpage.get_text_range(0, textpage.count_chars())
        starts, start = [], 0
        for i, char in enumerate(text + "\n"):
            if char in "\r\n":
                if text[start:i].strip():
                    starts.append((start, text[start:i]))
                start = i + 1
        keyed = [
            (-round(textpage.get_charbox(s)[3]), k, line) for k, (s, line) in enumerate(starts)
        ]
        lines.extend(line for *_, line in sorted(keyed))
    pdf.close()
    return "\n".join(lines)


@pytest.mark.libreoffice
@needs_libreoffice
def test_pdf_from_libreoffice(converted):
    from yusuan.read.pdf import pdf_text

    data = converted["pdf"].read_bytes()
    text, _, empty = pdf_text(data, "seed.pdf")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not empty
    # The text layer prints the table rows exactly as the seed's PDF does, blanks vanished.
    seed = {line.strip() for line in (FIXTURES / "seed" / "000_fc947a31a4e8e830.txt").open()}
    for row in (
        "合计 1,634.35 793.55 675.86 10.83 106.86 840.80 840.80",
        "201 03 01 行政运行 637.93 637.93 520.24 10.83 106.86",
        "221 02 01 住房公积金 63.23 63.23 63.23",
        "47.50 20.00 47.50 47.50",
    ):
        assert row in lines and row in seed
    # In that order (by position on the page) the text reader gives the golden cells …
    assert cells(read_text(_reading_order(data), "seed.pdf")) == golden()
    # … and so does the PDF path: LibreOffice draws the cells that mix scripts (预算03表,
    # 2023年…表) in a second pass, so in the text layer each page's id and title come after
    # its table; the reader sees the document prints titles below and moves them up.
    for body, heads in (
        ("221 02 01 住房公积金 63.23 63.23 63.23", ("预算03表", "2023年部门支出总体情况表")),
        ("47.50 20.00 47.50 47.50", ("预算08表", "2023年一般公共预算“三公”经费支出情况表")),
    ):
        assert all(lines.index(body) > lines.index(head) for head in heads)
    assert cells(read_path(converted["pdf"])) == golden()


# --- DOCX ------------------------------------------------------------------------------------

NARRATIVE = [
    f"{DEPT}2023年部门预算公开",
    "第二部分 2023年部门预算情况说明",
    "八、“三公”经费支出预算情况说明",
    f"{DEPT}2023年“三公”经费预算为67.5万元。2023年“三公”经费支出预算数较2022年增加0万元，与上年持平。",
    "（一）因公出国（境）费20万元。2023年我单位共计安排因公出国(境)团组0个。",
    "（三）公务用车购置及运行费47.5万元，其中：公务用车购置费0万元，公务用车运行维护费47.5万元。",
    "第三部分 2023年部门预算公开表",
]


def seed_docx() -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for text in NARRATIVE:
        document.add_paragraph(text)
    for text in ("预算03表", "2023年部门支出总体情况表", f"部门名称：{DEPT} 单位：万元"):
        document.add_paragraph(text)
    rows = [*ROWS_03[:2], JUNK_03, *ROWS_03[2:]]
    table = document.add_table(rows=3 + len(rows), cols=14)

    def merged(r1: int, c1: int, r2: int, c2: int, text: str) -> None:
        table.cell(r1, c1).merge(table.cell(r2, c2)).text = text

    for r1, c1, r2, c2, text in [
        (0, 0, 0, 2, "科目编码"), (0, 3, 2, 3, "单位代码"), (0, 4, 2, 4, "单位（科目名称）"),
        (0, 5, 2, 5, "合计"), (0, 6, 0, 10, "基本支出"), (0, 11, 0, 13, "项目支出"),
        (1, 0, 2, 0, "类"), (1, 1, 2, 1, "款"), (1, 2, 2, 2, "项"), (1, 6, 2, 6, "小计"),
        (1, 7, 1, 8, "人员经费"), (1, 9, 1, 10, "公用经费"), (1, 11, 2, 11, "小计"),
        (1, 12, 2, 12, "其他运转类"), (1, 13, 2, 13, "特定目标类"),
    ]:  # fmt: skip
        merged(r1, c1, r2, c2, text)
    for c, text in enumerate(
        ["工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出"], 7
    ):
        table.cell(2, c).text = text
    for r, spec in enumerate(rows, 3):
        *labels, values = spec
        if labels == ["合计"]:
            merged(r, 0, r, 4, "合计")  # python-docx gives this cell five times in its row
        else:
            for c, label in enumerate(labels):
                if label is not None:
                    table.cell(r, c).text = str(label)
        for c, value in enumerate(values, 5):
            if value is not None:
                table.cell(r, c).text = f"{Decimal(str(value)):,.2f}"
        if spec is JUNK_03:
            table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:hidden"))
    merged(6, 0, 8, 0, "201")  # 类 201 over its three 项, merged down
    for text in (
        "预算08表",
        "2023年一般公共预算“三公”经费支出情况表",
        f"部门名称: {DEPT} 单位：万元",
    ):
        document.add_paragraph(text)
    sangong = document.add_table(rows=3, cols=6)
    for r1, c1, r2, c2, text in [
        (0, 0, 1, 0, "“三公”经费合计"), (0, 1, 1, 1, "因公出国（境）费"),
        (0, 2, 0, 4, "公务用车购置及运行费"), (0, 5, 1, 5, "公务接待费"),
    ]:  # fmt: skip
        sangong.cell(r1, c1).merge(sangong.cell(r2, c2)).text = text
    for c, text in enumerate(["小计", "公务用车购置费", "公务用车运行费"], 2):
        sangong.cell(1, c).text = text
    for c, value in enumerate(VALUES_08):
        if value is not None:
            sangong.cell(2, c).text = f"{value:.2f}"
    nested = sangong.cell(2, 5).add_table(1, 1)  # a table in a cell: not the table's data
    nested.cell(0, 0).text = "999.99"
    document.add_paragraph("注：“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。")
    assert document.element.body.find(qn("w:tbl")) is not None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sangong_section(doc):
    return next(s for s in doc.sections if s.title == "“三公”经费支出预算情况说明")


def test_docx_reads_tables_and_narrative_in_body_order():
    doc = read_bytes(seed_docx(), "seed.docx")
    assert doc.meta.encoding == "docx"
    assert cells(doc) == golden()
    assert {r.placement for r in doc.table("expenditure").rows} == {Placement.EXACT}
    section = _sangong_section(doc)
    assert section.part == "第二部分"
    assert "67.5万元" in section.text
    assert section.span.line < doc.table("expenditure").span.line  # body order kept
    text = "\n".join(doc.source)
    assert "999.99" not in text and "隐藏的草稿行" not in text
    claims = extract_claims(doc)
    assert any(
        c.kind is ClaimKind.AMOUNT and c.subject == "三公经费" and c.value == Decimal("67.5")
        for c in claims
    )


# --- HTML ------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>部门预算公开</title>
<script>var total = "888.88万元";</script>
<style>.nav {{ color: red }}</style>
</head>
<body>
<div id="header"><div class="logo">三门峡市人民政府门户网站</div></div>
<div class="topNav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a>预决算 666.66万元</a></div>
<form id="searchForm"><input name="q" value="搜索"><button>搜索</button></form>
<div class="article">
<h1>{NARRATIVE[0]}</h1>
<p>{NARRATIVE[1]}</p>
<p><strong>{NARRATIVE[2]}</strong></p>
<p>{NARRATIVE[3]}</p>
<p style="display:none">隐藏的段落 777.77万元</p>
<p>{NARRATIVE[4]}<br>{NARRATIVE[5]}</p>
<p>{NARRATIVE[6]}</p>
<p>预算03表</p>
<p align="center">2023年部门支出总体情况表</p>
<p>部门名称：{DEPT}　单位：万元</p>
<table border="1">
<tr><td colspan="3">科目编码</td><td rowspan="3">单位代码</td><td rowspan="3">单位（科目名称）</td>
<td rowspan="3">合计</td><td colspan="5">基本支出</td><td colspan="3">项目支出</td></tr>
<tr><td rowspan="2">类</td><td rowspan="2">款</td><td rowspan="2">项</td><td rowspan="2">小计</td>
<td colspan="2">人员经费</td><td colspan="2">公用经费</td><td rowspan="2">小计</td>
<td rowspan="2">其他运转类</td><td rowspan="2">特定目标类</td></tr>
<tr><td>工资福利<br>支出</td><td>对个人和家庭的补助</td><td>商品和服务支出</td><td>资本性支出</td></tr>
<tr><td colspan="5">合计</td><td>1,634.35</td><td>793.55</td><td>675.86</td><td>10.83</td>
<td>106.86</td><td></td><td>840.80</td><td>840.80</td><td></td></tr>
<tr><td></td><td></td><td></td><td>309</td><td>{DEPT}</td><td>1,634.35</td><td>793.55</td>
<td>675.86</td><td>10.83</td><td>106.86</td><td></td><td>840.80</td><td>840.80</td><td></td></tr>
<tr><td rowspan="3">201</td><td rowspan="2">03</td><td>01</td><td></td><td>行政运行</td>
<td>637.93</td><td>637.93</td><td>520.24</td><td>10.83</td><td>106.86</td><td></td><td></td><td></td><td></td></tr>
<tr><td>02</td><td></td><td>一般行政管理事务</td><td>790.80</td><td></td><td></td><td></td><td></td>
<td></td><td>790.80</td><td>790.80</td><td></td></tr>
<tr style="display: none"><td>99</td><td>99</td><td></td><td>隐藏的草稿行</td><td>1.00</td></tr>
<tr><td>13</td><td>08</td><td></td><td>招商引资</td><td>50.00</td><td></td><td></td><td></td><td></td>
<td></td><td>50.00</td><td>50.00</td><td></td></tr>
<tr><td>208</td><td>05</td><td>05</td><td></td><td>机关事业单位基本养老保险缴费支出</td><td>51.87</td>
<td>51.87</td><td>51.87</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="2">210</td><td rowspan="2">11</td><td>01</td><td></td><td>行政单位医疗</td><td>29.81</td>
<td>29.81</td><td>29.81</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>02</td><td></td><td>事业单位医疗</td><td>10.71</td><td>10.71</td><td>10.71</td><td></td><td></td>
<td></td><td></td><td></td><td></td></tr>
<tr><td>221</td><td>02</td><td>01</td><td></td><td>住房公积金</td><td>63.23</td><td>63.23</td><td>63.23</td>
<td></td><td></td><td></td><td></td><td></td><td></td></tr>
</table>
<p>预算08表</p>
<p>2023年一般公共预算“三公”经费支出情况表</p>
<p>部门名称: {DEPT}　单位：万元</p>
<table border="1"><tbody>
<tr><th rowspan="2">“三公”经费合计</th><th rowspan="2">因公出国（境）费</th>
<th colspan="3">公务用车购置及运行费</th><th rowspan="2">公务接待费</th></tr>
<tr><th>小计</th><th>公务用车购置费</th><th>公务用车运行费</th></tr>
<tr><td>47.50</td><td>20.00</td><td>47.50</td><td>&nbsp;</td><td>47.50</td><td></td></tr>
</tbody></table>
</div>
<div class="footer">版权所有：三门峡市人民政府 联系电话：0398-1234567</div>
</body></html>
"""


def test_html_page_in_gb18030_reads_tables_and_narrative():
    data = PAGE.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the charset must come from the meta tag
    doc = read_bytes(data, "page.html")
    assert doc.meta.encoding == "html"
    assert cells(doc) == golden()
    assert {r.placement for r in doc.table("expenditure").rows} == {Placement.EXACT}
    section = _sangong_section(doc)
    assert "67.5万元" in section.text and "47.5万元" in section.text  # <br> ended a line only
    text = "\n".join(doc.source)
    for chrome in ("首页", "门户网站", "搜索", "888.88", "666.66", "777.77", "版权所有", "隐藏"):
        assert chrome not in text


# --- detection by content and hostile files --------------------------------------------------


def test_detection_is_by_content_not_name(tmp_path):
    misleading = tmp_path / "report.txt"
    misleading.write_bytes(seed_workbook())
    assert cells(read_path(misleading)) == golden()
    page = tmp_path / "page.pdf"
    page.write_bytes(b"\r\n  " + PAGE.encode("gb18030"))
    assert cells(read_path(page)) == golden()
    marked = tmp_path / "page.doc"
    marked.write_bytes(codecs.BOM_UTF8 + PAGE.replace("gb2312", "utf-8").encode())
    assert cells(read_path(marked)) == golden()
    document = tmp_path / "scan.html"
    document.write_bytes(seed_docx())
    assert read_path(document).meta.encoding == "docx"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _members(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _refused(data: bytes, name: str, match: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError, match=match) as info:
        read_bytes(data, name)
    assert name in str(info.value)
    assert time.perf_counter() - started < 2


def test_a_zip_bomb_is_refused_from_its_declared_size():
    # a small member whose headers declare 3 GB, as a bomb's do
    data = bytearray(_zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<x/>"}))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 4] = (3 * 1024**3).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    _refused(bytes(data), "bomb.xlsx", "zip bomb")


def test_too_many_entries_are_refused():
    _refused(_zip({f"x/{i}.xml": b"" for i in range(2_500)}), "many.xlsx", "entries")


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
"""


def _laughing_sheet(sheet: bytes) -> bytes:
    """The sheet with a billion-laughs DTD and its first cell's text expanding it."""
    return LAUGHS + sheet.replace("预算03表".encode(), b"&lol9;", 1)


def test_entity_expansion_in_an_xlsx_is_refused(monkeypatch):
    members = _members(seed_workbook())
    members["xl/worksheets/sheet1.xml"] = _laughing_sheet(members["xl/worksheets/sheet1.xml"])
    data = _zip(members)
    _refused(data, "laughs.xlsx", "DTD")
    # Without the DTD scan, openpyxl parses with defusedxml, which refuses it too.
    import yusuan.read as read

    monkeypatch.setattr(read, "_DTD", ())
    _refused(data, "laughs.xlsx", "not a readable XLSX.*Entities")


def test_broken_and_foreign_files_are_refused():
    workbook = seed_workbook()
    _refused(workbook[: len(workbook) // 2], "cut.xlsx", "broken ZIP")
    noise = random.Random(5).randbytes(50_000)
    _refused(noise, "noise.xlsx", "binary")
    _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise, "old.xls", "not a readable XLS")
    _refused(_zip({"readme.txt": b"hello"}), "other.zip", "neither an XLSX")


def test_a_huge_sheet_is_refused_before_it_is_parsed(monkeypatch):
    import yusuan.read.xlsx as xlsx

    book = openpyxl.Workbook()
    for r in range(1, 301):
        book.active.append([r, f"行{r}", r * 1.5])
    out = io.BytesIO()
    book.save(out)
    monkeypatch.setattr(xlsx, "MAX_CELLS", 500)
    _refused(out.getvalue(), "huge.xlsx", "cells; the limit is 500")
    monkeypatch.setattr(xlsx, "MAX_CELLS", 10_000)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 200)
    _refused(out.getvalue(), "long.xlsx", "300 rows; the limit is 200")


def test_a_far_away_cell_does_not_make_a_sheet_huge():
    book = openpyxl.load_workbook(io.BytesIO(seed_workbook()))
    book.create_sheet("附注").cell(1_048_576, 16_384, "末")
    out = io.BytesIO()
    book.save(out)
    started = time.perf_counter()
    assert cells(read_bytes(out.getvalue(), "far.xlsx")) == golden()
    assert time.perf_counter() - started < 2


def test_huge_html_spans_are_refused():
    row = "<tr>" + '<td colspan="1000" rowspan="65534">x</td>' * 5 + "</tr>"
    page = f"<html><body><table>{row * 60}</table></body></html>".encode()
    _refused(page, "spans.html", "cells; the limit")


# --- the corpus: a narrative whose tables were images ----------------------------------------


def test_narrative_only_html_page_is_read_with_its_claims():
    doc = read_path(FIXTURES / "corpus" / "cq-jtw-2018-ys-narrative.html")
    assert doc.tables == ()
    assert doc.meta.department == "重庆市交通委员会"
    assert doc.meta.year == 2018
    titles = [s.title for s in doc.sections]
    assert titles[1:] == [
        "单位基本情况",
        "部门预算情况说明",
        "“三公”经费情况说明",
        "其他重要事项的情况说明",
        "专业性名词解释",
    ]
    assert "当前位置" not in "\n".join(doc.source)  # the breadcrumb is navigation
    claims = {(c.subject, c.value) for c in extract_claims(doc) if c.kind is ClaimKind.AMOUNT}
    assert ("三公经费", Decimal("2800.68")) in claims
    assert ("政府采购", Decimal("6060.41")) in claims
    assert ("项目支出", Decimal("263928.15")) in claims


@pytest.mark.libreoffice
@needs_libreoffice
def test_ruled_pdf_from_libreoffice_reads_from_its_grid(converted):
    from yusuan.read.pdf import read_pdf_text

    data = converted["ruled"].read_bytes()
    read = read_pdf_text(data, "ruled.pdf")
    # the tables were read from their grids: their rows carry boxes, with each blank cell kept
    # as a placeholder (the text layer's `201 03 01 行政运行 637.93 … 106.86` has none)
    boxed = [line for line, box in zip(read.text.splitlines(), read.line_boxes, strict=True) if box]
    assert "201 03 01 行政运行 637.93 637.93 520.24 10.83 106.86 - - - -" in boxed
    assert "47.50 20.00 47.50 - 47.50 -" in boxed
    doc = read_bytes(data, "ruled.pdf")
    assert cells(doc) == golden()
    # every figure sits in its printed column: no row needed the identities to place it (the
    # 三公 row is unsatisfied by the seed's own error, 47.50 ≠ 20.00 + 47.50)
    placements = {r.placement.value for t in doc.tables for r in t.rows if r.cells}
    assert placements == {"exact", "unsatisfied"}
