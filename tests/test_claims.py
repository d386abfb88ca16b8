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


def test_years_and_document_numbers_are_not_amounts():
    got = claims_of("根据财预〔2017〕98 号，从2018 年起，本单位2024年支出合计 5.00 万元。")
    assert [(k, v) for k, _, v, *_ in got] == [(ClaimKind.AMOUNT, Decimal("5.00"))]
