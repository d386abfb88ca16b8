"""Quantities the audit reads off the tables — a functional class, 款 or 项; a side's grand total
— and the rules that use them, on small disclosures built here from the model."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.quantities import Quantities, class_key, grand_total
from yusuan.catalog import load_catalog
from yusuan.model import (
    Cell,
    Disclosure,
    Meta,
    MoneyUnit,
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


# 03 of a department printing 类, 款 and 项 (行政运行 under two 款 of 201).
CODED = expenditure(
    r("合计", "100.00", kind=TOTAL),
    r("一般公共服务支出", "60.00", code="201"),
    r("财政事务", "50.00", code="20106"),
    r("行政运行", "36.77", code="2010601"),
    r("信息化建设", "13.23", code="2010607"),
    r("政府办公厅（室）及相关机构事务", "10.00", code="20103"),
    r("行政运行", "10.00", code="2010301"),
    r("卫生健康支出", "40.00", code="210"),
    r("行政单位医疗", "40.00", code="2101101"),  # no 款 row printed
)


def test_a_xiang_named_under_its_kuan_is_its_own_row():
    quantities = Quantities(doc(CODED))
    found = quantities.get(class_key("expenditure", "201", ("财政事务", "行政运行")))
    assert found is not None and found.row is not None
    assert (found.row.code, found.value) == ("2010601", D("36.77"))
    # a 款 alone; a bracket in its name is no difference
    found = quantities.get(class_key("expenditure", "201", ("政府办公厅(室)及相关机构事务",)))
    assert found is not None and (found.row and found.row.code, found.value) == ("20103", D("10"))


def test_a_xiang_without_its_kuan_is_found_when_one_code_bears_its_name():
    quantities = Quantities(doc(CODED))
    # 210's 行政单位医疗 is one code (2101101), though 03 prints no 21011 row
    found = quantities.get(class_key("expenditure", "210", ("", "行政单位医疗")))
    assert found is not None and found.value == D("40.00")
    # 201 has two 行政运行 (2010301, 2010601): which one is meant is unknown
    assert quantities.get(class_key("expenditure", "201", ("", "行政运行"))) is None
    # a 款 the table does not print and the catalog does not list: unknown, not zero
    missing = class_key("expenditure", "201", ("税收事务", "行政运行"))
    assert quantities.get(missing) is None
    assert "no one code named 税收事务/行政运行 under 201" in quantities.why_unknown(missing)


def test_the_catalog_names_a_kuan_the_table_does_not_print():
    table = expenditure(
        r("合计", "20.00", kind=TOTAL),
        r("行政单位医疗", "12.00", code="2101101"),
        r("事业单位医疗", "8.00", code="2101102"),
    )
    key = class_key("expenditure", "210", ("行政事业单位医疗",))
    assert Quantities(doc(table)).get(key) is None  # 21011 is printed nowhere
    found = Quantities(doc(table), load_catalog(2023)).get(key)
    assert found is not None and (found.value, found.terms) == (D("20.00"), 2)


def test_a_functional_table_without_codes_states_no_class():
    names_only = expenditure(r("合计", "28.00", kind=TOTAL), r("科学技术支出", "28.00", kind=LABEL))
    quantities = Quantities(doc(names_only))
    assert quantities.functional_class("206") is None
    assert "prints no functional code" in quantities.why_unknown(class_key("expenditure", "206"))
    # with the catalog, a row printing a class's name states that class
    found = Quantities(doc(names_only), load_catalog(2023)).functional_class("206")
    assert found is not None and found.value == D("28.00")
    # a table stating no money states zero for every class
    empty = expenditure(r("合计", "0.00", kind=TOTAL))
    found = Quantities(doc(empty)).functional_class("206")
    assert found is not None and found.value == 0
    # a class the coded table does not print is zero
    found = Quantities(doc(CODED)).functional_class("208")
    assert found is not None and found.value == 0


def test_narrative_items_are_held_against_their_own_rows():
    text = (
        "（1）一般公共服务支出（类）财政事务（款）行政运行（项）36.77 万元，主要用于机关运转。"
        "（2）一般公共服务支出（类）财政事务（款）信息化建设（项）31.23 万元。"
        "（3）一般公共服务支出（类）税收事务（款）行政运行（项）5.00 万元。"
        "一般公共服务支出 60.00 万元。"
    )
    report = audit(doc(CODED, narrative=text), select=["narrative.amount"])
    assert [(f.stated, f.expected) for f in report.findings] == [(D("31.23"), D("13.23"))]
    assert "2010607 信息化建设" in report.findings[0].message
    assert report.evaluated == 3
    assert [n for reason, n in report.skipped_reasons if "税收事务/行政运行" in reason] == [1]


def test_narrative_classes_of_a_table_without_codes_are_skipped():
    names_only = expenditure(r("合计", "28.00", kind=TOTAL))
    report = audit(
        doc(names_only, narrative="科学技术支出 28.00 万元。"), select=["narrative.amount"]
    )
    assert report.findings == ()
    assert report.evaluated == 0 and report.skipped == 1


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


def test_a_narrative_amount_in_wan_is_compared_at_its_own_precision_with_a_table_in_yuan():
    in_yuan = Table(
        "expenditure",
        "支出预算总表",
        AT,
        ("合计",),
        (
            r("合计", "16231840.80", kind=TOTAL),
            r("一般公共服务支出", "16231840.80", code="201"),
            r("财政事务", "16231840.80", code="20106"),
            r("行政运行", "16231840.80", code="2010601"),
        ),
        unit=MoneyUnit.YUAN,
    )
    # 16231840.80 元 is 1623.18408 万元: 1623.18 万元 as printed to two places, 1623.19 not
    text = "一般公共服务支出（类）财政事务（款）行政运行（项）{} 万元。"
    report = audit(doc(in_yuan, narrative=text.format("1623.18")), select=["narrative.amount"])
    assert (report.evaluated, report.findings) == (1, ())
    report = audit(doc(in_yuan, narrative=text.format("1623.19")), select=["narrative.amount"])
    assert [(f.stated, f.expected) for f in report.findings] == [(D("1623.19"), D("1623.18408"))]


def test_an_item_named_with_two_characters_transposed_is_the_item_bearing_those_characters():
    rows = (
        r("合计", "500.00", kind=TOTAL),
        r("一般公共服务支出", "500.00", code="201"),
        r("政府办公厅（室）及相关机构事务", "500.00", code="20103"),
        r("一般行政管理事务", "300.00", code="2010302"),
        r("行政运行", "200.00", code="2010301"),
    )
    q = Quantities(doc(expenditure(*rows)), load_catalog(2024))
    found = q.functional_item("201", ("政府办公厅(室)及相关机构事务", "一般行政事务管理"))
    assert found is not None and found.value == D("300.00")
    assert q.code_named("201", ("政府办公厅(室)及相关机构事务", "一般行政事务管理"), "expenditure")
    # characters that are no sibling's (行政事务一般) are still no item; nor a name sharing
    # only some of them
    assert q.functional_item("201", ("政府办公厅(室)及相关机构事务", "一般行政事务")) is None


def test_an_item_the_table_prints_no_code_for_is_named_by_the_catalog():
    q = Quantities(doc(expenditure(r("合计", "500.00", kind=TOTAL))), load_catalog(2024))
    assert q.code_named("201", ("政府办公厅(室)及相关机构事务", "行政运行"), "expenditure") == (
        "2010301"
    )
