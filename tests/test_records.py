"""Claim records (what `yusuan claims` prints): the fund of a figure no words name."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from yusuan.audit.engine import Context
from yusuan.audit.records import claim_records
from yusuan.model import Cell, Disclosure, DocKind, Meta, Row, RowKind, Section, Side, Span, Table

AT = Span("t.txt", 1, 1)


def sangong(title: str) -> Table:
    """A 三公 table of one row, its title naming (or not) a fund."""
    cells = (Cell("合计", Decimal("12.50")),)
    rows = (Row("合计", AT, RowKind.TOTAL, None, Side.NONE, cells),)
    return Table("sangong", title, AT, ("合计",), rows)


def records(narrative: str, kind: DocKind, *tables: Table) -> dict[str, tuple[str, str, str]]:
    text = textwrap.dedent(narrative).strip()
    sections = (Section("第二部分", "一", "其他重要事项的情况说明", text, AT),)
    doc = Disclosure(Meta(path="t.txt", year=2024, kind=kind), sections=sections, tables=tables)
    return {r.text: (r.quantity, r.measure, r.scope) for r in claim_records(Context(doc))}


def test_fiscal_quantities_no_words_fund_are_of_the_fund_disclosures_define_them_for():
    said = "本部门机关运行经费安排 444.39 万元。“三公”经费预算 12.50 万元。"
    budget = records(said, DocKind.BUDGET)
    assert budget["444.39 万元"] == ("机关运行经费", "本年预算", "财政拨款")
    assert budget["12.50 万元"] == ("三公经费", "本年预算", "财政拨款")
    final = records(said.replace("安排", "支出").replace("预算", "支出"), DocKind.FINAL)
    assert final["444.39 万元"] == ("机关运行经费", "决算", "一般公共预算")
    assert final["12.50 万元"] == ("三公经费", "决算", "财政拨款")


def test_a_fund_the_sentence_names_outweighs_the_default():
    got = records("一般公共预算拨款安排的机关运行经费 20.00 万元。", DocKind.BUDGET)
    assert got["20.00 万元"][2] == "一般公共预算"


def test_a_budget_s_running_costs_no_table_states_are_of_the_fund_of_its_sangong_table():
    said = "本部门机关运行经费安排 444.39 万元。"
    one_fund = records(said, DocKind.BUDGET, sangong("本年一般公共预算“三公”经费支出表"))
    assert one_fund["444.39 万元"][2] == "一般公共预算"
    grants = records(said, DocKind.BUDGET, sangong("财政拨款安排的行政经费及“三公”经费预算表"))
    assert grants["444.39 万元"][2] == "财政拨款"
    # a 决算's 机关运行经费 is 一般公共预算's by the 决算 template's definition, whatever its
    # 三公 table is titled
    final = records(
        "本部门机关运行经费支出 444.39 万元。",
        DocKind.FINAL,
        sangong("财政拨款“三公”经费支出决算表"),
    )
    assert final["444.39 万元"][2] == "一般公共预算"
    # procurement is no fiscal-only money: no 三公 table lends it a fund
    bought = records(
        "政府采购预算总额 712.49 万元。", DocKind.BUDGET, sangong("一般公共预算“三公”经费表")
    )
    assert bought["712.49 万元"][2] == "全部资金"


def test_economic_classes_listed_under_running_costs_are_of_its_fund():
    got = records(
        "本单位机关运行经费预算 120.00 万元，占基本支出的 10.00%，其中主要支出为办公费 30.00 万元，"
        "公务接待费 2.00 万元，公务用车运行维护费 5.00 万元，物业费 20.00 万元。",
        DocKind.BUDGET,
        sangong("本年一般公共预算“三公”经费支出表"),
    )
    assert got["120.00 万元"] == ("机关运行经费", "本年预算", "一般公共预算")
    # the names after its 其中 are economic classes, 公务接待费 too (30217, not the 三公 part)
    assert got["30.00 万元"] == ("经济:30201 办公费", "本年预算", "一般公共预算")
    assert got["2.00 万元"] == ("经济:30217 公务接待费", "本年预算", "一般公共预算")
    assert got["5.00 万元"] == ("经济:30231 公务用车运行维护费", "本年预算", "一般公共预算")
    assert got["20.00 万元"] == ("经济:30209 物业管理费", "本年预算", "一般公共预算")
    # outside such a list 公务接待费 is the 三公经费's part
    alone = records("公务接待费 2.00 万元。", DocKind.BUDGET, sangong("一般公共预算“三公”经费表"))
    assert alone["2.00 万元"][0] == "公务接待费"


def _one_total(
    key: str, title: str, value: str, side: Side = Side.NONE, name: str = "合计"
) -> Table:
    cells = (Cell("合计", Decimal(value)),)
    return Table(key, title, AT, ("合计",), (Row(name, AT, RowKind.TOTAL, None, side, cells),))


def test_a_fund_named_is_reported_though_held_against_the_same_money_of_another():
    # 财政拨款 all 一般公共预算 (their totals equal): 财政拨款基本支出 is held against the
    # 一般公共预算 table's, and still reported as the 财政拨款 its words name
    tables = (
        _one_total("fiscal_summary", "财政拨款收支总表", "100.00", Side.EXPENSE, "支出合计"),
        _one_total("gpb_expenditure", "一般公共预算支出表", "100.00"),
        _one_total("gpb_basic", "一般公共预算基本支出表", "60.00"),
    )
    got = records("本部门财政拨款基本支出预算 60.00 万元。", DocKind.BUDGET, *tables)
    assert got["60.00 万元"] == ("基本支出", "本年预算", "财政拨款")
    said = records("本部门一般公共预算基本支出预算 60.00 万元。", DocKind.BUDGET, *tables)
    assert said["60.00 万元"] == ("基本支出", "本年预算", "一般公共预算")
