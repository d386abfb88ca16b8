"""Tables that print names without codes, the indentation placing each under the one above.

Zhejiang's cities (杭州), and Excel sheets printed with an indent set on the name cells (湖州,
深圳), key their functional and economic rows by name only: a 类 flush left, its 款 indented
one step, its 项 two. The reader keeps the indentation (full-width spaces in the text layer,
or the text's offset inside its cell in the PDF layout), codes a name by the catalog where it
lists one, and places the rest by their indentation. Constructed inputs only; the real
documents are in the family tests.
"""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal
from textwrap import dedent

import openpyxl
import pytest

from test_layout import Page, Ruled, lines_of, pdf
from test_read_office import _page_setup, _rule, needs_libreoffice
from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.model import RowKind
from yusuan.read import read_bytes, read_path, read_text
from yusuan.read.grid import cell_text
from yusuan.read.tokens import tokenize
from yusuan.structure import panel_groups, tree_groups

D = Decimal
W = "\u3000"  # a full-width space


def test_tokens_keep_the_full_width_spaces_that_indent_a_name():
    toks = tokenize(f"{W}{W}一般公共预算 5,753.07 {W}社会科学 28.00")
    assert [(t.text, t.indent) for t in toks] == [
        ("一般公共预算", 2),
        ("5,753.07", 0),
        ("社会科学", 1),
        ("28.00", 0),
    ]
    # full-width spaces alone between two cells separate them; they indent nothing
    assert [t.indent for t in tokenize(f"合计{W}12.00{W}行政运行{W}3.00")] == [0, 0, 0, 0]
    assert [t.indent for t in tokenize(f"一般公共预算{W}{W}12.00{W}{W}二、外交支出")] == [0, 0, 0]


def test_a_cell_keeps_its_indentation_and_a_figure_none():
    assert cell_text(f"{W}{W}行政 运行 ") == f"{W}{W}行政运行"
    assert cell_text(f"{W}1,234.50") == "1234.50"
    assert cell_text("  行政运行") == "行政运行"  # ASCII spaces are padding, not an indent


BASIC = f"""\
    表06
    2026年一般公共预算基本支出预算表
    单位：万元
    经济分类科目名称 合计 人员经费 日常公用支出
    合计 100.00 80.00 20.00
    工资福利支出 80.00 80.00 -
    {W}基本工资 50.00 50.00 -
    {W}津贴补贴 30.00 30.00 -
    商品和服务支出 20.00 - 20.00
    {W}办公费 20.00 - 20.00
"""


def test_economic_rows_by_name_take_the_catalogs_codes():
    doc = read_text(dedent(BASIC), "names.txt")
    basic = doc.table("gpb_basic")
    assert basic is not None
    assert [(r.code, r.name, r.indent) for r in basic.rows if r.kind is RowKind.CODE] == [
        ("301", "工资福利支出", 0),
        ("30101", "基本工资", 1),
        ("30102", "津贴补贴", 1),
        ("302", "商品和服务支出", 0),
        ("30201", "办公费", 1),
    ]
    assert not [d for d in doc.diagnostics if d.code == "parse.unread-line"]
    errors = [f for f in audit(doc, select=["table.column-sum"]).findings]
    assert errors == []


def test_a_class_that_does_not_add_up_over_its_named_items_is_found():
    doc = read_text(dedent(BASIC).replace("津贴补贴 30.00 30.00", "津贴补贴 31.00 31.00"), "x.txt")
    found = audit(doc, select=["table.column-sum"]).findings
    wrong = {(f.location.row, f.expected) for f in found if f.severity is not Severity.INFO}
    assert ("301 工资福利支出", D("81.00")) in wrong


FUNCTIONAL = f"""\
    表05
    2026年一般公共预算支出预算表
    单位：万元
    功能分类科目名称 合计 基本支出 人员经费 日常公用支出 项目支出
    合计 60.00 30.00 20.00 10.00 30.00
    科学技术支出 28.00 - - - 28.00
    {W}社会科学 28.00 - - - 28.00
    {W}{W}社会科学研究 28.00 - - - 28.00
    自然资源海洋气象等支出 32.00 30.00 20.00 10.00 2.00
    {W}测绘事务 32.00 30.00 20.00 10.00 2.00
    {W}{W}行政运行 30.00 30.00 20.00 10.00 -
    {W}{W}基础测绘与地理信息监管 2.00 - - - 2.00
"""


def test_functional_names_the_catalog_lacks_are_placed_by_their_indentation():
    doc = read_text(dedent(FUNCTIONAL), "names.txt")
    table = doc.table("gpb_expenditure")
    assert table is not None
    # every 类 is listed in the catalog; these 款 and 项 are not in its partial copy
    assert _functional_rows(doc) == EXPECTED
    groups = {table.rows[p].name: [table.rows[c].name for c in cs] for p, cs in _groups(table)}
    assert groups["测绘事务"] == ["行政运行", "基础测绘与地理信息监管"]
    assert groups["合计"] == ["科学技术支出", "自然资源海洋气象等支出"]
    assert audit(doc, select=["table.column-sum"]).findings == ()


def _groups(table):
    rows = list(table.rows)
    return tree_groups(rows, range(len(rows)))


SUMMARY = f"""\
    表01
    2026年部门收支预算总表
    单位：万元
    收入 支出
    项目 预算数 项目 预算数
    一、财政拨款 60.00 科学技术支出 28.00
    {W}{W}{W}{W}一般公共预算 60.00 {W}社会科学 28.00
    {W}{W}{W}{W}政府性基金预算 {W}{W}社会科学研究 28.00
    二、其他收入 自然资源海洋气象等支出 32.00
    {W}测绘事务 32.00
    {W}{W}行政运行 30.00
    {W}{W}基础测绘与地理信息监管 2.00
    本年收入合计 60.00 本年支出合计 60.00
    收入总计 60.00 支出总计 60.00
"""


def test_panel_rows_indented_under_a_row_are_its_parts_not_the_sides():
    doc = read_text(dedent(SUMMARY), "names.txt")
    summary = doc.table("summary")
    assert summary is not None
    rows = list(summary.rows)
    named = {r.name: k for k, r in enumerate(rows)}
    expense = [k for k, r in enumerate(rows) if r.side.name == "EXPENSE"]
    groups = dict(panel_groups(rows, expense))
    # 本年支出合计 adds the two classes, not their 款 and 项 as well
    total = groups[named["本年支出合计"]]
    assert [rows[k].name for k in total] == ["科学技术支出", "自然资源海洋气象等支出"]
    assert [rows[k].name for k in groups[named["测绘事务"]]] == [
        "行政运行",
        "基础测绘与地理信息监管",
    ]
    income = [k for k, r in enumerate(rows) if r.side.name == "INCOME"]
    assert [rows[k].name for k in dict(panel_groups(rows, income))[named["财政拨款"]]] == [
        "一般公共预算"
    ]
    assert audit(doc, select=["table.column-sum"]).findings == ()


def _indented_pdf(drawn_as: str) -> bytes:
    rows = [
        ["功能分类科目名称", "合计"],
        ["合计", "60.00"],
        ["科学技术支出", "28.00"],
        [f"{W}社会科学", "28.00"],
        [f"{W}{W}社会科学研究", "28.00"],
        ["自然资源海洋气象等支出", "32.00"],
    ]
    return pdf(Page((Ruled(rows, [160, 60], align="left", indent=drawn_as),)))


def test_a_name_set_further_right_in_its_cell_is_indented():
    # Excel's indent: no character is printed, the text starts one or two characters right
    lines = lines_of(_indented_pdf("offset"))
    assert lines == [
        "功能分类科目名称 合计",
        "合计 60.00",
        "科学技术支出 28.00",
        f"{W}社会科学 28.00",
        f"{W}{W}社会科学研究 28.00",
        "自然资源海洋气象等支出 32.00",
    ]


def test_full_width_spaces_printed_in_a_cell_are_its_indentation():
    assert lines_of(_indented_pdf("spaces")) == lines_of(_indented_pdf("offset"))


# -- a workbook whose names are indented by their cell format (Excel's 增加缩进) ---------------


def _indented_workbook() -> bytes:
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表05"
    for line in dedent(FUNCTIONAL).splitlines():
        cells = line.split(" ")
        name = cells[0]
        sheet.append([name.lstrip(W), *[_figure(c) for c in cells[1:]]])
        if name.startswith(W):
            steps = len(name) - len(name.lstrip(W))
            sheet.cell(sheet.max_row, 1).alignment = Alignment(horizontal="left", indent=steps)
    _rule(sheet, 4, 1, sheet.max_row, 6)
    _page_setup(sheet, [30, 12, 12, 12, 14, 12])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _figure(text: str) -> object:
    return Decimal(text) if text[:1].isdigit() else (None if text == "-" else text)


def _functional_rows(doc) -> list[tuple[str | None, str, int | None]]:
    table = doc.table("gpb_expenditure")
    assert table is not None
    return [(r.code, r.name, r.indent) for r in table.rows if r.kind is RowKind.CODE]


# the catalog codes the 类; the 款 and 项 it lacks only the indentation places
EXPECTED = [
    ("206", "科学技术支出", 0),
    (None, "社会科学", 1),
    (None, "社会科学研究", 2),
    ("220", "自然资源海洋气象等支出", 0),
    (None, "测绘事务", 1),
    (None, "行政运行", 2),
    (None, "基础测绘与地理信息监管", 2),
]


def test_an_xlsx_cells_indent_is_the_names_indentation():
    data = _indented_workbook()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A7"].value == "社会科学"  # no spaces in the text: the format indents it
    doc = read_bytes(data, "indented.xlsx")
    assert _functional_rows(doc) == EXPECTED
    assert audit(doc, select=["table.column-sum"]).findings == ()


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("target", ["xls", "pdf"])
def test_the_workbook_converted_by_libreoffice_keeps_its_indentation(tmp_path, target):
    source = tmp_path / "indented.xlsx"
    source.write_bytes(_indented_workbook())
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = read_path(tmp_path / "out" / f"indented.{target}")
    assert _functional_rows(doc) == EXPECTED


# -- projects in two levels: 一级项目 over 二级项目 -----------------------------------------


def _projects(*lines: str) -> list:
    from yusuan.read.rows import Context, Line, ProjectBuilder
    from yusuan.templates import template_sets

    jilin = next(t for t in template_sets() if t.name == "jilin")
    template = next(t for t in jilin.tables if t.key == "projects")
    builder = ProjectBuilder(template, Context(department="某某局"), len(template.columns))
    for no, text in enumerate(lines, 1):
        builder.feed(Line(no, text, tokenize(text)))
    rows = builder.finish()
    return [(r.joined_name(), r.owner, r.indent) for r in rows], rows


def test_a_project_without_a_unit_over_projects_that_add_up_to_it_is_their_first_level():
    # 长春 p14: 部门特定目标类项目 474.56 / 综合管理 474.56 / 2026信访专项经费 长春市信访局 30.00 …
    read, rows = _projects(
        "部门特定目标类项目 46.00 46.00",
        "综合管理 46.00 46.00",
        "信访专项经费 某某局 30.00 30.00",
        "驻京经费 某某局 16.00 16.00",
    )
    assert read[1:] == [
        ("综合管理", None, 0),
        ("信访专项经费", "某某局", 1),
        ("驻京经费", "某某局", 1),
    ]
    groups = {p: cs for p, cs in tree_groups(rows, range(len(rows)))}
    assert groups == {0: [1], 1: [2, 3]}  # the total counts 综合管理 once


def test_a_project_without_a_unit_that_does_not_add_up_stays_a_project():
    read, _ = _projects(
        "合计 76.00 76.00",
        "综合管理 30.00 30.00",
        "信访专项经费 某某局 30.00 30.00",
        "驻京经费 某某局 16.00 16.00",
    )
    assert [indent for _, _, indent in read] == [None, None, None, None]


def test_a_kuan_by_name_is_summed_over_the_units_that_each_print_its_class():
    from yusuan.audit.quantities import Quantities
    from yusuan.model import Cell, Disclosure, Meta, Row, Span, Table

    at = Span("t.txt", 1, 1)

    def coded(name: str, code: str | None, depth: int, value: str) -> Row:
        return Row(name, at, RowKind.CODE, code, cells=(Cell("合计", D(value)),), indent=depth)

    rows = (
        Row("合计", at, RowKind.TOTAL, cells=(Cell("合计", D("30.00")),)),
        Row("某局", at, RowKind.UNIT, cells=(Cell("合计", D("20.00")),)),
        coded("科学技术支出", "206", 0, "20.00"),
        coded("社会科学", None, 1, "20.00"),
        Row("某中心", at, RowKind.UNIT, cells=(Cell("合计", D("10.00")),)),
        coded("科学技术支出", "206", 0, "10.00"),
        coded("社会科学", None, 1, "10.00"),
    )
    table = Table("expenditure", "支出预算总表", at, ("合计",), rows)
    doc = Disclosure(Meta(path="t.txt"), tables=(table,))
    found = Quantities(doc).functional_item("206", ("社会科学", ""))
    assert found is not None and (found.value, found.terms) == (D("30.00"), 2)


def test_in_whole_yuan_a_first_level_project_adds_up_within_its_rounding():
    # each figure rounded to the 元: 30 + 17 against 46 is off by the two roundings, no more
    read, _ = _projects(
        "部门特定目标类项目 46 46",
        "综合管理 46 46",
        "信访专项经费 某某局 30 30",
        "驻京经费 某某局 17 17",
    )
    assert [indent for _, _, indent in read[1:]] == [0, 1, 1]


def test_a_page_that_starts_deep_in_a_table_keeps_the_depths_of_the_page_before():
    # page 1: 类 at 2 pt, 款 at 11, 项 at 20 (a 9 pt font); page 2 starts with 项 rows: alone,
    # its smallest margin (11) would pass for the flush one and every depth would be one short
    from yusuan.read.layout import _indents

    def margins(*blanks: float) -> dict[tuple[int, int], tuple[float, float, float]]:
        return {(row, 0): (blank, 100.0, 9.0) for row, blank in enumerate(blanks)}

    seen: dict[int, float] = {}
    first = _indents(margins(2.0, 11.0, 20.0), {0: 40.0}, seen)
    assert first == {(1, 0): 1, (2, 0): 2}
    second = _indents(margins(20.0, 20.0, 11.0), {0: 40.0}, seen)
    assert second == {(0, 0): 2, (1, 0): 2, (2, 0): 1}
    assert _indents(margins(20.0, 20.0, 11.0)) == {(0, 0): 1, (1, 0): 1}  # without memory
