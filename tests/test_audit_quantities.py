"""Quantities the audit reads off the tables — a side's grand total — and the rules that use
them, on small disclosures built here from the model."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.quantities import grand_total
from yusuan.model import (
    Cell,
    Disclosure,
    Meta,
    Row,
    RowKind,
    Section,
    Side,
    Span,
    Table,
)

D = Decimal
AT = Span("t.txt", 1, 1)
CODE, TOTAL, LABEL = RowKind.CODE, RowKind.TOTAL, RowKind.LABEL


def r(name: str, *amounts: str, kind: RowKind = CODE, code: str | None = None, side=Side.NONE):
    columns = ("合计", "金额") if side is Side.NONE else ("金额",)
    cells = tuple(Cell(c, D(a)) for c, a in zip(columns, amounts, strict=False))
    return Row(name, AT, kind, code, side, cells)


def expenditure(*rows: Row) -> Table:
    return Table("expenditure", "支出预算总表", AT, ("合计",), rows, id="预算03表")


def doc(*tables: Table, narrative: str = "") -> Disclosure:
    sections = (Section("第三部分", "一", "支出预算情况说明", narrative, AT),) if narrative else ()
    return Disclosure(Meta(path="t.txt", year=2023), sections=sections, tables=tables)


# -- grand totals --------------------------------------------------------------------------------


def income(*names: str) -> list[Row]:
    return [r(n, "1.00", kind=TOTAL, side=Side.INCOME) for n in names]


def test_the_grand_total_of_a_side_whichever_word_it_is_printed_with():
    pick = grand_total(income("本年收入合计", "收入总计"))
    assert pick is not None and pick.name == "收入总计"
    pick = grand_total(income("本年收入合计", "收入合计"))  # Fujian, Jiangsu
    assert pick is not None and pick.name == "收入合计"
    pick = grand_total(income("合计"))
    assert pick is not None and pick.name == "合计"
    pick = grand_total(income("本年收入合计", "总计"))
    assert pick is not None and pick.name == "总计"
    assert grand_total(income("本年收入合计")) is None  # a subtotal is no grand total


def summary(income_total: str, expense_total: str) -> Table:
    rows = (
        r("一般公共预算拨款收入", "90.00", kind=LABEL, side=Side.INCOME),
        r("上年结转结余", "10.00", kind=LABEL, side=Side.INCOME),
        r("本年收入合计", "90.00", kind=TOTAL, side=Side.INCOME),
        r("收入合计", income_total, kind=TOTAL, side=Side.INCOME),
        r("卫生健康支出", "100.00", kind=LABEL, side=Side.EXPENSE),
        r("本年支出合计", "100.00", kind=TOTAL, side=Side.EXPENSE),
        r("支出合计", expense_total, kind=TOTAL, side=Side.EXPENSE),
    )
    return Table("summary", "收支预算总表", AT, ("金额",), rows, sides=(Side.INCOME, Side.EXPENSE))


def test_grand_totals_printed_as_heji_are_compared():
    clean = audit(doc(summary("100.00", "100.00")), select=["cross.total"])
    assert not any("收入总计与支出总计" in reason for reason, _ in clean.skipped_reasons)
    assert clean.findings == ()
    wrong = audit(doc(summary("100.00", "101.00")), select=["cross.total"])
    assert [(f.stated, f.expected, f.location.row) for f in wrong.findings] == [
        (D("100.00"), D("101.00"), "收入合计")
    ]
    assert wrong.findings[0].message.startswith("收入总计与支出总计不一致")
