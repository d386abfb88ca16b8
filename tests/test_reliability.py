"""The reading is judged before the document: a table whose own identities fail in a pattern a
misreading explains gets one `parse.table-unreliable` warning, and the findings resting on it
are demoted to unverified `info`."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.finding import Confidence, Severity
from yusuan.model import Cell, Disclosure, Meta, Row, RowKind, Span, Table

D = Decimal
COLUMNS = ("合计", "人员经费", "公用经费")


def row(name: str, code: str | None, **amounts: str) -> Row:
    cells = tuple(Cell(c, D(v)) for c, v in amounts.items())
    kind = RowKind.TOTAL if code is None else RowKind.CODE
    return Row(name, Span(None, 1, 1), kind, code=code, cells=cells)


def basic(*rows: Row) -> Disclosure:
    table = Table("gpb_basic", "基本支出表", Span(None, 1, 1), COLUMNS, rows, template="prov12")
    return Disclosure(meta=Meta(year=2024), tables=(table,))


def findings(doc: Disclosure, rule: str):
    return [f for f in audit(doc).findings if f.rule == rule]


def test_most_rows_failing_one_sum_make_the_table_unreliable():
    doc = basic(
        row("合计", None, 合计="300", 人员经费="100", 公用经费="0"),
        row("工资福利支出", "301", 合计="200", 人员经费="100"),
        row("基本工资", "30101", 合计="200", 人员经费="70"),
        row("商品和服务支出", "302", 合计="100", 公用经费="100"),
    )
    (warning,) = findings(doc, "parse.table-unreliable")
    assert warning.severity is Severity.WARNING
    assert "基本支出表" in warning.message and "合计 = 人员经费 + 公用经费" in warning.message
    assert ("表内恒等式成立", "1/4") in warning.evidence
    sums = findings(doc, "table.row-sum")
    assert len(sums) == 3
    for f in sums:
        assert f.severity is Severity.INFO and f.confidence is Confidence.LOW
        assert "未经核实" in f.message


def test_parts_empty_in_every_row_make_the_table_unreliable():
    doc = basic(
        row("合计", None, 合计="300"),
        row("工资福利支出", "301", 合计="300"),
        row("基本工资", "30101", 合计="0.00"),
        row("津贴补贴", "30102", 合计="0.00"),
        row("奖金", "30103", 合计="0.00"),
    )
    (warning,) = findings(doc, "parse.table-unreliable")
    assert "每一行都为空" in warning.message
    assert all(f.severity is Severity.INFO for f in findings(doc, "table.row-sum"))


def test_one_wrong_row_is_the_documents_error():
    doc = basic(
        row("合计", None, 合计="300", 人员经费="200", 公用经费="100"),
        row("工资福利支出", "301", 合计="210", 人员经费="200"),
        row("基本工资", "30101", 合计="200", 人员经费="200"),
        row("商品和服务支出", "302", 合计="100", 公用经费="100"),
    )
    assert findings(doc, "parse.table-unreliable") == []
    (error,) = findings(doc, "table.row-sum")
    assert error.severity is Severity.ERROR and error.confidence is Confidence.HIGH


# -- a family that fits poorly -----------------------------------------------------------------


def test_figures_compared_by_an_assumed_column_order_are_warnings_under_a_poor_fit():
    from yusuan.model import Diagnostic, Level

    wrong_row = basic(
        row("合计", None, 合计="300", 人员经费="200", 公用经费="100"),
        row("工资福利支出", "301", 合计="210", 人员经费="200"),
        row("商品和服务支出", "302", 合计="100", 公用经费="100"),
    )
    fit = Diagnostic("parse.family", "不够吻合", None, None, Level.WARNING)
    poor = Disclosure(meta=wrong_row.meta, tables=wrong_row.tables, diagnostics=(fit,))
    (finding,) = findings(poor, "table.row-sum")
    assert finding.severity is Severity.WARNING and finding.confidence is Confidence.LOW
    assert "假定" in finding.message
    (finding,) = findings(wrong_row, "table.row-sum")
    assert finding.severity is Severity.ERROR


def test_a_finding_on_table_10_does_not_rest_on_table_1():
    from yusuan.audit.finding import Location
    from yusuan.audit.reliability import _rests_on

    def on(table: str, message: str):
        from yusuan.audit.finding import Finding

        return Finding(
            "table.column-sum", Severity.ERROR, message, Location(table=table), D(1), D(2)
        )

    assert _rests_on(on("表1", "表1“合计”的“金额”填列 1"), ["表1"])
    assert not _rests_on(on("表10", "表10“合计”的“合计”填列 1"), ["表1"])
    assert _rests_on(on("表4", "收入总计不一致：表4 为 1，表1“合计” 为 2"), ["表1"])
