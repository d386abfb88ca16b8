"""Fill a blank input workbook the way a user would in Excel (openpyxl writing cells), for the
workbook tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook import Workbook

from yusuan.compile.workbook_write import write_template


def blank(path: Path, year: int = 2026) -> Workbook:
    write_template(path, year)
    return openpyxl.load_workbook(path)


def set_form(wb: Workbook, sheet: str, values: dict[str, Any]) -> None:
    """Set the 内容 (column B) of each labelled row of a form sheet."""
    ws = wb[sheet]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    for label, value in values.items():
        ws.cell(row=rows[label], column=2).value = value


def put_rows(wb: Workbook, sheet: str, rows: list[list[Any]], first_column: int = 1) -> None:
    """Write `rows` from row 2 down, as typed (None leaves a cell blank)."""
    ws = wb[sheet]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=first_column):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def small_budget(wb: Workbook) -> None:
    """A two-unit department: basic lines of each kind, one project with two indicators,
    prior figures of each kind, a reason, 三公 counts and other matters."""
    set_form(
        wb,
        "部门信息",
        {
            "部门名称": "某区某局",
            "部门编码": "309",
            "金额单位": "万元",
            "模板": "shanghai-budget",
            "主要职能": "负责甲\n负责乙",
            "内设机构": "办公室、财务科",
        },
    )
    put_rows(wb, "部门信息", [["编制", 12, None], ["在编", 10, "办公室"]], first_column=4)
    put_rows(
        wb,
        "单位",
        [["309001", "某区某局本级", "行政单位"], ["309002", "某区某中心", "事业单位"]],
    )
    put_rows(
        wb,
        "预算明细",
        [
            [
                "309001",
                "2010301",
                "30101",
                "50101",
                "一般公共预算",
                "人员经费",
                None,
                None,
                None,
                120.5,
            ],
            [
                "309001",
                2010301,
                30201,
                None,
                "一般公共预算",
                "公用经费",
                None,
                "否",
                "是",
                "1,234.56",
            ],
            ["309002", "2010302", "30227", None, "事业收入", None, "P001", None, None, 0.1],
            [
                "309002",
                "2010302",
                "30227",
                None,
                "一般公共预算",
                "项目支出",
                "P001",
                "是",
                "否",
                88,
            ],
        ],
    )
    put_rows(
        wb,
        "项目",
        [
            [
                "P001",
                "信息化运维",
                "309002",
                "其他运转类",
                "系统运维",
                "2026年",
                "保障运行",
                "产出指标",
                "数量指标",
                "系统数",
                "3个",
                None,
            ],
            [None] * 7 + ["成本指标", "经济成本指标", "运维费", "≤30万元", 30],
        ],
    )
    put_rows(
        wb,
        "上年数",
        [
            ["总计", "支出总计", 140.1],
            ["功能分类", "2010301", 100],
            ["三公", "公务接待费", 2.5],
            ["机关运行经费", None, 20],
        ],
    )
    put_rows(wb, "说明", [["2010301", "人员增加"]])
    set_form(wb, "三公", {"国内公务接待批次": 3, "国内公务接待人次": 30})
    set_form(wb, "其他事项", {"政府采购服务": 12.3, "车辆（辆）": 2, "资产说明": "无"})
