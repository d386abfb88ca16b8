"""The narrative rules on bound figures: a document's own rounding convention, shares balanced
to 100.00, rates over a zero base, and item paragraphs read as one record."""

from __future__ import annotations

from decimal import Decimal

from test_binding import AT, D, doc, errors, row
from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.model import DocKind, MoneyUnit, RowKind, Table


def functional(unit: MoneyUnit = MoneyUnit.WAN, **items: str) -> Table:
    rows = [row("合计", {"合计": str(sum(Decimal(v) for v in items.values()))})]
    rows += [row(f"项{c}", {"合计": v}, kind=RowKind.CODE, code=c[1:]) for c, v in items.items()]
    return Table("expenditure", "支出预算总表", AT, ("合计",), tuple(rows), unit=unit)


def test_a_document_that_cuts_yuan_to_wan_is_held_to_its_own_convention():
    # sh-putuo-czj-2025-ys: 877,080 元 printed 87.70 万元, 782,164 元 78.21 万元 — always cut
    cut = doc(
        """
        1.“社会保障和就业支出（类）”87.70万元。
        2.“卫生健康支出（类）”78.21万元。
        3.“住房保障支出（类）”204.91万元。
        """,
        functional(MoneyUnit.YUAN, c208="877080", c210="782164", c221="2049197"),
    )
    assert errors(audit(cut, select=["narrative.amount"])) == []
    # One figure rounded where the two differ: the document rounds, the cut ones are wrong.
    mixed = doc(
        """
        1.“社会保障和就业支出（类）”87.70万元。
        2.“卫生健康支出（类）”78.22万元。
        3.“住房保障支出（类）”204.91万元。
        """,
        functional(MoneyUnit.YUAN, c208="877080", c210="782164", c221="2049197"),
    )
    assert len(errors(audit(mixed, select=["narrative.amount"]))) == 2


def shares(narrative: str):
    report = audit(
        doc(narrative, functional(c201="264.87", c208="10.82", c210="2.71", c221="29.42")),
        select=["narrative.share"],
    )
    return [(f.stated, f.severity) for f in report.findings]


def test_the_last_share_adjusted_so_that_the_shares_add_to_100_is_info():
    # sh-putuo-shgzb-2024-js: 29.42 ÷ 307.82 = 9.5575% printed 9.55 so that the four make 100.00
    text = (
        "本年支出合计307.82万元，其中：一般公共服务支出264.87万元，占86.05%；社会保障和就业支出"
        "10.82万元，占3.52%；卫生健康支出2.71万元，占0.88%；住房保障支出29.42万元，占{}%。"
    )
    assert shares(text.format("9.55")) == [(D("9.55"), Severity.INFO)]
    # 9.54 closes no gap: an error
    assert shares(text.format("9.54")) == [(D("9.54"), Severity.ERROR)]


def test_shares_that_add_to_100_when_rounded_right_were_not_balanced():
    # the seed: two shares off, one up and one down; the right roundings already add to 100
    text = (
        "本年支出合计307.82万元，其中：一般公共服务支出264.87万元，占86.05%；社会保障和就业支出"
        "10.82万元，占3.51%；卫生健康支出2.71万元，占0.89%；住房保障支出29.42万元，占9.55%。"
    )
    assert (D("0.89"), Severity.ERROR) in shares(text)


def test_a_growth_rate_over_a_zero_last_year_is_reported():
    # xa-ybj-2022-ys: 公务用车运行维护费 2.5万元 较上年增加2.5万元（100%）
    report = audit(
        doc("公务用车运行维护费 2.5 万元，较上年增加 2.5 万元（100%）。", title="三公经费说明"),
        select=["narrative.change-percent"],
    )
    (found,) = report.findings
    assert found.severity is Severity.ERROR and "上年数为 0" in found.message


def test_an_item_paragraph_is_checked_as_one_record():
    # sh-putuo-wanli-2023-ys item 3: 11.67 → 45.41 is +289.12%, printed +314.82%; item 16 states
    # 220.63 in its heading but 441.25 as its 预算安排
    narrative = """
        1.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”45.41万元，主要用于群众团体事务。
        2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%。
        2.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，
        主要用于职业年金。2022年当年预算执行数为137.60万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。
        """
    items = functional(c2012902="45.41", c2080506="220.63")
    report = audit(doc(narrative, items, year=2023), select=["narrative"])
    found = errors(report)
    assert ("narrative.change-percent", D("314.82"), D("289.12")) in found
    assert ("narrative.amount", D("441.25"), D("220.63")) in found
    assert not any(stated == D("45.41") for _, stated, _ in found)


def test_a_direction_word_against_the_sign_is_reported():
    narrative = """
        1.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”45.41万元。
        2022年当年预算执行数为50.00万元，2023年预算安排45.41万元，比2022年预算执行数增加9.18%。
        """
    report = audit(doc(narrative, functional(c2012902="45.41"), year=2023), select=["narrative"])
    (found,) = report.findings
    assert "方向相反" in found.message


def final_doc(narrative: str):
    from test_binding import Disclosure, Meta, Section, textwrap

    text = textwrap.dedent(narrative).strip()
    sections = (Section("第三部分", "五、", "一般公共预算财政拨款支出决算情况说明", text, AT, 1),)
    meta = Meta(path="t.txt", year=2024, kind=DocKind.FINAL)
    return Disclosure(meta, sections=sections)


def test_an_item_s_completion_rate_is_its_final_over_its_budget():
    # sh-putuo-ghzyj-2024-js p21: 9746.50 ÷ 10210.34 = 95.457%, printed 95.45
    narrative = """
        1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的{}%。
        """
    report = audit(final_doc(narrative.format("95.45")), select=["narrative.item"])
    assert errors(report) == [("narrative.item", D("95.45"), D("95.46"))]
    assert errors(audit(final_doc(narrative.format("95.46")), select=["narrative.item"])) == []


def test_the_words_comparing_final_and_budget_match_the_figures():
    narrative = """
        1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为100.00万元，支出决算为95.00万元，
        完成年初预算的95.00%。决算数{}预算数的主要原因是人员减少。
        """
    report = audit(final_doc(narrative.format("大于")), select=["narrative.item"])
    assert [f.message for f in report.findings if "大于" in f.message]
    assert errors(audit(final_doc(narrative.format("小于")), select=["narrative.item"])) == []


def test_an_item_stated_twice_differently_is_a_finding_when_no_table_decides():
    narrative = """
        1.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”45.41万元，主要用于群众团体事务。
        2022年当年预算执行数为11.67万元，2023年预算安排54.41万元。
        """
    report = audit(doc(narrative, year=2023), select=["narrative.item"])
    assert errors(report) == [("narrative.item", D("54.41"), D("45.41"))]
    # With the table stating the item, narrative.amount reports the one that differs instead.
    items = functional(c2012902="45.41")
    assert errors(audit(doc(narrative, items, year=2023), select=["narrative.item"])) == []


def test_a_table_read_with_no_rows_but_printing_figures_states_nothing_not_zero():
    # cs-gaj-2025-ys p21: the 三公 table prints 合计 458.50 28.50 …, its rows unread
    from test_binding import Disclosure, Meta
    from yusuan.audit.quantities import Quantities
    from yusuan.model import Span

    lines = ("2025年一般公共预算“三公”经费支出情况表", "合计 458.50 28.50 30.00 400.00", "注：无")
    table = Table("sangong", lines[0], Span("t.txt", 1, 3), ("“三公”经费合计",), ())
    meta = Meta(path="t.txt", year=2025, kind=DocKind.BUDGET)
    unread = Disclosure(meta, tables=(table,), source=lines)
    assert Quantities(unread).get("三公经费") is None
    empty = Disclosure(meta, tables=(table,), source=(lines[0], "合计", "注：无"))
    got = Quantities(empty).get("三公经费")
    assert got is not None and got.value == 0


def test_an_increase_larger_than_this_year_s_amount_is_reported():
    # sh-putuo-wanli-2023-ys p6: 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元
    narrative = "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。"
    report = audit(doc(narrative, year=2023), select=["narrative.item"])
    assert errors(report) == [("narrative.item", D("1421.25"), D("0"))]
    fine = "政府性基金拨款支出预算1500.00万元，比2022年预算增加1421.25万元。"
    assert errors(audit(doc(fine, year=2023), select=["narrative.item"])) == []
