"""Four more template families as data: shandong, jilin, chongqing, shaanxi; and national-final
on the Xi'an 部门决算.

Fixtures (tests/fixtures/corpus): 长春市信访局 2026 (cc-xfj-2026-ys.pdf: Jilin, 预算表 1 … 11) and
中共重庆市委宣传部 2026 (cq-xcb-2026-ys.pdf: Chongqing, 表一 … 表九). The other three documents of
these families are larger and stay in the shared corpus (/work/shared/corpus, the one
benchmarks/corpus.py sweeps): 烟台市审计局 2026 (yt-sjj-2026-ys.pdf: Shandong, 公开表1 … 12),
西安市医疗保障局 2022 综合预算 (xa-ybj-2022-ys.pdf: Shaanxi, 表1 … 表16) and 西安市卫生健康委员会
2022 部门决算 (xa-wjw-2022-js.pdf, 171 pages: 公开01表 … 公开09表, the national 部门决算 layout,
read by the national-final family: no Shaanxi 决算 family is needed). Their tests run where that
corpus is, and are skipped in a bare clone.

Every cell checked here was read off the PDF by eye (the page as the reader counts it, p1 being
the file's first page, and the printed line in the comment). Real documents carry real errors:
the identity tests accept exactly the failures listed with their reason (a real error of the
disclosure, or a reader / format gap), each as many times as it occurs, and nothing else. Each
place the reader or the template format cannot read yet is a strict xfail naming the gap.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.audit import audit
from yusuan.model import Disclosure, Side
from yusuan.read import read_path
from yusuan.read.tokens import chinese_number

from conftest import FIXTURES
from families import Known, row, table, tset, unexplained

CORPUS = FIXTURES / "corpus"
JILIN = CORPUS / "cc-xfj-2026-ys.pdf"
CHONGQING = CORPUS / "cq-xcb-2026-ys.pdf"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SHANDONG = SHARED / "yt-sjj-2026-ys.pdf"
SHAANXI = SHARED / "xa-ybj-2022-ys.pdf"
XIAN_FINAL = SHARED / "xa-wjw-2022-js.pdf"

MINE = ("shandong", "jilin", "chongqing", "shaanxi")

D = Decimal


def shared(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path.name}: no shared corpus here")


# -- identities: the failures each document is known to have ---------------------------------

JL_SUBTOTAL_ZERO = (
    "real: p8 prints 2014002 一般行政管理事务 458.00 | 当年预算 小计 0.00 基本支出 0.00 项目支出 458.00 "
    "(and 2014099 16.56 | 0.00 0.00 16.56): 当年预算/小计 should be 458.00 and 16.56"
)
JL_301 = (
    "real: p11 301 工资福利支出 911.21, but its 款 (30101 297.50 … 30199 9.74) add up to 920.96"
)
JL_302 = "real: p11 302 商品和服务支出 211.00, but its 款 add up to 221.37"
SX_MEDICAL = (
    "real/rule: p33 2101102 事业单位医疗 53680000 and 2101103 公务员医疗补助 3795026.26 hold project "
    "money (市属离休人员医疗保障专项资金, 市级公务员医疗救助专项资金: 表10 p40), which 表8's basic "
    "30110/30111 (909441.06) never has"
)
SF_PENSION = (
    "real/rule: a 汇总 决算 with hospitals books part of its 30108/30109/30110/30113 basic money "
    "under 210 hospital codes, not 2080505/2080506/21011/2210201 (p154–p158)"
)

KNOWN: dict[str, list[Known]] = {
    JILIN.name: [
        Known("table.row-sum", "expenditure", "2014002 一般行政管理事务", 2, JL_SUBTOTAL_ZERO),
        Known("table.row-sum", "expenditure", "2014099 其他信访事务支出", 2, JL_SUBTOTAL_ZERO),
        Known("table.column-sum", "expenditure", "20140 信访事务", 1, JL_SUBTOTAL_ZERO),
        Known("table.column-sum", "gpb_basic", "301 工资福利支出", 3, JL_301),
        Known("table.column-sum", "gpb_basic", "302 商品和服务支出", 3, JL_302),
    ],
    CHONGQING.name: [],
    SHANDONG.name: [],
    SHAANXI.name: [
        Known("cross.function-economic", "gpb_expenditure", "2101101 行政单位医疗", 1, SX_MEDICAL),
    ],
    XIAN_FINAL.name: [
        Known(
            "cross.function-economic",
            "gpb_expenditure",
            "2080505 机关事业单位基本养老保险缴费支出",
            1,
            SF_PENSION,
        ),
        Known(
            "cross.function-economic",
            "gpb_expenditure",
            "2080506 机关事业单位职业年金缴费支出",
            1,
            SF_PENSION,
        ),
        Known("cross.function-economic", "gpb_expenditure", "2101101 行政单位医疗", 1, SF_PENSION),
        Known("cross.function-economic", "gpb_expenditure", "2210201 住房公积金", 1, SF_PENSION),
    ],
}


# -- the templates as data ---------------------------------------------------------------------


def test_the_families_load_with_their_tables():
    assert [t.key for t in tset("shandong").tables] == [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic",
        "sangong",
        "gov_fund",
        "state_capital",
        "basic_economic",
        "projects",
        "procurement",
    ]
    assert [t.id for t in tset("shandong").tables] == [f"公开表{n}" for n in range(1, 13)]
    assert [t.key for t in tset("jilin").tables] == [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic",
        "sangong",
        "gov_fund",
        "projects",
        "state_capital",
        "performance_projects",
    ]
    assert [t.id for t in tset("jilin").tables] == [f"预算表{n}" for n in range(1, 12)]
    assert [t.id for t in tset("chongqing").tables] == [f"表{n}" for n in "一二三四五六七八九"]
    assert [t.id for t in tset("shaanxi").tables] == [f"表{n}" for n in range(1, 17)]
    assert [t.key for t in tset("shaanxi").tables if not t.required] == ["special_performance"]


@pytest.mark.parametrize(
    "name, printed, number",
    [
        ("shandong", "公开表5", 5),
        ("shandong", "公开表12", 12),
        ("jilin", "（预算表 1）", 1),
        ("jilin", "(预算表 11)", 11),
        ("chongqing", "表一", 1),
        ("chongqing", "表九", 9),
    ],
)
def test_id_pattern_matches_the_printed_ids(name, printed, number):
    match = tset(name).id_pattern.search(printed)
    assert match is not None and chinese_number(match.group(1)) == number


def test_ids_of_other_families_are_not_taken():
    # 公开01表 is Jiangsu's and the national 决算's; a bare 表1 is Guangdong's, Shenzhen's …;
    # a title line that carries its id (收支总表（预算表 1）) is a title, not an id line.
    assert tset("shandong").id_pattern.search("公开01表") is None
    assert tset("jilin").id_pattern.search("收支总表（预算表 1）") is None
    assert tset("chongqing").id_pattern.search("表1") is None
    assert tset("shaanxi").id_pattern.search("表1") is None  # found by its titles only


@pytest.mark.parametrize("name", MINE)
def test_columns_the_audit_reads_keep_the_audits_paths(name):
    t = tset(name)
    summary = t.by_key("summary")
    assert summary is not None
    assert "金额" in summary.panels[0].columns and "金额" in summary.panels[1].columns
    fiscal = t.by_key("fiscal_summary")
    assert fiscal is not None and "合计" in fiscal.panels[1].columns
    expenditure = t.by_key("expenditure")
    assert expenditure is not None and expenditure.columns[0] == "合计"
    gpb = t.by_key("gpb_expenditure")
    assert gpb is not None and gpb.columns[0] == "合计"
    sangong = t.by_key("sangong")
    assert sangong is not None
    if name in ("shandong", "chongqing", "shaanxi"):  # a 三公 total of this year's budget
        for column in (
            "“三公”经费合计",
            "因公出国（境）费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/公务用车购置费",
            "公务用车购置及运行费/公务用车运行费",
            "公务接待费",
        ):
            assert column in sangong.columns, column
    income = t.by_key("income")
    assert income is not None
    assert income.columns[0] in ("总计", "本年收入/合计")


def test_my_sets_do_not_take_other_fixtures():
    for path in sorted(CORPUS.iterdir()):
        if path.suffix != ".pdf" or path in (JILIN, CHONGQING):
            continue
        doc = read_path(path)
        assert doc.meta.template not in MINE, path.name


# -- jilin: cc-xfj-2026-ys.pdf ----------------------------------------------------------------


@pytest.fixture(scope="module")
def jl() -> Disclosure:
    return read_path(JILIN)


def test_jilin_tables(jl):
    assert jl.meta.template == "jilin"
    assert jl.meta.year == 2026
    assert [t.key for t in jl.tables] == [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic",
        "sangong",
        "gov_fund",  # 预算表 8, empty; its page has no line breaks (read from its grid)
        "projects",
        "state_capital",
        "performance_projects",
    ]
    assert all(t.template == "jilin" for t in jl.tables)
    # titles carry their id in brackets: found by title, the id line pattern not needed
    assert table(jl, "summary").title == "收支总表（预算表 1）"
    assert table(jl, "gpb_basic").title == "本年一般公共预算基本支出表(预算表 6)"


def test_jilin_summary(jl):
    t = table(jl, "summary")
    # p6: 一、财政拨款收入 1682.76 1682.76 0.00 (本年预算 编制预算 上年结转)
    r = row(t, "财政拨款收入", Side.INCOME)
    assert (r.get("金额"), r.get("编制预算"), r.get("上年结转")) == (
        D("1682.76"),
        D("1682.76"),
        D("0.00"),
    )
    # p6: 二、社会保障和就业支出 178.42 178.42 0.00 / 四、住房保障支出 93.27 93.27 0.00
    assert row(t, "社会保障和就业支出", Side.EXPENSE).get("金额") == D("178.42")
    assert row(t, "住房保障支出", Side.EXPENSE).get("编制预算") == D("93.27")
    # p6: 本年收入合计 1682.76 1682.76 0.00 … / 收入总计 1682.76 … 支出总计 1682.76 …
    assert row(t, "本年收入合计", Side.INCOME).get("金额") == D("1682.76")
    assert row(t, "本年支出合计", Side.EXPENSE).get("金额") == D("1682.76")
    assert row(t, "支出总计", Side.EXPENSE).get("上年结转") == D("0.00")


def test_jilin_summary_income_sub_item_stays_income(jl):
    t = table(jl, "summary")
    # p6: 一般公共预算拨款收入 1682.76 1682.76 0.00 (printed under 一、财政拨款收入, 收入 side)
    assert row(t, "一般公共预算拨款收入", Side.INCOME).get("金额") == D("1682.76")


def test_jilin_income_and_expenditure(jl):
    income = table(jl, "income")
    # p7: 105001 长春市信访局 1682.76 1682.76 1682.76 0.00 … 0.00 (17 figures)
    (unit,) = income.rows
    assert unit.code == "105001" and unit.name == "长春市信访局"
    assert unit.get("总计") == D("1682.76")
    assert unit.get("本年收入/合计") == D("1682.76")
    assert unit.get("本年收入/一般公共预算/小计") == D("1682.76")
    assert unit.get("上年结转结余/单位资金") == D("0.00")
    assert jl.meta.unit_codes == ("105001",)
    spending = table(jl, "expenditure")
    # p8: 总计： 1682.76 1682.76 1208.2 474.56 0.00 0.00 0.00 0.00 0.00
    total = spending.total_row()
    assert total is not None
    assert total.get("当年预算/基本支出") == D("1208.2")
    assert total.get("当年预算/项目支出") == D("474.56")
    # p8: 2014002 一般 / 行政管理事务 / 458.00 0.00 0.00 458.00 0.00 … (当年预算/小计 printed 0.00)
    r = row(spending, "2014002")
    assert r.name == "一般行政管理事务"
    assert (r.get("合计"), r.get("当年预算/小计"), r.get("当年预算/项目支出")) == (
        D("458.00"),
        D("0.00"),
        D("458.00"),
    )
    # p8: 2080505 / 机关 / 事业单位基本 / 养老保险缴费 / 支出 / 105.80 …
    assert row(spending, "2080505").name == "机关事业单位基本养老保险缴费支出"
    assert row(spending, "2080505").get("当年预算/基本支出") == D("105.80")


def test_jilin_fiscal_summary(jl):
    t = table(jl, "fiscal_summary")
    # p9: 一、本年收入 1682.76 1682.76 0.00 / 收 入 总 计 1682.76 1682.76 0.00
    assert row(t, "本年收入", Side.INCOME).get("金额") == D("1682.76")
    assert row(t, "收入总计", Side.INCOME).get("金额") == D("1682.76")
    # p9: 一、一般公共服务支出 1378.41 1378.41 0.00 / 支 出 总 计 1682.76 1682.76 0.00
    assert row(t, "一般公共服务支出", Side.EXPENSE).get("合计") == D("1378.41")
    assert row(t, "支出总计", Side.EXPENSE).get("编制预算") == D("1682.76")


def test_jilin_fiscal_summary_housing_is_spending(jl):
    t = table(jl, "fiscal_summary")
    # p9: 四、住房保障支出 93.27 93.27 0.00 (支出 side)
    assert row(t, "住房保障支出", Side.EXPENSE).get("合计") == D("93.27")


def test_jilin_gpb_tables(jl):
    gpb = table(jl, "gpb_expenditure")
    # p10: 2014001 行政运行 903.85 903.85 903.85 692.85 211.00 0.00 / 0.0 / 0.0 / 0.00 0.00 0.00
    r = row(gpb, "2014001")
    assert r.get("合计") == D("903.85")
    assert r.get("当年预算/基本支出/人员经费") == D("692.85")
    assert r.get("当年预算/基本支出/公用经费") == D("211.00")
    assert r.get("上年结转结余/项目支出") == D("0.00")
    basic = table(jl, "gpb_basic")
    # p11: 合计 1208.20 1208.20 997.20 211.00 0.00 0.00 0.00
    total = basic.total_row()
    assert total is not None
    assert total.get("当年预算/人员经费") == D("997.20")
    assert total.get("当年预算/公用经费") == D("211.00")
    # p11: 30217 公务接待费 0.86 0.86 0.00 0.86 0.00 0.00 0.00
    assert row(basic, "30217").get("当年预算/公用经费") == D("0.86")
    # p11: 30208 取暖费 23.37 … / 30208 物业管理费 36.18 … (the code printed twice)
    assert [r.name for r in basic.rows if r.code == "30208"] == ["取暖费", "物业管理费"]


def test_jilin_gpb_total_is_read_whole(jl):
    total = table(jl, "gpb_expenditure").total_row()
    assert total is not None and total.get("合计") == D("1682.76")


def test_jilin_sangong(jl):
    (r,) = table(jl, "sangong").rows
    # p12: 7.61 7.61 0.00 0.00 0.00 6.75 0.00 6.75 0.86 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00
    assert r.get("“三公”经费合计") == D("7.61")
    assert r.get("当年预算/小计") == D("7.61")
    assert r.get("当年预算/公务用车购置及运行费/小计") == D("6.75")
    assert r.get("当年预算/公务用车购置及运行费/公务用车运行费") == D("6.75")
    assert r.get("当年预算/公务接待费") == D("0.86")
    assert r.get("上年结转结余/公务接待费") == D("0.00")


def test_jilin_gov_fund_is_found(jl):
    assert table(jl, "gov_fund").is_empty


def test_jilin_projects_total(jl):
    t = table(jl, "projects")
    # p14: 474.56 474.56 0.00 0.00 0.00 0.00 0.00 0.00 0.00 (部门特定目标类项目 / 综合管理)
    total = t.total_row()
    assert total is not None and total.get("本年拨款/一般公共预算") == D("474.56")


def test_jilin_projects_by_name(jl):
    # p14: 2026 信访专项经费 … 30.00 30.00 0.00 …
    assert row(table(jl, "projects"), "2026信访专项经费").get("合计") == D("30.00")


def test_jilin_identities(jl):
    assert unexplained(jl, KNOWN[JILIN.name]) == ([], [])


# -- chongqing: cq-xcb-2026-ys.pdf ------------------------------------------------------------


@pytest.fixture(scope="module")
def cq() -> Disclosure:
    return read_path(CHONGQING)


def test_chongqing_tables(cq):
    assert cq.meta.template == "chongqing"
    assert cq.meta.year == 2026
    assert [t.key for t in cq.tables] == [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic",
        "gov_fund",
        "sangong",
        "procurement",
    ]
    # p8 … p24: 表一 … 表九, each above its title
    assert [t.id for t in cq.tables] == [f"表{n}" for n in "一二三四五六七八九"]
    assert table(cq, "summary").title == "2026 年单位收支总体情况表"


def test_chongqing_summary(cq):
    t = table(cq, "summary")
    # p8: 合计 45,369.18 合计 45,369.18 (printed first, on both sides)
    assert row(t, "合计", Side.INCOME).get("金额") == D("45369.18")
    assert row(t, "合计", Side.EXPENSE).get("金额") == D("45369.18")
    # p8: 九、其他收入资金 513.00 / 七、住房保障支出 662.86
    assert row(t, "其他收入资金", Side.INCOME).get("金额") == D("513.00")
    assert row(t, "住房保障支出", Side.EXPENSE).get("金额") == D("662.86")
    # p8: 三、国有资本经营预算资金 三、文化旅游体育与传媒支出 19,527.61
    assert row(t, "国有资本经营预算资金", Side.INCOME).get("金额") is None
    assert row(t, "文化旅游体育与传媒支出", Side.EXPENSE).get("金额") == D("19527.61")


def test_chongqing_summary_first_income_row(cq):
    assert row(table(cq, "summary"), "一般公共预算资金", Side.INCOME).get("金额") == D("37891.58")


def test_chongqing_summary_glued_amount(cq):
    # p8: 二、政府性基金预算资金 4,066.60二、教育支出 9.30
    t = table(cq, "summary")
    assert row(t, "政府性基金预算资金", Side.INCOME).get("金额") == D("4066.60")
    assert row(t, "教育支出", Side.EXPENSE).get("金额") == D("9.30")


def test_chongqing_income(cq):
    t = table(cq, "income")
    # p9: 合计 45,369.18 37,891.58 4,066.60 2,898.00 513.00
    total = t.total_row()
    assert total is not None
    assert [total.get(c) for c in ("总计", "一般公共预算拨款收入", "政府性基金预算拨款收入")] == [
        D("45369.18"),
        D("37891.58"),
        D("4066.60"),
    ]
    assert (total.get("事业收入"), total.get("其他收入")) == (D("2898.00"), D("513.00"))
    # p10: 2070205 博物馆 12,580.86 9,264.91 2,802.96 513.00 (the column totals place them)
    r = row(t, "2070205")
    assert (r.get("一般公共预算拨款收入"), r.get("事业收入"), r.get("其他收入")) == (
        D("9264.91"),
        D("2802.96"),
        D("513.00"),
    )
    # p10: 20707 4,036.60 4,036.60 (政府性基金); p10: 2080801 死亡抚恤 18.00 18.00 (事业收入)
    assert row(t, "20707").get("政府性基金预算拨款收入") == D("4036.60")
    assert row(t, "2080801").get("事业收入") == D("18.00")


def test_chongqing_name_around_its_code(cq):
    assert row(table(cq, "income"), "20707").name == "国家电影事业发展专项资金安排的支出"


def test_chongqing_expenditure_and_fiscal_summary(cq):
    spending = table(cq, "expenditure")
    # p12: 合计 45,369.18 13,236.18 32,133.00 / 2013304 宣传管理 121.56 2.54 119.03
    total = spending.total_row()
    assert total is not None and total.get("基本支出/小计") == D("13236.18")
    r = row(spending, "2013304")
    assert (r.get("合计"), r.get("基本支出/小计"), r.get("项目支出/小计")) == (
        D("121.56"),
        D("2.54"),
        D("119.03"),
    )
    fiscal = table(cq, "fiscal_summary")
    # p15: 二、上年结转 2,719.75 二、结转下年 / （二）政府性基金预算拨款 1,036.60
    assert row(fiscal, "上年结转", Side.INCOME).get("金额") == D("2719.75")
    assert row(fiscal, "政府性基金预算拨款", Side.INCOME).get("金额") == D("1036.60")
    # p15: （三）文化旅游体育与传媒支出 16,211.66 12,145.06 4,066.60
    r = row(fiscal, "文化旅游体育与传媒支出", Side.EXPENSE)
    assert (r.get("合计"), r.get("一般公共预算/小计"), r.get("政府性基金预算")) == (
        D("16211.66"),
        D("12145.06"),
        D("4066.60"),
    )
    # p15: 收入合计 41,958.18 支出合计 41,958.18 37,891.58 4,066.60
    assert row(fiscal, "收入合计", Side.INCOME).get("金额") == D("41958.18")
    assert row(fiscal, "支出合计", Side.EXPENSE).get("一般公共预算/小计") == D("37891.58")


def test_chongqing_fiscal_summary_this_years_income(cq):
    # p15: 一、本年收入 39,238.43一、本年支出 41,958.18 37,891.58 4,066.60
    assert row(table(cq, "fiscal_summary"), "本年收入", Side.INCOME).get("金额") == D("39238.43")


def test_chongqing_gpb_tables(cq):
    gpb = table(cq, "gpb_expenditure")
    # p16: 合计 37,891.58 12,899.62 11,105.08 1,794.53 24,991.96
    total = gpb.total_row()
    assert total is not None
    assert [total.get(c) for c in gpb.columns] == [
        D("37891.58"),
        D("12899.62"),
        D("11105.08"),
        D("1794.53"),
        D("24991.96"),
    ]
    # p16: 205 教育支出 9.30 9.30 9.30 (公用经费, as the 合计 row's 1,794.53 says)
    assert row(gpb, "205").get("基本支出/公用经费") == D("9.30")
    basic = table(cq, "gpb_basic")
    # p20: 30212 因公出国 （境）费用 100.00 100.00 / 30231 公务用车运行维护费 112.00 112.00 (p21)
    assert row(basic, "30212").name == "因公出国（境）费用"
    assert row(basic, "30212").get("公用经费") == D("100.00")
    assert row(basic, "30231").get("公用经费") == D("112.00")
    # p19: 30102 津贴补贴 592.02 592.02
    assert row(basic, "30102").get("人员经费") == D("592.02")
    fund = table(cq, "gov_fund")
    # p22: 合计 4,066.60 4,066.60 (项目支出: 表三 p13 books 20707 and 20709 as 项目支出)
    total = fund.total_row()
    assert total is not None and total.get("项目支出/小计") == D("4066.60")


def test_chongqing_seven_digit_economic_codes(cq):
    # p19: 3010201 规范性津补贴 503.79 503.79, under 30102
    assert row(table(cq, "gpb_basic"), "3010201").get("人员经费") == D("503.79")


def test_chongqing_sangong(cq):
    (r,) = table(cq, "sangong").rows
    # p23: 275.80 100.00 112.00 112.00 63.80
    assert r.get("“三公”经费合计") == D("275.80")
    assert r.get("因公出国（境）费") == D("100.00")
    assert r.get("公务用车购置及运行费/小计") == D("112.00")
    assert r.get("公务用车购置及运行费/公务用车运行费") == D("112.00")
    assert r.get("公务用车购置及运行费/公务用车购置费") is None
    assert r.get("公务接待费") == D("63.80")


def test_chongqing_procurement_rows(cq):
    # p24: 合计 712.49 504.98 … / A 货物 486.50 480.50 … 6.00 / C 服务 225.99 24.48 … 201.51
    t = table(cq, "procurement")
    goods = row(t, "A货物", Side.EXPENSE)  # the letter that keys the row kept in its name
    assert (goods.get("总计"), goods.get("事业收入")) == (D("486.50"), D("6.00"))
    assert row(t, "C服务", Side.EXPENSE).get("其他收入") == D("201.51")
    assert t.total_row(Side.EXPENSE).get("总计") == D("712.49")


def test_chongqing_identities(cq):
    assert unexplained(cq, KNOWN[CHONGQING.name]) == ([], [])


# -- shandong: yt-sjj-2026-ys.pdf (shared corpus) ---------------------------------------------


@pytest.fixture(scope="module")
def sd() -> Disclosure:
    return read_path(SHANDONG)


@shared(SHANDONG)
def test_shandong_tables_and_cells(sd):
    assert sd.meta.template == "shandong"
    assert [t.key for t in sd.tables] == [t.key for t in tset("shandong").tables]
    summary = table(sd, "summary")
    # p8: 一、财政拨款收入 2,776.75 一、一般公共服务支出 2731.79 / 五、其他收入 781.60 八、卫生健康支出 151.80
    assert row(summary, "财政拨款收入", Side.INCOME).get("金额") == D("2776.75")
    assert row(summary, "其他收入", Side.INCOME).get("金额") == D("781.60")
    assert row(summary, "卫生健康支出", Side.EXPENSE).get("金额") == D("151.80")
    # p8: 本 年 收 入 合 计 3558.35 本 年 支 出 合 计 3558.35 / 收 入 总 计 3558.35 …
    assert row(summary, "本年收入合计", Side.INCOME).get("金额") == D("3558.35")
    assert row(summary, "支出总计", Side.EXPENSE).get("金额") == D("3558.35")
    income = table(sd, "income")
    # p9: 201 一般公共服务支出 2,731.79 1,950.19 1,950.19 781.60
    r = row(income, "201")
    assert (r.get("总计"), r.get("本年收入/一般公共预算/小计"), r.get("其他收入")) == (
        D("2731.79"),
        D("1950.19"),
        D("781.60"),
    )
    gpb = table(sd, "gpb_expenditure")
    # p15: 201 一般公共服务支出 1,950.19 1,945.69 1,711.58 234.11 4.50
    r = row(gpb, "201")
    assert (r.get("基本支出/人员经费"), r.get("基本支出/公用经费"), r.get("项目支出/小计")) == (
        D("1711.58"),
        D("234.11"),
        D("4.50"),
    )
    basic = table(sd, "gpb_basic")
    # p17: 合计 2,772.24 2,536.91 235.33 / 301 01 基本工资 501 01 工资奖金津补贴 442.38 442.38
    total = basic.total_row()
    assert total is not None and total.get("人员经费") == D("2536.91")
    assert row(basic, "30101").gov_code == "50101"
    (sangong,) = table(sd, "sangong").rows
    # p19: 11.90 8.50 3.40 | 3.40 3.40 (2025年预算数 合计 因公出国 公务接待 | 2026年 合计 公务接待)
    assert sangong.get("上年预算数/合计") == D("11.90")
    assert sangong.get("上年预算数/因公出国（境）经费") == D("8.50")
    assert sangong.get("“三公”经费合计") == D("3.40")
    assert sangong.get("公务接待费") == D("3.40")
    assert sangong.get("因公出国（境）费") is None
    # p20, p21: （注：2026年没有使用政府性基金预算拨款安排的支出。）
    assert table(sd, "gov_fund").is_empty and table(sd, "state_capital").is_empty
    procurement = table(sd, "procurement")
    # p25: 合计 5.80 5.80 (单位资金)
    assert row(procurement, "合计").get("单位资金") == D("5.80")


@shared(SHANDONG)
def test_shandong_sub_codes(sd):
    # p11: 01 行政运行 1,535.85 1,535.85 (under 201 / 08 审计事务)
    assert row(table(sd, "expenditure"), "2010801").get("合计") == D("1535.85")


@shared(SHANDONG)
def test_shandong_letter_spaced_total(sd):
    total = table(sd, "expenditure").total_row()
    assert total is not None and total.get("合计") == D("3558.35")


@shared(SHANDONG)
def test_shandong_second_page(sd):
    # p18: 302 17 公务接待费 502 06 公务接待费 3.40 3.40
    assert row(table(sd, "gpb_basic"), "30217").get("公用经费") == D("3.40")


@shared(SHANDONG)
def test_shandong_income_sub_item(sd):
    assert row(table(sd, "summary"), "一般公共预算收入", Side.INCOME).get("金额") == D("2776.75")


@shared(SHANDONG)
def test_shandong_projects(sd):
    rows = [r for r in table(sd, "projects").rows if r.category == "其他运转类"]
    assert [r.get("合计") for r in rows] == [D("31.00"), D("4.50")]
    # p24: 审计业务经费 其他运转类 31.00 … 31.00 (单位资金): the name before its type
    assert [r.name for r in rows] == ["审计业务经费", "烟台市智慧审计平台等保测评服务"]
    assert rows[0].get("单位资金") == D("31.00")


@shared(SHANDONG)
def test_shandong_identities(sd):
    assert unexplained(sd, KNOWN[SHANDONG.name]) == ([], [])


# -- shaanxi: xa-ybj-2022-ys.pdf (shared corpus) ----------------------------------------------


@pytest.fixture(scope="module")
def sx() -> Disclosure:
    return read_path(SHAANXI)


@shared(SHAANXI)
def test_shaanxi_tables_and_cells(sx):
    assert sx.meta.template == "shaanxi"
    keys = [t.key for t in sx.tables]
    assert set(keys) == {t.key for t in tset("shaanxi").tables}
    summary = table(sx, "summary")
    assert summary.unit.value == "元"
    # p29: 1、财政拨款 480544221.62 … / 本年收入合计 480544221.62 / 收入总计 480544221.62
    assert row(summary, "财政拨款", Side.INCOME).get("金额") == D("480544221.62")
    assert row(summary, "收入总计", Side.INCOME).get("金额") == D("480544221.62")
    # p29: 10、卫生健康支出 475907032.42 (4th line of the 支出 panels)
    assert row(summary, "卫生健康支出", Side.EXPENSE).get("金额") == D("475907032.42")
    income = table(sx, "income")
    # p30: 245002 西安市医疗保障经办服务中心 454472259.1 454472259.1 426680000 0 0 0 0 0 0 0 0 0
    r = row(income, "245002")
    assert r.get("总计") == D("454472259.1")
    assert r.get("本年收入/一般公共预算/其中：专项资金列入部门预算项目") == D("426680000")
    assert r.get("其他收入") == D("0")
    gpb = table(sx, "gpb_expenditure")
    # p33: 2101501 行政运行 18075270.36 16440637.19 1634633.17 0
    r = row(gpb, "2101501")
    assert (r.get("基本支出/人员经费"), r.get("基本支出/公用经费"), r.get("项目支出/小计")) == (
        D("16440637.19"),
        D("1634633.17"),
        D("0"),
    )
    basic = table(sx, "gpb_basic")
    # p37: 合计 23111876.62 21477243.45 1634633.17 / 30113 住房公积金 50103 住房公积金 1514331.7 …
    total = basic.total_row()
    assert total is not None and total.get("公用经费") == D("1634633.17")
    assert row(basic, "30113").gov_code == "50103"
    # p38: 30239 其他交通费用 50201 办公经费 962778 932778 30000 (partly 人员经费)
    assert row(basic, "30239").get("人员经费") == D("932778")
    projects = table(sx, "projects")
    # p40: 245001 西安市医疗保障局 10508500 / DRGs国家试点工作经费 3500000
    assert row(projects, "245001").get("合计") == D("10508500")
    assert row(projects, "DRGs国家试点工作经费").get("合计") == D("3500000")
    (total, *units) = table(sx, "sangong").rows
    # p45: 合计 551800 30400 0 30400 0 0 0 147850 373550 627300 35000 0 10000 25000 0 25000
    # 202300 390000 75500 4600 0 -20400 25000 0 25000 54450 16450
    assert total.get("上年/合计") == D("551800")
    assert total.get("合计") == D("627300")
    assert total.get("“三公”经费合计") == D("35000")
    assert total.get("公务接待费") == D("10000")
    assert total.get("公务用车购置及运行费/公务用车运行费") == D("25000")
    assert total.get("培训费") == D("390000")
    assert total.get("增减变化情况/三公经费/公务接待费") == D("-20400")
    assert [u.code for u in units] == ["245", "245001", "245002", "245003"]
    # p39, p42: 表9 and 表11 published empty (不涉及)
    assert table(sx, "gov_fund").is_empty and table(sx, "fiscal_carryover").is_empty


@shared(SHAANXI)
def test_shaanxi_four_panels(sx):
    # p29: 12、城乡社区支出 0.00 (6)资本性支出 2399000.00 12、债务还本支出 0.00 — three 支出 rows
    assert row(table(sx, "summary"), "城乡社区支出", Side.EXPENSE).get("金额") == D("0.00")


@shared(SHAANXI)
def test_shaanxi_a_label_the_lists_cannot_place_is_reported(sx):
    # 表9 (empty, no `-` placeholders): `　　　对社会保障基金补助 十五、其他支出` fits the 功能 and
    # the 政府经济 lists alike (both end at 十四、): the leftmost is taken, and the reader says so
    notes = [d.message for d in sx.diagnostics if d.code == "parse.table-note"]
    assert any("fit more than one placement in the lists" in n for n in notes)


@shared(SHAANXI)
def test_shaanxi_projects_total(sx):
    total = table(sx, "projects").total_row()
    assert total is not None and total.get("合计") == D("457432345")


@shared(SHAANXI)
def test_shaanxi_performance_overall_is_the_table(sx):
    t = table(sx, "performance_overall")
    assert sx.page_of(t.span.line) == 48


@shared(SHAANXI)
def test_shaanxi_identities(sx):
    assert unexplained(sx, KNOWN[SHAANXI.name]) == ([], [])


# -- national-final on xa-wjw-2022-js.pdf (shared corpus) -------------------------------------


@pytest.fixture(scope="module")
def sf() -> Disclosure:
    return read_path(XIAN_FINAL)


@shared(XIAN_FINAL)
def test_xian_final_tables_and_cells(sf):
    assert sf.meta.template == "national-final"
    assert [t.key for t in sf.tables] == [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic",
        "gov_fund",
        "state_capital",
        "sangong_by_measure",
        "sangong",
    ]
    summary = table(sf, "summary")
    # p146: 一、一般公共预算财政拨款收入 1 296,030.91 一、一般公共服务支出 31 56.00
    r = row(summary, "一般公共预算财政拨款收入", Side.INCOME)
    assert (r.get("行次"), r.get("金额")) == (D("1"), D("296030.91"))
    assert row(summary, "一般公共服务支出", Side.EXPENSE).get("金额") == D("56.00")
    # p146: 二、外交支出 32 (行次 only)
    assert row(summary, "外交支出", Side.EXPENSE).get("金额") is None
    # p146: 本年收入合计 27 2,015,094.22 本年支出合计 57 2,074,962.01 / 总计 30 2,480,372.70 …
    assert row(summary, "本年收入合计", Side.INCOME).get("金额") == D("2015094.22")
    assert row(summary, "本年支出合计", Side.EXPENSE).get("金额") == D("2074962.01")
    assert row(summary, "总计", Side.EXPENSE).get("金额") == D("2480372.70")
    income = table(sf, "income")
    # p147: 合计 2,015,094.22 805,251.56 1,110,972.11 98,870.55
    total = income.total_row()
    assert total is not None
    assert total.get("本年收入/财政拨款收入") == D("805251.56")
    assert total.get("本年收入/事业收入") == D("1110972.11")
    assert total.get("本年收入/其他收入") == D("98870.55")
    spending = table(sf, "expenditure")
    # p151: 2100201 综合医院 956,810.57 852,633.08 104,177.49
    r = row(spending, "2100201")
    assert (r.get("基本支出/小计"), r.get("项目支出/小计")) == (D("852633.08"), D("104177.49"))
    fiscal = table(sf, "fiscal_summary")
    # p153: 二十三、其他支出 55 568,051.63 568,051.63 (政府性基金)
    assert row(fiscal, "其他支出", Side.EXPENSE).get("合计") == D("568051.63")
    # p153: 总计 64 864,177.93 296,126.29 568,051.63
    r = row(fiscal, "总计", Side.EXPENSE)
    assert (r.get("合计"), r.get("一般公共预算财政拨款"), r.get("政府性基金预算财政拨款")) == (
        D("864177.93"),
        D("296126.29"),
        D("568051.63"),
    )
    gpb = table(sf, "gpb_expenditure")
    # p155: 2100410 突发公共卫生事件应急处理 77,024.07 3,845.00 73,179.07
    assert row(gpb, "2100410").get("项目支出/小计") == D("73179.07")
    basic = table(sf, "gpb_basic")
    # p157: 30101 基本工资 32,390.68 30201 办公费 279.66 31001 房屋建筑物购建 (three halves)
    assert row(basic, "30101").get("合计") == D("32390.68")
    assert row(basic, "30201").get("合计") == D("279.66")
    assert row(basic, "31002").get("合计") == D("7.17")
    fund = table(sf, "gov_fund")
    # p159: 229 其他支出 58,830.98 509,220.66 568,051.63 568,051.63
    r = row(fund, "229")
    assert (r.get("年初结转和结余"), r.get("本年收入"), r.get("合计")) == (
        D("58830.98"),
        D("509220.66"),
        D("568051.63"),
    )
    # p160: 国有资本经营预算财政拨款支出决算表 … 合计 (nothing else)
    assert table(sf, "state_capital").is_empty


@shared(XIAN_FINAL)
def test_xian_final_fund_money_is_project_money(sf):
    assert row(table(sf, "gov_fund"), "229").get("项目支出/小计") == D("568051.63")


@shared(XIAN_FINAL)
def test_xian_final_half_without_amount(sf):
    # p157: 30106 伙食补助费 30204 手续费 31005 基础设施建设 (no amounts): 30106 has none
    assert row(table(sf, "gpb_basic"), "30106").get("合计") is None


@shared(XIAN_FINAL)
def test_xian_final_sangong(sf):
    # p161 公开09表 财政拨款“三公”经费及会议费、培训费支出决算表 (2022: 会议费 and 培训费 added,
    # 预算数 and 决算数 printed as two rows), read as sangong_by_measure and folded into sangong:
    # 预算数 593.46 - 591.60 136.48 455.12 1.86 86.81 2795.78
    # 决算数 587.55 - 587.44 136.48 450.96 0.11 86.81 2795.78
    (r,) = table(sf, "sangong").rows
    assert r.get("合计/预算数") == D("593.46")
    assert r.get("合计/决算数") == D("587.55")
    assert r.get("因公出国（境）费/决算数") is None  # printed -
    assert r.get("公务用车购置及运行维护费/公务用车运行维护费/决算数") == D("450.96")
    assert (r.get("公务接待费/预算数"), r.get("公务接待费/决算数")) == (D("1.86"), D("0.11"))
    assert r.get("会议费/决算数") == D("86.81")
    assert r.get("培训费/预算数") == D("2795.78")
    # and the 三公 sum is checked on it, by its own form's identities: both rows add up
    report = audit(sf, select=["sangong.sum"])
    assert (report.evaluated, report.findings) == (4, ())


@shared(XIAN_FINAL)
def test_xian_final_carry_over_sub_item(sf):
    # p153: 一般公共预算财政拨款 29 95.39 61 (a sub-item of 年初结转和结余, 收入 side; 61 is the
    # 支出 side's own sub-item of 年末结转和结余, under the same printed label)
    rows = [r for r in table(sf, "fiscal_summary").rows if r.name == "一般公共预算财政拨款"]
    income = [(r.get("行次"), r.get("金额")) for r in rows if r.side is Side.INCOME]
    assert income[-1] == (D("29"), D("95.39"))
    assert [r.get("行次") for r in rows if r.side is Side.EXPENSE] == [D("61")]


@shared(XIAN_FINAL)
def test_xian_final_identities(sf):
    assert unexplained(sf, KNOWN[XIAN_FINAL.name]) == ([], [])
