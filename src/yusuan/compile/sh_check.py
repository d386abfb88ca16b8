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
from yusuan.model import DocKind, MoneyUnit


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
    return out + _in_wan(b)


def _in_wan(b: Budget) -> list[Problem]:
    """The 三公 table prints 万元 with two places: each of its figures must be a whole number
    of 百元 in the lines' unit, or it could only be printed rounded (and would not add up)."""
    from yusuan.compile.lines import SANGONG_CODES, Classified

    scale = b.unit.in_yuan / MoneyUnit.WAN.in_yuan
    if scale == 1:
        return []
    out = []
    for column, code in SANGONG_CODES.items():
        mine = [
            (i, x)
            for i, x in enumerate(b.lines)
            if x.source is Source.GENERAL and x.economic == code
        ]
        amount = sum((x.amount for _, x in mine), Decimal(0)) * scale
        if amount != amount.quantize(Decimal("0.01")):
            where = mine[0][1].where or f"lines[{mine[0][0]}]"
            out.append(
                Problem(
                    f"{where}.amount",
                    f"“三公”经费表以万元列示到两位小数，{column.split('/')[-1]}（{code}）合计"
                    f"{amount}万元除不尽",
                )
            )
    if b.lines:
        operating = Classified(b).operating * scale
        if operating != operating.quantize(Decimal("0.01")):
            out.append(
                Problem(
                    "operating",
                    f"机关运行经费{operating}万元除不尽到两位小数，请写明 operating（机关运行经费）",
                )
            )
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
