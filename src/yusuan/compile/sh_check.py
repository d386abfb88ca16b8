"""What `check` asks of a budget compiled to Shanghai's own tables (`shanghai-budget`).

Shanghai's 9 tables print an economic 款 only for 一般公共预算 basic spending (its 基本支出
经济分类预算表) and the 三公 money: a line the template prints no economic code for may leave
it unstated ("" — the Shanghai workbook never states it for project, fund or non-fiscal
lines), and a project line needs no named project (项目支出 is a column there, not a list).
What the tables do need and the input lacks is refused with its place: an 一般公共预算 basic
line without its economic 款, a source of money the tables have no column for, money carried
over (a Shanghai budget has no 上年结转), a 决算.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.catalog.entries import Part
from yusuan.compile.budget import Budget, Line, Source
from yusuan.compile.lines import Classified
from yusuan.compile.load import Problem
from yusuan.compile.sh_derive import SOURCES, TEMPLATE, is_project
from yusuan.model import DocKind


def heading(b: Budget) -> list[Problem]:
    """The template's needs of the whole budget and of each line's source."""
    out = []
    if b.kind is not DocKind.BUDGET:
        out.append(Problem("template", f"{TEMPLATE} 是预算表样，决算应使用 national-final"))
    for i, line in enumerate(b.lines):
        where = line.where or f"lines[{i}]"
        if line.source not in SOURCES:
            out.append(
                Problem(f"{where}.source", f"上海部门预算表中没有“{line.source.value}”这一栏")
            )
        if line.carried_over:
            out.append(Problem(f"{where}.carried_over", "上海部门预算表没有上年结转结余"))
    return out


def unstated_economic(c: Classified, line: Line, where: str) -> list[Problem]:
    """A line whose economic 款 the input does not state: accepted unless the template prints
    it (一般公共预算 basic spending); its other fields are checked as any line's."""
    from yusuan.compile.check import _code

    out = []
    if line.source is Source.GENERAL and not is_project(line):
        out.append(
            Problem(
                f"{where}.economic",
                "一般公共预算基本支出须写明部门预算经济分类科目（一般公共预算基本支出"
                "部门预算经济分类预算表按它列示），输入未写明",
            )
        )
    out += _code(c, line.function, Part.FUNCTION, 7, f"{where}.function", "支出功能分类科目")
    if line.amount < 0:
        out.append(Problem(f"{where}.amount", f"金额 {line.amount} 为负数"))
    if line.amount != line.amount.quantize(Decimal("0.01")):
        out.append(Problem(f"{where}.amount", f"金额 {line.amount} 超过两位小数"))
    if line.unit not in c.units:
        out.append(Problem(f"{where}.unit", f"单位 {line.unit} 未在 units 中列出"))
    return out
