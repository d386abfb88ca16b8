"""cross.total compares two figures at the precision each was printed to."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.audit.rules.cross import coarser_printed
from yusuan.model import Cell, Disclosure, Meta, MoneyUnit, Row, RowKind, Side, Span, Table

D = Decimal


def test_a_figure_shown_to_fewer_decimals_is_the_same_figure():
    # Excel's General format shows ten significant digits: 480,544,221.62 → 480544221.6
    assert coarser_printed(D("480544221.62"), D("480544221.6"))
    assert coarser_printed(D("475907032.4"), D("475907032.42"))


def test_a_real_difference_at_the_coarser_precision_stays_one():
    assert not coarser_printed(D("480544221.62"), D("480544221.7"))
    assert not coarser_printed(D("100.05"), D("100.05"))  # same precision: nothing to excuse
    # an integer says nothing about its precision (General shows 36 for 36.00)
    assert not coarser_printed(D("36.40"), D("36"))


def summary_and_income(income_total: str) -> Disclosure:
    span = Span(None, 1, 1)
    summary = Table(
        "summary",
        "收支总表",
        span,
        ("金额",),
        (
            Row(
                "收入总计",
                span,
                RowKind.TOTAL,
                side=Side.INCOME,
                cells=(Cell("金额", D("480544221.62")),),
            ),
            Row(
                "支出总计",
                span,
                RowKind.TOTAL,
                side=Side.EXPENSE,
                cells=(Cell("金额", D("480544221.62")),),
            ),
        ),
        template="prov12",
        unit=MoneyUnit.YUAN,
        sides=(Side.INCOME, Side.EXPENSE),
    )
    income = Table(
        "income",
        "收入总表",
        span,
        ("总计",),
        (Row("合计", span, RowKind.TOTAL, cells=(Cell("总计", D(income_total)),)),),
        template="prov12",
        unit=MoneyUnit.YUAN,
    )
    return Disclosure(meta=Meta(year=2022), tables=(summary, income))


def cross_errors(doc: Disclosure) -> list[str]:
    report = audit(doc, select=["cross.total"])
    return [f.message for f in report.findings if f.severity is Severity.ERROR]


def test_cross_total_takes_the_coarser_printed_precision():
    assert cross_errors(summary_and_income("480544221.6")) == []
    assert cross_errors(summary_and_income("480544231.6"))
