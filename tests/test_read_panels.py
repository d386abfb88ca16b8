"""收支总表 whose 支出 side is printed as several lists side by side, on constructed text.

Jiangsu's 收支预算总表 prints two 支出 lists (功能分类 | 支出用途) that each add up to one
当年支出小计 printed across both; Shaanxi's 部门综合预算收支总表 prints three (支出功能 | 部门经济 |
政府经济), each with its own 一、部门预算, 本年支出合计 and 支出总计. A template declares them as
`expense_segments`; each row says which list it was printed in (`Row.segment`, None for a row
printed across all of them) and each list is summed on its own.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.model import Cell, Row, RowKind, Side, Span
from yusuan.structure import panel_groups

D = Decimal


# -- the sums, on rows alone ---------------------------------------------------------------------


def test_panel_groups_sum_each_list_into_the_totals_printed_across_them():
    def label(name: str, segment: int | None, amount: str, number: str | None = None) -> Row:
        kind = RowKind.TOTAL if name.endswith(("小计", "合计")) else RowKind.LABEL
        cells = (Cell("金额", D(amount)),)
        span = Span(None, 1, 1)
        return Row(name, span, kind, side=Side.EXPENSE, cells=cells, number=number, segment=segment)

    rows = [
        label("一般公共服务支出", 0, "7", "一、"),
        label("基本支出", 1, "6", "一、"),
        label("教育支出", 0, "3", "二、"),
        label("项目支出", 1, "4", "二、"),
        label("当年支出小计", None, "10"),
        label("结转下年资金", None, "1"),
        label("支出合计", None, "11"),
    ]
    # 支出合计 over 当年支出小计 and 结转下年资金 comes from both lists' runs: once
    assert panel_groups(rows, range(len(rows))) == [(4, [0, 2]), (4, [1, 3]), (6, [5, 4])]
    # without segments, one list: the subtotal sums all four
    flat = [replace(r, segment=None) for r in rows]
    assert panel_groups(flat, range(len(flat))) == [(4, [0, 1, 2, 3]), (6, [5, 4])]
