"""The two-panel tables (收入 | 支出): 01 部门收支总体情况表 and 04 财政拨款收支总体情况表.

The 收入 panel lists the sources of money (this year's, then 上年结转结余), the 支出 panel the
functional 类 that have money, numbered by their code as the template numbers them (201 一、,
221 二十一、). Both panels add up to the same 总计 because both sum the same lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from yusuan.compile.budget import FISCAL_SOURCES, Line, Source
from yusuan.compile.lines import total
from yusuan.model import Cell, Row, RowKind, Side

if TYPE_CHECKING:
    from yusuan.compile.derive import Deriver

INCOME_LABELS = (
    ("二、", "政府性基金预算拨款收入", Source.GOV_FUND),
    ("三、", "国有资本经营预算拨款收入", Source.STATE_CAPITAL),
    ("四、", "财政专户管理资金收入", Source.SPECIAL_ACCOUNT),
    ("五、", "事业收入", Source.BUSINESS),
    ("六、", "事业单位经营收入", Source.OPERATING),
    ("七、", "上级补助收入", Source.SUPERIOR),
    ("八、", "附属单位上缴收入", Source.AFFILIATED),
    ("九、", "其他收入", Source.OTHER),
)
FISCAL_INCOME = (
    ("（一）", "一般公共预算拨款", Source.GENERAL),
    ("（二）", "政府性基金预算拨款", Source.GOV_FUND),
    ("（三）", "国有资本经营预算拨款", Source.STATE_CAPITAL),
)


def _label(
    side: Side, number: str, name: str, cells: tuple[Cell, ...], kind: RowKind = RowKind.LABEL
) -> Row:
    from yusuan.compile.derive import NOWHERE

    return Row(name=name, span=NOWHERE, kind=kind, side=side, cells=cells, number=number or None)


def _amount(lines: Iterable[Line]) -> tuple[Cell, ...]:
    return (Cell("金额", total(lines)),)


def class_rows(d: Deriver, lines: list[Line]) -> list[tuple[str, str, list[Line]]]:
    """(number, name, lines) of each functional 类 with money, by code."""
    from yusuan.compile.derive import chinese_number

    classes = sorted({line.function[:3] for line in lines})
    out = []
    for code in classes:
        number = chinese_number(int(code) - 200) if code.isdigit() and int(code) > 200 else ""
        mine = [line for line in lines if line.function[:3] == code]
        out.append((number, d.c.name(code) or code, mine))
    return out


def summary_panels(d: Deriver) -> list[Row]:
    lines = list(d.c.lines)
    this_year = [x for x in lines if not x.carried_over]
    carried = [x for x in lines if x.carried_over]
    general = [x for x in this_year if x.source is Source.GENERAL]
    income = [
        _label(Side.INCOME, "一、", "一般公共预算", _amount(general)),
        _label(Side.INCOME, "", "其中：财政拨款", _amount(x for x in general if x.fiscal)),
    ]
    income += [
        _label(Side.INCOME, number, name, _amount(x for x in this_year if x.source is source))
        for number, name, source in INCOME_LABELS
    ]
    expense = [
        _label(Side.EXPENSE, f"{number}、" if number else "", name, _amount(mine))
        for number, name, mine in class_rows(d, lines)
    ]
    closing = sum(d.b.closing_balance.values(), total(()))
    return [
        *income,
        *expense,
        _label(Side.INCOME, "", "本年收入合计", _amount(this_year), RowKind.TOTAL),
        _label(Side.EXPENSE, "", "本年支出合计", _amount(lines), RowKind.TOTAL),
        _label(Side.INCOME, "", "上年结转结余", _amount(carried)),
        _label(Side.EXPENSE, "", "年终结转结余", (Cell("金额", closing),)),
        _label(Side.INCOME, "", "收入总计", _amount(lines), RowKind.TOTAL),
        _label(
            Side.EXPENSE, "", "支出总计", (Cell("金额", total(lines) + closing),), RowKind.TOTAL
        ),
    ]


def _fiscal_cells(lines: Iterable[Line]) -> tuple[Cell, ...]:
    lines = list(lines)
    general = [x for x in lines if x.source is Source.GENERAL]
    return (
        Cell("合计", total(lines)),
        Cell("一般公共预算/小计", total(general)),
        Cell("一般公共预算/其中：财政拨款", total(x for x in general if x.fiscal)),
        Cell("政府性基金", total(x for x in lines if x.source is Source.GOV_FUND)),
        Cell("国有资本经营预算", total(x for x in lines if x.source is Source.STATE_CAPITAL)),
    )


def fiscal_panels(d: Deriver) -> list[Row]:
    lines = [x for x in d.c.lines if x.source in FISCAL_SOURCES]
    this_year = [x for x in lines if not x.carried_over]
    carried = [x for x in lines if x.carried_over]
    income = [_label(Side.INCOME, "一、", "本年收入", _amount(this_year))]
    for number, name, source in FISCAL_INCOME:
        mine = [x for x in this_year if x.source is source]
        income.append(_label(Side.INCOME, number, name, _amount(mine)))
        if source is Source.GENERAL:
            fiscal = (x for x in mine if x.fiscal)
            income.append(_label(Side.INCOME, "", "其中：财政拨款", _amount(fiscal)))
    income.append(_label(Side.INCOME, "二、", "上年结转", _amount(carried)))
    for number, name, source in FISCAL_INCOME:
        mine = [x for x in carried if x.source is source]
        income.append(_label(Side.INCOME, number, name, _amount(mine)))
    expense = [_label(Side.EXPENSE, "一、", "本年支出", _fiscal_cells(lines))]
    expense += [
        _label(Side.EXPENSE, f"（{number}）" if number else "", name, _fiscal_cells(mine))
        for number, name, mine in class_rows(d, lines)
    ]
    zero = tuple(Cell(c.column, total(())) for c in _fiscal_cells(()))
    expense.append(_label(Side.EXPENSE, "二、", "年终结转结余", zero))
    return [
        *income,
        *expense,
        _label(Side.INCOME, "", "收入合计", _amount(lines), RowKind.TOTAL),
        _label(Side.EXPENSE, "", "支出合计", _fiscal_cells(lines), RowKind.TOTAL),
    ]
