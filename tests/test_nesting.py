"""Which rows a total adds up, when the printed layout alone would nest them wrongly.

Each cause the judged corpus showed gets a small table built row by row: a code printed again is
a sibling, a summary row is no part of a total that already includes its parts, and the figures
decide between two nestings when one adds up and the other does not. A real error must still be
found under each of them.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.model import Cell, Disclosure, Meta, Row, RowKind, Side, Span, Table
from yusuan.structure import panel_groups, tree_groups

D = Decimal


def row(
    name: str,
    amounts: dict[str, str],
    kind: RowKind = RowKind.CODE,
    code: str | None = None,
    *,
    side: Side = Side.NONE,
    number: str | None = None,
    indent: int | None = None,
    gov_code: str | None = None,
) -> Row:
    cells = tuple(Cell(c, D(v)) for c, v in amounts.items())
    return Row(
        name,
        Span(None, 1, 1),
        kind,
        code=code,
        side=side,
        cells=cells,
        number=number,
        indent=indent,
        gov_code=gov_code,
    )


def table_of(key: str, template: str, columns: tuple[str, ...], rows: list[Row], **kw) -> Table:
    return Table(key, "某表", Span(None, 1, 1), columns, tuple(rows), template=template, **kw)


def column_errors(table: Table) -> list[tuple[str | None, str | None, Decimal | None]]:
    doc = Disclosure(meta=Meta(year=2024), tables=(table,))
    report = audit(doc, select=["table.column-sum"])
    return [
        (f.location.row, f.location.column, f.stated)
        for f in report.findings
        if f.severity is Severity.ERROR
    ]


# -- a code printed again is a sibling ---------------------------------------------------------

BASIC = ("合计", "人员经费", "公用经费")


def by_government_code(office: str = "500") -> list[Row]:
    """A 基本支出 table printed one row per government economic code: 30201 twice."""

    def money(v: str) -> dict[str, str]:
        return {"合计": v, "公用经费": v}

    return [
        row("合计", money("1000"), RowKind.TOTAL),
        row("商品和服务支出", money("1000"), code="302"),
        row("办公费", money(office), code="30201", gov_code="50201"),
        row("办公费", money("100"), code="30201", gov_code="50502"),
        row("印刷费", money("400"), code="30202", gov_code="50201"),
    ]


def test_a_repeated_code_is_a_sibling_not_a_child():
    rows = by_government_code()
    assert tree_groups(rows, range(len(rows))) == [(0, [1]), (1, [2, 3, 4])]
    assert column_errors(table_of("gpb_basic", "prov12", BASIC, rows)) == []


def test_under_sibling_codes_a_wrong_class_total_is_still_found():
    rows = by_government_code(office="600")
    found = column_errors(table_of("gpb_basic", "prov12", BASIC, rows))
    assert ("302 商品和服务支出", "合计", D("1000")) in found


def test_a_second_block_of_a_class_is_not_nested_under_the_first():
    rows = [
        row("合计", {"合计": "300"}, RowKind.TOTAL),
        row("工资福利支出", {"合计": "200"}, code="301", gov_code="501"),
        row("基本工资", {"合计": "200"}, code="30101", gov_code="50101"),
        row("工资福利支出", {"合计": "100"}, code="301", gov_code="505"),
        row("基本工资", {"合计": "100"}, code="30101", gov_code="50501"),
    ]
    assert tree_groups(rows, range(len(rows))) == [(0, [1, 3]), (1, [2]), (3, [4])]


# -- a summary row is no part of a total that already includes its parts ----------------------

FISCAL = ("金额", "合计")


def spent(name: str, amount: str | None, number: str | None = None, kind=RowKind.LABEL) -> Row:
    """A 支出 row of a 财政拨款收支总表, its 合计 all 一般公共预算 (so that the row adds up)."""
    money = {"合计": amount, "一般公共预算/小计": amount} if amount else {}
    return row(name, money, kind, side=Side.EXPENSE, number=number)


def test_a_summary_row_printed_before_its_renumbered_parts_is_their_total():
    columns = ("合计", "一般公共预算/小计")
    rows = [
        spent("本年支出", "100.00", "一、"),
        spent("一般公共服务支出", "60.01", "一、"),
        spent("卫生健康支出", "39.98", "二、"),
        spent("结转下年支出", None, "二、"),
        spent("支出总计", "100.00", kind=RowKind.TOTAL),
    ]
    table = table_of("fiscal_summary", "prov12", columns, rows, sides=(Side.EXPENSE,))
    assert column_errors(table) == []
    # the parts are still checked against their own total
    wrong = [*rows[:2], spent("卫生健康支出", "30", "二、"), *rows[3:]]
    found = column_errors(
        table_of("fiscal_summary", "prov12", columns, wrong, sides=(Side.EXPENSE,))
    )
    assert ("支出总计", "合计", D("100.00")) in found


def test_a_carry_over_followed_by_its_unindented_parts_is_added_once():
    rows = [
        row("一般公共预算", {"金额": "800"}, RowKind.LABEL, side=Side.INCOME, number="一、"),
        row("本年收入合计", {"金额": "800"}, RowKind.TOTAL, side=Side.INCOME),
        row("年初结转和结余", {"金额": "150"}, RowKind.LABEL, side=Side.INCOME),
        row("一般公共预算", {"金额": "50"}, RowKind.LABEL, side=Side.INCOME),
        row("政府性基金预算", {"金额": "100"}, RowKind.LABEL, side=Side.INCOME),
        row("总计", {"金额": "950"}, RowKind.TOTAL, side=Side.INCOME),
    ]
    table = table_of("fiscal_summary", "prov12", FISCAL, rows, sides=(Side.INCOME,))
    assert column_errors(table) == []


def test_a_wrong_grand_total_is_found_whichever_nesting():
    rows = [
        row("一般公共预算", {"金额": "800"}, RowKind.LABEL, side=Side.INCOME, number="一、"),
        row("本年收入合计", {"金额": "800"}, RowKind.TOTAL, side=Side.INCOME),
        row("年初结转和结余", {"金额": "150"}, RowKind.LABEL, side=Side.INCOME),
        row("一般公共预算", {"金额": "50"}, RowKind.LABEL, side=Side.INCOME),
        row("政府性基金预算", {"金额": "100"}, RowKind.LABEL, side=Side.INCOME),
        row("总计", {"金额": "960"}, RowKind.TOTAL, side=Side.INCOME),
    ]
    table = table_of("fiscal_summary", "prov12", FISCAL, rows, sides=(Side.INCOME,))
    assert ("总计", "金额", D("960")) in column_errors(table)


def test_a_single_renumbered_part_belongs_to_the_row_above():
    rows = [
        row("一般公共预算资金", {"金额": "500"}, RowKind.LABEL, side=Side.INCOME, number="一、"),
        row("本年收入合计", {"金额": "500"}, RowKind.TOTAL, side=Side.INCOME),
        row("上年结转结余", {"金额": "20"}, RowKind.LABEL, side=Side.INCOME),
        row("一般公共预算拨款", {"金额": "20"}, RowKind.LABEL, side=Side.INCOME, number="一、"),
        row("收入总计", {"金额": "520"}, RowKind.TOTAL, side=Side.INCOME),
    ]
    table = table_of("fiscal_summary", "prov12", FISCAL, rows, sides=(Side.INCOME,))
    assert column_errors(table) == []


def test_an_equal_unnumbered_neighbour_is_not_taken_for_a_part():
    # 事业收入 20 beside 其他收入 20: the total 520 is wrong, not a nesting to be found
    rows = [
        row("财政拨款", {"金额": "480"}, RowKind.LABEL, side=Side.INCOME),
        row("事业收入", {"金额": "20"}, RowKind.LABEL, side=Side.INCOME),
        row("其他收入", {"金额": "20"}, RowKind.LABEL, side=Side.INCOME),
        row("收入总计", {"金额": "500"}, RowKind.TOTAL, side=Side.INCOME),
    ]
    table = table_of("fiscal_summary", "prov12", FISCAL, rows, sides=(Side.INCOME,))
    assert ("收入总计", "金额", D("500")) in column_errors(table)


def test_an_indented_line_after_a_closing_subtotal_is_no_part_of_it():
    rows = [
        row("一般公共服务支出", {"金额": "90"}, RowKind.LABEL, side=Side.EXPENSE, number="一、"),
        row("住房保障支出", {"金额": "10"}, RowKind.LABEL, side=Side.EXPENSE, number="二、"),
        row("本年支出合计", {"金额": "100"}, RowKind.TOTAL, side=Side.EXPENSE),
        row("年末结转和结余", {"金额": "5"}, RowKind.LABEL, side=Side.EXPENSE, indent=2),
        row("总计", {"金额": "105"}, RowKind.TOTAL, side=Side.EXPENSE),
    ]
    assert panel_groups(rows, range(len(rows))) == [(2, [0, 1]), (4, [3, 2])]


def test_projects_over_their_items_printed_alike_are_summed_once():
    # a unit's projects in two levels, none indented or numbered: 委托咨询业务 over its items,
    # and 网络信息化建设 over its single item of the same amount
    def project(name: str, amount: str) -> Row:
        return row(name, {"合计": amount}, RowKind.PROJECT)

    rows = [
        row("某中心", {"合计": "700"}, RowKind.UNIT, code="245003"),
        project("网络信息化建设", "200"),
        project("信息化建设相关费用", "200"),
        project("委托咨询业务", "500"),
        project("法务审核", "390"),
        project("内控体系评价", "110"),
    ]
    table = table_of("projects", "shaanxi", ("合计",), rows)
    assert column_errors(table) == []
    # the unit's total wrong by the single item: no nesting makes it add up, it is found
    wrong = [row("某中心", {"合计": "750"}, RowKind.UNIT, code="245003"), *rows[1:]]
    assert ("245003 某中心", "合计", D("750")) in column_errors(
        table_of("projects", "shaanxi", ("合计",), wrong)
    )
