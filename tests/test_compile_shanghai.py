"""A filled Shanghai 部门/单位预算 workbook compiles to Shanghai's own disclosure (the
`shanghai-budget` family's 9 tables and its narrative parts): it audits clean, every format
`parse` reads gives back the derived tables, and what the workbook did not state is named,
never invented."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_workbook_shanghai import fill
from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.cli import cli
from yusuan.compile.budget import Source, Use
from yusuan.compile.check import check
from yusuan.compile.load import BudgetError
from yusuan.compile.run import build, read_input
from yusuan.compile.shanghai import read_shanghai
from yusuan.read import read_path
from yusuan.read.text import read_text
from yusuan.render.csv import long_rows

TITLES = (
    "2026年部门财务收支预算总表",
    "2026年部门收入预算总表",
    "2026年部门支出预算总表",
    "2026年部门财政拨款收支预算总表",
    "2026年部门一般公共预算支出功能分类预算表",
    "2026年部门政府性基金预算支出功能分类预算表",
    "2026年部门国有资本经营预算支出功能分类预算表",
    "2026年部门一般公共预算基本支出部门预算经济分类预算表",
    "2026年部门“三公”经费和机关运行经费预算表",
)


@pytest.fixture(params=["dept", "unit"])
def workbook(request, tmp_path: Path) -> Path:
    return fill(request.param, tmp_path)


def cell(doc, key: str, row: str, column: str) -> Decimal:
    table = next(t for t in doc.tables if t.key == key)
    found = next(r for r in table.rows if (r.code or r.name) == row)
    value = found.get(column)
    assert value is not None, (key, row, column)
    return value


def test_the_workbook_chooses_shanghais_tables_and_they_give_back_its_figures(workbook):
    compiled = build(read_input(workbook), path=str(workbook))
    doc = compiled.disclosure
    assert doc.meta.template == "shanghai-budget"
    if workbook.stem == "dept":
        assert tuple(t.title for t in doc.tables) == TITLES
    else:  # a 单位预算 titles its tables 预算单位… (the 三公 table 单位…)
        unit = tuple(t.replace("年部门", "年预算单位") for t in TITLES[:-1])
        assert tuple(t.title for t in doc.tables) == (
            *unit,
            "2026年单位“三公”经费和机关运行经费预算表",
        )
        assert "编制单位：上海市普陀区示例局 单位：元" in compiled.text
        assert "编制部门" not in compiled.text and "四、2026年单位预算编制说明" in compiled.text
    # the workbook's own figures (元; the 三公 table in 万元), derived back from the lines
    assert cell(doc, "income", "2010301", "本年收入/事业收入") == Decimal("100000.00")
    assert cell(doc, "income", "合计", "本年收入/财政拨款收入") == Decimal("1600000.00")
    assert cell(doc, "expenditure", "2010302", "项目支出/小计") == Decimal("500000.00")
    assert cell(doc, "gpb_expenditure", "合计", "基本支出/小计") == Decimal("1100000.00")
    assert cell(doc, "gpb_basic", "30217", "公用经费") == Decimal("50000.00")
    assert cell(doc, "gpb_basic", "合计", "人员经费") == Decimal("800000.00")
    assert cell(doc, "sangong", "", "公务接待费") == Decimal("8.00")
    assert cell(doc, "sangong", "", "公务用车购置及运行费/公务用车运行费") == Decimal("2.00")
    assert cell(doc, "sangong", "", "机关运行经费预算数") == Decimal("30.00")
    summary = next(t for t in doc.tables if t.key == "summary")
    assert [r.name for r in summary.rows if r.side.value == "支出"][:2] == [
        "一般公共服务支出",
        "社会保障和就业支出",
    ]


def test_it_audits_clean_and_its_text_reads_back_to_the_derived_tables(workbook):
    compiled = build(read_input(workbook), path=str(workbook))
    assert compiled.errors == ()
    read = read_text(compiled.text, path="sh.txt")
    assert read.meta.template == "shanghai-budget"
    assert Counter(long_rows(read)) == Counter(long_rows(compiled.disclosure))
    report = audit(read)
    assert [f.message for f in report.findings if f.severity is Severity.ERROR] == []
    assert report.evaluated > 100  # the checks ran on the tables that were read


def test_the_narrative_states_the_figures_and_invents_no_comparison(workbook):
    text = build(read_input(workbook), path=str(workbook)).text
    assert "收入预算170.00万元，其中：财政拨款收入160.00万元；事业收入10.00万元" in text
    assert "“三公”经费预算数为10.00万元" in text
    assert "（三）公务接待费8.00万元。" in text
    assert "机关运行经费预算为30.00万元" in text
    assert (
        "“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”90.00万元"
        in text
    )
    # no prior year, no projects, no counts in the workbook: said so, nothing made up
    assert "比2025年" not in text and "与2025年预算持平" not in text and "增长" not in text
    assert "预算数据未提供2025年预算数，本说明不作与上年的比较。" in text
    assert "预算数据未列出项目及其绩效目标。" in text
    assert "预算数据未填报车辆和单价100万元（含）以上设备的占有使用情况。" in text
    assert "共有车辆" not in text and "团组" not in text


def test_compile_writes_every_format_and_warns_what_the_workbook_did_not_state(
    workbook, tmp_path: Path
):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compile", str(workbook), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "审核 0 个错误" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "警告：输入未写明" in line]
    assert f"yusuan: {workbook}: 警告：输入未写明2025年预算数：编制说明不作与上年的比较" in warnings
    assert any("项目及其绩效目标" in w for w in warnings)
    # a 单位 收支总表's 人员/公用 split by 类 is not derived from lines that only cross margins
    assert any("人员经费、公用经费划分" in w for w in warnings) == (workbook.stem == "unit")
    stem = workbook.stem
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.{f}" for f in ("txt", "csv", "xlsx", "docx", "pdf", "html")
    )
    derived = Counter(long_rows(read_path(out / f"{stem}.txt")))
    for fmt in ("xlsx", "docx", "pdf", "html"):  # each format `parse` reads gives them back
        assert Counter(long_rows(read_path(out / f"{stem}.{fmt}"))) == derived, fmt


def test_check_accepts_an_unstated_economic_code_only_where_no_table_prints_one(
    tmp_path: Path,
):
    budget = read_shanghai(fill("dept", tmp_path), code="309")
    assert check(budget) == []
    unstated = [x for x in budget.lines if not x.economic]
    assert {x.use for x in unstated} == {None, Use.PROJECT}  # a non-fiscal basic, a project
    general_basic = next(x for x in budget.lines if x.source is Source.GENERAL and x.economic)
    lines = [replace(general_basic, economic=""), *budget.lines[1:]]
    problems = check(replace(budget, lines=tuple(lines)))
    assert [(p.where, "须写明部门预算经济分类科目" in p.message) for p in problems] == [
        (f"{general_basic.where}.economic", True)
    ]
    # prov12 prints the economic 款 of every line: there the same lines are refused, each placed
    refused = check(replace(budget, template="prov12"))
    assert {p.where for p in refused if p.where.endswith(".economic")} == {
        f"{x.where}.economic" for x in unstated
    }


def test_check_refuses_what_shanghais_tables_have_no_column_for(tmp_path: Path):
    budget = read_shanghai(fill("dept", tmp_path), code="309")
    odd = replace(budget.lines[0], source=Source.SUPERIOR, where="X!3")
    carried = replace(budget.lines[1], carried_over=True, where="X!4")
    problems = check(replace(budget, lines=(odd, carried, *budget.lines[2:])))
    assert ("X!3.source", "上海部门预算表中没有“上级补助收入”这一栏") in [
        (p.where, p.message) for p in problems
    ]
    assert any(p.where == "X!4.carried_over" for p in problems)
    with pytest.raises(BudgetError):
        build(replace(budget, lines=(odd, *budget.lines[1:])))


def test_with_last_years_figures_the_narrative_compares_and_audits_clean(tmp_path: Path):
    from yusuan.compile.budget import Prior, Reason

    budget = read_shanghai(fill("dept", tmp_path), code="309")
    prior = Prior(
        totals={"财政拨款": Decimal(1500000), "一般公共预算": Decimal(1500000)},
        sangong={"公务接待费": Decimal(80000), "公务用车运行费": Decimal(30000)},
    )
    budget = replace(budget, prior=prior, reasons=(Reason("财政拨款", "新增一般行政管理事务"),))
    compiled = build(budget)
    assert compiled.errors == ()
    text = compiled.text
    assert (
        "财政拨款收入160.00万元，比2025年预算增加10.00万元，主要原因是新增一般行政管理事务；"
        in text
    )
    assert "一般公共预算拨款支出预算160.00万元，比2025年预算增加10.00万元；" in text
    assert "（三）公务接待费8.00万元，与2025年预算持平。" in text
    # 因公出国 and 购置费 of last year are not stated: the total and those items compare nothing
    assert "“三公”经费预算数为10.00万元。其中：" in text
    assert "公务用车购置及运行费2.00万元。" in text  # 购置费 of last year unknown: no comparison
    assert "不作与上年的比较" not in text
    assert not any("预算数：编制说明" in gap for gap in compiled.unstated)


@pytest.mark.parametrize(
    ("stated", "altered"),
    [
        ("财政拨款收入160.00万元", "财政拨款收入161.00万元"),
        ("“三公”经费预算数为10.00万元", "“三公”经费预算数为11.00万元"),
        ("行政运行（项）”90.00万元", "行政运行（项）”95.00万元"),
        ("机关运行经费预算为30.00万元", "机关运行经费预算为31.00万元"),
        ("10.00 0.00 8.00 2.00 0.00 2.00", "10.00 0.00 8.00 3.00 0.00 2.00"),
    ],
)
def test_the_clean_audit_is_not_vacuous_an_altered_figure_is_an_error(
    tmp_path: Path, stated: str, altered: str
):
    from yusuan.compile.run import audit_text

    text = build(read_input(fill("dept", tmp_path))).text
    assert stated in text
    errors, _ = audit_text(text.replace(stated, altered), "altered.txt")
    assert errors


@pytest.mark.parametrize("kind", ["dept", "unit"])
def test_the_structure_the_workbook_states_is_printed_as_written(kind: str, tmp_path: Path):
    import openpyxl

    path = fill(kind, tmp_path)
    wb = openpyxl.load_workbook(path)
    p = "部门" if kind == "dept" else "单位"
    sheet = wb[f"{p}机构设置"]
    sheet["A3"] = "    示例局设3个内设机构，包括：办公室、财务科、业务科。\n    \n"
    wb.save(path)
    compiled = build(read_input(path))
    assert compiled.errors == ()
    assert (
        f"二、{p}机构设置\n\n示例局设3个内设机构，包括：办公室、财务科、业务科。\n" in compiled.text
    )
    assert not any("内设机构" in gap for gap in compiled.unstated)
    # the template's own placeholder text is not taken for a statement
    (tmp_path / "blank").mkdir()
    blank = build(read_input(fill(kind, tmp_path / "blank")))
    assert "XX" not in blank.text and any("内设机构" in gap for gap in blank.unstated)


def fill_split(tmp_path: Path, personnel_201: int = 650000, public_208: int = 50000) -> Path:
    """The 单位 workbook with its 收支总表's 支出 panel filled: 人员经费/公用经费 by 类."""
    import openpyxl

    path = fill("unit", tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["单位收支总表"]
    rows = [
        ("一、一般公共服务支出", 1500000, personnel_201, 1000000 - personnel_201, 500000),
        ("二、社会保障和就业支出", 200000, 150000, public_208, None),
    ]
    for r, values in enumerate(rows, start=10):
        for c, value in enumerate(values, start=3):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def test_a_units_stated_personnel_split_by_class_is_honoured_and_printed(tmp_path: Path):
    compiled = build(read_input(fill_split(tmp_path)))
    assert compiled.errors == ()
    summary = next(t for t in compiled.disclosure.tables if t.key == "summary")
    assert summary.columns == ("金额", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
    by_name = {r.name: r for r in summary.rows if r.side.value == "支出"}
    assert [by_name["一般公共服务支出"].get(c) for c in summary.columns[1:]] == [
        Decimal("650000.00"),
        Decimal("350000.00"),
        Decimal("500000.00"),
    ]
    assert by_name["社会保障和就业支出"].get("基本支出/人员经费") == Decimal("150000.00")
    # the other tables are the workbook's as before: the economic table and the 项 totals
    doc = compiled.disclosure
    assert cell(doc, "gpb_basic", "合计", "人员经费") == Decimal("800000.00")
    assert cell(doc, "gpb_expenditure", "2010301", "基本支出/小计") == Decimal("900000.00")
    assert not any("人员经费、公用经费划分" in gap for gap in compiled.unstated)
    read = read_text(compiled.text, path="split.txt")
    assert Counter(long_rows(read)) == Counter(long_rows(doc))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compile", "-o", str(out), str(tmp_path / "unit.xlsx")])
    assert result.exit_code == 0, result.stderr
    for fmt in ("xlsx", "docx", "pdf", "html"):  # the split columns print and read back
        assert Counter(long_rows(read_path(out / f"unit.{fmt}"))) == Counter(long_rows(doc)), fmt


def test_a_split_the_lines_cannot_honour_is_refused_at_its_row(tmp_path: Path):
    # 400000 of 201's basic 1000000 as 人员经费 leaves the basic table's 800000 of 一般公共预算
    # 人员经费 no place: 201 could take 400000 at most, 208 150000
    path = fill_split(tmp_path, personnel_201=400000)
    with pytest.raises(BudgetError) as caught:
        read_input(path)
    messages = [str(p) for p in caught.value.problems]
    assert any("单位收支总表" in m and "无法对应" in m for m in messages), messages


def test_a_classes_split_that_is_not_its_basic_spending_is_refused_at_its_row(tmp_path: Path):
    with pytest.raises(BudgetError) as caught:
        read_input(fill_split(tmp_path, public_208=60000))
    messages = [str(p) for p in caught.value.problems]
    assert "单位收支总表!11：208类的人员经费与公用经费之和210000不等于其基本支出200000" in messages
