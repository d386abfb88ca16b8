"""Checks across documents on small constructed disclosures: units, rounding, renames, what is
compared with what, and when a difference is an error rather than a warning."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.audit.across import same_department, year_checks
from yusuan.audit.finding import Severity
from yusuan.model import (
    Cell,
    Disclosure,
    DocKind,
    Meta,
    MoneyUnit,
    Placement,
    Row,
    RowKind,
    Section,
    Span,
    Table,
)

D = Decimal
BUDGET_COLUMNS = ("合计",)


def row(path: str, line: int, code: str | None, name: str, **cells: str) -> Row:
    kind = RowKind.TOTAL if code is None else RowKind.CODE
    values = tuple(Cell(c.replace("_", "/"), D(v)) for c, v in cells.items())
    return Row(name, Span(path, line, line, page=2), kind, code, cells=values)


def disclosure(
    path: str,
    year: int,
    rows: list[Row],
    columns: tuple[str, ...] = BUDGET_COLUMNS,
    unit: MoneyUnit = MoneyUnit.WAN,
    name: str = "某某市统计局",
    kind: DocKind = DocKind.BUDGET,
    text: str = "",
    code: str | None = None,
) -> Disclosure:
    table = Table(
        key="gpb_expenditure",
        title=f"{year}年一般公共预算支出表",
        span=Span(path, 1, 10, page=2),
        columns=columns,
        rows=tuple(rows),
        id="预算05表",
        unit=unit,
        template="jiangsu-province",
    )
    sections = (Section("", "一", "概况", text, Span(path, 20, 20, page=1)),) if text else ()
    meta = Meta(path, name, code, (), year, kind, unit, "jiangsu-province")
    return Disclosure(meta, sections=sections, tables=(table,), source=("",) * 30)


def last_year(unit: MoneyUnit = MoneyUnit.WAN, scale: str = "1", **kw: object) -> Disclosure:
    """2023's 预算05表: 合计 1,000.00 = 201 600.00 + 208 400.00 (万元, or in 元 × 10000)."""
    p = "2023.pdf"

    def v(x: str) -> str:
        return str(D(x) * D(scale))

    rows = [
        row(p, 3, None, "合计", 合计=v("1000.00")),
        row(p, 4, "201", "一般公共服务支出", 合计=v("600.00")),
        row(p, 5, "208", "社会保障和就业支出", 合计=v("400.00")),
    ]  # fmt: skip
    return disclosure(p, 2023, rows, unit=unit, **kw)  # type: ignore[arg-type]


def this_year(previous_201: str = "600.00", column: str = "上年预算数", **kw: object) -> Disclosure:
    """2024's 预算05表 with last year's figures in a column beside this year's."""
    p = "2024.pdf"
    key = column.replace("/", "_")
    rows = [
        row(p, 3, None, "合计", **{key: "1000.00"}, 合计="1100.00"),
        row(p, 4, "201", "一般公共服务支出", **{key: previous_201}, 合计="700.00"),
        row(p, 5, "208", "社会保障和就业支出", **{key: "400.00"}, 合计="400.00"),
    ]  # fmt: skip
    return disclosure(p, 2024, rows, (column, *BUDGET_COLUMNS), **kw)  # type: ignore[arg-type]


def findings(current: Disclosure, previous: Disclosure) -> list[tuple[str, str, str | None, str]]:
    return [
        (c.finding.rule, c.finding.severity.value, c.finding.location.row, str(c.finding.stated))
        for c in year_checks(current, previous)
        if c.finding is not None
    ]


def test_last_years_figures_printed_as_last_year_printed_them_pass():
    checks = year_checks(this_year(), last_year())
    assert len(checks) == 3 and not any(c.finding for c in checks)


def test_a_different_figure_printed_in_trusted_tables_is_an_error_naming_both_files():
    checks = year_checks(this_year("650.00"), last_year())
    found = [c.finding for c in checks if c.finding]
    assert len(found) == 1
    (f,) = found
    assert (f.rule, f.severity, f.location.row) == (
        "across.previous-year",
        Severity.ERROR,
        "201 一般公共服务支出",
    )
    assert (f.stated, f.expected) == (D("650.00"), D("600.00"))
    assert "2024.pdf:p2" in f.message and "2023.pdf:p2" in f.message
    assert "650" in f.message and "600" in f.message and "50" in f.message


def test_a_row_whose_figures_were_placed_by_a_guess_makes_it_a_warning():
    current = this_year("650.00")
    table = current.tables[0]
    guessed = tuple(
        replace(r, placement=Placement.PRIOR) if r.code == "201" else r for r in table.rows
    )
    current = replace(current, tables=(replace(table, rows=guessed),))
    assert findings(current, last_year()) == [
        ("across.previous-year", "warning", "201 一般公共服务支出", "650.00")
    ]


def _in_yuan(total: str, general: str) -> Disclosure:
    """Last year's table in 元, to the fen."""
    previous = last_year(MoneyUnit.YUAN, "10000")
    table = previous.tables[0]
    figures = {None: total, "201": general}
    rows = tuple(
        replace(r, cells=(Cell("合计", D(figures[r.code])),)) if r.code in figures else r
        for r in table.rows
    )
    return replace(previous, tables=(replace(table, rows=rows),))


def test_yuan_against_wan_yuan_and_rounding_are_no_finding():
    # 6,000,049.99 元 is 600.00 万元 as printed to two decimals
    assert findings(this_year(), _in_yuan("10000049.99", "6000049.99")) == []
    # … but 6,000,100.00 元 is 600.01 万元: beyond rounding
    assert findings(this_year(), _in_yuan("10000100.00", "6000100.00")) == [
        ("across.previous-year", "error", "合计", "1000.00"),
        ("across.previous-year", "error", "201 一般公共服务支出", "600.00"),
    ]


def test_last_years_execution_is_never_held_against_last_years_budget():
    assert year_checks(this_year("650.00", column="上年执行数"), last_year()) == []


def test_a_change_column_implies_last_years_figure_and_is_a_warning():
    p = "2024.pdf"
    rows = [
        row(p, 3, None, "合计", 合计="1100.00", 增减额="100.00"),
        row(p, 4, "201", "一般公共服务支出", 合计="700.00", 增减额="150.00"),  # 550 ≠ 600
        row(p, 5, "208", "社会保障和就业支出", 合计="400.00", 增减额="0.00"),
    ]
    current = disclosure(p, 2024, rows, ("合计", "增减额"))
    assert findings(current, last_year()) == [
        ("across.previous-year", "warning", "201 一般公共服务支出", "550.00")
    ]


def test_a_final_accounts_initial_budget_against_the_budget_of_its_year():
    budget = last_year()
    p = "2023-js.pdf"
    rows = [
        row(p, 3, None, "合计", 合计="980.00", 预算数_合计="1000.00"),
        row(p, 4, "201", "一般公共服务支出", 合计="590.00", 预算数_合计="600.00"),
    ]
    final = disclosure(p, 2023, rows, ("预算数/合计", "合计"), kind=DocKind.FINAL)
    assert findings(final, budget) == []
    wrong = disclosure(
        p,
        2023,
        [row(p, 3, None, "合计", 合计="980.00", 预算数_合计="1010.00")],
        ("预算数/合计", "合计"),
        kind=DocKind.FINAL,
    )
    assert [f[:2] for f in findings(wrong, budget)] == [("across.initial-budget", "error")]
    # a 决算 is not compared with last year's 预算, nor a 预算 with the 决算 of its year
    assert year_checks(wrong, replace(budget, meta=replace(budget.meta, year=2022))) == []
    assert year_checks(budget, wrong) == []


def test_departments_are_matched_by_code_then_name():
    a, b = this_year(), last_year()
    assert same_department(a, b).reason == "部门名称相同（某某市统计局）"
    coded_a = replace(a, meta=replace(a.meta, department_code="123", department="某某市统计局"))
    coded_b = replace(b, meta=replace(b.meta, department_code="123", department="某某市数据局"))
    assert same_department(coded_a, coded_b).reason == "部门编码相同（123）"
    other_code = replace(coded_b, meta=replace(coded_b.meta, department_code="124"))
    assert not same_department(coded_a, other_code)
    # the name printed differently: width, spaces, 中国共产党 / 委员会, a name cut short
    party = replace(a, meta=replace(a.meta, department="中国共产党某某市委员会办公室"))
    party_b = replace(b, meta=replace(b.meta, department="中共某某市委 办公室"))
    assert same_department(party, party_b)
    cut = replace(b, meta=replace(b.meta, department="某某市统计"))
    assert not same_department(a, cut)  # too short to be taken for a cut name
    other = replace(b, meta=replace(b.meta, department="某某市审计局"))
    match = same_department(a, other)
    assert not match and "某某市审计局" in match.reason


def test_a_rename_the_document_states_is_the_same_department():
    reform = (
        "根据机构改革方案，将原某某市文化广电新闻出版局、某某市旅游局的职责整合，"
        "组建某某市文化和旅游局，不再保留某某市旅游局。"
    )
    current = this_year(name="某某市文化和旅游局", text=reform)
    previous = last_year(name="某某市文化广电新闻出版局")
    match = same_department(current, previous)
    assert match and "原某某市文化广电新闻出版局" in match.reason
    merged = same_department(current, last_year(name="某某市旅游局"))
    assert not merged  # 某某市旅游局 is named, but not as a former name (原…) of this one
    silent = this_year(name="某某市文化和旅游局")
    assert not same_department(silent, previous)
    renamed = this_year(name="某某市数据局", text="某某市统计局更名为某某市数据局。")
    assert same_department(renamed, last_year())


def narrated(text: str) -> Disclosure:
    """2024 with a 情况说明 over its 预算05表 (1,100.00 = 201 700.00 + 208 400.00)."""
    p = "2024.pdf"
    rows = [
        row(p, 3, None, "合计", 合计="1100.00"),
        row(p, 4, "201", "一般公共服务支出", 合计="700.00"),
        row(p, 5, "208", "社会保障和就业支出", 合计="400.00"),
    ]
    doc = disclosure(p, 2024, rows)
    section = Section("第二部分", "一", "一般公共预算支出情况说明", text, Span(p, 20, 21, page=1))
    return replace(doc, sections=(section,))


def test_the_narratives_changes_imply_last_years_figures():
    fine = narrated(
        "本部门2024年一般公共预算支出1,100.00万元，比上年增长10.00%。"
        "一般公共服务（类）支出700.00万元，比上年增加100.00万元。"
    )
    checks = year_checks(fine, last_year())
    assert len(checks) == 2 and not any(c.finding for c in checks)
    wrong = narrated(
        "本部门2024年一般公共预算支出1,100.00万元，比上年增长12.00%。"  # 1,100 / 1.12 = 982.14
        "一般公共服务（类）支出700.00万元，比上年增加50.00万元。"  # 650 against 600
    )
    found = [c.finding for c in year_checks(wrong, last_year()) if c.finding]
    assert [(f.rule, f.severity.value, f.expected) for f in found] == [
        ("across.previous-year", "warning", D("1000.00")),
        ("across.previous-year", "warning", D("600.00")),
    ]
    assert "增长12.00%" in found[0].message and "增加50.00万元" in found[1].message


def test_a_change_against_last_years_execution_is_left_alone():
    text = "一般公共服务（类）支出700.00万元，比上年执行数增加50.00万元。"
    assert year_checks(narrated(text), last_year()) == []


def test_a_final_accounts_narrative_initial_budget_against_its_budget():
    p = "2023-js.pdf"
    rows = [
        row(p, 3, None, "合计", 合计="980.00"),
        row(p, 4, "201", "一般公共服务支出", 合计="590.00"),
    ]
    final = disclosure(p, 2023, rows, kind=DocKind.FINAL)
    text = (
        "一般公共服务（类）支出年初预算为610.00万元，支出决算为590.00万元，完成年初预算的96.72%。"
        "本年一般公共预算财政拨款支出年初预算为1,000.00万元，支出决算为980.00万元。"
    )
    section = Section(
        "第二部分", "五", "一般公共预算财政拨款支出决算情况说明", text, Span(p, 20, 21)
    )
    final = replace(final, sections=(section,))
    checks = year_checks(final, last_year())
    found = [c.finding for c in checks if c.finding]
    assert len(checks) == 2
    assert [(f.rule, f.severity.value, f.stated, f.expected) for f in found] == [
        ("across.initial-budget", "warning", D("610.00"), D("600.00"))
    ]


def test_a_units_disclosure_is_not_its_departments_nor_a_body_under_a_government_its_own():
    def titled(doc: Disclosure, title: str) -> Disclosure:
        heading = Section("", "", title, "", Span(doc.meta.path, 1, 1))
        return replace(doc, sections=(heading,))

    department = titled(this_year(), "某某市统计局2024年部门预算")
    unit = titled(last_year(), "某某市统计局2023年单位预算")
    match = same_department(department, unit)
    assert not match and "单位" in match.reason
    assert same_department(department, titled(last_year(), "某某市统计局2023年部门预算"))
    government = replace(
        this_year(), meta=replace(this_year().meta, department="某某市某区人民政府")
    )
    street = replace(
        last_year(), meta=replace(last_year().meta, department="某某市某区人民政府某某街道办事处")
    )
    assert not same_department(government, street)
    cut = replace(last_year(), meta=replace(last_year().meta, department="某某市某区人民政府某某"))
    assert same_department(replace(street, meta=replace(street.meta, year=2024)), cut)
