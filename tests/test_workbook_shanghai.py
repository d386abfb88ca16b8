"""Shanghai's own 2026 部门/单位预算 workbook, filled in, read into a Budget as it stands: the
lines cross its tables so that every figure of the workbook derives back from them."""

from __future__ import annotations

import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.compile.budget import Line, Source, Use
from yusuan.compile.shanghai import north_west, read_shanghai
from yusuan.compile.workbook import WorkbookError
from yusuan.model import MoneyUnit

from conftest import FIXTURES

TEMPLATES = FIXTURES / "templates"
FUNCTION_TABLES = (
    "收入总表",
    "支出总表",
    "一般公共预算拨款表",
    "政府性基金拨款表",
    "国有资本经营预算拨款表 ",  # the template's sheet name ends in a space
)


def clear_body(ws, first: int = 9) -> None:
    """Empty the template's sample rows (its 205 教育支出 … examples) down to the 合计 row."""
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row):
        if any(str(c.value).strip() == "合计" for c in row if c.value is not None):
            return
        for cell in row:
            if type(cell).__name__ != "MergedCell":
                cell.value = None


def put(ws, first: int, rows: list[list[Any]]) -> None:
    for r, values in enumerate(rows, start=first):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def fill(kind: str, tmp_path: Path, income_fiscal_2010301: int = 900000) -> Path:
    """A copy of the blank template with a small budget: two 项 of 201 and one of 208, a
    non-fiscal basic amount, 三公 beyond what the basic table shows."""
    path = tmp_path / f"{kind}.xlsx"
    shutil.copyfile(TEMPLATES / f"sh-putuo-2026-{kind}-budget-template.xlsx", path)
    path.chmod(0o644)
    wb = openpyxl.load_workbook(path)
    p = "部门" if kind == "dept" else "单位"
    wb["封面"]["A9"] = f"{'预算主管部门' if kind == 'dept' else '预算单位'}：上海市普陀区示例局"
    duties = wb["部门主要职能" if kind == "dept" else "单位职能"]
    duties["A1"] = "上海市普陀区示例局主要职能"
    duties["A3"] = "    主要职能包括：\n    1. 负责甲。\n    2. 负责乙。\n"
    for name in FUNCTION_TABLES:
        clear_body(wb[p + name])
    put(
        wb[p + "收入总表"],
        9,
        [
            [201, None, None, "一般公共服务支出", 1600000, 1500000, 100000],
            [201, "03", None, "政府办公厅（室）及相关机构事务", 1600000, 1500000, 100000],
            [
                201,
                "03",
                "01",
                "行政运行",
                income_fiscal_2010301 + 100000,
                income_fiscal_2010301,
                100000,
            ],
            [201, "03", "02", "一般行政管理事务", 500000, 500000],
            ["2080501", None, None, "行政单位离退休", 200000, 200000],  # whole code in 类
        ],
    )
    put(
        wb[p + "支出总表"],
        9,
        [
            [201, "03", "01", "行政运行", 1000000, 1000000],
            [201, "03", "02", "一般行政管理事务", 500000, None, 500000],
            [208, "05", "01", "行政单位离退休", 200000, 200000],
        ],
    )
    put(
        wb[p + "一般公共预算拨款表"],
        9,
        [
            [201, "03", "01", "行政运行", 900000, 900000],
            [201, "03", "02", "一般行政管理事务", 500000, None, 500000],
            [208, "05", "01", "行政单位离退休", 200000, 200000],
        ],
    )
    economic = wb[p + "一般公共预算拨款基本支出明细表"]
    clear_body(economic)
    put(
        economic,
        9,
        [
            [301, None, "工资福利支出", 600000, 600000],
            [301, "01", "基本工资", 600000, 600000],
            [302, "01", "办公费", 250000, None, 250000],
            [302, "17", "公务接待费", 50000, None, 50000],
            [303, "02", "退休费", 200000, 200000],
        ],
    )
    # 万元: 公务接待费 8 (5 of it basic), 公务用车运行费 2; 机关运行经费 30
    put(wb[p + "“三公”经费和机关运行费预算表"], 7, [[10, 0, 8, 2, 0, 2, 30]])
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["dept", "unit"])
def test_a_filled_shanghai_workbook_reads_into_lines_that_derive_its_tables(
    kind: str, tmp_path: Path
):
    budget = read_shanghai(fill(kind, tmp_path), code="309")
    p = "部门" if kind == "dept" else "单位"
    u = "309"
    general = f"{p}一般公共预算拨款表"
    assert (budget.department, budget.year, budget.unit) == (
        "上海市普陀区示例局",
        2026,
        MoneyUnit.YUAN,
    )
    assert budget.template == "shanghai-budget" and budget.operating == Decimal(300000)
    assert budget.profile.duties == ("1. 负责甲。", "2. 负责乙。")
    assert budget.lines == (
        Line(
            u,
            "2010301",
            "30101",
            Source.GENERAL,
            Decimal(600000),
            use=Use.PERSONNEL,
            where=f"{general}!9",
        ),
        Line(
            u,
            "2010301",
            "30201",
            Source.GENERAL,
            Decimal(250000),
            use=Use.PUBLIC,
            where=f"{general}!9",
        ),
        Line(
            u,
            "2010301",
            "30217",
            Source.GENERAL,
            Decimal(50000),
            use=Use.PUBLIC,
            where=f"{general}!9",
        ),
        Line(
            u,
            "2080501",
            "30302",
            Source.GENERAL,
            Decimal(200000),
            use=Use.PERSONNEL,
            where=f"{general}!11",
        ),
        Line(u, "2010301", "", Source.BUSINESS, Decimal(100000), where=f"{p}支出总表!9"),
        Line(
            u,
            "2010302",
            "30217",
            Source.GENERAL,
            Decimal(30000),
            use=Use.PROJECT,
            where=f"{general}!10",
        ),
        Line(
            u,
            "2010302",
            "30231",
            Source.GENERAL,
            Decimal(20000),
            use=Use.PROJECT,
            where=f"{general}!10",
        ),
        Line(
            u,
            "2010302",
            "",
            Source.GENERAL,
            Decimal(450000),
            use=Use.PROJECT,
            where=f"{general}!10",
        ),
    )
    # the lines give back the workbook's figures: the 一般公共预算拨款表 (基本/项目 by 项), the
    # basic table (人员/公用 by 款) and the non-fiscal part of the 收入总表
    general_by = defaultdict(Decimal)
    economic_by = defaultdict(Decimal)
    for line in budget.lines:
        if line.source is Source.GENERAL:
            general_by[line.function, line.use is Use.PROJECT] += line.amount
            if line.use is not Use.PROJECT:
                economic_by[line.economic, line.use] += line.amount
    assert general_by == {
        ("2010301", False): 900000,
        ("2080501", False): 200000,
        ("2010302", True): 500000,
    }
    assert economic_by == {
        ("30101", Use.PERSONNEL): 600000,
        ("30201", Use.PUBLIC): 250000,
        ("30217", Use.PUBLIC): 50000,
        ("30302", Use.PERSONNEL): 200000,
    }
    assert [(ln.function, ln.amount) for ln in budget.lines if ln.source is Source.BUSINESS] == [
        ("2010301", 100000)
    ]
    by_function: dict[str, Decimal] = defaultdict(Decimal)
    for line in budget.lines:
        by_function[line.function] += line.amount
    assert by_function == {"2010301": 1000000, "2010302": 500000, "2080501": 200000}
    sangong = {
        code: sum(ln.amount for ln in budget.lines if ln.economic == code)
        for code in ("30217", "30231")
    }
    assert sangong == {"30217": Decimal(80000), "30231": Decimal(20000)}


def test_tables_that_disagree_are_reported_with_their_cell(tmp_path: Path):
    path = fill("dept", tmp_path, income_fiscal_2010301=800000)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == (
        "部门收入总表!F11：财政拨款收入800000与三张拨款表之和900000不符",
    )


def test_a_renamed_table_sheet_is_a_problem(tmp_path: Path):
    path = fill("unit", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["单位支出总表"].title = "支出表"
    wb.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == ("单位支出总表：缺少工作表（工作表名称不可修改）",)


def test_the_blank_template_is_refused(tmp_path: Path):
    path = tmp_path / "blank.xlsx"
    shutil.copyfile(TEMPLATES / "sh-putuo-2026-dept-budget-template.xlsx", path)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == ("部门收入总表!A4：未填编制部门名称",)
    wb = openpyxl.load_workbook(path)
    wb["封面"]["A9"] = "预算主管部门：上海市普陀区示例局"
    wb.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == ("部门支出总表：没有任何金额（示例行不算）",)


def test_read_workbook_recognises_a_shanghai_workbook(tmp_path: Path):
    from yusuan.compile.workbook import read_workbook

    budget = read_workbook(fill("dept", tmp_path))
    assert budget.template == "shanghai-budget" and len(budget.lines) == 8


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
    st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
)
def test_the_north_west_split_has_the_given_margins(rows: list[int], columns: list[int]):
    # make the two sets of totals add up to the same sum, in cents
    gap = sum(rows) - sum(columns)
    columns = [*columns[:-1], columns[-1] + gap] if gap >= 0 else columns
    rows = [*rows[:-1], rows[-1] - gap] if gap < 0 else rows
    row_totals = [(i, Decimal(a) / 100) for i, a in enumerate(rows)]
    column_totals = [(j, Decimal(a) / 100) for j, a in enumerate(columns)]
    cells = north_west(row_totals, column_totals)
    assert all(amount > 0 for _, _, amount in cells)
    assert len(cells) <= len(rows) + len(columns) - 1
    for i, total in row_totals:
        assert sum((a for r, _, a in cells if r == i), Decimal(0)) == total
    for j, total in column_totals:
        assert sum((a for _, c, a in cells if c == j), Decimal(0)) == total


def test_a_function_missing_from_the_spending_table_and_a_short_sangong_are_problems(
    tmp_path: Path,
):
    path = fill("dept", tmp_path)
    wb = openpyxl.load_workbook(path)
    put(wb["部门一般公共预算拨款表"], 12, [[212, "01", "01", "行政运行", 10, 10]])
    wb["部门“三公”经费和机关运行费预算表"]["C7"] = 4  # 万元, below the basic table's 5
    wb["部门“三公”经费和机关运行费预算表"]["A7"] = 6
    wb.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == (
        "部门一般公共预算拨款表!12：科目2120101不在部门支出总表中",
        "部门“三公”经费和机关运行费预算表!C7：公务接待费小于基本支出经济分类表中的30217（50000元）",
    )


def test_a_total_that_is_not_the_sum_of_its_columns_is_a_problem(tmp_path: Path):
    path = fill("dept", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["部门支出总表"]["E10"] = 500001  # 2010302: 合计 beside 项目支出 500000
    wb["部门“三公”经费和机关运行费预算表"]["A7"] = 11  # 三公 合计 beside 0 + 8 + 2
    wb.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_shanghai(path)
    assert caught.value.problems == (
        "部门支出总表!E10：合计500001不等于基本支出、项目支出之和500000",
        "部门“三公”经费和机关运行费预算表!A7：合计11不等于因公出国(境)费、公务接待费、小计之和10",
    )
