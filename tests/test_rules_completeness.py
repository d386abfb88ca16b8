"""Completeness: the template's tables, empty tables said to be empty, required explanations."""

from __future__ import annotations

import dataclasses
from textwrap import dedent

from yusuan.audit import Report, audit
from yusuan.audit.rules.completeness import subject_words
from yusuan.model import Disclosure, Span, Table
from yusuan.read.text import read_text

NARRATIVE = """\
    第一部分 某局概况
    一、主要职责
    负责全局政府采购和国有资产管理工作。
    第二部分 某局2023年部门预算情况说明
    一、收入支出预算总体情况说明
    收入总计 10.00 万元。
    二、“三公”经费支出预算情况说明
    “三公”经费预算 1.00 万元。
    三、政府性基金预算支出预算情况说明
    {fund}
    四、其他重要事项的情况说明
    （一）机关运行经费支出情况
    机关运行经费 2.00 万元。
    （二）政府采购支出情况
    政府采购预算总额 0 万元。
    （三）绩效目标设置情况
    项目均编制了绩效目标。
    （四）国有资产占用情况
    共有车辆 1 辆。
    第三部分 名词解释
    一、“三公”经费：是指因公出国（境）费、公务用车购置及运行费和公务接待费。
"""

# The 12 tables of the provincial template, each an id, a title and a bare 合计 row.
TABLES = [
    ("预算01表", "2023年部门收支总体情况表"),
    ("预算02表", "2023年部门收入总体情况表"),
    ("预算03表", "2023年部门支出总体情况表"),
    ("预算04表", "2023年财政拨款收支总体情况表"),
    ("预算05表", "2023年一般公共预算支出情况表"),
    ("预算06表", "2023年一般公共预算基本支出表"),
    ("预算07表", "2023年支出经济分类汇总表"),
    ("预算08表", "2023年一般公共预算“三公”经费支出情况表"),
    ("预算09表", "2023年政府性基金预算支出情况表"),
    ("预算10表", "2023年项目支出表"),
    ("预算11表", "部门(单位)整体绩效目标表"),
    ("预算12表", "2023年部门预算项目绩效目标汇总表"),
]


def disclosure(
    fund: str = "政府性基金预算支出 0 万元。", tables: list[tuple[str, str]] = TABLES
) -> str:
    blocks = "".join(f"\n{id_}\n{title}\n单位：万元\n合计\n" for id_, title in tables)
    return dedent(NARRATIVE).format(fund=fund) + blocks


def run(text: str | Disclosure, rule: str) -> Report:
    doc = read_text(text, "t.txt") if isinstance(text, str) else text
    return audit(doc, select=[rule])


def found(text: str | Disclosure, rule: str) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.location.table, f.location.line) for f in run(text, rule).findings]


# -- completeness.table ------------------------------------------------------------------------


def test_each_missing_standard_table_is_reported_by_its_id():
    kept = [t for t in TABLES if t[0] not in ("预算05表", "预算10表")]
    assert found(disclosure(tables=kept), "completeness.table") == [
        ("completeness.table", "预算05表", None),
        ("completeness.table", "预算10表", None),
    ]
    messages = [f.message for f in run(disclosure(tables=kept), "completeness.table").findings]
    assert "预算05表《一般公共预算支出情况表》" in messages[0]


def test_all_standard_tables_pass():
    report = run(disclosure(), "completeness.table")
    assert report.findings == ()
    assert report.evaluated == 12


def test_a_narrative_without_tables_is_told_to_bring_its_tables():
    # 江苏 publishes its narrative (-text) and its tables (-tables) as two files
    report = run(disclosure(tables=[]), "completeness.table")
    (warning,) = report.findings
    assert warning.severity.name == "WARNING"
    assert "--as-one" in warning.message


CONTENTS = """    某局2019年度部门预算公开
    目 录
    第一部分 部门概况
    第二部分 2019年度部门预算表
    一、收支预算总表
    二、收入预算总表
    三、支出预算总表
    四、财政拨款收支预算总表
    五、财政拨款支出预算表
    六、一般公共预算“三公”经费、会议费、培训费支
    出预算表
    七、政府采购支出预算表
    第三部分 2019年度部门预算情况说明
"""


def test_a_contents_list_of_table_titles_is_no_table():
    # js-rd-2019-ys-text: the narrative file lists the tables it does not hold; each entry
    # read as an empty table had the narrative held against zeros
    text = dedent(CONTENTS) + dedent(NARRATIVE).format(fund="政府性基金预算支出 0 万元。")
    text += "其数据应与《某局部门收支预算总表》一致。\n"  # a title quoted in a sentence
    doc = read_text(text, "t.txt")
    assert doc.tables == ()
    assert [f.rule for f in audit(doc, select=["completeness.table"]).findings] == [
        "completeness.table"
    ]


# -- completeness.empty-table ------------------------------------------------------------------


def test_subject_words_come_from_the_title():
    doc = read_text(disclosure(), "t.txt")
    subjects = {t.id: subject_words(t) for t in doc.tables}
    assert subjects["预算09表"] == "政府性基金"
    assert subjects["预算08表"] == "三公经费"
    assert subjects["预算05表"] == "一般公共预算"
    titled = {
        "八、本年政府性基金预算支出表": "政府性基金",
        "2025年预算单位国有资本经营预算支出功能分类预算表": "国有资本经营",
        "一般公共预算“三公”经费、会议费、培训费支出预算表": "三公经费、会议费、培训费",
    }
    for title, subject in titled.items():
        assert subject_words(Table("gov_fund", title, Span(None, 1, 1), ())) == subject
    # printed with its id only: the template's title says what it is about
    bare = Table("gov_fund", "预算09表", Span(None, 1, 1), (), id="预算09表", template="prov12")
    assert subject_words(bare) == "政府性基金"


def test_an_empty_table_the_narrative_does_not_mention_is_reported():
    text = disclosure(fund="本年预算已全部公开。", tables=[TABLES[8]])
    assert found(text, "completeness.empty-table") == [("completeness.empty-table", "预算09表", 23)]


def test_an_empty_table_said_to_be_empty_passes():
    for fund in (
        "政府性基金预算支出 0 万元。",
        "本年无使用政府性基金预算拨款安排的支出。",
        "政府性基金预算支出为空表，无此项。",
    ):
        report = run(disclosure(fund=fund, tables=[TABLES[8]]), "completeness.empty-table")
        assert report.findings == (), fund
        assert report.evaluated == 1


def test_a_note_printed_with_the_empty_table_passes():
    text = disclosure(fund="本年预算已全部公开。", tables=[TABLES[8]])
    text += "注：本单位本年无政府性基金预算拨款安排的支出，故本表为空表。\n"
    report = run(text, "completeness.empty-table")
    assert report.findings == ()
    assert report.evaluated == 1


def test_an_empty_table_is_matched_by_its_own_subject():
    # the 三公 table is empty; the narrative's zero is about 政府性基金, and 三公 is 1.00
    text = disclosure(tables=[TABLES[7], TABLES[8]])
    assert found(text, "completeness.empty-table") == [("completeness.empty-table", "预算08表", 23)]


# -- completeness.explanation ------------------------------------------------------------------


def test_each_missing_explanation_is_reported_once():
    text = (
        disclosure()
        .replace("（二）政府采购支出情况\n政府采购预算总额 0 万元。\n", "")
        .replace("二、“三公”经费支出预算情况说明\n“三公”经费预算 1.00 万元。\n", "")
    )
    report = run(text, "completeness.explanation")
    # the 概况 names 政府采购 and the 名词解释 defines 三公经费: neither explains a budget
    assert [f.message for f in report.findings] == [
        "情况说明没有关于三公经费的说明。",
        "情况说明没有关于政府采购的说明。",
    ]
    assert [f.location.part for f in report.findings] == ["第二部分", "第二部分"]
    assert report.evaluated == 6


def test_a_disclosure_without_a_glossary_is_reported():
    text = disclosure().replace(
        "第三部分 名词解释\n一、“三公”经费：是指因公出国（境）费、公务用车购置及运行费和公务接待费。\n",
        "",
    )
    report = run(text, "completeness.explanation")
    assert [f.message for f in report.findings] == ["公开内容缺少名词解释部分。"]


def test_all_explanations_present_pass():
    report = run(disclosure(), "completeness.explanation")
    assert report.findings == ()
    assert report.evaluated == 6


def test_matters_asked_for_from_2017_are_not_required_of_an_earlier_year():
    bare = (
        disclosure()
        .replace("（三）绩效目标设置情况\n项目均编制了绩效目标。\n", "")
        .replace("（四）国有资产占用情况\n共有车辆 1 辆。\n", "")
        .replace("负责全局政府采购和国有资产管理工作。", "负责全局财务工作。")
    )
    report = run(bare, "completeness.explanation")
    assert [f.message for f in report.findings] == [
        "情况说明没有关于国有资产占用的说明。",
        "情况说明没有关于绩效目标的说明。",
    ]
    earlier = run(bare.replace("2023年", "2016年"), "completeness.explanation")
    assert earlier.findings == () and earlier.evaluated == 4


def test_a_file_of_table_titles_without_prose_is_skipped():
    # The tables half of a disclosure published in two files: a cover and titles, no prose.
    doc = read_text(disclosure(), "t.txt")
    titles = tuple(dataclasses.replace(s, text=s.text.replace("。", "")) for s in doc.sections)
    report = run(dataclasses.replace(doc, sections=titles), "completeness.explanation")
    assert report.findings == () and report.evaluated == 0
    assert any("no narrative prose" in reason for reason, _ in report.skipped_reasons)


# -- on the seed -------------------------------------------------------------------------------


def test_the_seed_is_complete(seed):
    report = audit(seed, select=["completeness"])
    assert report.findings == ()
    assert report.skipped == 0
    # 12 tables, 预算09表 empty and said so (政府性基金预算支出0万元), 6 explanations
    assert report.evaluated == 12 + 1 + 6
    assert [t.id for t in seed.tables if t.is_empty] == ["预算09表"]


def test_the_seed_without_a_table_or_the_sentence_for_its_empty_one(seed):
    lines = list(seed.source)
    # drop 预算05表 (its id line to the line before 预算06表) and the 政府性基金 sentence
    start = lines.index("预算05表")
    end = lines.index("预算06表")
    fund = next(i for i, ln in enumerate(lines) if ln.startswith("三门峡") and "政府性基金" in ln)
    cut = [ln for i, ln in enumerate(lines) if not start <= i < end and not fund <= i <= fund + 4]
    doc = read_text("\n".join(cut), "seed.txt")
    assert found(doc, "completeness.table") == [("completeness.table", "预算05表", None)]
    assert [f[:2] for f in found(doc, "completeness.empty-table")] == [
        ("completeness.empty-table", "预算09表")
    ]
