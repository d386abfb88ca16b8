"""Performance targets (绩效目标) against the money of their project."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.compare import fmt, to_unit
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.model import MoneyUnit, RowKind

_MONEY = re.compile(
    r"([≥≤><＞＜=＝]|不低于|不高于|不超过|不少于|达到)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"
)
AMOUNT_COLUMNS = ("资金总额", "合计", "项目金额")


def _indicator(line: str, start: int, end: int) -> str:
    """The indicator cell holding a value, with the name cell before it (`出差金额 ≥72万元`)."""
    cells = line.split()
    at = 0
    for i, cell in enumerate(cells):
        at = line.index(cell, at)
        if at <= start < at + len(cell) or (at >= start and at < end):
            name = cells[i - 1] if i and not re.search(r"\d", cells[i - 1]) else ""
            return f"{name} {cell}".strip()
        at += len(cell)
    return line[start:end]


@rule("perf.indicator-exceeds-amount", Severity.ERROR)
def indicator_exceeds_amount(ctx: Context) -> Iterator[Check]:
    """A project's performance indicator cannot state more money than the project has.

    Money values in the indicators of the 项目绩效目标表 (≥72万元, 不超过115万元 …) are
    held against the project's 资金总额.
    """
    table = ctx.doc.table("performance_projects")
    if table is None:
        yield ctx.skip("no 项目绩效目标表")
        return
    column = next((c for c in AMOUNT_COLUMNS if c in table.columns), None)
    if column is None:
        yield ctx.skip("the 项目绩效目标表 has no amount column")
        return
    for row in table.rows:
        if row.kind is not RowKind.PROJECT or not row.text:
            continue
        amount = row.value(column)
        for line in row.text:
            for match in _MONEY.finditer(line):
                value = Decimal(match.group(2).replace(",", ""))
                unit = MoneyUnit.YUAN if match.group(3) == "元" else MoneyUnit.WAN
                value_in_table = to_unit(value, unit, table.unit)
                if value_in_table <= amount + Decimal("0.005"):
                    yield ctx.ok()
                    continue
                indicator = _indicator(line, match.start(), match.end())
                yield ctx.fail(
                    f"项目“{row.name}”的绩效指标“{indicator}”为 {fmt(value)} {match.group(3)}，"
                    f"超过该项目资金 {fmt(amount)} {table.unit.value}。",
                    ctx.at_table(table, row, column),
                    stated=value_in_table,
                    expected=amount,
                    evidence=[(f"{row.name} {column}", amount)],
                    confidence=Confidence.MEDIUM,
                )
