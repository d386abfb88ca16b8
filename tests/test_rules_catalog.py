"""The classification rules: codes, names, former names, the economic correspondence,
人员/公用经费 by class, and functional ↔ economic money — on small disclosures written here,
on edits of the seed, and on the seed as published."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from yusuan.audit import audit
from yusuan.audit.finding import Finding, Severity
from yusuan.catalog import load_catalog, names_match
from yusuan.catalog.reference import former_names, money_pairs, name_in_year
from yusuan.read.text import read_text

from conftest import SEED

RULES = ("catalog", "cross.function-economic")
ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
GOV = "政府预算支出经济分类"


def findings(
    text: str, select: str | tuple[str, ...] = RULES, catalog: Path | None = None, unit=None
) -> list[Finding]:
    chosen = [select] if isinstance(select, str) else list(select)
    doc = read_text(text, "t.txt")
    report = audit(
        doc, select=chosen, catalog_dir=str(catalog) if catalog else None, unit_type=unit
    )
    return list(report.findings)


def brief(found: list[Finding]) -> set[tuple[str, Severity, str | None, str | None, str | None]]:
    """(rule, severity, table, row, column): what a finding is about, compactly."""
    return {
        (f.rule, f.severity, f.location.table, f.location.row, f.location.column) for f in found
    }


def seed_text() -> str:
    return SEED.read_text("utf-8")


def edit(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, (line, old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def write(folder: Path, name: str, *lines: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", "utf-8")
    return folder


# -- small disclosures, in the seed's shape ----------------------------------------------------

HEAD05 = """\
预算05表

2023年一般公共预算支出情况表
部门名称：测试局 单位：万元

科目编码
单位代
码
单位（科目名称） 合计

基本支出  项目支出

小计

人员经费 公用经费

小计 其他运转类 特定目标类
类 款 项

工资福利支
出

对个人和家
庭的补助

商品和服务
支出

资本性支出

"""

HEAD06 = """\
预算06表

2023年一般公共预算基本支出表
部门名称：测试局 单位：万元

部门预算支出经济分类科目 政府预算支出经济分类科目编码 本年一般公共预算基本支出

科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费

"""


def table05(total: str, *rows: str) -> str:
    """A 05 table: `total` and each row are the printed line after the code and name."""
    return HEAD05 + f"合计 {total}\n\n" + "\n\n".join(rows) + "\n\n"


def table06(total: str, *rows: str) -> str:
    return HEAD06 + f"合计 {total}\n\n" + "\n\n".join(rows) + "\n\n"


# Basic money only: 合计 = 基本小计 = the economic column(s).
BASIC05 = table05(
    "100.00 100.00 100.00",
    "201 03 01 行政运行 36.77 36.77 36.77",
    "208 05 05 机关事业单位基本养老保险缴费支出 20.00 20.00 20.00",
    "210 11 01 行政单位医疗 10.00 10.00 10.00",
    "221 02 01 住房公积金 33.23 33.23 33.23",
)
BASIC06 = table06(
    "100.00 100.00",
    "30101  基本工资 50101 工资奖金津补贴 36.77 36.77",
    "30108  机关事业单位基本养老保险缴费 50102 社会保障缴费 20.00 20.00",
    "30110  职工基本医疗保险缴费 50102 社会保障缴费 10.00 10.00",
    "30113  住房公积金 50103 住房公积金 33.23 33.23",
)


def test_a_clean_small_disclosure_has_no_classification_findings():
    assert findings(BASIC05 + BASIC06, unit="机关") == []


# -- catalog.code-unknown -----------------------------------------------------------------------


def test_an_absent_code_is_an_error_where_the_catalog_is_complete():
    text = table05(
        "3.00 3.00 3.00",
        "299 01 01 不存在的事务 1.00 1.00 1.00",  # class 299: every 类 is listed
        "201 03 01 行政运行 2.00 2.00 2.00",
    ) + table06(
        "3.00 3.00",
        "30198  不存在的工资 50101 工资奖金津补贴 1.00 1.00",  # econ 款: complete
        "30101  基本工资 50198 不存在的政府科目 2.00 2.00",
    )
    found = [f for f in findings(text, "catalog.code-unknown")]
    assert brief(found) == {
        ("catalog.code-unknown", ERR, "预算05表", "2990101 不存在的事务", None),
        ("catalog.code-unknown", ERR, "预算06表", "30198 不存在的工资", None),
        ("catalog.code-unknown", ERR, "预算06表", "30101 基本工资", GOV),
    }
    by_row = {(f.location.row, f.location.column): f for f in found}
    functional = by_row[("2990101 不存在的事务", None)]
    assert "类 299 不在2023年科目中" in functional.message and "类级完整" in functional.message
    assert ("分类目录", "bundled 2023（2023年度）") in functional.evidence


def test_codes_absent_where_the_catalog_is_partial_are_one_warning_listing_them():
    text = table05(
        "5.00 5.00 5.00",
        "201 03 08 某项事务 2.00 2.00 2.00",
        "201 03 09 另项事务 3.00 3.00 3.00",
    )
    (found,) = findings(text, "catalog.code-unknown")
    # One line for the document, at the first such code, not one warning per row.
    assert (found.severity, found.location.row) == (WARN, "2010308 某项事务")
    assert "有 2 个科目编码不在所附分类目录中" in found.message
    assert "2010308、2010309" in found.message and "只收录了部分科目" in found.message
    assert ("未收录的编码", "支出功能分类 2010308、2010309") in found.evidence


def test_a_user_catalog_that_lists_the_code_removes_the_warning(tmp_path: Path):
    text = table05("2.00 2.00 2.00", "201 03 08 某项事务 2.00 2.00 2.00")
    user = write(tmp_path / "book", "function.csv", "code,name", "2010308,某项事务")
    assert findings(text, "catalog.code-unknown", catalog=user) == []


def test_codes_in_the_catalog_are_not_reported():
    assert findings(BASIC05 + BASIC06, "catalog.code-unknown") == []


# -- catalog.name-mismatch ----------------------------------------------------------------------


def test_a_name_that_differs_from_a_verified_row_is_an_error():
    text = table05("2.00 2.00 2.00", "201 03 01 一般行政管理事务 2.00 2.00 2.00")
    (found,) = findings(text, "catalog.name-mismatch")
    assert (found.severity, found.location.row) == (ERR, "2010301 一般行政管理事务")
    assert "行政运行" in found.message
    # The printed name is the name of another code: the suggestion says so.
    assert "2010302" in (found.suggestion or "")
    assert any("verified" in why and "bundled 2023" in why for _, why in found.evidence)


def test_a_name_that_differs_from_an_unverified_row_is_a_warning_that_says_so():
    text = table05("2.00 2.00 2.00", "201 11 05 纪检派出事务 2.00 2.00 2.00")
    (found,) = findings(text, "catalog.name-mismatch")
    assert found.severity is WARN
    assert "unverified" in found.message and "派驻派出机构" in found.message


def test_a_verified_2024_row_gives_a_warning_naming_its_status():
    text = table05("2.00 2.00 2.00", "213 05 01 扶贫行政事务 2.00 2.00 2.00")
    (found,) = findings(text, "catalog.name-mismatch")
    assert found.severity is WARN and "verified-2024" in found.message


def test_a_user_catalog_row_changes_the_outcome(tmp_path: Path):
    text = table05("2.00 2.00 2.00", "201 11 05 纪检派出事务 2.00 2.00 2.00")
    # The user's book names the code as printed: no finding.
    renamed = write(tmp_path / "a", "function.csv", "code,name", "2011105,纪检派出事务")
    assert findings(text, "catalog.name-mismatch", catalog=renamed) == []
    # The user's book confirms the bundled name: the warning becomes an error.
    confirmed = write(
        tmp_path / "b",
        "function.csv",
        "code,name,level,parent,status,source",
        "2011105,派驻派出机构,3,20111,verified,book p.88",
    )
    (found,) = findings(text, "catalog.name-mismatch", catalog=confirmed)
    assert found.severity is ERR
    assert any(str((tmp_path / "b").resolve()) in why for _, why in found.evidence)


def test_the_government_name_of_a_pair_is_checked_too():
    text = table06("1.00 1.00", "30101  基本工资 50101 工资福利 1.00 1.00")
    assert brief(findings(text, "catalog.name-mismatch")) == {
        ("catalog.name-mismatch", ERR, "预算06表", "30101 基本工资", GOV)
    }


@pytest.mark.parametrize(
    "printed",
    ["行政运行支出", "行政运行 ", "行政（运行）"],
)
def test_width_punctuation_and_a_trailing_zhichu_are_tolerated(printed: str):
    text = table05("2.00 2.00 2.00", f"201 03 01 {printed} 2.00 2.00 2.00")
    assert findings(text, "catalog.name-mismatch") == []


def test_a_shortened_name_is_a_warning():
    text = table06("1.00 1.00", "30212  因公出国（境）费 50207 因公出国（境）费用 1.00 1.00")
    (found,) = findings(text, "catalog.name-mismatch")
    assert found.severity is WARN and "简写" in found.message


def test_a_panel_class_name_that_is_no_class_is_a_warning_with_the_nearest_class():
    found = findings(seed_text(), "catalog.name-mismatch")
    assert brief(found) == {
        ("catalog.name-mismatch", WARN, "预算04表", "文化体育旅游与传媒支出", None)
    }
    assert "207" in found[0].message and "次序" in found[0].message
    fixed = edit(seed_text(), 625, "文化体育旅游与传媒支出", "文化旅游体育与传媒支出")
    assert findings(fixed, "catalog.name-mismatch") == []


# -- catalog.obsolete ---------------------------------------------------------------------------


def test_a_former_class_name_in_a_panel_without_money_is_a_warning():
    found = [
        f for f in findings(seed_text(), "catalog.obsolete") if "医疗卫生" in (f.location.row or "")
    ]
    assert brief(found) == {("catalog.obsolete", WARN, "预算04表", "医疗卫生与计划生育支出", None)}
    (finding,) = found
    assert "卫生健康支出" in finding.message and "2019" in "".join(w for _, w in finding.evidence)
    # The panel already lists the current class: the row is to be deleted, not renamed.
    assert "（十）卫生健康支出" in (finding.suggestion or "")


def test_money_on_a_former_class_name_is_an_error():
    text = edit(
        seed_text(), 629, "医疗卫生与计划生育支出", "医疗卫生与计划生育支出 40.52 40.52 40.52"
    )
    text = edit(text, 631, "卫生健康支出 40.52 40.52 40.52", "卫生健康支出")
    found = [f for f in findings(text, "catalog.obsolete") if "医疗卫生" in (f.location.row or "")]
    assert [f.severity for f in found] == [ERR]


def test_a_former_name_is_fine_in_a_year_before_the_change():
    text = seed_text().replace("2023年", "2018年")
    rows = {f.location.row for f in findings(text, "catalog.obsolete")}
    assert "医疗卫生与计划生育支出" not in rows and "资源勘探信息等支出" not in rows
    assert "城乡社区事务支出" in rows  # renamed well before 2018


def test_a_former_name_beside_a_code_is_obsolete_not_a_mismatch():
    text = table05(
        "2.00 2.00 2.00",
        "208 05 行政事业单位离退休 2.00 2.00 2.00",
        "208 05 05 机关事业单位基本养老保险缴费支出 2.00 2.00 2.00",
    )
    found = findings(text, ("catalog.obsolete", "catalog.name-mismatch"))
    assert brief(found) == {("catalog.obsolete", ERR, "预算05表", "20805 行政事业单位离退休", None)}
    assert "行政事业单位养老支出" in found[0].message


def test_an_open_question_is_only_info_and_a_user_catalog_can_settle_it(tmp_path: Path):
    found = [
        f for f in findings(seed_text(), "catalog.obsolete") if "抗疫" in (f.location.row or "")
    ]
    assert {f.severity for f in found} == {INFO} and len(found) == 2
    user = write(tmp_path / "book", "function.csv", "code,name", "234,抗疫特别国债安排的支出")
    found = [
        f
        for f in findings(seed_text(), ("catalog.obsolete", "catalog.name-mismatch"), catalog=user)
        if "抗疫" in (f.location.row or "")
    ]
    assert found == []


def test_a_code_under_an_open_question_class_is_not_called_unknown():
    text = table05("2.00 2.00 2.00", "234 01 01 某项抗疫支出 2.00 2.00 2.00")
    assert [(f.rule, f.severity) for f in findings(text, "catalog")] == [("catalog.obsolete", INFO)]


# -- catalog.econ-mapping -----------------------------------------------------------------------

MISPAIRED = table06(
    "3.00 3.00",
    "30199  其他工资福利支出 50101 工资奖金津补贴 1.00 1.00",  # 机关: 50199 (verified)
    "30107  绩效工资 50501 工资福利支出 2.00 2.00",  # listed for 事业单位 only
)


def test_a_pairing_the_correspondence_forbids_for_the_unit_type_is_an_error():
    found = findings(MISPAIRED, "catalog.econ-mapping", unit="机关")
    assert brief(found) == {
        ("catalog.econ-mapping", ERR, "预算06表", "30199 其他工资福利支出", GOV),
        ("catalog.econ-mapping", WARN, "预算06表", "30107 绩效工资", GOV),
    }
    wrong = next(f for f in found if f.severity is ERR)
    assert "50199" in wrong.message and "50199" in (wrong.suggestion or "")
    assert ("单位类型", "机关") in wrong.evidence
    assert any(what == "对照表 30199→50199" and "verified" in why for what, why in wrong.evidence)


def test_without_a_unit_type_any_type_is_accepted_and_the_finding_says_so():
    found = findings(MISPAIRED, "catalog.econ-mapping")
    # 30107 → 50501 holds for 事业单位; 30199 → 50101 holds for no type, but its 事业单位 row
    # (50501) is unverified: a warning.
    assert brief(found) == {
        ("catalog.econ-mapping", WARN, "预算06表", "30199 其他工资福利支出", GOV)
    }
    assert any(what == "单位类型" and "未指定" in why for what, why in found[0].evidence)
    assert "unverified" in "".join(why for _, why in found[0].evidence)


def test_an_unverified_correspondence_row_gives_a_warning_at_most():
    text = table06("1.00 1.00", "30231  公务用车运行维护费 50201 办公经费 1.00 1.00")
    (found,) = findings(text, "catalog.econ-mapping", unit="机关")
    assert found.severity is WARN and "未核实" in found.message


def test_allowed_pairings_are_not_reported():
    assert findings(BASIC06, "catalog.econ-mapping", unit="机关") == []


def test_a_user_correspondence_row_replaces_the_bundled_one(tmp_path: Path):
    user = write(
        tmp_path / "book",
        "econ_mapping.csv",
        "dept_code,gov_code,note,status,source",
        "30199,50101,机关,verified,book p.120",
    )
    found = findings(MISPAIRED, "catalog.econ-mapping", catalog=user, unit="机关")
    assert {f.location.row for f in found} == {"30107 绩效工资"}


# -- catalog.personnel-public -------------------------------------------------------------------


def test_public_money_in_the_personnel_column_is_an_error():
    text = table06(
        "30.00 24.00 6.00",
        "30101  基本工资 50101 工资奖金津补贴 20.00 20.00",
        "30201  办公费 50201 办公经费 10.00 4.00 6.00",
    )
    found = findings(text, "catalog.personnel-public")
    assert brief(found) == {
        ("catalog.personnel-public", ERR, "预算06表", "30201 办公费", "人员经费")
    }
    assert (found[0].stated, found[0].expected) == (Decimal("4.00"), Decimal(0))


def test_a_row_the_column_totals_put_in_the_wrong_column_is_an_error():
    # The 合计 row counts everything as 人员经费, so the reader must place 30201 there.
    text = table06(
        "30.00 30.00 0.00",
        "30101  基本工资 50101 工资奖金津补贴 20.00 20.00",
        "30201  办公费 50201 办公经费 10.00 10.00",
    )
    found = findings(text, "catalog.personnel-public")
    assert [(f.location.row, f.severity, f.stated) for f in found] == [
        ("30201 办公费", ERR, Decimal("10.00"))
    ]


def test_rows_in_their_class_column_are_not_reported():
    text = table06(
        "30.00 20.00 10.00",
        "30101  基本工资 50101 工资奖金津补贴 20.00 20.00",
        "30201  办公费 50201 办公经费 10.00 10.00",
    )
    assert findings(text, "catalog.personnel-public") == []


# -- cross.function-economic --------------------------------------------------------------------


def test_functional_and_economic_money_that_differ_is_an_error():
    text = BASIC05 + BASIC06.replace(
        "30108  机关事业单位基本养老保险缴费 50102 社会保障缴费 20.00 20.00",
        "30108  机关事业单位基本养老保险缴费 50102 社会保障缴费 18.00 18.00",
    ).replace(
        "30101  基本工资 50101 工资奖金津补贴 36.77 36.77",
        "30101  基本工资 50101 工资奖金津补贴 38.77 38.77",
    )
    (found,) = findings(text, "cross.function-economic")
    assert (found.severity, found.location.row, found.stated, found.expected) == (
        ERR,
        "2080505 机关事业单位基本养老保险缴费支出",
        Decimal("20.00"),
        Decimal("18.00"),
    )


def test_a_missing_economic_counterpart_without_an_alternative_is_an_error():
    text = BASIC05 + BASIC06.replace(
        "30113  住房公积金 50103 住房公积金 33.23 33.23",
        "30199  其他工资福利支出 50199 其他工资福利支出 33.23 33.23",
    )
    (found,) = findings(text, "cross.function-economic")
    assert (found.severity, found.location.row) == (ERR, "2210201 住房公积金")
    assert "30113" in found.message


def test_a_missing_counterpart_with_an_alternative_code_is_a_warning():
    text = BASIC05 + BASIC06.replace(
        "30110  职工基本医疗保险缴费 50102 社会保障缴费 10.00 10.00",
        "30112  其他社会保障缴费 50102 社会保障缴费 10.00 10.00",
    )
    (found,) = findings(text, "cross.function-economic")
    assert found.severity is WARN and "30112" in found.message


def test_medical_money_under_its_other_code_agrees_once_counted():
    # 2101101 8.00 + 2101199 其他行政事业单位医疗支出 2.00 against 30110 10.00: the rest of
    # the contribution is booked under the catalog's other medical 项, which agrees
    other = BASIC05.replace(
        "210 11 01 行政单位医疗 10.00 10.00 10.00",
        "210 11 01 行政单位医疗 8.00 8.00 8.00\n\n210 11 99 其他行政事业单位医疗支出 2.00 2.00 2.00",
    )
    assert findings(other + BASIC06, "cross.function-economic") == []
    # … and without it, 8.00 against 10.00 is a finding
    short = BASIC05.replace("100.00 100.00 100.00", "98.00 98.00 98.00").replace(
        "210 11 01 行政单位医疗 10.00 10.00 10.00", "210 11 01 行政单位医疗 8.00 8.00 8.00"
    )
    (found,) = findings(short + BASIC06, "cross.function-economic")
    assert (found.stated, found.expected) == (Decimal("8.00"), Decimal("10.00"))


def test_the_03_and_07_pair_serves_when_05_and_06_are_absent():
    text = dedent(
        """\
        预算03表

        2023年部门支出总体情况表
        部门名称：测试局 单位：万元

        科目编码 单位代码 单位（科目名称） 合计 基本支出 项目支出
        小计 人员经费 公用经费 小计 其他运转类 特定目标类
        类 款 项 工资福利支出 对个人和家庭的补助 商品和服务支出 资本性支出

        合计 5.00 5.00 5.00

        221 02 01 住房公积金 5.00 5.00 5.00

        预算07表

        2023年支出经济分类汇总表
        部门名称：测试局 单位：万元

        部门预算经济分类 政府预算经济分类 总计 一般公共预算 政府性基金 国有资本经营预算
        上年结转结余 财政专户管理资金收入 事业收入 上级补助收入 附属单位上缴收入
        事业单位经营收入 其他收入
        类 款 科目名称 类 款 科目名称 小计 其中：财政拨款

        合计 4.00 4.00 4.00

        301 13 住房公积金 501 03 住房公积金 4.00 4.00 4.00
        """
    )
    (found,) = findings(text, "cross.function-economic")
    assert (found.location.table, found.stated, found.expected) == (
        "预算03表",
        Decimal("5.00"),
        Decimal("4.00"),
    )


# -- the data the rules rest on -----------------------------------------------------------------


def test_every_rename_chain_lands_on_the_2023_catalog_name():
    book = load_catalog(2023)
    for row in former_names():
        if row.open_question or row.retired:
            continue
        entry = book.lookup(row.code)
        assert entry is not None, row
        assert names_match(name_in_year(row, 2023) or "", entry.name), row
        assert not names_match(row.old_name, entry.name), row


def test_every_paired_code_is_in_the_catalog():
    book = load_catalog(2023)
    for pair in money_pairs():
        codes = (
            pair.functional
            + pair.economic
            + pair.functional_alternatives
            + pair.economic_alternatives
        )
        assert all(book.lookup(code) is not None for code in codes), pair


# -- the seed as published ----------------------------------------------------------------------


def test_what_the_classification_rules_report_on_the_seed():
    found = findings(seed_text())
    got = {(f.rule, f.severity, f.location.table, f.location.row, f.location.line) for f in found}
    assert got == {
        # 30109 职业年金缴费 25.93 has no 2080506 line in 05 (the money sits in another
        # functional code); the pair and the 2080506 catalog row are unverified.
        ("cross.function-economic", WARN, "预算06表", "30109 职业年金缴费", 767),
        # 2101101 + 2101102 = 40.52 with no 30110/30111 in 06; 30112 其他社会保障缴费 42.26
        # plausibly holds it.
        ("cross.function-economic", WARN, "预算05表", "2101101 行政单位医疗", 734),
        # 30199 其他工资福利支出 paired with 50101 (机关: 50199, verified; 事业单位: 50501,
        # unverified), in 06 and 07.
        ("catalog.econ-mapping", WARN, "预算06表", "30199 其他工资福利支出", 777),
        ("catalog.econ-mapping", WARN, "预算07表", "30199 其他工资福利支出", 892),
        # A misprinted class name in 04.
        ("catalog.name-mismatch", WARN, "预算04表", "文化体育旅游与传媒支出", 625),
        # Outdated template rows (no money on them).
        ("catalog.obsolete", WARN, "预算01表", "城乡社区事务", 424),
        ("catalog.obsolete", WARN, "预算01表", "农林水事务", 426),
        ("catalog.obsolete", WARN, "预算01表", "资源勘探信息等", 430),
        ("catalog.obsolete", WARN, "预算04表", "医疗卫生与计划生育支出", 629),
        ("catalog.obsolete", WARN, "预算04表", "城乡社区事务支出", 635),
        ("catalog.obsolete", WARN, "预算04表", "农林水事务支出", 637),
        ("catalog.obsolete", WARN, "预算04表", "资源勘探信息等支出", 641),
        # Class 234: whether it is still in the 2023 book is an open question.
        ("catalog.obsolete", INFO, "预算01表", "抗疫特别国债安排的支出", 460),
        ("catalog.obsolete", INFO, "预算04表", "抗疫特别国债安排的支出", 673),
    }
    # Every finding cites the catalog it relied on.
    for f in found:
        assert any(what == "分类目录" for what, _ in f.evidence), f


def test_the_seed_as_a_unit_of_one_type():
    organ = brief(findings(seed_text(), "catalog.econ-mapping", unit="机关"))
    assert organ == {
        ("catalog.econ-mapping", ERR, "预算06表", "30199 其他工资福利支出", GOV),
        ("catalog.econ-mapping", ERR, "预算07表", "30199 其他工资福利支出", GOV),
        ("catalog.econ-mapping", WARN, "预算06表", "30107 绩效工资", GOV),
        ("catalog.econ-mapping", WARN, "预算07表", "30107 绩效工资", GOV),
    }


# -- regressions on published files -------------------------------------------------------------

CORPUS = SEED.parent.parent / "corpus"


def test_an_unnumbered_panel_of_classes_kuan_and_xiang_is_not_misread():
    """hz-qxj 2026: 01/04 list 款 and 项 names under each class, without numbers."""
    from yusuan.read import read_path

    doc = read_path(CORPUS / "hz-qxj-2026-ys.pdf")
    found = audit(doc, select=["catalog.name-mismatch"]).findings
    assert [f for f in found if f.location.table and "收支" in f.location.table] == []


def test_names_joined_from_side_by_side_cells_are_only_info():
    text = table06("1.00 1.00", "30101  基本工资办公费 50101 工资奖金津补贴 1.00 1.00")
    (found,) = findings(text, "catalog.name-mismatch")
    assert found.severity is INFO and "相邻单元格" in found.message
