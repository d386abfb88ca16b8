"""Narrative figures bound by the words of their own clause: what they measure (this year's,
last year's, a change) and whose money they count (all funds, 财政拨款, one fund)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from yusuan.audit import audit
from yusuan.audit.claims import ClaimKind, extract_claims
from yusuan.audit.finding import Severity
from yusuan.model import Cell, Disclosure, DocKind, Meta, Row, RowKind, Section, Side, Span, Table

D = Decimal
AT = Span("t.txt", 1, 1)


def doc(narrative: str, *tables: Table, title: str = "收入支出预算总体情况说明", year=2024):
    text = textwrap.dedent(narrative).strip()
    sections = (Section("第二部分", "一", title, text, AT),)
    meta = Meta(path="t.txt", year=year, kind=DocKind.BUDGET)
    return Disclosure(meta, sections=sections, tables=tables)


def bound(narrative: str, **kw):
    return [(c.value, c.subject, c.measure, c.scope) for c in extract_claims(doc(narrative, **kw))]


def row(name: str, cells: dict[str, str], kind=RowKind.TOTAL, code=None, side=Side.NONE) -> Row:
    return Row(name, AT, kind, code, side, tuple(Cell(c, D(v)) for c, v in cells.items()))


def expenditure(total: str, basic: str, items=()) -> Table:
    rows = [row("合计", {"合计": total, "基本支出/小计": basic})]
    rows += [row(n, {"合计": v}, kind=RowKind.CODE, code=c) for c, n, v in items]
    return Table("expenditure", "支出预算总表", AT, ("合计", "基本支出/小计"), tuple(rows))


def gov_fund(total: str) -> Table:
    return Table("gov_fund", "政府性基金预算支出表", AT, ("合计",), (row("合计", {"合计": total}),))


def errors(report) -> list[tuple[str, Decimal | None, Decimal | None]]:
    return [(f.rule, f.stated, f.expected) for f in report.findings if f.severity is Severity.ERROR]


def test_a_fund_named_in_the_clause_is_the_figure_s_scope():
    got = bound(
        "财政拨款支出预算中，一般公共预算拨款支出预算3,121.42万元，比2024年预算增加107.62万元；"
        "政府性基金拨款支出预算0万元，与2024年预算持平。"
    )
    assert (D("3121.42"), "本年支出合计", "本年预算", "一般公共预算") in got
    assert (D("107.62"), "本年支出合计", "增减额", "一般公共预算") in got
    assert (D("0"), "本年支出合计", "本年预算", "政府性基金") in got


def test_a_fund_s_figure_is_held_against_that_fund_s_table_not_the_total():
    narrative = "支出预算 500.00 万元。政府性基金拨款支出预算0万元。"
    report = audit(
        doc(narrative, expenditure("500.00", "300.00"), gov_fund("0")), select=["narrative"]
    )
    assert errors(report) == [] and report.evaluated >= 2
    report = audit(doc(narrative, expenditure("500.00", "300.00")), select=["narrative.amount"])
    assert errors(report) == []  # no 政府性基金 table: skipped, not held against 500
    assert any("政府性基金" in reason for reason, _ in report.skipped_reasons)


def test_a_change_named_before_its_quantity_is_a_change():
    # js-fy-2017-ys: 主要原因是基本支出增加人员经费1408.29万元
    got = bound("主要原因是基本支出增加人员经费 1408.29 万元、项目经费支出安排增加 400 万元。")
    assert got[0][:3] == (D("1408.29"), "人员经费", "增减额")
    assert extract_claims(doc("基本支出增加人员经费 1408.29 万元。"))[0].kind is ClaimKind.CHANGE


def test_last_year_s_figure_is_no_figure_of_this_year():
    got = bound(
        """
        2024年“三公”经费预算数为7.61万元，2023年预算数为9.23万元，和2023年相比预算减少1.62万元。
        本年支出预算 9,146.79 万元（2023年度部门支出预算安排为8,648.07万元），增加498.72万元。
        """
    )
    measures = {v: m for v, _, m, _ in got}
    assert measures[D("7.61")] == "本年预算"
    assert measures[D("9.23")] == "上年预算"
    assert measures[D("1.62")] == "增减额"
    assert measures[D("8648.07")] == "上年预算"


def test_the_carried_over_part_of_a_fund_is_no_income_of_this_year():
    # suz-sjj-2026-ys: 上年结转结余的一般公共预算收入 0 万元，占 0%
    got = bound(
        "本年一般公共预算收入 4,651.67 万元，占 100%；上年结转结余的一般公共预算收入 0 万元，占 0%。"
    )
    assert (D("0"), "上年结转结余", "本年预算", "一般公共预算") in got


def test_one_project_s_spending_is_not_the_department_s_project_spending():
    got = bound("项目支出 1,612.29 万元，其中：大厅保安和安检服务项目支出 328.69 万元。")
    assert (D("1612.29"), "项目支出", "本年预算", "全部资金") in got
    assert (D("328.69"), None, "本年预算", "全部资金") in got


def test_an_item_written_with_hyphens_or_a_code_is_the_item():
    got = bound(
        """
        1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元。
        （三）2080505- 机关事业单位基本养老保险缴费支出553.54 万元。
        """
    )
    subjects = {v: s for v, s, _, _ in got}
    assert subjects[D("1202.95")] == "class:expenditure:201/政府办公厅(室)及相关机构事务/行政运行"
    assert subjects[D("553.54")] == "class:expenditure:2080505"


def test_a_kuan_s_own_total_is_not_the_department_s():
    # js-jcy-2018-ys: 1．检察（款）：2018年预算支出合计16,444.36万元
    got = extract_claims(doc("1．检察（款）：2018年预算支出合计16,444.36万元。"))
    assert got[0].subject is None and got[0].unsure


def test_spread_out_characters_and_figures_are_read():
    got = bound("一 般 公 共 预 算 收 入 2 1 , 9 4 0 . 9 6 万 元。")
    assert got == [(D("21940.96"), "一般公共预算收入", "本年预算", "一般公共预算")]


def test_a_percentage_in_brackets_after_a_change_is_its_rate():
    got = bound("公务用车运行维护费 2.5 万元，较上年增加 2.5 万元（100%）。")
    assert got[-1] == (D("100"), "公务用车运行费", "增减率", "全部资金")


def test_a_table_row_read_as_text_states_no_rate():
    found = extract_claims(doc("年度资金总额 7000 7000 10 100% 提高检查准确率"))
    assert [c for c in found if c.kind is ClaimKind.CHANGE_PERCENT] == []


def test_a_kuan_or_xiang_named_alone_is_under_the_class_its_heading_named():
    # js-zx-2017-ys: （一）一般公共服务支出（类） then 1.政协事务（款）行政运行（项）支出 3,233.03 万元
    text = textwrap.dedent(
        """
        1.政协事务（款）行政运行（项）支出 3,233.03 万元，与上年相比减少 108.56 万元，下降 3.25%。
        2.检察（款）：2018年预算支出合计16,444.36万元。
        3.公诉、审判、侦查、执行等检察监督支出（项）1,895万元，与上年相比减少134万元，降幅0.66%。
        """
    ).strip()
    sections = (
        Section("第二部分", "五、", "财政拨款支出预算表情况说明", "", AT, 1),
        Section("第二部分", "（一）", "一般公共服务支出（类）", text, AT, 2),
    )
    meta = Meta(path="t.txt", year=2018, kind=DocKind.BUDGET)
    found = extract_claims(Disclosure(meta, sections=sections))
    got = {c.value: (c.subject, c.measure, c.scope) for c in found}
    assert got[D("3233.03")] == ("class:expenditure:201/政协事务/行政运行", "本年预算", "财政拨款")
    assert got[D("3.25")] == ("class:expenditure:201/政协事务/行政运行", "增减率", "财政拨款")
    assert got[D("16444.36")][0] == "class:expenditure:201/检察"
    # the 项 named alone is under the 款 named last
    assert got[D("0.66")][0] == "class:expenditure:201/检察/公诉、审判、侦查、执行等检察监督支出"


def test_the_classes_of_a_project_spending_list_are_its_parts():
    # cs-gaj-2025-ys: （二）项目支出：…其中：一般公共服务支出 3.00 万元…。公共安全支出 40230.95 万元
    found = extract_claims(
        doc(
            "（二）项目支出：本单位项目支出预算 40233.95 万元，主要是专项业务费等，其中：一般公共服务"
            "支出 3.00 万元，主要用于办公经费。公共安全支出 40230.95 万元，主要用于警务辅助人员经费。"
            "基本支出 100 万元。公共安全支出 50 万元。"
        )
    )
    got = {c.value: c.subject for c in found}
    assert got[D("3.00")] is None and got[D("40230.95")] is None
    assert got[D("50")] == "class:expenditure:204"  # a sentence on another quantity ends the list


def test_an_item_paragraph_whose_name_wraps_is_text_under_its_section():
    from yusuan.read.narrative import read_sections

    lines = [
        "五、一般公共预算财政拨款支出决算情况说明",
        "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休",
        "（项）。主要用于：退休人员经费支出。年初预算为 85.55 万元，支出决算为84.65万元。",
        "（一）一般公共服务支出（类）",
        "1.政协事务（款）行政运行（项）支出 3,233.03 万元。",
    ]
    sections = read_sections(lines, set(), "t.txt")
    assert [(s.number, s.level) for s in sections] == [("五、", 1), ("（一）", 2)]
    assert sections[0].text.startswith("5、社会保障和就业支出（类）")
    meta = Meta(path="t.txt", year=2024, kind=DocKind.FINAL)
    found = extract_claims(Disclosure(meta, sections=sections))
    got = {c.value: (c.subject, c.measure, c.scope) for c in found}
    item = "class:gpb_expenditure:208/行政事业单位养老支出/行政单位离退休"
    assert got[D("85.55")] == (item + "@预算", "年初预算", "一般公共预算")
    assert got[D("84.65")] == (item, "决算", "一般公共预算")


def test_economic_classes_are_named_and_a_list_before_a_change_is_its_makeup():
    got = bound(
        """
        （一）工资福利支出911.21万元，占54.15%。
        主要原因是基本支出增加人员工资、住房公积金、提租补贴等 3397.18 万元。
        """
    )
    subjects = {v: s for v, s, _, _ in got}
    assert subjects[D("911.21")] == "econ:301"
    assert subjects[D("3397.18")] == "基本支出"


def test_a_sentence_opening_with_qizhong_is_of_the_fund_of_the_sentence_before():
    got = bound(
        "一般公共预算财政拨款支出 37,891.58 万元；其中：基本支出 12,899.62 万元，比上年增加 726.21 万元。"
    )
    assert (D("12899.62"), "基本支出", "本年预算", "一般公共预算") in got
    assert (D("726.21"), "基本支出", "增减额", "一般公共预算") in got


def test_procurement_takes_no_fund_from_before_but_sangong_does():
    got = bound(
        """
        一般公共预算拨款安排的“三公”经费预算 10.00 万元。其中：公务接待费 5.00 万元。
        政府采购预算总额 712.49 万元。
        """
    )
    assert (D("5.00"), "公务接待费", "本年预算", "一般公共预算") in got
    assert (D("712.49"), "政府采购", "本年预算", "全部资金") in got


def test_a_class_is_no_whole_for_the_shares_after_it():
    # cs-gaj-2025-ys: …拨款支出 68632.12 万元，其中：一般公共服务支出 3.00 万元，占 0.00%；公共安全
    # 支出 68629.12 万元，占 100.00% — a share of the unnamed total, not of 一般公共服务支出
    found = extract_claims(
        doc(
            "本单位一般公共预算拨款支出 68632.12 万元，其中：一般公共服务支出 3.00 万元，占 0.00%；"
            "公共安全支出68629.12 万元，占 100.00%。"
        )
    )
    shares = [c for c in found if c.kind is ClaimKind.SHARE]
    # the total, now named (一般公共预算拨款支出), is the whole; never the class before
    assert shares and all(c.base == "一般公共预算支出" for c in shares)


def test_carried_over_money_is_its_own_quantity_whatever_its_name():
    got = bound("政府性基金预算财政拨款年初结转和结余58,830.98万元，收入 100.00 万元。")
    assert (D("58830.98"), "上年结转结余", "本年预算", "政府性基金") in got
    got = bound("总收入 1668.14 万元，其中本年收入 1668.14 万元。")
    assert [s for _, s, _, _ in got] == ["收入总计", "本年收入合计"]


def test_totals_named_with_this_year_or_a_fund_before_budget_are_those_totals():
    got = bound(
        """
        本年支出预算合计 28849.38 万元，其中：项目经费支出增加 400.00 万元。
        2017 年财政拨款预算支出 28849.38 万元，占本年支出合计的 100%。
        2019 年度总支出 1668.14 万元，其中本年支出 1668.14 万元。
        """
    )
    assert (D("28849.38"), "本年支出合计", "本年预算", "全部资金") in got
    assert (D("400.00"), "项目支出", "增减额", "全部资金") in got
    assert (D("28849.38"), "财政拨款支出", "本年预算", "财政拨款") in got
    assert [s for v, s, _, _ in got if v == D("1668.14")] == ["支出总计", "本年支出合计"]


def test_procurement_planned_by_kind_is_that_kind():
    got = bound(
        "政府采购支出预算总额 2.61 万元，其中：拟采购货物支出 0 万元、拟采购服务支出 2.61 万元。"
    )
    assert [s for _, s, _, _ in got] == ["政府采购", "政府采购货物", "政府采购服务"]


def test_a_performance_indicator_s_figures_are_no_amount_of_the_department():
    got = bound("产出指标 指标1：全年项目经费支出 240万元 229.19万元 12.5 12.5")
    assert [m for _, _, m, _ in got] == ["其他", "其他"]


def test_economic_classes_are_named_as_narratives_write_them():
    got = bound(
        "其中：对个人和家庭补助支出 85.98 万元，其他交通费 54.08 万元。"
        "1、工资福利支出（类）2,097.51 万元（1）基本工资（款）支出 737.94 万元。"
    )
    assert [s for _, s, _, _ in got] == ["econ:303", "econ:30239", "econ:301", "econ:30101"]


def test_a_completion_rate_after_the_budget_s_figure_is_a_completion_rate():
    found = extract_claims(doc("因公出国（境）费支出决算为 0 万元，完成预算 0 万元的 0%。"))
    assert [(c.value, c.measure) for c in found if c.unit == "%"] == [(D(0), "完成率")]
    assert [c.kind for c in found if c.unit == "%"] == [ClaimKind.COMPLETION]


def test_the_next_item_of_a_list_after_a_semicolon_is_of_the_list_s_fund():
    got = bound(
        "一般公共预算财政拨款支出 100.00 万元。其中：基本支出 60.00 万元，主要用于人员；"
        "项目支出 40.00 万元，主要用于重点工作。政府采购预算 5.00 万元；项目支出 7.00 万元。"
    )
    assert (D("40.00"), "项目支出", "本年预算", "一般公共预算") in got
    assert (D("7.00"), "项目支出", "本年预算", "全部资金") in got


def test_a_change_after_a_closed_parenthesis_is_of_the_quantity_before_it():
    got = bound(
        "公务用车购置及运行维护费2.5万元（公务用车购置费0万元，比上年增加0万元；"
        "公务用车运行维护费2.5万元，比上年减少1万元。）比上年减少1万元，下降28.6%。"
        "（二）公务车购置及运行费0万元。"
    )
    assert got[-3:-1] == [
        (D(1), "公务用车购置及运行费", "增减额", "全部资金"),
        (D("28.6"), "公务用车购置及运行费", "增减率", "全部资金"),
    ]
    assert got[-1] == (D(0), "公务用车购置及运行费", "本年预算", "全部资金")


def test_a_fund_s_appropriation_named_alone_in_an_income_sentence_is_its_income():
    got = bound(
        "收入预算：2026 年年初预算数 45,369.18 万元，其中：一般公共预算拨款 37,891.58 万元，"
        "政府性基金预算拨款 4,066.60 万元；收入比 2025 年增加 2,734.52 万元，"
        "主要是一般公共预算拨款增加 800.94 万元。支出预算中政府性基金预算拨款 4,066.60 万元。"
    )
    assert (D("37891.58"), "一般公共预算收入", "本年预算", "一般公共预算") in got
    assert (D("4066.60"), "政府性基金预算收入", "本年预算", "政府性基金") in got
    assert (D("800.94"), "一般公共预算收入", "增减额", "一般公共预算") in got
    assert got[-1] == (D("4066.60"), "政府性基金预算支出", "本年预算", "政府性基金")


def test_a_xiang_named_after_its_kuan_s_name_with_no_mark_between_is_under_the_kuan_s_class():
    got = bound(
        "一般公共服务\n1. 人大事务行政运行（项）支出 10528.33 万元，与上年相比减少 17.89 万元。"
    )
    key = "class:expenditure:201/人大事务/行政运行"
    assert got[:2] == [
        (D("10528.33"), key, "本年预算", "全部资金"),
        (D("17.89"), key, "增减额", "全部资金"),
    ]
    # a 项 whose name opens with no 款 is still no figure of the department's
    got = bound("1. 某某事务行政运行（项）支出 100.00 万元。")
    assert got[0][1] is None


def test_money_carried_over_from_the_year_before_is_carried_over_not_last_year_s():
    got = bound("比 2023 年增加 1,066.60 万元，主要原因是 2023 年度结转 1,036.60 万元。")
    assert got[-1][:3] == (D("1036.60"), "上年结转结余", "本年预算")


def test_a_total_whose_parts_include_money_carried_over_is_the_grand_total():
    got = bound(
        "2026 年收入预算合计 4,651.67 万元，包括本年收入 4,651.67 万元，上年结转结余 0 万元。"
    )
    assert [s for _, s, _, _ in got] == ["收入总计", "本年收入合计", "上年结转结余"]
    got = bound("2026 年收入预算合计 4,651.67 万元，包括本年收入 4,651.67 万元。")
    assert got[0][1] == "本年收入合计"


def test_the_reasons_for_a_fund_s_change_are_that_fund_s():
    got = bound(
        "一般公共预算收入预算 28849.38 万元，与上年相比增加 1808.29 万元。"
        "主要原因是基本支出增加人员经费 1408.29 万元。政府采购预算 5.00 万元。主要是办公设备 5.00 万元。"
    )
    assert (D("1408.29"), "人员经费", "增减额", "一般公共预算") in got
    assert got[-1][3] == "全部资金"


def test_spending_by_use_names_staff_and_running_costs():
    got = bound(
        "按支出用途分类，包括人员支出 2,906.80 万元，占49.4%；日常公用支出 838.27 万元，占 14.3%。"
    )
    assert [s for _, s, _, _ in got] == ["人员经费", "人员经费", "公用经费", "公用经费"]


def test_a_section_headed_by_a_quantity_s_name_is_about_that_quantity():
    def under(title: str) -> list:
        sections = (
            Section("第二部分", "二", title, "2026 年预算安排 5.00 万元，与上年持平。", AT),
        )
        meta = Meta(path="t.txt", year=2026, kind=DocKind.BUDGET)
        return [(c.value, c.subject) for c in extract_claims(Disclosure(meta, sections=sections))]

    assert under("公务接待费") == [(D("5.00"), "公务接待费")]
    assert under("公务接待费情况说明") == [(D("5.00"), None)]


def test_a_heading_sentence_naming_a_quantity_opens_its_item_and_the_next_heading_ends_it():
    got = bound(
        "2.公务接待费。2026 年预算数 2.98 万元，较上年增加 0.00 万元。"
        "3.某某专项费。2026 年预算数 2.60 万元。"
        "4.公务用车购置和运行维护费。2026 年预算数 1.00 万元。"
    )
    assert [s for _, s, _, _ in got] == ["公务接待费", "公务接待费", None, "公务用车购置及运行费"]


def test_a_threshold_counts_no_fund_s_money_and_a_stock_is_the_units_own():
    got = bound(
        "本单位固定资产总量为 500.00 万元，其中房屋 400.00 万元，占固定资产总额的 80.00%；"
        "单价 100 万元以上设备 2 台。本年度拟购置固定资产 7.50 万元，主要是办公设备。"
    )
    assert got[0] == (D("500.00"), None, "其他", "单位本级")
    assert (D("80.00"), None, "占比", "单位本级") in got
    assert (D("100"), None, "其他", "其他:不适用") in got
    # a purchase its clause names is this year's budget, though the sentence is of a stock
    assert (D("7.50"), None, "本年预算", "全部资金") in got


def test_a_figure_before_and_a_threshold_is_the_threshold_s():
    got = bound("其中预算支出 100 万元及 100 万元以上项目 1 个，支出总额 600 万元。")
    assert got[0][2:] == ("其他", "其他:不适用")


def test_a_fund_s_appropriation_spent_and_the_parts_of_personnel_money_are_named():
    got = bound(
        "2026 年度一般公共预算拨款支出 900.00 万元，比上年增加 10.00 万元。"
        "本局预算 900.00 万元，包括在职人员经费 500.00 万元、公用经费 100.00 万元。"
        "其中，公务用车购置支出 0.00 万元。"
    )
    assert got[0] == (D("900.00"), "一般公共预算支出", "本年预算", "一般公共预算")
    assert got[1][1:3] == ("一般公共预算支出", "增减额")
    assert (D("500.00"), "在职人员经费", "本年预算", "全部资金") in got  # not 人员经费
    assert got[-1][:2] == (D("0.00"), "公务用车购置费")  # not the capital class 公务用车购置


def test_a_budget_s_spending_is_a_total_and_yields_to_a_quantity_before_it():
    got = bound("2026年预算支出 1682.76 万元。“三公”经费预算支出 7.61 万元。")
    assert got[0][:2] == (D("1682.76"), "本年支出合计")
    assert got[1][:2] == (D("7.61"), "三公经费")


def test_an_economic_class_s_word_ending_a_project_s_name_is_the_project():
    got = bound(
        "主要原因是项目支出增加智慧平台租赁费 400 万元，减少差旅费 5 万元，其中办公费 3 万元。"
    )
    assert got[0][:2] == (D("400"), None)  # 智慧平台租赁费: a project, not 30214 租赁费
    assert got[1][1] == "econ:30211"  # 减少差旅费: the class itself
    assert got[2][1] == "econ:30201"


def test_a_sentence_that_opens_with_其中_is_led_by_the_fund_after_it():
    got = bound(
        "财政拨款支出合计 800.00 万元。其中：一般公共预算财政拨款支出 800.00 万元，比上年增加 8.00 万元；"
        "主要是因为人员增加，因此增长率为 1.01%。"
    )
    assert got[1] == (D("800.00"), "一般公共预算支出", "本年预算", "一般公共预算")
    # the reasons go on about the sentence before's subject, of its fund
    assert got[-1] == (D("1.01"), "一般公共预算支出", "增减率", "一般公共预算")


def test_this_year_compared_with_the_last_is_the_sentence_before_s_subject():
    got = bound("机关运行经费预算 90.00 万元。本年比上年减少 10.00 万元，下降 10.00%。")
    assert got[1][1:3] == ("机关运行经费", "增减额")
    assert got[2][1:3] == ("机关运行经费", "增减率")
    # on an adjusted basis the change is still that quantity's; its percentage, of a last
    # year the tables do not state, is not held against them
    adjusted = doc(
        "机关运行经费预算 90.00 万元。按与上年统计口径一致相比，本年比上年减少 10.00 万元，"
        "下降 50.00%。"
    )
    got = [(c.value, c.subject, c.measure) for c in extract_claims(adjusted)]
    assert got[1:] == [
        (D("10.00"), "机关运行经费", "增减额"),
        (D("50.00"), "机关运行经费", "增减率"),
    ]
    plain = doc("机关运行经费预算 90.00 万元。本年比上年减少 10.00 万元，下降 50.00%。")
    assert [f.rule for f in audit(plain).findings if f.rule == "narrative.change-percent"]
    assert not [f for f in audit(adjusted).findings if f.rule == "narrative.change-percent"]


def test_a_side_named_alone_after_a_balance_is_that_side_s_total_of_the_fund():
    got = bound(
        "2022年度政府性基金预算财政拨款年初结转和结余 50.00 万元，收入决算 500.00 万元，"
        "支出决算 550.00 万元，年末结转和结余 0 万元。"
    )
    assert got[1] == (D("500.00"), "本年收入合计", "本年预算", "政府性基金")
    assert got[2] == (D("550.00"), "本年支出合计", "本年预算", "政府性基金")
    # …but not the 支出决算 of an item paragraph whose item we could not name
    got = bound("年初预算为 0.88 万元，支出决算为 0.88 万元。")
    assert got[1][1] is None


def test_a_change_after_a_list_of_classes_is_the_whole_s():
    got = bound(
        "收入预算：2026 年年初预算数 900.00 万元，其中：一般公共预算拨款 900.00 万元。"
        "收入比 2025 年增加 90.00 万元。"
        "支出预算：2026 年年初预算数 900.00 万元。"
        "按支出功能分类，包括一般公共服务支出 800.00 万元，住房保障支出 100.00 万元。"
        "比 2025 年增加 90.00 万元，主要是基本支出增加 90.00 万元。"
    )
    assert got[2][:3] == (D("90.00"), "本年收入合计", "增减额")  # the 收入预算 named before
    assert got[-2][:3] == (D("90.00"), "本年支出合计", "增减额")  # not 住房保障支出's


def test_money_carried_over_from_the_year_before_is_a_balance_of_this_year():
    got = bound("律师服务支出 120 万元（含结转 2025 年采购经费 6.9 万元）。", year=2026)
    assert got[1] == (D("6.9"), "上年结转结余", "本年预算", "全部资金")
    # the carry-over explaining a fund's change is that fund's
    got = bound(
        "2026 年政府性基金预算财政拨款收入 400.00 万元，比 2025 年增加 100.00 万元，"
        "主要原因是 2025 年度结转 90.00 万元，新增了讲解员大赛资金 10 万元。",
        year=2026,
    )
    assert got[2] == (D("90.00"), "上年结转结余", "本年预算", "政府性基金")
    assert got[3][2] == "增减额"  # 新增了: a part of the change


def test_a_space_after_an_enumeration_comma_says_nothing():
    got = bound("收、 支预算总计 900.00 万元，与上年相比收、 支预算总计各增加 9.00 万元。")
    assert [g[1] for g in got] == ["收入总计", "收入总计"]


def test_a_part_named_before_占_is_the_share_s_part_not_held_against_the_tables():
    found = extract_claims(
        doc(
            "货物采购授予中小企业合同金额占政府采购货物支出合同的 4.07%，工程采购授予中小企业合同金额占政府采购工程支出合同的 23.65%。"
        )
    )
    assert [(c.subject, c.base) for c in found] == [("政府采购中小企业", None)] * 2


def test_by_how_much_this_year_s_figure_is_less_is_a_change():
    got = bound("会议费预算支出 1305.25 万元，本年数小于上年预算数 403.75 万元。满意度大于 90%。")
    assert got[1][2] == "增减额"
    assert len(got) == 2  # a target (大于 90%) is no change


def test_a_comparison_opening_a_sentence_leaves_the_lead_to_the_words_after_it():
    got = bound(
        "与上年相比，财政拨款收、支总计各增加 40.00 万元。主要原因是单位预留机动经费增加 17.50 万元。"
        "2017 年政府性基金支出预算支出 0 万元。"
    )
    assert got[1][3] == "财政拨款"  # the reasons of 财政拨款's change
    assert got[2][1:] == ("政府性基金预算支出", "本年预算", "政府性基金")


def test_the_budget_compared_as_a_whole_is_the_last_whole_named():
    got = bound(
        "2026年预算支出 1682.76 万元，其中基本支出预算 1208.20 万元；项目支出预算 474.56 万元。"
        "2026年预算比2025年预算增加 50.32 万元，增长 3.08%。"
    )
    assert got[-2][:3] == (D("50.32"), "本年支出合计", "增减额")
    assert got[-1][:3] == (D("3.08"), "本年支出合计", "增减率")
    # nothing named before: the budget as a whole is no quantity we know
    assert bound("2026年预算比2025年预算增加 50.32 万元。")[0][1] is None


def test_fiscal_money_named_as_such_is_its_own_scope():
    got = bound("本部门整体支出纳入绩效目标管理，涉及财政性资金 4,651.67 万元。")
    assert got[0] == (D("4651.67"), None, "本年预算", "其他:财政性资金")


def test_a_figure_the_same_as_last_year_s_is_last_year_s():
    got = bound("公务用车购置费 0 万元，与 2024 年预算一致 0 万元。", year=2025)
    assert [g[2] for g in got] == ["本年预算", "上年预算"]


def test_an_amount_in_万_alone_is_money():
    got = bound("其中：国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）。")
    assert [g[0] for g in got] == [D("0.39"), D("0.00")]
    assert extract_claims(doc("接待支出 0.39 万（含外宾）。"))[0].unit == "万元"


def test_a_side_opening_a_sentence_after_another_quantity_is_not_the_total():
    got = bound(
        "机关运行经费预算 627.62 万元，支出决算 627.62 万元。支出决算比上年增加 113.37 万元。"
    )
    assert got[-1][1] is None  # 机关运行经费's, perhaps: not the department's 支出
    got = bound(
        "支出预算 900.00 万元。三公经费预算 5.00 万元。2026年预算比2025年预算增加 50.00 万元。"
    )
    assert got[-1][1] is None  # the section moved on from the whole


def test_one_item_s_budgeted_spending_is_not_the_department_s():
    got = bound("信访专项预算支出 50.00 万元。本部门预算支出 900.00 万元。")
    assert [g[1] for g in got] == [None, "本年支出合计"]


def test_what_small_suppliers_won_and_a_fund_s_procurement_are_named():
    got = bound(
        "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 4.79 万元。"
        "其中一般公共预算拨款政府采购 504.98 万元。"
    )
    assert got[0][1] == "政府采购中小企业"
    assert got[1][1:] == ("政府采购", "本年预算", "一般公共预算")


def test_personnel_money_ending_a_project_s_name_is_the_project_s():
    got = bound(
        "采供血人员经费项目绩效自评综述：全年预算数 5166.99 万元。基本支出增加人员经费 10.00 万元。"
        "财政拨款收入 900.00 万元，比上年预算执行数增加 24.00 万元。"
    )
    assert got[0][1] is None  # 采供血人员经费: a project's
    assert got[1][1:3] == ("人员经费", "增减额")
    assert got[-1][1:3] == ("财政拨款收入", "增减额")  # 执行数 names no other quantity


def test_a_figure_right_after_a_comparison_is_the_change_its_next_words_direct():
    found = extract_claims(doc("机关运行经费安排 210.32 万元，比上年 1.43 万元，增加 0.68%。"))
    change = next(c for c in found if c.value == D("1.43"))
    assert (change.kind, change.measure, change.direction) == (ClaimKind.CHANGE, "增减额", 1)
    assert change.subject == "机关运行经费"
    fell = extract_claims(doc("公用经费 80.00 万元，较 2023 年 5.00 万元，下降 5.88%。"))
    assert next(c for c in fell if c.value == D("5.00")).direction == -1
    # a comparison that reaches its figure with a verb is no bare comparison
    assert bound("比上年增加到 120.00 万元。")[0][2] == "本年预算"


def test_fiscal_grants_named_short_under_one_fund_s_heading_are_that_fund_s():
    said = "本年一般公共预算财政拨款支出 300.00 万元。与上年相比，财政拨款支出减少 20.00 万元。"
    under = bound(said, title="一般公共预算财政拨款支出决算情况说明")
    assert under[-1] == (D("20.00"), "财政拨款支出", "增减额", "一般公共预算")
    # under a heading of 财政拨款 as a whole, or of no 财政拨款, the words are taken as said
    whole = bound(said, title="财政拨款收入支出决算总体情况说明")
    assert whole[-1][3] == "财政拨款"
    fund_only = bound(said, title="一般公共预算支出情况说明")
    assert fund_only[-1][3] == "财政拨款"


def test_a_zero_with_no_unit_after_a_money_quantity_is_an_amount():
    got = bound("财政拨款支出预算中，政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0。")
    assert [(g[0], g[3]) for g in got] == [(D("0"), "政府性基金"), (D("0"), "国有资本经营")]
    # no money quantity named, or a figure with digits after it: no amount
    assert bound("绩效自评得分为0。") == []
    assert bound("政府性基金拨款支出预算为05；") == []


def test_money_transferred_in_a_change_s_reasons_is_part_of_the_change():
    got = bound(
        "政府性基金预算支出 4,066.60 万元，比上年增加 1,066.60 万元，主要原因是市文化旅游委划转"
        "讲解员大赛资金 30 万元。"
    )
    assert got[-1][:3] == (D("30"), None, "增减额")
    # a plan (计划出国) is no transfer
    assert bound("计划生育服务支出 20.00 万元。")[0][2] == "本年预算"


def test_a_full_stop_before_a_figure_is_a_stray_mark_inside_its_sentence():
    got = bound("机关运行经费 50.00 万元，其中办公费 20.00 万元，维修(护)费。30.00 万元等。")
    assert got[-1][:2] == (D("30.00"), "econ:30213")
    # a full stop before a year is a sentence's end
    assert (
        len({c.sentence for c in extract_claims(doc("办公费 20.00 万元。2024 年 30.00 万元。"))})
        == 2
    )


def test_what_the_treasury_arranges_is_its_grant():
    got = bound(
        "预留机动经费 2,388.04 万元，比上年增加 2,247.84 万元（上年财政仅安排 140.2 万元）。"
    )
    assert got[-1][2:] == ("上年预算", "财政拨款")
    assert bound("财政安排专项经费 12.00 万元。")[0][3] == "财政拨款"
    assert bound("专项经费 12.00 万元。")[0][3] == "全部资金"


def test_money_said_to_be_all_of_a_whole_is_that_whole_and_its_share_holds_the_two():
    said = "本部门对 5 个项目开展绩效自评，共涉及资金 {} 万元，占一般公共预算项目支出总额的 100%。"
    got = bound(said.format("320.00"))
    assert [g[1] for g in got if g[0] in (D("320.00"), D("100"))] == ["一般公共预算项目支出"] * 2
    # a share short of the whole leaves the money unnamed
    assert bound("共涉及资金 160.00 万元，占一般公共预算项目支出总额的 50%。")[0][1] is None
    gpb = Table(
        "gpb_expenditure",
        "一般公共预算支出表",
        AT,
        ("合计", "项目支出/小计"),
        (row("合计", {"合计": "500.00", "项目支出/小计": "300.00"}),),
    )
    # the sentence's amount is not the table's: one finding, the share's (320 of 300 is 107%)
    wrong = [f.rule for f in audit(doc(said.format("320.00"), gpb)).findings]
    assert wrong.count("narrative.share") == 1 and "narrative.amount" not in wrong
    right = [f.rule for f in audit(doc(said.format("300.00"), gpb)).findings]
    assert "narrative.share" not in right and "narrative.amount" not in right


def test_a_rate_of_change_whose_percent_sign_was_left_off_is_a_rate():
    found = extract_claims(doc("财政拨款支出 900.00 万元，比上年增加 100.00 万元，增长 12.50。"))
    rate = found[-1]
    assert (rate.value, rate.unit, rate.kind) == (D("12.50"), "%", ClaimKind.CHANGE_PERCENT)
    # a bare figure after no word of change is none of ours (得分 99.50。)
    assert [c.value for c in extract_claims(doc("部门整体支出绩效自评得分 99.50。"))] == []


def test_a_sangong_name_printed_with_a_slip_of_the_car_word_is_still_its_name():
    got = bound(
        "公务用车购置及运行费 6 万元，其中：公务用车购置费 0 万元；公务车用车运行费 6 万元，"
        "与上年持平；公务车运行维护费 6 万元。"
    )
    assert got[2] == (D(6), "公务用车运行费", "本年预算", "全部资金")
    assert got[-1] == (D(6), "公务用车运行费", "本年预算", "全部资金")


def test_the_money_a_performance_management_covers_is_project_spending_only_of_projects():
    got = bound(
        "本部门整体支出纳入绩效目标管理，涉及财政性资金 500.00 万元；本部门共 3 个项目纳入绩效"
        "目标管理，涉及财政性资金合计 120.00 万元。项目支出均实行了绩效目标管理，涉及一般公共预算"
        "财政拨款 110.00 万元。"
    )
    money = [g for g in got if g[0] != 3]
    assert money[0] == (D("500.00"), None, "本年预算", "其他:财政性资金")
    assert money[1] == (D("120.00"), "项目支出", "本年预算", "其他:财政性资金")
    assert money[2][:2] == (D("110.00"), "项目支出")


def test_the_whole_department_s_spending_evaluated_is_the_year_s_spending():
    got = bound(
        "部门整体支出自评得分 99.5，全年预算数 300.00 万元，执行数 270.00 万元，完成预算的 90.00%。",
        year=2022,
    )
    assert (D("270.00"), "本年支出合计") in [g[:2] for g in got]


def test_a_sentence_opening_with_a_department_s_budget_names_its_whole_budget():
    got = bound("某某市信访局预算 500.00 万元，包括人员经费 300.00 万元、项目支出 200.00 万元。")
    assert got[0] == (D("500.00"), "支出总计", "本年预算", "全部资金")
    # a project's budget is no department's
    assert bound("信访专项工作经费预算 20.00 万元。")[0][1] is None
