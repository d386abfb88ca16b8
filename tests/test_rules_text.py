"""The text rules on small disclosures written out here, and on the seed.

Each disclosure is the narrative only (parts and numbered headings) unless a table is the
point; findings are asserted as (rule, line) or (rule, stated, expected).
"""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent

from yusuan.audit import Report, audit
from yusuan.model import Disclosure
from yusuan.read.text import read_text


def read(text: str) -> Disclosure:
    return read_text(dedent(text), "t.txt")


def run(text: str | Disclosure, rule: str) -> Report:
    doc = read(text) if isinstance(text, str) else text
    return audit(doc, select=[rule])


def lines(text: str | Disclosure, rule: str) -> list[tuple[str, int | None]]:
    return [(f.rule, f.location.line) for f in run(text, rule).findings]


def figures(text: str, rule: str) -> list[tuple[str, Decimal | None, Decimal | None]]:
    return [(f.rule, f.stated, f.expected) for f in run(text, rule).findings]


# -- text.comparison-year ----------------------------------------------------------------------

BUDGET_2023 = """\
    第一部分 概况
    一、机构设置及人员情况
    截止2022年12月31日，共有在编人员 3 人。
    第二部分 某局2023年部门预算情况说明
    一、收入支出预算总体情况说明
    某局 2023 年收入总计 10.00 万元，{comparison}减少 1.00 万元。
    二、支出预算经济分类情况说明
    按照《通知》（财预〔2017〕98 号）要求，从2018 年起全面实施改革。
    三、国有资产占用情况
    2022 年期末，共有车辆 2 辆。
"""


def test_a_comparison_with_the_wrong_year_is_reported_at_its_line():
    text = BUDGET_2023.format(comparison="与 2021 年预算相比，")
    assert figures(text, "text.comparison-year") == [
        ("text.comparison-year", Decimal(2021), Decimal(2022))
    ]
    assert lines(text, "text.comparison-year") == [("text.comparison-year", 6)]


def test_a_comparison_year_broken_onto_the_next_line_is_found_there():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        某局 2023 年收入总计 10.00 万元，较
        2020 年
        减少 1.00 万元。
    """
    assert lines(text, "text.comparison-year") == [("text.comparison-year", 4)]


def test_the_previous_year_and_other_years_pass():
    for comparison in ("与 2022 年预算相比，", "比2022年", "较 2022 年度"):
        report = run(BUDGET_2023.format(comparison=comparison), "text.comparison-year")
        assert report.findings == ()
        # 截止2022年12月31日, 〔2017〕, 从2018年起, 2022年期末 are no comparisons
        assert report.evaluated == 1


def test_a_final_account_may_compare_with_the_same_years_budget():
    text = """\
        第一部分 某局2022年度部门决算情况说明
        一、收入支出决算总体情况说明
        2022 年度收入总计 10.00 万元，与2022年年初预算相比，增加 1.00 万元；
        与2021年度决算相比，减少 2.00 万元；与2022年度决算相比，减少 2.00 万元。
    """
    doc = read(text)
    assert doc.meta.kind.value == "决算" and doc.meta.year == 2022
    assert figures(text, "text.comparison-year") == [
        ("text.comparison-year", Decimal(2022), Decimal(2021))
    ]


def test_without_a_fiscal_year_the_comparison_is_skipped():
    text = """\
        第一部分 概况
        一、收入支出总体情况说明
        收入总计 10.00 万元，与2021年相比，减少 1.00 万元。
    """
    report = run(text, "text.comparison-year")
    assert report.findings == ()
    assert report.skipped_reasons == (("text.comparison-year: the fiscal year is unknown", 1),)


# -- text.placeholder --------------------------------------------------------------------------


def test_template_placeholders_are_reported_one_each():
    text = """\
        第二部分 XX局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        收入总计 10.00 万元，比2022年增加（减少）X万元，上升（下降）1%。
        二、“三公”经费支出预算情况说明
        公务接待费××万元，主要用于【 】；负责人：＿＿＿。
        三、政府采购支出情况
        政府采购预算xxx万元，增长/下降 1%。
    """
    assert lines(text, "text.placeholder") == [
        ("text.placeholder", 1),
        ("text.placeholder", 3),
        ("text.placeholder", 3),
        ("text.placeholder", 3),
        ("text.placeholder", 5),
        ("text.placeholder", 5),
        ("text.placeholder", 5),
        ("text.placeholder", 7),
        ("text.placeholder", 7),
    ]


def test_multiplication_signs_letters_and_filled_text_are_no_placeholders():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、绩效目标设置情况
        预算执行率=（预算完成数/预算数）×100%，购置X光机 1 台，XXL 型号；
        比2022年增加 1.00 万元（减少部分已另行说明）。
    """
    report = run(text, "text.placeholder")
    assert report.findings == ()
    assert report.evaluated > 0


# -- text.empty-reason -------------------------------------------------------------------------


def test_an_explanation_left_empty_is_reported():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        收入总计 10.00 万元，比2022年减少 1.00 万元。主要原因是。
        二、财政拨款收入支出预算总体情况说明
        比2022年减少 1.00 万元，主要原因：。公用经费 1 万元，主要用于；
        三、机关运行经费支出情况
        比2022年减少 1.00 万元，原因是：
    """
    assert lines(text, "text.empty-reason") == [
        ("text.empty-reason", 3),
        ("text.empty-reason", 5),
        ("text.empty-reason", 5),
        ("text.empty-reason", 7),
    ]


def test_an_explanation_with_words_passes():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        比2022年减少 1.00 万元。主要原因是：
        人员调出。公用经费主要用于办公。变动原因如下：一是人员减少。
        今后将及时分析原因。
    """
    report = run(text, "text.empty-reason")
    assert report.findings == ()
    assert report.evaluated > 0


# -- text.punctuation --------------------------------------------------------------------------


def test_doubled_marks_and_unpaired_brackets_are_reported():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        收入总计 10.00 万元。。支出总计 10.00 万元，，其中基本支出 5 万元，。
        二、“三公”经费支出预算情况说明
        因公出国（境费 1 万元。“三公经费 2 万元。公务接待费）1 万元。
        三、机关运行经费
        办公费、、水电费；；
    """
    assert lines(text, "text.punctuation") == [
        ("text.punctuation", 3),
        ("text.punctuation", 3),
        ("text.punctuation", 3),
        ("text.punctuation", 5),
        ("text.punctuation", 5),
        ("text.punctuation", 5),
        ("text.punctuation", 7),
        ("text.punctuation", 7),
    ]


def test_a_bracket_closing_on_the_next_line_of_its_sentence_passes():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、一般公共预算基本支出预算情况说明
        人员经费 5 万元，主要包括：基本工资、机关事业单位基本养老保险缴费（含职业
        年金）、公务用车运行维护费；1）办公费 1 万元；2)水电费 1 万元；
        公务出国(境）的住宿费。他们说：“本年无出国安排。”
        （注：本项无数据。详见附表）
    """
    report = run(text, "text.punctuation")
    assert report.findings == ()
    assert report.evaluated > 0


def test_table_regions_are_not_checked():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、政府性基金预算支出预算情况说明
        政府性基金预算支出 0 万元。

        预算09表
        2023年政府性基金预算支出情况表
        科目编码 单位（科目名称） 合计 基本支出 项目支出
        合计
        （二十）国防支出(
    """
    assert lines(text, "text.punctuation") == []


# -- text.dept-wording -------------------------------------------------------------------------

UNIT_BUDGET = """\
    第一部分 某中心概况
    一、主要职责
    负责某某工作。
    第二部分 某中心2023年{kind}预算情况说明
    一、收入支出预算总体情况说明
    本部门2023年收入总计 10.00 万元，我部门部门预算由本级预算组成。
    二、支出预算经济分类情况说明
    分设部门预算支出经济分类科目，按照部门预算管理要求，详见《部门预算项目绩效目标汇总表》。
    第三部分 名词解释
    一、“三公”经费：是指纳入部门预算管理的经费。
"""


def test_department_wording_in_a_units_own_budget_is_reported():
    text = UNIT_BUDGET.format(kind="单位")
    assert lines(text, "text.dept-wording") == [
        ("text.dept-wording", 6),
        ("text.dept-wording", 6),
        ("text.dept-wording", 6),
    ]
    messages = [f.message for f in run(text, "text.dept-wording").findings]
    assert "应改为“本单位”" in messages[0]


def test_department_wording_in_a_departments_budget_passes():
    report = run(UNIT_BUDGET.format(kind="部门"), "text.dept-wording")
    assert report.findings == ()
    assert report.evaluated == 1


def test_without_a_heading_that_says_which_it_is_skipped():
    text = """\
        第一部分 概况
        一、收入支出预算总体情况说明
        本部门收入总计 10.00 万元。
    """
    report = run(text, "text.dept-wording")
    assert report.findings == ()
    assert report.skipped == 1


# -- on the seed -------------------------------------------------------------------------------


def test_the_seed_has_no_text_findings(seed):
    report = audit(seed, select=["text"])
    assert report.findings == ()
    assert report.skipped_reasons == ()
    # every comparison names 2022 for 2023: 与2022年预算相比, 与2022年相比, 较2022年增加,
    # 与2022年持平, 较2022年无变动, 比2022年减少; 截止2022年12月31日 and 2022年期末 are none
    assert run(seed, "text.comparison-year").evaluated == 6
    # the seed calls itself 部门预算 (2023 年度部门预算情况说明): its 我部门 is its own word
    assert run(seed, "text.dept-wording").evaluated == 1


def test_the_seed_with_a_wrong_comparison_year_is_reported(seed):
    lines_ = list(seed.source)
    lines_[132] = lines_[132].replace("与 2022 年预算相", "与 2021 年预算相")
    doc = read_text("\n".join(lines_), "seed.txt")
    assert figures_of(doc, "text.comparison-year") == [
        ("text.comparison-year", 133, Decimal(2021), Decimal(2022))
    ]


def figures_of(doc: Disclosure, rule: str) -> list[tuple[str, int | None, object, object]]:
    return [(f.rule, f.location.line, f.stated, f.expected) for f in run(doc, rule).findings]
