"""A table's own header words say its columns before the family's order does
(`src/yusuan/templates/data/header/layouts.toml`)."""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.read.text import read_text
from yusuan.templates import header_layout, header_layouts, template_sets

D = Decimal

# 上年执行数 | 本年预算数 (小计 基本支出 项目支出) | 增减额 | 增减%: the year before beside this year
BY_YEAR = """\
    预算03表
    部门支出总体情况表
    部门：某某局 单位：万元
    科目编码 科目名称 上年执行数 本年预算数 增减额 增减%
    小计 基本支出 项目支出
    合计 1,000.00 1,100.00 800.00 300.00 100.00 10.00%
    201 一般公共服务支出 1,000.00 1,100.00 800.00 300.00 100.00 10.00%
    20101 人大事务 1,000.00 1,100.00 800.00 300.00 100.00 10.00%
    2010101 行政运行 600.00 800.00 800.00 200.00 33.33%
    2010102 一般行政管理事务 400.00 300.00 0.00 300.00 -100.00 -25.00%
    """


def test_the_layout_data_loads_and_each_layout_holds_what_it_requires():
    layouts = header_layouts()
    assert layouts
    for layout in layouts:
        assert set(layout.requires) <= set(layout.columns)
        assert layout.dropped <= set(layout.columns)


def test_a_header_without_the_words_keeps_the_familys_columns():
    prov12 = next(t for t in template_sets() if t.name == "prov12")
    expenditure = prov12.by_key("expenditure")
    assert expenditure is not None
    assert header_layout(expenditure, "科目编码 科目名称 合计 基本支出 项目支出") is None
    found = header_layout(expenditure, "科目编码 科目名称 上年执行数 本年预算数 增减额 增减% 小计")
    assert found is not None and found.columns[0] == "上年执行数"


def test_columns_are_read_by_the_tables_own_header_words():
    doc = read_text(dedent(BY_YEAR), "by-year.txt")
    table = doc.table("expenditure")
    assert table is not None
    assert "增减率" not in table.columns  # a percentage is no money: read, then left out
    assert "header words" in table.recognised_by
    rows = {r.label: r for r in table.rows}
    assert rows["合计"].get("上年执行数") == D("1000.00")
    assert rows["合计"].get("合计") == D("1100.00")
    assert rows["合计"].get("增减额") == D("100.00")
    # an empty cell (行政运行 has no 项目支出): the figures still keep their columns
    running = rows["2010101 行政运行"]
    assert (running.get("合计"), running.get("基本支出/小计")) == (D("800.00"), D("800.00"))
    assert running.get("增减额") == D("200.00")
    errors = [f for f in audit(doc, select=["table"]).findings if f.severity is Severity.ERROR]
    assert errors == []


def test_a_wrong_figure_is_still_found_in_a_table_read_by_its_header():
    wrong = BY_YEAR.replace(
        "2010102 一般行政管理事务 400.00 300.00 0.00 300.00",
        "2010102 一般行政管理事务 400.00 310.00 0.00 300.00",
    )
    doc = read_text(dedent(wrong), "by-year.txt")
    # (one table alone fits no family well: the finding is a warning, but it is made)
    found = [f for f in audit(doc, select=["table"]).findings if f.severity is not Severity.INFO]
    assert any(f.location.row == "2010102 一般行政管理事务" for f in found)


def test_a_percentage_after_the_figures_is_no_part_of_the_name():
    text = dedent("""\
        预算03表
        部门支出总体情况表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 100.00 60.00 40.00 5.00%
        201 一般公共服务支出 100.00 60.00 40.00 5.00%
        """)
    table = read_text(text, "glued.txt").table("expenditure")
    assert table is not None
    assert [r.name for r in table.rows] == ["合计", "一般公共服务支出"]
