"""Claim records (what `yusuan claims` prints): the fund of a figure no words name."""

from __future__ import annotations

import textwrap

from yusuan.audit.engine import Context
from yusuan.audit.records import claim_records
from yusuan.model import Disclosure, DocKind, Meta, Section, Span

AT = Span("t.txt", 1, 1)


def records(narrative: str, kind: DocKind) -> dict[str, tuple[str, str, str]]:
    text = textwrap.dedent(narrative).strip()
    sections = (Section("第二部分", "一", "其他重要事项的情况说明", text, AT),)
    doc = Disclosure(Meta(path="t.txt", year=2024, kind=kind), sections=sections, tables=())
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
