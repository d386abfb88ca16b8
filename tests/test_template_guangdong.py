"""The Guangdong template families (guangdong, shenzhen, national-final) on real disclosures.

Fixtures: 广州市信访局 2026 部门预算 (gz-xfj-2026-ys.pdf: the 12-table Guangdong municipal layout,
表1 … 表12) and 深圳市信访局 2026 部门预算 (sz-xfj-2026-ys.pdf: the 11-table Shenzhen layout,
表 1 … 表 11). The national 部门决算 family is written from 佛山市轨道交通局 2019 部门决算
(fs-gdjt-2019-js.pdf, 638 KB), which is not copied into the fixtures (two at most, the smaller
ones): its tests run when the shared corpus sits beside the repository and are skipped
otherwise. Every cell checked here was read off the PDF by eye (PDF page, 1-based, and the
printed line in the comment).

Some of what these PDFs print the reader or the format cannot handle yet (see the report that
came with the templates). Each such place is a strict xfail naming the gap, so that the test
turns red, and the xfail can go, the day the gap is closed. The identity tests accept exactly
the failures those gaps cause (and the disclosure's own errors), each with its reason, and
nothing else.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.audit import audit
from yusuan.model import Disclosure, RowKind, Side
from yusuan.read import read_path
from yusuan.templates import Layout

from conftest import FIXTURES
from families import Known, row, table, tset, unexplained

CORPUS = FIXTURES / "corpus"
GUANGZHOU = CORPUS / "gz-xfj-2026-ys.pdf"
SHENZHEN = CORPUS / "sz-xfj-2026-ys.pdf"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOSHAN = SHARED / "fs-gdjt-2019-js.pdf"

D = Decimal

GUANGDONG_KEYS = [
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_expenditure",
    "gpb_basic",
    "gpb_project",
    "admin_costs",
    "sangong",  # read from admin_costs' rows
    "gov_fund",
    "state_capital",
    "basic_summary",
    "project_summary",
]
SHENZHEN_KEYS = [
    "summary",
    "income",
    "expenditure",
    "basic_summary",
    "project_summary",
    "fiscal_summary",
    "gpb_expenditure",
    "gpb_economic",
    "sangong_by_year",
    "sangong",  # its row of the budget year
    "gov_fund",
    "state_capital",
]
NATIONAL_FINAL_KEYS = [
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_expenditure",
    "gpb_basic",
    "sangong",
    "gov_fund",
]

# -- the gaps, named once --------------------------------------------------------------------


# Failures of table.* and cross.* the tests accept, each as often as it occurs, with why.
KNOWN: dict[str, list[Known]] = {
    GUANGZHOU.name: [
        # 表6 p12: 30110/30111 职工基本医疗保险缴费 1.50, and no 210 11 行政事业单位医疗 line in 表5
        # (p11): the money is booked under another functional code (or the line is missing).
        Known("cross.function-economic", "gpb_basic", "30110 职工基本医疗保险缴费", 1, "real"),
    ],
    SHENZHEN.name: [],
    FOSHAN.name: [
        # 表 6 p17: 30108 47.01, 表 5 p15: 2080505 53.45: the disclosure's own mismatch.
        Known(
            "cross.function-economic",
            "gpb_expenditure",
            "2080505 机关事业单位基本养老保险缴费支出",
            1,
            "real",
        ),
        # 表 6 p17: 30110 5.64, and no 210 11 行政事业单位医疗 line anywhere in 表 5 (p15–p16).
        Known("cross.function-economic", "gpb_basic", "30110 职工基本医疗保险缴费", 1, "real"),
    ],
}


@pytest.fixture(scope="module")
def gz() -> Disclosure:
    return read_path(GUANGZHOU)


@pytest.fixture(scope="module")
def sz() -> Disclosure:
    return read_path(SHENZHEN)


@pytest.fixture(scope="module")
def fs() -> Disclosure:
    if not FOSHAN.exists():
        pytest.skip(f"the shared corpus is not at {SHARED}")
    return read_path(FOSHAN)


# -- the templates as data ---------------------------------------------------------------------


def test_the_three_families_load_with_their_tables():
    assert [t.key for t in tset("guangdong").tables] == GUANGDONG_KEYS
    assert [t.key for t in tset("shenzhen").tables] == SHENZHEN_KEYS
    national = tset("national-final")
    assert [t.key for t in national.tables] == [
        *NATIONAL_FINAL_KEYS,
        "state_capital",
        "sangong_by_measure",
        "sangong",  # the 2022 layout's form of 表 7, folded from sangong_by_measure's rows
    ]
    assert tset("guangdong").doc_kind.value == "预算"
    assert tset("shenzhen").doc_kind.value == "预算"
    assert national.doc_kind.value == "决算"
    # published from 2020 on only: completeness does not ask a 2019 决算 for it
    state_capital = national.by_key("state_capital")
    assert state_capital is not None and not state_capital.required
    # 人员经费 | 公用经费 halves on each line
    basic = national.by_key("gpb_basic")
    assert basic is not None and basic.side_by_side
    # 表 7 is the first form of sangong; the 2022 one is a variant, not asked for again
    first, second = [t for t in national.tables if t.key == "sangong"]
    assert national.by_key("sangong") is first and not first.variant
    assert second.variant and second.derived is not None


def test_id_patterns():
    # 表 1 with a space (Shenzhen, Foshan) is taken; the bare 表1 (Guangzhou, Zhuhai, but also
    # 湖州 and 西安) is left to the titles: the guangdong set reads no id at all.
    for name in ("shenzhen", "national-final"):
        pattern = tset(name).id_pattern
        match = pattern.search("表 11")
        assert match is not None and match.group(1) == "11"
        assert pattern.search("表1") is None
    assert tset("guangdong").id_pattern.search("表1") is None
    printed = [t for t in tset("shenzhen").tables if t.derived is None]
    assert [t.id for t in printed] == [f"表 {n}" for n in range(1, 12)]


@pytest.mark.parametrize("name", ["guangdong", "shenzhen", "national-final"])
def test_columns_the_audit_reads_keep_the_audits_paths(name):
    t = tset(name)
    summary = t.by_key("summary")
    assert summary is not None and summary.layout is Layout.PANELS
    assert all("金额" in p.columns for p in summary.panels)
    fiscal = t.by_key("fiscal_summary")
    assert fiscal is not None
    assert "金额" in fiscal.panel(Side.INCOME).columns
    assert "合计" in fiscal.panel(Side.EXPENSE).columns
    expenditure = t.by_key("expenditure")
    assert expenditure is not None
    assert expenditure.columns[:3] == ("合计", "基本支出/小计", "项目支出/小计")
    gpb = t.by_key("gpb_expenditure")
    assert gpb is not None and gpb.columns == ("合计", "基本支出/小计", "项目支出/小计")


def test_the_national_final_sangong_keeps_the_audits_paths_for_the_final_figures():
    sangong = tset("national-final").by_key("sangong")
    assert sangong is not None
    for column in (
        "“三公”经费合计",
        "因公出国（境）费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费",
        "公务接待费",
    ):
        assert column in sangong.columns, column
    assert sangong.columns.index("“三公”经费合计") > sangong.columns.index("预算数/合计")


# -- guangdong: gz-xfj-2026-ys.pdf -------------------------------------------------------------


def test_gz_tables(gz):
    assert gz.meta.template == "guangdong"
    assert gz.meta.kind is not None and gz.meta.kind.value == "预算"
    assert gz.meta.year == 2026
    assert [t.key for t in gz.tables] == GUANGDONG_KEYS
    assert {t.template for t in gz.tables} == {"guangdong"}
    # found by their titles; the id printed above each (表1 … 表12) is kept, though the
    # family declares none (sangong, read from 表8's rows, is 表8 too)
    printed = [t.id for t in gz.tables if t.key != "sangong"]
    assert printed == [f"表{n}" for n in range(1, 13)]
    assert table(gz, "sangong").id == "表8"
    assert table(gz, "gpb_expenditure").title == "一般公共预算支出情况表（按功能分类科目）"
    assert gz.page_of(table(gz, "project_summary").span.line) == 19


def test_gz_summary(gz):
    t = table(gz, "summary")
    # p5: 一、预算拨款 3,944.08 一、一般公共服务支出 2,570.71
    assert row(t, "预算拨款", Side.INCOME).get("金额") == D("3944.08")
    assert row(t, "一般公共服务支出", Side.EXPENSE).get("金额") == D("2570.71")
    # p5: 八、社会保障和就业支出 419.35 / 十九、住房保障支出 950.05
    assert row(t, "社会保障和就业支出", Side.EXPENSE).get("金额") == D("419.35")
    assert row(t, "住房保障支出", Side.EXPENSE).get("金额") == D("950.05")
    # p6: 本年收入合计 3,944.08 本年支出合计 3,944.08 / 收入总计 3,944.08 支出总计 3,944.08
    assert row(t, "本年收入合计", Side.INCOME).get("金额") == D("3944.08")
    assert row(t, "本年支出合计", Side.EXPENSE).get("金额") == D("3944.08")
    assert row(t, "收入总计", Side.INCOME).get("金额") == D("3944.08")
    assert row(t, "支出总计", Side.EXPENSE).get("金额") == D("3944.08")


def test_gz_income_and_expenditure(gz):
    income = table(gz, "income")
    # p7: 合计 3,944.08 3,944.08 0.00 … 0.00 (合计, 财政拨款收入/一般公共预算, …, 上年结转结余)
    total = income.total_row()
    assert total is not None
    assert total.get("总计") == D("3944.08")
    assert total.get("本年收入/一般公共预算/小计") == D("3944.08")
    assert total.get("本年收入/政府性基金") == D("0.00")
    assert total.get("上年结转结余/合计") == D("0.00")

    spending = table(gz, "expenditure")
    # p8: 合计 3,944.08 3,204.78 739.30 0.00 0.00 0.00
    total = spending.total_row()
    assert total is not None
    assert (total.get("合计"), total.get("基本支出/小计"), total.get("项目支出/小计")) == (
        D("3944.08"),
        D("3204.78"),
        D("739.30"),
    )
    # p8: 2014001 行政运行 1,859.41 1,831.41 28.00 0.00 0.00 0.00
    r = row(spending, "2014001")
    assert r.name == "行政运行"
    assert (r.get("基本支出/小计"), r.get("项目支出/小计")) == (D("1831.41"), D("28.00"))
    # p8: 2080505 / 机关事业单位基本养老保险缴 / 费支出 199.06 199.06 0.00 0.00 0.00 0.00
    r = row(spending, "2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出"
    assert r.get("合计") == D("199.06")
    # p8: 2210203 购房补贴 739.06 739.06 0.00 0.00 0.00 0.00
    assert row(spending, "2210203").get("基本支出/小计") == D("739.06")


def test_gz_fiscal_summary(gz):
    t = table(gz, "fiscal_summary")
    # p9: 一、一般公共预算 3,944.08 一、一般公共服务支出 2,570.71
    assert row(t, "一般公共预算", Side.INCOME).get("金额") == D("3944.08")
    assert row(t, "一般公共服务支出", Side.EXPENSE).get("合计") == D("2570.71")
    # p9: 九、卫生健康支出 3.97
    assert row(t, "卫生健康支出", Side.EXPENSE).get("合计") == D("3.97")
    # p10: 二十七、结转下年 0.00 / 收入总计 3,944.08 支出总计 3,944.08
    assert row(t, "结转下年", Side.EXPENSE).get("合计") == D("0.00")
    assert row(t, "支出总计", Side.EXPENSE).get("合计") == D("3944.08")


def test_gz_bracketed_tables_read_their_totals(gz):
    # p11: 合计 3,944.08 3,204.78 739.30
    total = table(gz, "gpb_expenditure").total_row()
    assert total is not None
    assert (total.get("合计"), total.get("基本支出/小计"), total.get("项目支出/小计")) == (
        D("3944.08"),
        D("3204.78"),
        D("739.30"),
    )
    # p12: 合计 3,204.78; p14: 合计 739.30
    basic = table(gz, "gpb_basic").total_row()
    assert basic is not None and basic.get("合计") == D("3204.78")
    project = table(gz, "gpb_project").total_row()
    assert project is not None and project.get("合计") == D("739.30")


def test_gz_bracketed_codes(gz):
    # p11: [2014001]行政运行 1,859.41 1,831.41 28.00
    assert row(table(gz, "gpb_expenditure"), "2014001").get("合计") == D("1859.41")
    # p12: [30101]基本工资 374.86
    assert row(table(gz, "gpb_basic"), "30101").get("合计") == D("374.86")


def test_gz_admin_costs(gz):
    t = table(gz, "admin_costs")
    # p15: 行政经费 444.39 444.39 0.00 0.00
    r = row(t, "行政经费", Side.EXPENSE)
    assert [r.get(c) for c in t.columns[-4:]] == [D("444.39"), D("444.39"), D("0.00"), D("0.00")]
    # p15: “三公”经费 4.80 4.80 0.00 0.00
    assert row(t, "“三公”经费", Side.EXPENSE).get("合计") == D("4.80")
    # p15: 其中：（一）因公出国（境）支出 0.00 … / 2.公务用车运行维护费 2.50 2.50 0.00 0.00
    assert row(t, "其中：（一）因公出国（境）支出", Side.EXPENSE).get("合计") == D("0.00")
    assert row(t, "公务用车运行维护费", Side.EXPENSE).get("一般公共预算") == D("2.50")
    # p15: （三）公务接待费支出 2.30 2.30 0.00 0.00
    assert row(t, "公务接待费支出", Side.EXPENSE).get("合计") == D("2.30")
    # every row of figures is on the 支出 side (the 收入 panel is a stub)
    assert not any(r.cells for r in t.rows_on(Side.INCOME))


def test_gz_sangong_for_the_audit(gz):
    sangong = table(gz, "sangong")
    # p15: “三公”经费 4.80 / 其中：（一）因公出国（境）支出 0.00 / （二）公务用车购置及运行维护支出
    # 2.50 / 2.公务用车运行维护费 2.50 / （三）公务接待费支出 2.30
    assert sangong.rows[0].get("“三公”经费合计") == D("4.80")
    assert sangong.rows[0].get("因公出国（境）费") == D("0.00")
    assert sangong.rows[0].get("公务用车购置及运行费/小计") == D("2.50")
    assert sangong.rows[0].get("公务用车购置及运行费/公务用车运行费") == D("2.50")
    assert sangong.rows[0].get("公务接待费") == D("2.30")
    report = audit(gz, select=["sangong.sum"])
    assert report.evaluated == 2 and not report.findings  # both of its sums are checked


def test_gz_panels_hold_only_rows_of_figures(gz):
    for key in ("summary", "admin_costs"):
        assert all(r.cells for r in table(gz, key).rows), key


def test_gz_empty_fund_tables(gz):
    # p16, p17: 合计 0.00 0.00 0.00 / 注：本表本年无发生额。
    for key in ("gov_fund", "state_capital"):
        t = table(gz, key)
        (only,) = t.rows
        assert only.kind is RowKind.TOTAL
        assert only.get("合计") == D("0.00")


def test_gz_basic_summary(gz):
    t = table(gz, "basic_summary")
    # p18: 合计 3,204.78 3,204.78 3,204.78 0.00 0.00 0.00 0.00
    total = t.total_row()
    assert total is not None and total.get("总计") == D("3204.78")
    # p18: 广州市信访局（本级） 3,204.78 … / 工资福利支出 2,577.42 … / 资本性支出 2.80 …
    unit = row(t, "广州市信访局（本级）")
    assert (unit.kind, unit.get("财政拨款/合计")) == (RowKind.UNIT, D("3204.78"))
    # the classes print no codes: each is the economic catalog's code for its name
    wages = row(t, "工资福利支出")
    assert (wages.code, wages.get("财政拨款/一般公共预算")) == ("301", D("2577.42"))
    assert row(t, "资本性支出").code == "310"
    assert row(t, "资本性支出").get("其他资金") == D("0.00")


def test_gz_project_summary_total(gz):
    # p19: 合计 739.30 739.30 739.30 0.00 0.00 0.00 0.00
    total = table(gz, "project_summary").total_row()
    assert total is not None
    assert (total.get("总计"), total.get("财政拨款/一般公共预算"), total.get("其他资金")) == (
        D("739.30"),
        D("739.30"),
        D("0.00"),
    )


def test_gz_income_unit_row(gz):
    # p7: 广州市信访局 3,944.08 3,944.08 0.00 …
    assert row(table(gz, "income"), "广州市信访局").get("总计") == D("3944.08")


def test_gz_project_rows(gz):
    # p19: 机构运行辅助经费 28.00 28.00 28.00 0.00 0.00 0.00 0.00 根据相关文件，…
    assert row(table(gz, "project_summary"), "机构运行辅助经费").get("总计") == D("28.00")


def test_gz_identities(gz):
    assert gz.meta.template == "guangdong"
    # Only rounding: p8 20805 行政事业单位养老支出 419.35 against its 项 123.54 + 199.06 + 96.76.
    assert unexplained(gz, KNOWN[GUANGZHOU.name]) == ([], [])


# -- shenzhen: sz-xfj-2026-ys.pdf ---------------------------------------------------------------


def test_sz_tables(sz):
    assert sz.meta.template == "shenzhen"
    assert sz.meta.kind is not None and sz.meta.kind.value == "预算"
    assert sz.meta.year == 2026
    assert [t.key for t in sz.tables] == SHENZHEN_KEYS
    assert {t.template for t in sz.tables} == {"shenzhen"}
    printed = [t for t in sz.tables if t.key != "sangong"]  # read from 表 9's rows
    assert [re.sub(r"\s", "", t.id or "") for t in printed] == [f"表{n}" for n in range(1, 12)]
    assert table(sz, "gpb_economic").title == "一般公共预算支出表（按经济分类）"


def test_sz_summary_first_page(sz):
    t = table(sz, "summary")
    # p15: 一、财政拨款 4,676.96 一、一般公共服务支出 3,459.13
    assert row(t, "财政拨款", Side.INCOME).get("金额") == D("4676.96")
    assert row(t, "一般公共服务支出", Side.EXPENSE).get("金额") == D("3459.13")
    # p15:  1.一般公共预算拨款 4,676.96 信访事务 3,459.13
    assert row(t, "一般公共预算拨款", Side.INCOME).get("金额") == D("4676.96")
    assert row(t, "信访事务", Side.EXPENSE).get("金额") == D("3459.13")
    # p15:  5.其他收入 0.00 机关事业单位基本养老保险缴费支出 201.65
    assert row(t, "其他收入", Side.INCOME).get("金额") == D("0.00")
    assert row(t, "机关事业单位基本养老保险缴费支出", Side.EXPENSE).get("金额") == D("201.65")


def test_sz_summary_totals_on_the_second_page(sz):
    t = table(sz, "summary")
    # p16:  收入总计 4,684.30 支出总计 4,684.30
    assert row(t, "收入总计", Side.INCOME).get("金额") == D("4684.30")


def test_sz_income(sz):
    t = table(sz, "income")
    # p17: 深圳市信访局 4,684.30 4,676.96 0.00 … 0.00 7.34 (read on the 收入 side)
    r = row(t, "深圳市信访局", Side.INCOME)
    assert r.get("总计") == D("4684.30")
    assert r.get("本年收入/一般公共预算/小计") == D("4676.96")
    assert r.get("本年收入/其他收入") == D("0.00")
    assert r.get("上年结转结余/合计") == D("7.34")


def test_sz_expenditure(sz):
    t = table(sz, "expenditure")
    # p18: 深圳市信访局 4,684.30 3,072.01 1,612.29 0.00 0.00 0.00 1,100.30 156.69 0.00
    total = t.total_row()
    assert total is not None
    assert total.get("合计") == D("4684.30")
    assert total.get("政府采购项目/小计") == D("1100.30")
    assert total.get("政府采购项目/其中：预留给中小企业") == D("156.69")
    # p18: 2014004 信访业务 1,592.29 0.00 1,592.29 0.00 0.00 0.00 947.95 7.34 0.00
    r = row(t, "2014004")
    assert (r.get("合计"), r.get("基本支出/小计"), r.get("项目支出/小计")) == (
        D("1592.29"),
        D("0.00"),
        D("1592.29"),
    )
    assert r.get("政府采购项目/其中：预留给中小企业") == D("7.34")


def test_sz_no_row_from_a_year_in_the_header(sz):
    # p18: 2026 年政府采购项目 (a header line); p23: 2026 年预算
    for key in ("expenditure", "project_summary"):
        assert not any(r.code == "2026" for r in table(sz, key).rows), key


def test_sz_basic_summary(sz):
    t = table(sz, "basic_summary")
    # p21: 深圳市信访局 3,072.01 3,072.01 3,072.01 0.00 … 0.00 (the department's row: the total)
    total = t.total_row()
    assert total is not None and (total.name, total.get("总计")) == ("深圳市信访局", D("3072.01"))
    # p21:  机关事业单位基本养老保险缴 / 费 / 175.00 175.00 175.00 0.00 … 0.00 — printed flush
    # left (its name fills the cell), but the catalog names it 30108, under 301
    r = row(t, "机关事业单位基本养老保险缴费")
    assert (r.code, r.get("财政拨款/一般公共预算拨款")) == ("30108", D("175.00"))
    # p21:  物业管理费 160.14 160.14 160.14 0.00 …
    assert row(t, "物业管理费").get("总计") == D("160.14")
    assert row(t, "物业管理费").code == "30209"


def test_sz_project_summary(sz):
    t = table(sz, "project_summary")
    projects = [r for r in t.rows if r.kind is RowKind.PROJECT]
    # p23: six projects, one with its name over two lines
    assert [r.name for r in projects] == [
        "社工服务项目",
        "信访大厅运行",
        "信访专项",
        "预算准备金",
        "政务信息化项目（系统业务运营服务）",
        "综合管理",
    ]
    # p23:  信访大厅运行 603.84 596.94 0.00 … 0.00 6.90
    r = projects[1]
    assert (r.get("总计"), r.get("财政拨款/一般公共预算拨款"), r.get("上年结余、结转")) == (
        D("603.84"),
        D("596.94"),
        D("6.90"),
    )
    # p23: 深圳市信访局 1,612.29 1,604.95 … 7.34 — read as the total the projects sum to
    total = t.total_row()
    assert total is not None and total.get("总计") == D("1612.29")


def test_sz_fiscal_summary(sz):
    t = table(sz, "fiscal_summary")
    # p24: 财政拨款 4,676.96 一、一般公共服务支出 3,459.13
    assert row(t, "财政拨款", Side.INCOME).get("金额") == D("4676.96")
    assert row(t, "一般公共服务支出", Side.EXPENSE).get("合计") == D("3459.13")
    # p24: 五、住房保障支出 753.24
    assert row(t, "住房保障支出", Side.EXPENSE).get("合计") == D("753.24")


def test_sz_gpb_tables(sz):
    gpb = table(sz, "gpb_expenditure")
    # p26: 2080505 机关事业单位基本养老保险缴费支出 201.65 201.65 0.00
    assert row(gpb, "2080505").get("基本支出/小计") == D("201.65")
    # p26: 2014004 信访业务 1,592.29 0.00 1,592.29
    assert row(gpb, "2014004").get("项目支出/小计") == D("1592.29")
    economic = table(sz, "gpb_economic")
    # p29: 30207 邮电费 22.40 22.00 0.40
    r = row(economic, "30207")
    assert (r.get("合计"), r.get("基本支出/小计"), r.get("项目支出/小计")) == (
        D("22.40"),
        D("22.00"),
        D("0.40"),
    )
    # p29: 30217 公务接待费 2.98 2.98 0.00
    assert row(economic, "30217").get("基本支出/小计") == D("2.98")


def test_sz_department_row_is_the_total(sz):
    # p26: 深圳市信访局 4,684.30 3,072.01 1,612.29
    total = table(sz, "gpb_expenditure").total_row()
    assert total is not None and total.get("合计") == D("4684.30")


def test_sz_gpb_expenditure_second_page(sz):
    # p27: 2210201 住房公积金 199.91 199.91 0.00
    assert row(table(sz, "gpb_expenditure"), "2210201").get("合计") == D("199.91")


def test_sz_sangong_for_the_audit(sz):
    # p31: 2026 年 5.58 0.00 0.00 0.00 0.00 0.00 2.98 … 2.60 … 2.60 0.00 0.00 (each item
    # 一般公共预算 | 政府性基金预算 | 国有资本经营预算)
    row = table(sz, "sangong").rows[0]
    assert row.name == "2026年"
    assert row.get("“三公”经费合计") == D("5.58")
    assert row.get("公务接待费") == D("2.98")
    assert row.get("公务用车购置及运行费/小计") == D("2.60")
    assert row.get("公务用车购置及运行费/公务用车运行费") == D("2.60")
    assert row.get("因公出国（境）费") == D("0.00")
    assert audit(sz, select=["sangong.sum"]).evaluated == 2


def test_sz_empty_fund_tables(sz):
    # p32, p33: 深圳市信访局 0.00 0.00 0.00 / 注：本表本年无发生额。
    assert table(sz, "gov_fund").is_empty
    assert table(sz, "state_capital").is_empty


def test_sz_identities(sz):
    assert sz.meta.template == "shenzhen"
    assert unexplained(sz, KNOWN[SHENZHEN.name]) == ([], [])


# -- national-final: fs-gdjt-2019-js.pdf (shared corpus) --------------------------------------


def test_fs_tables(fs):
    assert fs.meta.template == "national-final"
    assert fs.meta.kind is not None and fs.meta.kind.value == "决算"
    assert fs.meta.year == 2019
    assert [t.key for t in fs.tables] == NATIONAL_FINAL_KEYS
    assert [re.sub(r"\s", "", t.id or "") for t in fs.tables] == [f"表{n}" for n in range(1, 9)]


def test_fs_summary_row_numbers_are_not_money(fs):
    t = table(fs, "summary")
    # p5: 一、一般公共预算财政拨款收入 1 1668.14 一、一般公共服务支出 27 0.00
    r = row(t, "一般公共预算财政拨款收入", Side.INCOME)
    assert (r.get("行次"), r.get("金额")) == (D("1"), D("1668.14"))
    r = row(t, "一般公共服务支出", Side.EXPENSE)
    assert (r.get("行次"), r.get("金额")) == (D("27"), D("0.00"))
    # p5: 七、其他收入 7 0.01 / 8 八、社会保障和就业支出 34 76.23
    assert row(t, "其他收入", Side.INCOME).get("金额") == D("0.01")
    assert row(t, "社会保障和就业支出", Side.EXPENSE).get("金额") == D("76.23")


def test_fs_income_and_expenditure(fs):
    income = table(fs, "income")
    # p8: 合计 1668.14 1668.14 0.00 0.00 0.00 0.00 0.01
    total = income.total_row()
    assert total is not None
    assert total.get("本年收入/合计") == D("1668.14")
    assert total.get("本年收入/其他收入") == D("0.01")
    # p8: 2140101 行政运行 609.30 609.29 0.00 0.00 0.00 0.00 0.01
    r = row(income, "2140101")
    assert (r.get("本年收入/财政拨款收入"), r.get("本年收入/其他收入")) == (D("609.29"), D("0.01"))
    spending = table(fs, "expenditure")
    # p10: 合计 1668.14 746.39 921.75 0.00 0.00 0.00
    total = spending.total_row()
    assert total is not None and total.get("基本支出/小计") == D("746.39")
    # p10: 2140199 / 其他公路水路运输支 / 出 / 16.15 0.00 16.15 0.00 0.00 0.00
    r = row(spending, "2140199")
    assert r.name == "其他公路水路运输支出"
    assert r.get("项目支出/小计") == D("16.15")


def test_fs_income_code_at_the_page_edge(fs):
    # p8 (last lines): 2140199 / 其他公路水路运输 / 支出 16.15 16.15 0.00 0.00 0.00 0.00 0.00
    assert row(table(fs, "income"), "2140199").get("本年收入/合计") == D("16.15")


def test_fs_fiscal_summary(fs):
    t = table(fs, "fiscal_summary")
    # p13: 13 十三、交通运输支出 40 1531.04 1531.04 0.00
    r = row(t, "交通运输支出", Side.EXPENSE)
    assert (r.get("行次"), r.get("合计"), r.get("一般公共预算财政拨款")) == (
        D("40"),
        D("1531.04"),
        D("1531.04"),
    )
    assert r.get("政府性基金预算财政拨款") == D("0.00")
    # p13: 本年收入合计 23 1668.14 本年支出合计 50 1668.14 1668.14 0.00
    assert row(t, "本年收入合计", Side.INCOME).get("金额") == D("1668.14")
    assert row(t, "本年支出合计", Side.EXPENSE).get("合计") == D("1668.14")


def test_fs_row_number_of_an_unlabelled_expense_half(fs):
    # p13: 一般公共预算财政拨款 25 0.00 52 (52 is the 支出 side's 行次, its cells blank): a
    # sub-item of 年初/年末财政拨款结转和结余 on each side, under the one printed label
    rows = [r for r in table(fs, "fiscal_summary").rows if r.name == "一般公共预算财政拨款"]
    income = [(r.get("行次"), r.get("金额")) for r in rows if r.side is Side.INCOME]
    expense = [r.get("行次") for r in rows if r.side is Side.EXPENSE]
    assert income[-1] == (D("25"), D("0.00"))
    assert expense == [D("52")]


def test_fs_gpb_tables(fs):
    gpb = table(fs, "gpb_expenditure")
    # p15: 2140102 一般行政管理事务 905.60 0.00 905.60
    assert row(gpb, "2140102").get("项目支出/小计") == D("905.60")
    basic = table(fs, "gpb_basic")
    # p17: 30108 机关事业单位基本养老保险缴费 47.01 30206 电费 11.22 — both halves
    assert row(basic, "30108").get("合计") == D("47.01")
    assert row(basic, "30206").get("合计") == D("11.22")
    # p17: 301 工资福利支出 649.20 302 商品和服务支出 94.65
    assert row(basic, "301").get("合计") == D("649.20")
    assert row(basic, "302").get("合计") == D("94.65")


def test_fs_sangong(fs):
    (r,) = table(fs, "sangong").rows
    # p21: 栏次 1 … 12, then 0.00 0.00 0.00 0.00 0.00 0.00 0.16 0.00 0.00 0.00 0.00 0.16
    assert r.get("栏次/12") == D("12")
    assert r.get("预算数/合计") == D("0.00")
    assert r.get("“三公”经费合计") == D("0.16")
    assert r.get("公务接待费") == D("0.16")
    assert r.get("因公出国（境）费") == D("0.00")


def test_fs_gov_fund(fs):
    t = table(fs, "gov_fund")
    # p22: 合计 0.00 0.00 0.00 0.00 0.00 0.00 / 21208 国有土地使用权出让收入 / 及对应专项债务收入安排
    # / 的支出 / 0.00 … 0.00
    assert row(t, "21208").name == "国有土地使用权出让收入及对应专项债务收入安排的支出"
    total = t.total_row()
    assert total is not None and total.get("年末结转和结余") == D("0.00")


def test_fs_row_numbers_are_not_summed(fs):
    report = audit(fs, select=["table.column-sum"])
    assert not [f for f in report.findings if f.location.column == "行次"]


def test_fs_identities(fs):
    assert unexplained(fs, KNOWN[FOSHAN.name]) == ([], [])


# -- the families leave other fixtures alone, and the others leave theirs ----------------------


@pytest.mark.parametrize(
    "name",
    [
        "sh-putuo-zfb-2025-ys-dept.pdf",
        "sh-putuo-ghzyj-2024-js.pdf",
        "suz-sjj-2026-ys.pdf",
        "js-fy-2019-ys.pdf",
        "hz-qxj-2026-ys.pdf",
        "huz-czj-2026-ys.pdf",
        "fz-ybj-2026-ys.pdf",
    ],
)
def test_other_fixtures_are_not_taken(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} is not a fixture here")
    doc = read_path(path)
    assert doc.meta.template not in ("guangdong", "shenzhen", "national-final"), name
