"""The narrative of a 决算 (final accounts): its figures are the 决算数, its budget wording
(年初预算为 …) names the 预算数 printed beside them, and its own names of the fiscal totals."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.audit import audit
from yusuan.audit.claims import ClaimKind, extract_claims
from yusuan.audit.quantities import Quantities
from yusuan.model import Cell, Disclosure, DocKind, Meta, Row, RowKind, Section, Side, Span, Table

D = Decimal
AT = Span("t.txt", 1, 1)
FIXTURE = Path(__file__).parent / "fixtures" / "corpus" / "sh-putuo-ghzyj-2024-js.pdf"


def row(name: str, cells: dict[str, str], kind=RowKind.TOTAL, code=None, side=Side.NONE) -> Row:
    return Row(name, AT, kind, code, side, tuple(Cell(c, D(v)) for c, v in cells.items()))


# Shanghai's 三公 决算表: each item printed as 预算数 | 决算数.
SANGONG_SH = Table(
    "sangong",
    "财政拨款“三公”经费支出决算表",
    AT,
    ("合计/预算数", "合计/决算数", "公务接待费/预算数", "公务接待费/决算数"),
    (
        row(
            "",
            {
                "合计/预算数": "2.85",
                "合计/决算数": "0.39",
                "公务接待费/预算数": "2.85",
                "公务接待费/决算数": "0.39",
            },
            kind=RowKind.VALUES,
        ),
    ),
)
# The national 表 7: 预算数/… then the 决算数 under the plain names.
SANGONG_NATIONAL = Table(
    "sangong",
    "一般公共预算财政拨款“三公”经费支出决算表",
    AT,
    ("预算数/合计", "预算数/公务接待费", "“三公”经费合计", "公务接待费"),
    (
        row(
            "",
            {
                "预算数/合计": "5.00",
                "预算数/公务接待费": "5.00",
                "“三公”经费合计": "4.00",
                "公务接待费": "4.00",
            },
            kind=RowKind.VALUES,
        ),
    ),
)
FISCAL = Table(
    "fiscal_summary",
    "财政拨款收入支出决算总表",
    AT,
    ("金额", "合计"),
    (
        row("本年收入合计", {"金额": "90.00"}, side=Side.INCOME),
        row("总计", {"金额": "100.00"}, side=Side.INCOME),
        row("本年支出合计", {"合计": "80.00"}, side=Side.EXPENSE),
        row("总计", {"合计": "100.00"}, side=Side.EXPENSE),
    ),
    sides=(Side.INCOME, Side.EXPENSE),
)
BASIC = Table(
    "gpb_basic",
    "一般公共预算财政拨款基本支出决算表",
    AT,
    ("决算数",),
    tuple(
        row(name, {"决算数": v}, kind=RowKind.CODE, code=code)
        for code, name, v in (
            ("301", "工资福利支出", "60.00"),
            ("30101", "基本工资", "60.00"),
            ("302", "商品和服务支出", "15.00"),
            ("303", "对个人和家庭的补助", "5.00"),
            ("310", "资本性支出", "1.00"),
        )
    ),
)


def final(*tables: Table, narrative: str = "", kind: DocKind = DocKind.FINAL) -> Disclosure:
    text = textwrap.dedent(narrative).strip()
    sections = (Section("第三部分", "七", "财政拨款“三公”经费支出决算情况说明", text, AT),)
    meta = Meta(path="t.txt", year=2024, kind=kind)
    return Disclosure(meta, sections=sections if text else (), tables=tables)


@pytest.mark.parametrize(
    ("table", "decided", "planned"),
    [(SANGONG_SH, D("0.39"), D("2.85")), (SANGONG_NATIONAL, D("4.00"), D("5.00"))],
)
def test_a_final_s_sangong_figures_are_its_juesuan_and_its_yusuan_beside_them(
    table, decided, planned
):
    q = Quantities(final(table))
    got = q.get("公务接待费")
    assert got is not None and got.value == decided
    got = q.get("公务接待费@预算")
    assert got is not None and got.value == planned
    assert q.get("三公经费@预算") is not None


def test_fiscal_totals_and_staff_costs_of_a_final():
    q = Quantities(final(FISCAL, BASIC))
    assert q.get("财政拨款支出").value == D("80.00")  # type: ignore[union-attr]
    assert q.get("财政拨款收入").value == D("90.00")  # type: ignore[union-attr]
    assert q.get("财政拨款收支总计").value == D("100.00")  # type: ignore[union-attr]
    staff = q.get("人员经费")
    assert staff is not None and staff.value == D("65.00") and "301" in staff.where
    assert q.get("公用经费").value == D("16.00")  # type: ignore[union-attr]


def claims(narrative: str, kind: DocKind = DocKind.FINAL):
    doc = final(narrative=narrative, kind=kind)
    return [(c.kind, c.subject, c.value, c.base) for c in extract_claims(doc)]


def test_budget_wording_names_the_yusuan_and_shares_are_of_the_sangong_juesuan():
    got = claims(
        """
        “三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元。“三公”经费财政
        拨款支出决算中，公务接待费支出决算 0.39 万元，占100.00%。
        """
    )
    assert (ClaimKind.AMOUNT, "三公经费@预算", D("2.85"), None) in got
    assert (ClaimKind.AMOUNT, "三公经费", D("0.39"), None) in got
    assert (ClaimKind.SHARE, "公务接待费", D("100.00"), "三公经费") in got


def test_budget_wording_in_a_budget_document_is_the_figure_itself():
    got = claims("“三公”经费预算为 2.85 万元。", kind=DocKind.BUDGET)
    assert (ClaimKind.AMOUNT, "三公经费", D("2.85"), None) in got


def test_names_of_a_final_s_totals():
    got = claims(
        """
        财政拨款收入支出总计 100.00 万元。收入支出总计 120.00 万元。
        一般公共预算财政拨款支出 80.00 万元。政府性基金预算财政拨款收入 0 万元。
        """
    )
    assert (ClaimKind.AMOUNT, "财政拨款收支总计", D("100.00"), None) in got
    assert (ClaimKind.AMOUNT, "收入总计", D("120.00"), None) in got
    assert (ClaimKind.AMOUNT, "一般公共预算支出", D("80.00"), None) in got
    assert (ClaimKind.AMOUNT, "政府性基金预算收入", D("0"), None) in got


def test_a_list_of_totals_sharing_one_figure_is_named_by_its_first_item():
    got = claims("财政拨款收入总计、支出总计均为864,177.93万元。")
    assert (ClaimKind.AMOUNT, "财政拨款收支总计", D("864177.93"), None) in got


def test_a_functional_class_has_no_yusuan_in_a_final():
    q = Quantities(final(SANGONG_SH))
    assert q.get("class:expenditure:210@预算") is None
    assert "预算数" in q.why_unknown("class:expenditure:210@预算")


def test_a_final_s_sangong_narrative_is_checked_against_the_right_columns():
    narrative = """
        “三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元。“三公”经费财政
        拨款支出决算中，公务接待费支出决算 0.39 万元，占100.00%。
        """
    report = audit(final(SANGONG_SH, narrative=narrative), select=["narrative"])
    assert report.findings == ()
    assert report.evaluated == 4 and not report.skipped_reasons


@pytest.mark.skipif(not FIXTURE.exists(), reason="the corpus fixture is not there")
def test_ghzyj_final_narrative_is_checked_against_its_juesuan_tables():
    from yusuan.read import read_path

    report = audit(read_path(FIXTURE), select=["narrative"])
    # Only what no table of a Shanghai 决算 prints stays unchecked.
    # (an item paragraph's 年初预算 is of a 项, whose 预算数 no table prints either; items 12–13
    # name 住房保障支出 as their 款, which no code is)
    reasons = [
        r
        for r, _ in report.skipped_reasons
        if "预算数 of class:" not in r
        and "has no one code named" not in r
        and not r.startswith("narrative.item")
        and "econ:" not in r  # an economic class named: no table recipe reads one
    ]
    assert sorted(reasons) == [
        "narrative.amount: no table states the 预算数 of 一般公共预算支出",
        # (由中小企业供应商中标或成交的，采购金额 225.10 万元: no table states what they won)
        "narrative.amount: no table states 政府采购中小企业",
        "narrative.amount: no table states 机关运行经费",
    ]
    found = sorted((f.rule, f.stated, f.expected) for f in report.findings)
    assert found == [
        # 5377.64 and 4896.98 are the 支出决算表's 基本支出 of all funds, not 表 6's
        ("narrative.amount", D("236.63"), D("236.64")),
        ("narrative.amount", D("4896.98"), D("4884.10")),
        ("narrative.amount", D("5377.64"), D("5364.75")),
        ("narrative.item", D("95.45"), D("95.46")),  # 9746.50 ÷ 10210.34 = 95.457%
        ("narrative.share", D("99.86"), D("99.87")),  # 9746.50 ÷ 9759.38, truncated
    ]


# -- a shorter name for a fuller one just used ------------------------------------------------

SUMMARY = Table(
    "summary",
    "收入支出决算总表",
    AT,
    ("金额", "合计"),
    (
        row("收入总计", {"金额": "300.00"}, side=Side.INCOME),
        row("支出总计", {"合计": "300.00"}, side=Side.EXPENSE),
    ),
    sides=(Side.INCOME, Side.EXPENSE),
)


def headed(title: str, narrative: str, *tables: Table) -> Disclosure:
    text = textwrap.dedent(narrative).strip()
    sections = (Section("第二部分", "四", title, text, AT),)
    return Disclosure(
        Meta(path="t.txt", year=2024, kind=DocKind.FINAL), sections=sections, tables=tables
    )


def test_a_change_of_the_total_just_named_in_full_is_of_that_total():
    # xa-wjw-2022-js p10: 财政拨款收入总计、支出总计均为 864,177.93 万元，与上年相比收入总计、
    # 支出总计均增加 337,874.84 万元，增长 64.2% — of the 财政拨款 total (20 ÷ 80 = 25%), not of
    # the document's 收入总计 (300: 20 ÷ 280 = 7.14%)
    doc = headed(
        "财政拨款收入支出决算总体情况说明",
        "财政拨款收入总计、支出总计均为 100.00 万元，与上年相比收入总计、支出总计均增加"
        " 20.00 万元，增长 25.00%。",
        SUMMARY,
        FISCAL,
    )
    report = audit(doc, select=["narrative.change-percent"])
    assert report.findings == ()
    assert report.evaluated == 1
    wrong = headed(
        "财政拨款收入支出决算总体情况说明",
        "财政拨款收入总计、支出总计均为 100.00 万元，与上年相比收入总计、支出总计均增加"
        " 20.00 万元，增长 20.00%。",
        SUMMARY,
        FISCAL,
    )
    (found,) = audit(wrong, select=["narrative.change-percent"]).findings
    assert found.expected == D("25.00")


def test_a_percentage_of_another_quantity_takes_no_change_of_this_one():
    # p10: …均增加 337,874.84 万元，增长 64.2%，…故政府性基金预算财政拨款收入与上年同期相比，
    # 增加 144.81%: the sentence states no change amount of the fund
    doc = headed(
        "财政拨款收入支出决算总体情况说明",
        "财政拨款收入总计为 100.00 万元，与上年相比增加 20.00 万元，增长 25.00%，主要原因是"
        "政府性基金预算财政拨款收入与上年同期相比，增加 144.81%。",
        FISCAL,
    )
    report = audit(doc, select=["narrative.change-percent"])
    assert report.findings == ()


def test_a_share_of_a_whole_no_table_states_is_not_checked():
    # xa-wjw-2022-js p62: …直免报销工作占全部报销工作的比例超50%, after a sentence naming 卫生健康
    found = claims(
        """
        卫生健康支出 80.00 万元。献血者及亲属用血费用直免报销工作占全部报销工作的比例超50%。
        """
    )
    assert [c for c in found if c[0] is ClaimKind.SHARE] == [(ClaimKind.SHARE, None, D("50"), None)]


def test_a_share_s_part_is_the_amount_just_stated():
    # p58: 政府采购授予中小企业合同金额 24,498.01 万元，占政府采购支出合同总额的 9%，其中：
    # 授予小微企业合同金额 7,086.06 万元，占授予中小企业合同金额的 28.93% (a whole broken over two
    # lines is still named)
    found = claims(
        """
        政府采购支出总额共 272,067.69 万元。政府采购授予中小企业合同金额 24,498.01 万元，占政府
        采购支出合同总额的 9%，其中：授予小微企业合同金额 7,086.06 万元，占授予中小企业合同
        金额的 28.93%。
        """
    )
    shares = [c for c in found if c[0] is ClaimKind.SHARE]
    assert shares == [
        (ClaimKind.SHARE, "政府采购中小企业", D("9"), "政府采购"),
        (ClaimKind.SHARE, None, D("28.93"), "政府采购中小企业"),  # 小微企业: no quantity of ours
    ]


def test_a_sangong_is_summed_by_the_form_it_was_read_by():
    # national-final's sangong has two forms: 表 7 (2019: 预算数/合计 …, “三公”经费合计 …) and the
    # 2022 one folded from 预算数 / 决算数 rows (合计/预算数, 合计/决算数 …). The sum is checked
    # with the identities of the form whose columns the table has.
    from yusuan.templates import template_sets

    national = next(t for t in template_sets() if t.name == "national-final")
    form = next(t for t in national.tables if t.key == "sangong" and t.variant)
    cells = {
        "合计/预算数": "10.00",
        "公务接待费/预算数": "10.00",
        "合计/决算数": "9.00",  # 8.00 by its parts
        "公务接待费/决算数": "8.00",
    }
    title = "财政拨款“三公”经费及会议费、培训费支出决算表"
    rows = (row(title, cells, kind=RowKind.LABEL),)
    table = Table("sangong", title, AT, form.columns, rows, template="national-final")
    assert national.form_of("sangong", table.columns) is form
    report = audit(final(table), select=["sangong.sum"])
    assert report.evaluated == len(form.identities)
    found = [(f.location.column, f.stated, f.expected) for f in report.findings]
    assert found == [("合计/决算数", D("9.00"), D("8.00"))]


def abroad_table(abroad: str) -> Table:
    """A 决算 三公 table, 预算数 | 决算数, whose 因公出国（境）费 is `abroad` in both."""
    cells = {"合计/预算数": "3.00", "合计/决算数": "3.00"}
    cells |= {"因公出国（境）费/预算数": abroad, "因公出国（境）费/决算数": abroad}
    rows = (row("", cells, kind=RowKind.VALUES),)
    return Table("sangong", "财政拨款“三公”经费支出决算表", AT, tuple(cells), rows)


def test_a_final_s_trips_abroad_are_read_from_its_juesuan_column():
    # Shanghai (and the 2022 national form) print 因公出国（境）费 as 预算数 | 决算数: the activity
    # check reads the 决算数, not a plain column the table does not have.
    table = abroad_table("3.00")
    narrative = "本年度因公出国（境）团组0个。"
    report = audit(final(table, narrative=narrative), select=["sangong.activity"])
    found = [(f.location.column, f.stated, f.expected) for f in report.findings]
    assert found == [("因公出国（境）费/决算数", D("3.00"), D("0"))]


def test_visitors_received_and_people_trained_are_no_trips_abroad():
    # xa-wjw-2022-js: 本年度无财政拨款因公出国（境）费支出 … 共接待国内来访团组 3 个; its
    # performance tables count 人次 of training: none is a trip abroad the 0.00 contradicts
    table = abroad_table("0.00")
    narrative = "本年度无因公出国（境）费支出。公务接待费共接待国内来访团组3个，培训干部120人次。"
    report = audit(final(table, narrative=narrative), select=["sangong.activity"])
    assert report.findings == ()
    abroad = "本年度因公出国（境）团组2个、12人次。"
    report = audit(final(table, narrative=abroad), select=["sangong.activity"])
    assert [f.rule for f in report.findings] == ["sangong.activity"]
