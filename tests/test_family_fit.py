"""The family's fit on the document's own titles, and completeness judged only where it fits."""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

from test_rules_completeness import NARRATIVE, TABLES, disclosure
from yusuan.audit import audit
from yusuan.audit.finding import Finding, Severity
from yusuan.model import Disclosure, Level
from yusuan.read.text import read_text
from yusuan.render.audit import render_text
from yusuan.templates import template_sets
from yusuan.templates.fit import family_fit, own_list, printed_titles, subject


def table_findings(doc: Disclosure) -> list[Finding]:
    return list(audit(doc, select=["completeness.table"]).findings)


def family_note(doc: Disclosure) -> tuple[Level, str]:
    (note,) = [d for d in doc.diagnostics if d.code == "parse.family"]
    return note.level, note.message


# -- subjects: a title by its content words ---------------------------------------------------


def test_titles_worded_apart_have_one_subject():
    assert subject("1、部门收支总表") == subject("2025年部门收支总体情况表")
    assert subject("一般公共预算“三公”经费支出表") == subject("财政拨款“三公”经费支出决算表")
    assert subject("一般公共预算基本支出表") == subject(
        "一般公共预算基本支出情况表（按经济分类科目）"
    )
    assert subject("政府性基金收支表（不含上年结转）") == subject("政府性基金预算支出表")


def test_titles_of_other_tables_differ():
    assert subject("财政拨款支出表（功能科目）") != subject("一般公共预算支出表")
    assert subject("收入总表") != subject("支出总表")
    assert subject("项目支出绩效目标表") != subject("部门整体支出绩效目标表")
    assert subject("政府采购（资产配置、购买服务）预算表") != subject("政府购买服务明细表")
    assert subject("部门预算公开表") == ""  # names no table


def test_an_id_printed_under_its_title_numbers_it():
    lines = ["收入支出决算总表", "公开01表", "单位：万元", "项目 金额", "收入决算表", "公开02表"]
    printed = printed_titles(lines)
    assert [(p.title, p.number) for p in printed] == [("收入支出决算总表", 1), ("收入决算表", 2)]


def test_a_title_broken_before_its_end_is_joined():
    lines = ["公开 09 表：一般公共预算“三公”经费、会议费、培训费", "支出预算表", "单位：万元"]
    (printed,) = printed_titles(lines)
    assert printed.title.endswith("培训费支出预算表")
    assert printed.number == 9
    assert printed.subject == "三公"


def test_a_row_or_a_heading_pointing_at_tables_is_no_title():
    lines = ["收入合计 10150.48 支出合计 10150.48公开02表", "一、收入预算情况说明（详见表 1-3）"]
    assert printed_titles(lines) == []


# -- the fit ----------------------------------------------------------------------------------


def test_the_provincial_set_fits_its_family_well():
    doc = read_text(disclosure(), "t.txt")
    level, message = family_note(doc)
    assert level is Level.INFO
    assert "吻合" in message and "表号相符 12/12" in message


def test_a_family_numbering_its_tables_otherwise_fits_poorly():
    printed = printed_titles([line for id_, title in TABLES for line in (id_, title, "合计")])
    by_name = {t.name: t for t in template_sets()}
    assert family_fit(printed, by_name["prov12"]).good
    shandong = family_fit(printed, by_name["shandong"])  # 公开表7 is 三公, 预算07表 is not
    assert not shandong.good
    assert (shandong.ids_agree, shandong.ids_printed) == (6, 12)  # 01–06 alike, then apart


# -- completeness.table -----------------------------------------------------------------------


def test_a_well_fitting_set_missing_a_table_is_an_error():
    kept = [t for t in TABLES if t[0] != "预算09表"]
    (finding,) = table_findings(read_text(disclosure(tables=kept), "t.txt"))
    assert finding.severity is Severity.ERROR
    assert "预算09表《政府性基金预算支出情况表》" in finding.message


# Another region's set: standard tables under its own ids, and tables no family has.
UNKNOWN = [
    ("附表1", "2026年部门收支总表"),
    ("附表2", "2026年部门收入总表"),
    ("附表3", "2026年部门支出总表"),
    ("附表4", "2026年财政拨款收支总表"),
    ("附表5", "2026年一般公共预算支出表"),
    ("附表6", "2026年财政拨款政府购买服务明细表"),
    ("附表7", "2026年一般公共预算基本支出表"),
    ("附表8", "2026年部门整体支出绩效目标表"),
    ("附表9", "2026年项目支出绩效目标表"),
]


def test_an_unknown_regions_set_gets_one_warning_naming_the_closest_family():
    doc = read_text(disclosure(tables=UNKNOWN), "t.txt")
    assert doc.tables  # read, by the closest family there is
    level, message = family_note(doc)
    assert level is Level.WARNING and "不够吻合" in message
    (finding,) = table_findings(doc)
    assert finding.severity is Severity.WARNING
    assert "最接近" in finding.message
    assert "财政拨款政府购买服务明细表" in finding.message  # what the family does not have


OWN_LIST = """\
    某局2025年部门预算公开
    目 录
    第一部分 部门预算说明
    第二部分 2025年部门预算表
    1、部门收支总表
    2、部门收入总表
    3、部门支出总表
    4、财政拨款收支总表
    5、一般公共预算支出表
    6、一般公共预算“三公”经费支出表
    7、政府性基金预算支出表
    8、部门整体支出绩效目标表
"""

# The tables of OWN_LIST, titled as a region of its own words them (收支总体情况表 for 收支总表).
LISTED = [
    ("", "2025年部门收支总体情况表"),
    ("", "2025年部门收入总体情况表"),
    ("", "2025年部门支出总体情况表"),
    ("", "2025年财政拨款收支总体情况表"),
    ("", "2025年一般公共预算支出情况表"),
    ("", "2025年一般公共预算“三公”经费支出情况表"),
    ("", "2025年政府性基金预算支出情况表"),
    ("", "2025年部门整体支出绩效目标表"),
]


def with_own_list(tables: list[tuple[str, str]]) -> Disclosure:
    text = dedent(OWN_LIST) + dedent(NARRATIVE).format(fund="政府性基金预算支出 0 万元。")
    text += "".join(f"\n{title}\n单位：万元\n项目 金额\n合计 1.00\n" for _, title in tables)
    return read_text(text, "t.txt")


def test_the_documents_own_list_is_found():
    doc = with_own_list(LISTED)
    listed = own_list(printed_titles(doc.source))
    assert [p.title for p in listed][:2] == ["部门收支总表", "部门收入总表"]
    assert len(listed) == 8


def test_a_document_holding_every_table_of_its_own_list_is_complete():
    findings = table_findings(with_own_list(LISTED))
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_a_table_its_own_list_names_but_the_document_lacks_is_an_error():
    doc = with_own_list([t for t in LISTED if "政府性基金" not in t[1]])
    errors = [f for f in table_findings(doc) if f.severity is Severity.ERROR]
    assert [f.message for f in errors] == [
        "未找到《政府性基金预算支出表》：本文件的表格目录列有此表，正文中却没有。"
    ]
    assert errors[0].location.line is not None  # the list's line


def test_a_table_printed_but_not_read_is_a_reading_warning():
    # the title is printed (run into its figures on one line), the reader found no table there
    kept = [t for t in TABLES if t[0] != "预算09表"]
    text = disclosure(tables=kept) + "\n政府性基金预算支出情况表 金额 1.00 2.00\n"
    doc = read_text(text, "t.txt")
    assert "gov_fund" not in {t.key for t in doc.tables}
    (finding,) = table_findings(doc)
    assert finding.severity is Severity.WARNING
    assert "未能读出此表" in finding.message and finding.location.line is not None


def test_the_report_says_when_the_family_fits_poorly():
    poor = audit(read_text(disclosure(tables=UNKNOWN), "t.txt"))
    good = audit(read_text(disclosure(), "t.txt"))
    assert "（吻合不佳）" in render_text([poor]).splitlines()[0]
    assert "（吻合不佳）" not in render_text([good]).splitlines()[0]


def test_without_printed_ids_a_set_lacking_several_tables_is_not_trusted():
    unnumbered = [("", title) for _, title in TABLES]
    one_gone = [t for t in unnumbered if "政府性基金" not in t[1]]
    (finding,) = table_findings(read_text(disclosure(tables=one_gone), "t.txt"))
    assert finding.severity is Severity.ERROR  # 11 of 12: the set is the family's
    two_gone = [t for t in one_gone if "项目支出表" not in t[1]]
    findings = table_findings(read_text(disclosure(tables=two_gone), "t.txt"))
    assert [f.severity for f in findings] == [Severity.WARNING]  # 10 of 12, no ids to tell


def test_a_contents_entry_read_as_a_table_does_not_make_the_table_present():
    doc = with_own_list([t for t in LISTED if "政府性基金" not in t[1]])
    (entry,) = [p for p in own_list(printed_titles(doc.source)) if p.subject == "政府性基金"]
    fake = replace(
        doc.tables[0], title=entry.title, span=replace(doc.tables[0].span, line=entry.line + 1)
    )
    doc = replace(doc, tables=(*doc.tables, fake))
    errors = [f for f in table_findings(doc) if f.severity is Severity.ERROR]
    assert [f.location.table for f in errors] == ["政府性基金预算支出表"]


def test_the_first_table_printed_under_the_list_is_no_entry_of_it():
    lines = [*dedent(OWN_LIST).splitlines(), "2025年部门收支总体情况表", "单位：万元", "合计 1.00"]
    printed = printed_titles(lines)
    assert [p.listed for p in printed] == [True] * 8 + [False]


def test_a_part_of_a_familys_disclosure_is_its_own_only_when_its_ids_agree():
    from yusuan.templates.fit import Fit

    part = Fit("f", "某族", ("收支总表", "三公"), (), ("summary",), ("a", "b", "c", "d"), 2, 2)
    assert not part.good and part.tables_its_own  # half its tables, numbered as it numbers them
    unnumbered = replace(part, ids_agree=0, ids_printed=0)
    assert not unnumbered.tables_its_own  # titles alone: another region's set shares them
    renumbered = replace(part, ids_agree=0)
    assert not renumbered.tables_its_own
