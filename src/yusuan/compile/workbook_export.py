"""A Budget written into the input workbook: the template of its year filled with its units,
lines, projects and other matters, so that `read_workbook` gives the same Budget back.

What it is for: a budget loaded from YAML/JSON or exported from a budget system handed to the
finance staff as the workbook they know, to review and correct in Excel; and the round-trip
test that the workbook form loses nothing of the model.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.compile import workbook_layout as lay
from yusuan.compile.budget import Budget, Line, Project
from yusuan.compile.workbook_write import build_template


def budget_workbook(budget: Budget) -> Workbook:
    """The input workbook stating `budget`, every field of it (save it with
    `deterministic_bytes`)."""
    wb = build_template(budget.year, budget.kind)
    _form(
        wb[lay.DEPARTMENT],
        {
            "部门名称": budget.department,
            "部门编码": budget.code,
            "金额单位": budget.unit.value,
            "模板": budget.template,
            "主要职能": "\n".join(budget.profile.duties),
            "内设机构": "\n".join(budget.profile.internal_units),
            "机构设置": "\n".join(budget.profile.structure),
        },
    )
    staff = [[s.label, s.count, s.scope] for s in budget.profile.staff]
    _rows(wb[lay.DEPARTMENT], staff, lay.STAFF_FIRST_COLUMN)
    _rows(wb[lay.UNITS], [[u.code, u.name, u.kind] for u in budget.units])
    _rows(wb[lay.LINES], [_line(line) for line in budget.lines])
    _rows(wb[lay.PROJECTS], [row for p in budget.projects for row in _project(p)])
    prior = budget.prior
    _rows(
        wb[lay.PRIOR],
        [["总计", k, v] for k, v in prior.totals.items()]
        + [["功能分类", k, v] for k, v in prior.functions.items()]
        + [["三公", k, v] for k, v in prior.sangong.items()]
        + ([["机关运行经费", None, prior.operating]] if prior.operating is not None else []),
    )
    _rows(wb[lay.REASONS], [[r.of, r.text] for r in budget.reasons])
    counts = budget.sangong
    _form(
        wb[lay.SANGONG],
        {
            "因公出国（境）团组数": counts.trips,
            "因公出国（境）人次": counts.travellers,
            "公务用车购置数（辆）": counts.vehicles_bought,
            "公务用车保有量（辆）": counts.vehicles_held,
            "国内公务接待批次": counts.receptions,
            "国内公务接待人次": counts.guests,
        },
    )
    _form(
        wb[lay.OTHER],
        {
            "机关运行经费": budget.operating,
            "政府采购货物": budget.procurement.goods,
            "政府采购工程": budget.procurement.works,
            "政府采购服务": budget.procurement.services,
            "面向中小企业预留": budget.procurement.sme_reserved,
            "车辆（辆）": budget.assets.vehicles,
            "单价100万元以上专用设备（台、套）": budget.assets.equipment_over_million,
            "房屋面积（平方米）": budget.assets.buildings_m2,
            "资产说明": budget.assets.note,
        },
    )
    finals = [[f.function, f.initial, f.adjusted, f.reason] for f in budget.final_items]
    _rows(wb[lay.FINAL], finals)
    closing = [[source.value, amount] for source, amount in budget.closing_balance.items()]
    _rows(wb[lay.FINAL], closing, lay.CLOSING_FIRST_COLUMN)
    codes = sorted(budget.names.keys() | budget.uses.keys())
    subjects = [[c, budget.names.get(c), budget.uses.get(c)] for c in codes]
    _rows(wb[lay.SUBJECTS], subjects)
    sangong_budget = [[item, amount] for item, amount in budget.sangong_budget.items()]
    _rows(wb[lay.FINAL], sangong_budget, lay.SANGONG_BUDGET_FIRST_COLUMN)
    balances = [[b.function, b.source.value, b.opening, b.closing] for b in budget.balances]
    _rows(wb[lay.BALANCES], balances)
    income = [[source.value, amount] for source, amount in budget.income.items()]
    _rows(wb[lay.BALANCES], income, lay.INCOME_FIRST_COLUMN)
    return wb


def _line(line: Line) -> list[Any]:
    return [
        line.unit,
        line.function,
        line.economic,
        line.gov_economic,
        line.source.value,
        None if line.use is None else line.use.value,
        line.project,
        lay.YES if line.carried_over else lay.NO,
        lay.YES if line.fiscal else lay.NO,
        line.amount,
    ]


def _project(project: Project) -> list[list[Any]]:
    """The project's row (with its first indicator) and one continuation row per further
    indicator, its project columns blank."""
    own = [
        project.code,
        project.name,
        project.unit,
        project.type.value,
        project.purpose,
        project.period,
        project.goal,
    ]
    indicators = [[i.level1, i.level2, i.name, i.value, i.amount] for i in project.indicators]
    if not indicators:
        return [own]
    blank = [None] * len(own)
    return [own + indicators[0]] + [blank + rest for rest in indicators[1:]]


def _form(ws: Worksheet, values: dict[str, Any]) -> None:
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    for label, value in values.items():
        if value is not None and value != "":
            ws.cell(row=rows[label], column=2).value = _cell(value)


def _rows(ws: Worksheet, rows: list[list[Any]], first_column: int = 1) -> None:
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=first_column):
            if value is not None and value != "":
                ws.cell(row=r, column=c).value = _cell(value)


def _cell(value: Any) -> Any:
    # an amount is written as the number it is (Excel keeps 15 significant digits, far more
    # than any budget's cents); codes and text stay strings
    return float(value) if isinstance(value, Decimal) else value
