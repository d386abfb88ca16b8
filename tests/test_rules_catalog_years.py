"""Classification rules that know the document's year and its region's conventions: the
pre-2018 economic codes, a book standing in for another year, local sub-items, one summary line
for codes a partial catalog lacks, local conventions, and plausible alternative bookings."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from test_rules_catalog import BASIC05, BASIC06, table05, table06, write
from yusuan.audit import audit
from yusuan.audit.finding import Finding, Severity
from yusuan.audit.rules.codes import class_rows
from yusuan.catalog import Part, load_catalog, load_catalog_from
from yusuan.catalog.reference import former_match, money_pairs
from yusuan.model import Row, Side, Span, Table
from yusuan.read.text import read_text

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def audit_text(text: str, select: str, template: str | None = None) -> list[Finding]:
    doc = read_text(text, "t.txt")
    if template is not None:  # as if the reader had recognised a region's template family
        tables = tuple(dataclasses.replace(t, template=template) for t in doc.tables)
        meta = dataclasses.replace(doc.meta, template=template)
        doc = dataclasses.replace(doc, tables=tables, meta=meta)
    return list(audit(doc, select=[select]).findings)


def of_year(text: str, year: int) -> str:
    return text.replace("2023年", f"{year}年")


# -- one catalog per fiscal year ----------------------------------------------------------------


def test_the_2018_reform_divides_the_bundled_books():
    before, after = load_catalog(2017), load_catalog(2018)
    housing = before.econ_dept("30311")
    assert housing is not None and housing.name == "住房公积金" and housing.verified
    assert before.econ_dept("30104") is not None and before.econ_dept("30312") is not None
    after_housing = after.econ_dept("30311")
    assert after_housing is not None and after_housing.name == "代缴社会保险费"
    assert after.econ_dept("30104") is None and after.econ_dept("30312") is None
    # No 政府经济分类 before the reform; the functional list is the 2023 book's, lent and said so.
    assert before.entries(Part.ECON_GOV) == ()
    assert before.function("201") is not None
    assert before.book_year(Part.FUNCTION) == 2023 and before.book_year(Part.ECON_DEPT) == 2017
    assert before.standing_in() == "支出功能分类以2023年目录代2017年"
    assert after.standing_in().endswith("以2023年目录代2018年")
    assert load_catalog(2023).standing_in() == ""


def test_a_directory_serves_its_years_and_the_nearest_stands_in(tmp_path: Path):
    root = tmp_path / "data"
    write(root / "2010", "econ_dept.csv", "code,name", "301,旧工资福利支出")
    (root / "2010" / "catalog.toml").write_text("applies_until = 2012\n", "utf-8")
    write(root / "2015", "econ_dept.csv", "code,name", "301,工资福利支出")
    write(root / "2015", "function.csv", "code,name", "201,一般公共服务支出")
    (root / "2015" / "catalog.toml").write_text("applies_from = 2013\n", "utf-8")
    old = load_catalog_from(root, 2011)
    entry = old.econ_dept("301")
    assert entry is not None and entry.name == "旧工资福利支出"
    assert old.function("201") is not None  # lent by the 2015 directory
    assert old.provenance == "bundled 2010; 支出功能分类 from bundled 2015"
    served = load_catalog_from(root, 2013)  # applies_from: the 2015 book serves 2013
    entry = served.econ_dept("301")
    assert entry is not None and entry.name == "工资福利支出"
    assert served.provenance == "bundled 2015" and served.book_year(Part.ECON_DEPT) == 2015
    assert "以2015年目录代2013年" in served.standing_in()


def test_a_2017_document_is_checked_against_the_pre_2018_codes():
    text = of_year(
        table05(
            "30.00 30.00 30.00",
            "221 02 01 住房公积金 20.00 20.00 20.00",
            "201 03 01 行政运行 10.00 10.00 10.00",
        )
        + table06(
            "30.00 30.00",
            "30104  其他社会保障缴费 5.00 5.00",
            "30311  住房公积金 20.00 20.00",
            "30312  提租补贴 5.00 5.00",
        ),
        2017,
    )
    doc = read_text(text, "t.txt")
    assert doc.meta.year == 2017
    found = list(audit(doc, select=["catalog", "cross.function-economic"]).findings)
    assert [f for f in found if f.severity is ERR] == []
    # The same codes in a 2023 document are the reformed ones: 30311 is 代缴社会保险费.
    later = list(
        audit(
            read_text(of_year(text, 2023).replace("2017年", "2023年"), "t.txt"),
            select=["catalog.name-mismatch"],
        ).findings
    )
    assert any("30311" in (f.location.row or "") and "代缴社会保险费" in f.message for f in later)


def test_housing_fund_pairs_follow_the_reform():
    years = {
        (pair.economic, pair.holds_in(2017), pair.holds_in(2018))
        for pair in money_pairs()
        if pair.name == "住房公积金"
    }
    assert years == {(("30113",), False, True), (("30311",), True, False)}
    text = of_year(
        table05("20.00 20.00 20.00", "221 02 01 住房公积金 20.00 20.00 20.00")
        + table06("20.00 20.00", "30311  住房公积金 15.00 15.00", "30199  其他 5.00 5.00"),
        2017,
    )
    (found,) = audit_text(text, "cross.function-economic")
    assert found.severity is ERR and "30311" in found.message


# -- catalog.code-unknown -------------------------------------------------------------------


def test_local_sub_items_under_their_kuan_are_no_finding_when_they_add_up():
    text = table06(
        "30.00 30.00",
        "30102  津贴补贴 50101 工资奖金津补贴 30.00 30.00",
        "3010201  规范性津补贴 20.00 20.00",
        "3010202  其他津补贴 10.00 10.00",
    )
    assert audit_text(text, "catalog.code-unknown") == []


def test_local_sub_items_that_do_not_add_up_are_a_warning():
    text = table06(
        "30.00 30.00",
        "30102  津贴补贴 50101 工资奖金津补贴 30.00 30.00",
        "3010201  规范性津补贴 20.00 20.00",
        "3010202  其他津补贴 9.00 9.00",
    )
    (found,) = audit_text(text, "catalog.code-unknown")
    assert found.severity is WARN and "3010201、3010202" in found.message
    assert (found.stated, found.expected) == (Decimal("30.00"), Decimal("29.00"))


def test_a_malformed_code_without_its_kuan_is_still_an_error():
    text = table06("20.00 20.00", "3019901  某细目 20.00 20.00")
    (found,) = audit_text(text, "catalog.code-unknown")
    assert found.severity is ERR and "不是有效编码" in found.message


def test_an_empty_row_of_a_code_an_older_book_lacks_joins_the_summary():
    # 2026: the 2023 book stands in; 31206 is not in its (complete) 款 list.
    empty = of_year(
        table06("20.00 20.00", "30101  基本工资 20.00 20.00", "31206  其他资本性补助 0.00 0.00"),
        2026,
    )
    (found,) = audit_text(empty, "catalog.code-unknown")
    assert found.severity is WARN and "31206" in found.message and "其他年度目录" in found.message
    # With money, the code is still absent from a level the book lists in full: an error that
    # names the book that stood in.
    spent = empty.replace("31206  其他资本性补助 0.00 0.00", "31206  其他资本性补助 5.00 5.00")
    (found,) = audit_text(spent, "catalog.code-unknown")
    assert found.severity is ERR and "2023年科目（代2026年）" in found.message


# -- catalog.name-mismatch --------------------------------------------------------------------


def test_a_name_with_one_character_left_out_is_a_warning():
    text = table06(
        "20.00 20.00", "30108  机关事业单位基本养老保险费 50102 社会保障缴费 20.00 20.00"
    )
    (found,) = audit_text(text, "catalog.name-mismatch")
    assert found.severity is WARN and "简写" in found.message
    # One character changed is another word, not an abbreviation: still an error.
    typo = text.replace("机关事业单位基本养老保险费", "机关事业单位基本养老保险税")
    (found,) = audit_text(typo, "catalog.name-mismatch")
    assert found.severity is ERR


# -- catalog.obsolete ---------------------------------------------------------------------------


def test_the_resource_class_was_renamed_after_2019():
    row = former_match("215", "资源勘探信息等支出")
    assert row is not None and not row.gone_by(2019) and row.gone_by(2022)


# -- catalog.personnel-public -----------------------------------------------------------------

ZHEJIANG06 = table06(
    "30.00 20.00 10.00",
    "303  对个人和家庭的补助 30.00 20.00 10.00",
    "30302  退休费 20.00 20.00",
    "30399  其他对个人和家庭的补助 10.00 10.00",
)


def test_a_regions_convention_is_info_not_an_error():
    found = audit_text(ZHEJIANG06, "catalog.personnel-public", template="zhejiang")
    assert {(f.location.row, f.severity) for f in found} == {
        ("303 对个人和家庭的补助", INFO),
        ("30399 其他对个人和家庭的补助", INFO),
    }
    assert all("本地表样惯例" in f.message for f in found)
    # Elsewhere the national rule holds.
    found = audit_text(ZHEJIANG06, "catalog.personnel-public")
    assert {f.severity for f in found} == {ERR}


# -- cross.function-economic ------------------------------------------------------------------


def test_no_medical_class_at_all_is_a_regional_convention_warning():
    text = BASIC05.replace("210 11 01 行政单位医疗 10.00", "201 03 02 一般行政管理事务 10.00")
    (found,) = audit_text(text + BASIC06, "cross.function-economic")
    assert found.severity is WARN and "未列 210 类" in found.message


def test_a_missing_housing_class_beside_correct_pairs_is_an_error():
    text = BASIC05.replace("221 02 01 住房公积金 33.23", "201 03 02 一般行政管理事务 33.23")
    (found,) = audit_text(text + BASIC06, "cross.function-economic")
    assert found.severity is ERR and "2210201" in found.message


def test_no_staff_class_at_all_is_one_convention_followed_throughout():
    text = table05("100.00 100.00 100.00", "201 03 01 行政运行 100.00 100.00 100.00")
    found = audit_text(text + BASIC06, "cross.function-economic")
    assert found and {f.severity for f in found} == {WARN}


def test_a_gap_the_other_social_security_code_can_hold_is_a_warning():
    text = BASIC05 + table06(
        "100.00 100.00",
        "30101  基本工资 50101 工资奖金津补贴 33.77 33.77",
        "30108  机关事业单位基本养老保险缴费 50102 社会保障缴费 20.00 20.00",
        "30110  职工基本医疗保险缴费 50102 社会保障缴费 8.00 8.00",
        "30112  其他社会保障缴费 50102 社会保障缴费 5.00 5.00",
        "30113  住房公积金 50103 住房公积金 33.23 33.23",
    )
    (found,) = audit_text(text, "cross.function-economic")
    assert found.severity is WARN and "30112" in found.message
    # A gap larger than 30112 holds is not explained by it.
    wide = text.replace(
        "30110  职工基本医疗保险缴费 50102 社会保障缴费 8.00 8.00",
        "30110  职工基本医疗保险缴费 50102 社会保障缴费 2.00 2.00",
    ).replace(
        "30101  基本工资 50101 工资奖金津补贴 33.77 33.77",
        "30101  基本工资 50101 工资奖金津补贴 39.77 39.77",
    )
    (found,) = audit_text(wide, "cross.function-economic")
    assert found.severity is ERR


def test_an_economic_table_without_wage_items_is_not_compared():
    text = BASIC05 + table06("100.00 100.00", "30201  办公费 50201 办公经费 100.00 100.00")
    assert audit_text(text, "cross.function-economic") == []


# -- class names of the 01/04 panels --------------------------------------------------------


def test_only_the_list_the_classes_are_in_names_classes():
    def line(n: int, number: str, name: str, segment: int) -> Row:
        span = Span("t.txt", n, n)
        return Row(name, span, side=Side.EXPENSE, number=number, segment=segment)

    # 功能分类 | 支出用途 printed side by side, both numbered 一、二、三、
    rows = (
        line(1, "一、", "一般公共服务支出", 0),
        line(1, "一、", "基本支出", 1),
        line(2, "二、", "外交支出", 0),
        line(2, "二、", "项目支出", 1),
        line(3, "三、", "国防支出", 0),
        line(3, "三、", "单位预留机动经费", 1),
        line(4, "四、", "公共安全支出", 0),
    )
    table = Table("summary", "收支预算总表", Span("t.txt", 1, 4), (), rows)
    classes = load_catalog(2019).function_classes()
    assert [r.name for r in class_rows(table, classes)] == [
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
    ]


def test_a_kuan_printed_without_its_items_is_compared_whole():
    # 21011 printed, its 项 not (a 款-level table, or a line lost): 21011 is all medical money.
    text = BASIC05.replace(
        "210 11 01 行政单位医疗 10.00 10.00 10.00", "210 11 行政事业单位医疗 10.00 10.00 10.00"
    )
    assert audit_text(text + BASIC06, "cross.function-economic") == []
    short = text.replace("行政事业单位医疗 10.00 10.00 10.00", "行政事业单位医疗 12.00 12.00 12.00")
    (found,) = audit_text(
        short.replace("100.00 100.00 100.00", "102.00 102.00 102.00") + BASIC06,
        "cross.function-economic",
    )
    assert found.severity is ERR and "21011" in found.message


def test_a_misprinted_class_under_its_kuan_is_an_error():
    text = table05(
        "30.00 30.00 30.00",
        "201 03 01 行政运行 20.00 20.00 20.00",
        "210 11 行政事业单位医疗 10.00 10.00 10.00",
        "7 11 02 事业单位医疗 10.00 10.00 10.00",
    )
    found = [f for f in audit_text(text, "catalog.code-unknown") if f.severity is ERR]
    assert [(f.stated, f.expected) for f in found] == [(Decimal(7), Decimal(210))]
    assert "2101102" in found[0].message
    # Under another 款 the catalog cannot say which 项 it is: no finding.
    other = text.replace("7 11 02 事业单位医疗", "7 11 02 某某事务")
    assert [f for f in audit_text(other, "catalog.code-unknown") if f.severity is ERR] == []
