"""Narrative claims: what quantity each figure names, however the sentence was broken."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from yusuan.audit.claims import ClaimKind, extract_claims
from yusuan.read.text import read_text


def claims_of(body: str):
    text = "第二部分\n\n一、支出预算总体情况说明\n\n" + textwrap.dedent(body).strip() + "\n"
    doc = read_text(text, "t.txt")
    return [(c.kind, c.subject, c.value, c.unit, c.base) for c in extract_claims(doc)]


def test_amounts_and_shares_with_their_whole():
    got = claims_of(
        """
        本单位2024年支出合计1,200.00万元，其中：基本支出 900.00 万元，占 75.00%；
        项目支出300万元，占25%。
        """
    )
    assert (ClaimKind.AMOUNT, "本年支出合计", Decimal("1200.00"), "万元", None) in got
    assert (ClaimKind.SHARE, "基本支出", Decimal("75.00"), "%", "本年支出合计") in got
    assert (ClaimKind.SHARE, "项目支出", Decimal("25"), "%", "本年支出合计") in got


def test_sentences_broken_across_lines_and_full_width_forms():
    got = claims_of(
        """
        本单位２０２４年“三公”经

        费预算为６７．５万元，比２０２３年减少２．８１万
        元，下降４．０％。
        """
    )
    assert (ClaimKind.AMOUNT, "三公经费", Decimal("67.5"), "万元", None) in got
    assert (ClaimKind.CHANGE, "三公经费", Decimal("2.81"), "万元", None) in got
    assert (ClaimKind.CHANGE_PERCENT, "三公经费", Decimal("4.0"), "%", None) in got


def test_yuan_and_yi_yuan_units():
    got = claims_of("机关运行经费支出预算 1,234,567.89 元。收入总计1.2亿元。")
    assert (ClaimKind.AMOUNT, "机关运行经费", Decimal("1234567.89"), "元", None) in got
    assert (ClaimKind.AMOUNT, "收入总计", Decimal("12000.0"), "万元", None) in got


def test_share_of_a_named_whole():
    got = claims_of("授予中小企业合同金额50万元，占政府采购支出总额的25%。")
    assert (ClaimKind.SHARE, "政府采购中小企业", Decimal("25"), "%", "政府采购") in got


def test_a_figure_of_an_unknown_quantity_is_not_attributed_to_the_previous_one():
    got = claims_of("人员经费支出716.73 万元，支出项目共 7 个，支出总额 840.80 万元。")
    assert (ClaimKind.AMOUNT, None, Decimal("840.80"), "万元", None) in got
    assert (ClaimKind.COUNT, "项目数", Decimal("7"), "个", None) in got


def test_generic_words_yield_to_the_specific_quantity_before_them():
    got = claims_of("“三公”经费支出预算数较上年增加0万元，与上年持平。")
    kinds = {(k, s) for k, s, *_ in got}
    assert (ClaimKind.CHANGE, "三公经费") in kinds
    assert (ClaimKind.FLAT, "三公经费") in kinds


def test_the_money_an_evaluation_covered_is_no_total():
    # fs-gdjt-2019-js: 共组织对 0 个项目开展了重点绩效评价，涉及一般公共预算支出 0 万元
    got = claims_of("共组织对 0 个项目开展了重点绩效评价，涉及一般公共预算支出 0 万元。")
    assert [(k, s, v) for k, s, v, *_ in got if k is ClaimKind.AMOUNT] == [
        (ClaimKind.AMOUNT, None, Decimal("0"))
    ]
    got = claims_of("一般公共预算支出 1,668.14 万元。")
    assert got[0][:3] == (ClaimKind.AMOUNT, "一般公共预算支出", Decimal("1668.14"))


def test_years_and_document_numbers_are_not_amounts():
    got = claims_of("根据财预〔2017〕98 号，从2018 年起，本单位2024年支出合计 5.00 万元。")
    assert [(k, v) for k, _, v, *_ in got] == [(ClaimKind.AMOUNT, Decimal("5.00"))]


def test_a_kuan_or_xiang_named_under_its_class_is_the_subject():
    got = claims_of(
        """
        （1）一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）36.77 万元，
        主要用于机关运转。（2）卫生健康支出（类）行政单位医疗（项）10.00 万元。（3）社会保障和就业
        支出（类）行政事业单位养老支出（款）20.00万元。（4）一般公共服务支出（类）财政事务（款）其他
        财政事务支出（项）1153.00 万元，主要用于会计管理支出 652.00 万元。一般公共服务（类）支出
        5356.01 万元，占 78.4%。
        """
    )
    assert got == [
        (
            ClaimKind.AMOUNT,
            "class:expenditure:201/政府办公厅(室)及相关机构事务/行政运行",
            Decimal("36.77"),
            "万元",
            None,
        ),
        (ClaimKind.AMOUNT, "class:expenditure:210//行政单位医疗", Decimal("10.00"), "万元", None),
        (
            ClaimKind.AMOUNT,
            "class:expenditure:208/行政事业单位养老支出",
            Decimal("20.00"),
            "万元",
            None,
        ),
        (
            ClaimKind.AMOUNT,
            "class:expenditure:201/财政事务/其他财政事务支出",
            Decimal("1153.00"),
            "万元",
            None,
        ),
        # what the 项's money is used for is no quantity of the tables
        (ClaimKind.AMOUNT, None, Decimal("652.00"), "万元", None),
        (ClaimKind.AMOUNT, "class:expenditure:201", Decimal("5356.01"), "万元", None),
        # a 项 stated first is no whole of the section's shares
        (ClaimKind.SHARE, "class:expenditure:201", Decimal("78.4"), "%", None),
    ]


def sections_of(body: str):
    doc = read_text("第二部分\n\n" + textwrap.dedent(body).strip() + "\n", "t.txt")
    return doc, [(s.number, s.title) for s in doc.sections if s.number]


def test_headings_that_name_their_table_or_wrap_start_their_own_sections():
    doc, got = sections_of(
        """
        二、部门预算安排情况说明
        （一）支出预算情况说明（详见表 1-3）
        2026 年支出预算 5,876.67 万元。
        （二）财政拨款收支预算情况的总体说明（详见表 4）
        2026 年财政拨款收支总预算 5,753.07 万元。
        （三）关于某某局 2026 年一般公共预算当年拨
        款情况说明
        2026 年一般公共预算当年拨款 5,753.07 万元。社会保障
        和就业（类）支出 396.67 万元，占 6.9%。
        （1）自然资源海洋气象等支出（类）气象事务（款）
        气象服务（项）1,980.00 万元。
        （四）一般公共预算“三公”经费预算情况说明（详
        见表 7）
        2026 年“三公”经费预算数为 24.02 万元。
        """
    )
    assert got == [
        ("二、", "部门预算安排情况说明"),
        ("（一）", "支出预算情况说明（详见表 1-3）"),
        ("（二）", "财政拨款收支预算情况的总体说明（详见表 4）"),
        ("（三）", "关于某某局 2026 年一般公共预算当年拨款情况说明"),
        ("（四）", "一般公共预算“三公”经费预算情况说明（详见表 7）"),
    ]
    assert doc.sections[-1].text == "2026 年“三公”经费预算数为 24.02 万元。"
    # the share in (三) is of its own whole, not of (一)'s 支出预算 5,876.67
    shares = [c for c in extract_claims(doc) if c.kind is ClaimKind.SHARE]
    assert [(c.subject, c.value, c.base) for c in shares] == [
        ("class:gpb_expenditure:208", Decimal("6.9"), "一般公共预算支出")
    ]


def test_a_sentence_that_opens_with_the_comparison_is_about_the_one_before():
    got = claims_of(
        """
        （1）科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）28.00 万元，主要
        用于模型项目。比上年执行数减少 113.53 万元，下降 80.2%，主要原因是项目建设已完成。
        2026 年一般公共预算基本支出 3,745.07 万元，比上年执行数增加 13.59 万元，增长 0.4%。
        """
    )
    item = "class:expenditure:206/技术研究与开发/科技成果转化与扩散"
    assert (ClaimKind.CHANGE, item, Decimal("113.53"), "万元", None) in got
    assert (ClaimKind.CHANGE_PERCENT, item, Decimal("80.2"), "%", None) in got
    basic = "一般公共预算基本支出"
    assert (ClaimKind.CHANGE_PERCENT, basic, Decimal("0.4"), "%", None) in got


def test_a_source_of_funds_before_a_generic_word_is_no_total():
    got = claims_of("其中：其他资金收入预算总计 15 万元。与上年相比增加 9.45 万元，增长 170.27%。")
    assert [s for _, s, *_ in got] == [None, None, None]
