"""Named quantities of a disclosure (收入总计, 基本支出, 人员经费, 一般公共服务支出 …) and
where the tables state them. The narrative's claims are checked against these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import Disclosure, MoneyUnit, Row, RowKind, Side, Table
from yusuan.structure import leaves

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Quantity:
    key: str
    value: Decimal
    unit: MoneyUnit
    table: Table
    row: Row | None
    column: str
    terms: int = 1  # how many printed figures make it up (for the rounding tolerance)

    @property
    def where(self) -> str:
        label = self.row.label if self.row is not None else "合计"
        return " ".join(p for p in (self.table.id or self.table.title, label, self.column) if p)

    def in_unit(self, unit: MoneyUnit) -> Decimal:
        return self.value * self.unit.in_yuan / unit.in_yuan


# A side's grand total: its 总计 row (收入总计 / 支出总计 / 收支总计 / 总计), else the 合计 row that is
# no 本年 subtotal (Fujian and Jiangsu print 收入合计 / 支出合计, 上年结转 included, as the last line).
_GRAND = (re.compile(r"^(?:收入|支出|收支)?总计$"), re.compile(r"^(?:收入|支出|收支)?合计$"))


def grand_total(rows: Iterable[Row]) -> Row | None:
    """The grand total among the rows of one side of a 收支总表, whichever word it is printed
    with; None when the side prints neither."""
    rows = list(rows)
    for pattern in _GRAND:
        found = [r for r in rows if pattern.match(r.name)]
        if found:
            return found[-1]
    return None


# The row pattern of a recipe that means the side's grand total (see `grand_total`).
GRAND_TOTAL = "<grand total>"

# key → ways to read it, first that resolves wins: (table key, side, row name pattern, column).
# A row pattern of "" means the table's 合计 row (or its only row).
RECIPES: dict[str, tuple[tuple[str, Side, str, str], ...]] = {
    "收入总计": (
        ("summary", Side.INCOME, GRAND_TOTAL, "金额"),
        ("income", Side.NONE, "", "总计"),
    ),
    "支出总计": (
        ("summary", Side.EXPENSE, GRAND_TOTAL, "金额"),
        ("expenditure", Side.NONE, "", "合计"),
    ),
    "本年收入合计": (
        ("summary", Side.INCOME, r"^本年收入合计$|^收入合计$", "金额"),
        ("income", Side.NONE, "", "本年收入/合计"),
    ),
    "本年支出合计": (
        ("summary", Side.EXPENSE, r"^本年支出合计$|^支出合计$", "金额"),
        ("expenditure", Side.NONE, "", "合计"),
    ),
    "上年结转结余": (
        ("summary", Side.INCOME, r"^上年结转", "金额"),
        ("income", Side.NONE, "", "上年结转结余/合计"),
    ),
    "一般公共预算收入": (
        ("income", Side.NONE, "", "本年收入/一般公共预算/小计"),
        ("summary", Side.INCOME, r"^一般公共预算(拨款)?(收入)?$", "金额"),
    ),
    "政府性基金预算收入": (
        ("income", Side.NONE, "", "本年收入/政府性基金"),
        ("summary", Side.INCOME, r"^政府性基金", "金额"),
    ),
    "财政拨款收入": (("fiscal_summary", Side.INCOME, r"^收入(合计|总计)$", "金额"),),
    "财政拨款支出": (("fiscal_summary", Side.EXPENSE, r"^支出(合计|总计)$", "合计"),),
    "一般公共预算支出": (
        ("gpb_expenditure", Side.NONE, "", "合计"),
        ("fiscal_summary", Side.EXPENSE, r"^本年支出$", "一般公共预算/小计"),
    ),
    "基本支出": (("expenditure", Side.NONE, "", "基本支出/小计"),),
    "项目支出": (("expenditure", Side.NONE, "", "项目支出/小计"),),
    "一般公共预算基本支出": (
        ("gpb_basic", Side.NONE, "", "合计"),
        ("gpb_expenditure", Side.NONE, "", "基本支出/小计"),
    ),
    "一般公共预算项目支出": (("gpb_expenditure", Side.NONE, "", "项目支出/小计"),),
    "人员经费": (("gpb_basic", Side.NONE, "", "人员经费"),),
    "公用经费": (("gpb_basic", Side.NONE, "", "公用经费"),),
    "三公经费": (("sangong", Side.NONE, "", "“三公”经费合计"),),
    "因公出国（境）费": (("sangong", Side.NONE, "", "因公出国（境）费"),),
    "公务用车购置及运行费": (("sangong", Side.NONE, "", "公务用车购置及运行费/小计"),),
    "公务用车购置费": (("sangong", Side.NONE, "", "公务用车购置及运行费/公务用车购置费"),),
    "公务用车运行费": (("sangong", Side.NONE, "", "公务用车购置及运行费/公务用车运行费"),),
    "公务接待费": (("sangong", Side.NONE, "", "公务接待费"),),
    "政府性基金预算支出": (("gov_fund", Side.NONE, "", "合计"),),
    "机关运行经费": (
        ("operating_costs", Side.NONE, "", "合计"),
        ("sangong", Side.NONE, "", "机关运行经费预算数"),
        ("sangong", Side.NONE, "", "机关运行经费"),
    ),
}

# The quantities that are parts of another (for the base of a share stated without one).
PARENT = {
    "基本支出": "本年支出合计",
    "项目支出": "本年支出合计",
    "一般公共预算收入": "本年收入合计",
    "人员经费": "一般公共预算基本支出",
    "公用经费": "一般公共预算基本支出",
    "因公出国（境）费": "三公经费",
    "公务接待费": "三公经费",
    "公务用车购置及运行费": "三公经费",
}


def _total_row(table: Table, side: Side) -> Row | None:
    rows = [r for r in table.rows if r.side is side]
    total = next((r for r in rows if r.kind is RowKind.TOTAL), None)
    if total is None and len(rows) == 1:
        return rows[0]
    return total


class Quantities:
    """Lazy lookup of named quantities in one disclosure's tables."""

    def __init__(self, doc: Disclosure) -> None:
        self.doc = doc
        self._cache: dict[str, Quantity | None] = {}

    def get(self, key: str) -> Quantity | None:
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def _resolve(self, key: str) -> Quantity | None:
        if key.startswith("class:"):
            _, table_key, code = key.split(":")
            return self.functional_class(code, table_key)
        for table_key, side, pattern, column in RECIPES.get(key, ()):
            table = self.doc.table(table_key)
            if table is None or column not in table.columns:
                continue
            if pattern == GRAND_TOTAL:
                row = grand_total(table.rows_on(side))
            elif pattern:
                row = next(
                    (r for r in table.rows if r.side is side and re.search(pattern, r.name)), None
                )
            else:
                row = _total_row(table, side)
            if row is None:
                if table.is_empty:
                    return Quantity(key, ZERO, table.unit, table, None, column)
                continue
            return Quantity(key, row.value(column), table.unit, table, row, column)
        return None

    def functional_class(self, code: str, table_key: str = "expenditure") -> Quantity | None:
        """A 类 (3-digit code) summed from a functional table's leaf rows, or its 类 row."""
        table = self.doc.table(table_key)
        if table is None or "合计" not in table.columns:
            return None
        rows = [r for r in table.rows if r.kind is RowKind.CODE and r.code and r.code[:3] == code]
        if not rows:
            return Quantity(f"class:{table_key}:{code}", ZERO, table.unit, table, None, "合计", 0)
        # Several units each print their own 类 and 项 rows: the class is their sum.
        own = [r for r in rows if r.code == code and r.cells]
        if own:
            total = sum((r.value("合计") for r in own), ZERO)
            row = own[0] if len(own) == 1 else None
            return Quantity(
                f"class:{table_key}:{code}", total, table.unit, table, row, "合计", len(own)
            )
        parts = leaves(rows)
        total = sum((r.value("合计") for r in parts), ZERO)
        return Quantity(
            f"class:{table_key}:{code}", total, table.unit, table, None, "合计", len(parts)
        )

    def classes(self, table_key: str = "expenditure") -> Iterator[str]:
        table = self.doc.table(table_key)
        if table is None:
            return iter(())
        return iter(
            dict.fromkeys(r.code[:3] for r in table.rows if r.kind is RowKind.CODE and r.code)
        )
