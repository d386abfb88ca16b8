"""Drafting defects of the narrative: template notes and blanks left in, dates and years,
figures without their unit, stray letters, items printed twice, names of classes.

Each disclosure is written out here (narrative only unless a table is the point); findings are
asserted as (rule, line) or with their severity.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from textwrap import dedent

from yusuan.audit import Report, audit
from yusuan.audit.finding import Severity
from yusuan.model import Disclosure
from yusuan.read.text import read_text


def read(text: str) -> Disclosure:
    return read_text(dedent(text), "t.txt")


def run(text: str, rule: str) -> Report:
    return audit(read(text), select=[rule])


def lines(text: str, rule: str) -> list[tuple[str, int | None]]:
    return [(f.rule, f.location.line) for f in run(text, rule).findings]


# -- text.placeholder: alternatives, blanks and notes to the filler ----------------------------


def test_an_alternative_left_in_either_order_is_a_placeholder():
    text = """\
        第二部分 某局2024年部门决算情况说明
        一、财政拨款支出决算情况说明
        比 2023 年度减少 0.15 万元，下降（增长）27.78%，其中：
        支出增加 1.00 万元，增长/减少 3.00%。
    """
    found = run(text, "text.placeholder").findings
    assert [(f.location.line, f.severity) for f in found] == [
        (3, Severity.ERROR),
        (4, Severity.ERROR),
    ]
    assert "下降（增长）" in found[0].message and found[0].suggestion


def test_a_unit_without_its_figure_is_a_blank_left_in():
    text = """\
        第二部分 某局2019年部门预算情况说明
        十、政府性基金预算支出情况说明
        2019年政府性基金支出预算支出 万元。与上年相比增长%。
        单位：万元。金额单位为万元，以万元为单位，支出 3.00 万元。
    """
    assert lines(text, "text.placeholder") == [
        ("text.placeholder", 3),
        ("text.placeholder", 3),
    ]


def test_a_note_to_the_filler_left_in_brackets_is_a_placeholder():
    text = """\
        第二部分 某局2026年部门预算情况说明
        五、国有资产占有使用情况（增加内容）
        截至2025年12月31日，共有车辆 2 辆。
        六、基本支出情况说明
        人员经费 10.00 万元，主要包括基本工资等。（按“部门预算公开 06 表 财政拨款基本支出
        预算表”中实际发生经济分类支出事项填写）
        七、绩效目标设置情况
        备注：涉密项目按要求不予公开。（请核实单位是否有涉密项目，若无涉密项目，则备注写“备注：无”）
        八、其他
        项目（如无此类支出，则删除本段）已完成。
    """
    found = run(text, "text.placeholder").findings
    assert [f.location.line for f in found] == [2, 5, 8, 10]
    assert all(f.severity is Severity.ERROR and f.suggestion for f in found)


def test_brackets_that_tell_the_reader_something_are_no_notes():
    text = """\
        第二部分 某局2026年部门预算情况说明
        一、收入支出预算总体情况说明
        收入预算 10.00 万元（含上年结转 1.00 万元），详见附表（表 3）。
        根据《关于2026年部门预算的批复》（财预〔2026〕7号）填列。
        聘请常驻律师至少 6 名（2 名执业律师和 4 名实习律师），请示事项（按月报送）。
        比上年增加 1.00 万元（减少部分已另行说明），增加的主要原因是人员增加。
    """
    report = run(text, "text.placeholder")
    assert report.findings == ()
    assert report.evaluated > 0


# -- text.year ---------------------------------------------------------------------------------


def severities(text: str, rule: str) -> list[tuple[int | None, Severity]]:
    return [(f.location.line, f.severity) for f in run(text, rule).findings]


def test_an_as_of_date_after_a_budget_was_written_is_an_error():
    text = """\
        第二部分 某局2026年部门预算情况说明
        六、国有资产占有使用情况
        截至2026年12月31日，本单位共有车辆0辆。
        截至 2025 年 12 月 31 日，共有单价100万元以上设备 0 台。
        截至2026年1月31日，本部门固定资产金额2.00万元。截止 2024 年底，共有房屋 1 处。
    """
    found = run(text, "text.year").findings
    assert [(f.location.line, f.severity, f.stated, f.expected) for f in found] == [
        (3, Severity.ERROR, 2026, 2025),
        (5, Severity.WARNING, 2024, 2025),  # two years back: stale, not impossible
    ]
    assert "2026年12月31日" in found[0].message and found[0].suggestion


def test_a_final_accounts_dates_are_held_to_its_year():
    text = """\
        第二部分 某局2024年度部门决算情况说明
        六、国有资产占用情况说明
        截至2024年12月31日，共有车辆 3 辆。截至2025年6月，已整改完成。
        截至2023年12月31日，共有车辆 3 辆。截至2026年12月31日，共有车辆 3 辆。
    """
    assert severities(text, "text.year") == [(4, Severity.WARNING), (4, Severity.ERROR)]


def test_a_project_period_that_leaves_out_the_fiscal_year_is_a_warning():
    text = """\
        第二部分 某局2025年部门预算情况说明
        一、项目概述
        实施周期2025年1月1日至2025年12月31日。项目周期：2024.1.1-2026.12.31。
        实施周期2023年1月1日至2023年12月31日。
    """
    assert severities(text, "text.year") == [(4, Severity.WARNING)]


def test_without_the_kind_of_document_dates_are_not_judged():
    text = """\
        第一部分 概况
        一、国有资产占有使用情况
        截至2030年12月31日，共有车辆 3 辆。
    """
    report = run(text, "text.year")
    assert report.findings == ()
    assert report.skipped_reasons


# -- text.missing-unit -------------------------------------------------------------------------


def test_a_rate_printed_without_its_percent_sign_is_reported():
    text = """\
        第二部分 某局2018年部门预算情况说明
        五、一般公共预算支出情况说明
        案件执行（项）支出 950 万元，与上年相比减少100 万元，减少 9.52，主要原因是压减经费。
        支出增加1,193.20 万元，增长 13.95。主要原因：项目增加。
        人员增加，比上年增加 3，主要原因是新进人员。
        增长 1.5 倍，增加 2 人，增长 3 个百分点，增加 1,003.69 万元，增长 9.2%。
    """
    found = run(text, "text.missing-unit").findings
    assert [(f.location.line, f.severity, f.stated) for f in found] == [
        (3, Severity.ERROR, Decimal("9.52")),
        (4, Severity.ERROR, Decimal("13.95")),
        (5, Severity.WARNING, Decimal(3)),
    ]
    assert "9.52%" in found[0].message


# -- text.stray-letter -------------------------------------------------------------------------


def test_a_letter_glued_into_a_year_is_reported():
    text = """\
        第二部分 某局2026年部门预算情况说明
        三、部门主要工作任务
        2026A 年，本局主要任务是：推进 DRG 付费，购置X光机 1 台，W060701单元，A级。
    """
    found = run(text, "text.stray-letter").findings
    assert [(f.location.line, f.severity) for f in found] == [(3, Severity.ERROR)]
    assert "2026A" in found[0].message and "2026年" in (found[0].suggestion or "")


# -- text.duplicate ----------------------------------------------------------------------------

LIST = """\
    第二部分 某局2025年部门预算情况说明
    一、财政拨款支出主要内容
    财政拨款支出主要内容如下：
    1.行政运行（项）100.00万元，主要用于基本支出。
    2.一般行政管理事务（项）10.00万元，主要用于业务指导。
    3.住房公积金（项）20.00万元，主要用于缴纳住房公积金。
    4.购房补贴（项）5.00万元，主要用于购房补贴支出。
"""


def test_items_printed_twice_are_reported_once():
    text = LIST + "    3.住房公积金（项）20.00万元，主要用于缴纳住房公积金。\n"
    text += "    4.购房补贴（项）5.00万元，主要用于购房补贴支出。\n"
    found = run(text, "text.duplicate").findings
    assert [(f.location.line, f.severity) for f in found] == [(8, Severity.WARNING)]
    assert "第 3–4 项" in found[0].message


def test_a_list_without_repeats_passes():
    report = run(LIST, "text.duplicate")
    assert report.findings == ()
    assert report.evaluated > 0


def paged(text: str, first_of_page_2: int) -> Disclosure:
    doc = read(text)
    count = len(doc.source)
    pages = tuple(1 if n < first_of_page_2 else 2 for n in range(1, count + 1))
    return replace(doc, line_pages=pages)


def test_a_repeat_hidden_at_a_page_break_is_skipped():
    repeat = "    3.住房公积金（项）20.00万元，主要用于缴纳住房公积金。\n"
    repeat += "    4.购房补贴（项）5.00万元，主要用于购房补贴支出。\n"
    # the cell's text on the next page, clipped there: nothing before it but page 1's lines
    report = audit(paged(LIST + repeat, 8), select=["text.duplicate"])
    assert report.findings == ()
    assert report.skipped_reasons
    # after a line of its own page, the repeat is printed for the reader to see
    moved = LIST.replace("    4.购房", "    5.其他（项）1.00万元，主要用于其他支出。\n    4.购房")
    moved += "    2.一般行政管理事务（项）10.00万元，主要用于业务指导。\n" + repeat
    found = audit(paged(moved, 8), select=["text.duplicate"]).findings
    assert [f.location.line for f in found] == [9]


# -- text.class-name ---------------------------------------------------------------------------

HEAD05 = """\
预算05表

2023年一般公共预算支出情况表
部门名称：测试局 单位：万元

科目编码 科目名称 合计 基本支出 项目支出

"""

TABLE05 = HEAD05 + "\n\n".join(
    (
        "合计 63.23 63.23 0.00",
        "208 社会保障和就业支出 20.00 20.00 0.00",
        "208 05 行政事业单位养老支出 20.00 20.00 0.00",
        "208 05 05 机关事业单位基本养老保险缴费支出 19.00 19.00 0.00",
        "208 05 99 其他行政事业单位养老支出 1.00 1.00 0.00",
        "210 卫生健康支出 10.00 10.00 0.00",
        "210 11 行政事业单位医疗 10.00 10.00 0.00",
        "210 11 01 行政单位医疗 10.00 10.00 0.00",
        "221 住房保障支出 33.23 33.23 0.00",
        "221 02 住房改革支出 33.23 33.23 0.00",
        "221 02 01 住房公积金 33.23 33.23 0.00",
    )
)

NARRATIVE = """\
第二部分 测试局2023年部门预算情况说明
一、一般公共预算支出情况说明
1.“{one}（类）行政事业单位医疗（款）行政单位医疗（项）”10.00万元。
2.“社会保障和就业支出（类）行政事业单位养老支出（款）{two}（项）”20.00万元。
3.“住房保障支出（类）{three}（款）住房公积金（项）”33.23万元。

"""


def named(one: str, two: str, three: str) -> list[tuple[int | None, Severity, str]]:
    text = NARRATIVE.format(one=one, two=two, three=three) + TABLE05
    found = audit(read_text(text, "t.txt"), select=["text.class-name"]).findings
    return [(f.location.line, f.severity, f.message) for f in found]


def test_class_names_as_the_tables_print_them_pass():
    assert named("卫生健康支出", "机关事业单位基本养老保险缴费支出", "住房改革支出") == []
    # 其它 for 其他, widths and a trailing 支出 are the same name
    assert named("卫生健康", "其它行政事业单位养老支出", "住房改革支出") == []


def test_a_former_class_name_the_tables_no_longer_use_is_an_error():
    found = named("医疗卫生与计划生育支出", "机关事业单位基本养老保险缴费支出", "住房改革支出")
    assert [(line, severity) for line, severity, _ in found] == [(3, Severity.ERROR)]
    assert "卫生健康支出" in found[0][2]


def test_a_kuan_or_xiang_the_tables_call_otherwise_is_reported():
    found = named("卫生健康支出", "机关事业单位退休人员活动费支出", "住房保障支出")
    assert [(line, severity) for line, severity, _ in found] == [
        # 20.00 is no figure of a 项 of 20805: which 项 was meant, the tables do not say
        (4, Severity.WARNING),
        # 住房公积金 is printed under 22102 住房改革支出: the 款 is surely misnamed
        (5, Severity.ERROR),
    ]
    assert "机关事业单位基本养老保险缴费支出" in found[0][2]  # what the tables list there
    assert "住房改革支出（款）" in found[1][2]  # where 住房公积金 belongs


def test_a_xiang_whose_amount_the_tables_print_on_another_is_an_error():
    text = (
        NARRATIVE.format(
            one="卫生健康支出", two="机关事业单位退休人员活动费支出", three="住房改革支出"
        ).replace("）”20.00万元", "）”1.00万元")
        + TABLE05
    )
    found = audit(read_text(text, "t.txt"), select=["text.class-name"]).findings
    assert [(f.location.line, f.severity) for f in found] == [(4, Severity.ERROR)]
    assert "其他行政事业单位养老支出" in (found[0].suggestion or "")


# -- text.copied-reason ------------------------------------------------------------------------

COPIED = """\
第二部分 某局2019年部门决算情况说明
一、收入决算情况说明
1．一般公共预算财政拨款收入 100.00 万元，比上年增加 10.00 万元。
2．政府性基金预算财政拨款收入 0 万元，本局为新成立单位，同时今年也无上级补助收入。
3．上级补助收入 0 万元，本局为新成立单位，同时今年也无上级补助收入。
二、支出决算情况说明
1．“卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”2.29万元。主要用于：事业单位医疗保险支出。
2．“住房保障支出（类）住房改革支出（款）住房公积金（项）”18.12万元。主要用于：事业单位医疗保险支出。
3．“住房保障支出（类）住房改革支出（款）购房补贴（项）”11.72万元。主要用于：在职人员的补贴支出。
4．“住房保障支出（类）住房改革支出（款）提租补贴（项）”1.00万元。主要用于：在职人员的补贴支出。
"""


def test_a_reason_copied_from_another_item_is_reported_at_the_copy():
    found = audit(read_text(COPIED, "t.txt"), select=["text.copied-reason"]).findings
    assert [(f.location.line, f.severity) for f in found] == [
        (4, Severity.WARNING),  # shared words, not a reason: 0万元，本局为……
        (8, Severity.ERROR),  # 住房公积金 used for 事业单位医疗保险
    ]
    assert "第 7 项" not in found[1].message and "事业单位医疗" in found[1].message
    assert found[1].suggestion and "住房公积金" in found[1].suggestion


def test_items_sharing_words_that_name_neither_pass():
    text = COPIED.split("二、")[0].replace("上级补助收入。", "其他收入。")
    report = audit(read_text(text, "t.txt"), select=["text.copied-reason"])
    assert report.findings == ()
    assert report.evaluated > 0


# -- text.punctuation: doubled marks side by side ----------------------------------------------


def test_two_marks_side_by_side_are_an_error_and_spaced_ones_a_warning():
    text = """\
        第二部分 某局2022年部门决算情况说明
        一、支出决算情况说明
        比上年增加144.81%，。培训人数 800人，；未举办节庆。
        人数 5 人， ；平均得分99.33分（其中，优 3 个。共发现问题0个。未整改 0 个。
    """
    found = run(text, "text.punctuation").findings
    assert [(f.location.line, f.severity) for f in found] == [
        (3, Severity.ERROR),
        (3, Severity.ERROR),
        (4, Severity.WARNING),  # ， ； with a space: perhaps a join of lines
        (4, Severity.WARNING),  # （ never closed
    ]
    assert all(f.suggestion for f in found)


# -- sentences left inside a table's lines -----------------------------------------------------


def test_sentences_a_table_ran_on_over_are_checked_for_placeholders_and_empty_reasons():
    text = (
        "第二部分 测试局2023年部门预算情况说明\n一、支出情况\n支出 63.23 万元。\n\n"
        + TABLE05
        + "\n\n其他相关情况说明\n"
        + "（二）公务用车购置及运行费6.40万元，与2022年预算持平，主要原因是。其中：购置费0万元。\n"
        + "（三）公务接待费0万元，比上年增加（减少）0万元。\n"
    )
    doc = read_text(text, "t.txt")
    table = doc.tables[0]
    last = len(doc.source)
    # the reader ran the table on to the end: the sentences are no section, no row of it
    ran_on = replace(doc, tables=(replace(table, span=replace(table.span, end_line=last)),))
    ran_on = replace(
        ran_on, sections=tuple(s for s in doc.sections if s.span.line < table.span.line)
    )
    report = audit(ran_on, select=["text.empty-reason", "text.placeholder"])
    reason = next(n for n, line in enumerate(doc.source, 1) if "主要原因是。" in line)
    assert sorted((f.rule, f.location.line) for f in report.findings) == [
        ("text.empty-reason", reason),
        ("text.placeholder", reason + 1),
    ]


# -- text.missing-verb -------------------------------------------------------------------------


def test_a_change_without_its_direction_is_reported():
    text = """\
        第二部分 某局2026年部门预算情况说明
        三、机关运行经费情况
        机关运行经费安排210.32万元，比上年1.43万元，增加0.68%。主要原因是人员增加。
        委托业务费99万元，比上年减少12万元，下降10.81%。与上年210.00万元相比，增加0.15%。
    """
    found = run(text, "text.missing-verb").findings
    assert [(f.location.line, f.severity, f.stated) for f in found] == [
        (3, Severity.ERROR, Decimal("1.43"))
    ]
    assert "比上年增加1.43万元" in (found[0].suggestion or "")


def test_brackets_and_units_that_only_look_like_notes_or_blanks_pass():
    text = """\
        第二部分 某局2026年部门预算情况说明
        一、项目情况
        每月支付服务费（如无特殊情况，则按月支付），详见附表（请参见表 3）。
        项目 金额 万元 备注
    """
    report = run(text, "text.placeholder")
    assert report.findings == ()


def test_a_future_date_of_a_target_is_only_a_warning():
    text = """\
        第二部分 某局2026年部门预算情况说明
        三、部门主要工作任务
        截至2026年底，完成全部改造任务。
    """
    assert severities(text, "text.year") == [(3, Severity.WARNING)]


def test_a_name_the_table_prints_cut_short_is_the_same_name():
    table = TABLE05.replace("208 05 99 其他行政事业单位养老支出", "208 05 99 其他行政事业单位养")
    text = NARRATIVE.format(
        one="卫生健康支出", two="其他行政事业单位养老支出", three="住房改革支出"
    ).replace("）”20.00万元", "）”1.00万元")
    found = audit(read_text(text + table, "t.txt"), select=["text.class-name"]).findings
    assert found == ()


def test_a_class_explained_by_its_own_kuan_is_no_copy():
    text = """\
        第二部分 某局2023年部门预算情况说明
        一、支出情况说明
        1．社会保障和就业支出（类）20.00万元。主要用于：行政事业单位养老支出。
        2．“社会保障和就业支出（类）行政事业单位养老支出（款）”20.00万元。主要用于：行政事业单位养老支出。
    """
    report = run(text, "text.copied-reason")
    assert report.findings == ()
    assert report.evaluated > 0


def test_a_bare_figure_far_from_any_amount_is_only_a_warning():
    text = """\
        第二部分 某局2018年部门预算情况说明
        五、绩效目标
        总投入 10.00 万元，覆盖全区各街道镇的社区服务站点并开展日常巡查工作，服务人次增长 3.5，
    """
    assert severities(text, "text.missing-unit") == [(3, Severity.WARNING)]
