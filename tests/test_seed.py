"""The real 2023 disclosure of the seed: every cell of tables 01–12 where it belongs.

The expected cells (fixtures/seed/expected-cells.csv) were checked by hand against the text;
`pytest --update-golden` is deliberately not offered: a change to them is a review.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import DocKind, MoneyUnit, Placement, RowKind, Side
from yusuan.render.csv import render_csv
from yusuan.templates import template_sets

from conftest import FIXTURES


def test_all_twelve_tables_are_recognised_with_their_ids(seed):
    ids = [t.id for t in seed.tables]
    assert ids == [f"预算{n:02d}表" for n in range(1, 13)]
    keys = [t.key for t in seed.tables]
    prov12 = next(t for t in template_sets() if t.name == "prov12")
    assert keys == [t.key for t in prov12.tables]  # every table of the template, in order


def test_every_cell_matches_the_reviewed_long_format(seed):
    expected = (FIXTURES / "seed" / "expected-cells.csv").read_text("utf-8")
    assert render_csv([seed]) == expected


def test_meta(seed):
    meta = seed.meta
    assert meta.year == 2023
    assert meta.kind is DocKind.BUDGET
    assert meta.unit is MoneyUnit.WAN
    assert meta.department == "三门峡市城乡一体化示范区办公室"
    assert meta.department_code == "309"
    assert meta.unit_codes == ("309001",)
    assert meta.template == "prov12"


def _row(seed, key, code=None, name=None):
    table = seed.table(key)
    return next(
        r
        for r in table.rows
        if (code is None or r.code == code) and (name is None or r.name == name)
    )


def test_rows_only_the_identities_can_place(seed):
    # 03: which basic columns the totals use is decided by 06's economic classes,
    # project vs basic and 其他运转类 by the project table.
    total = _row(seed, "expenditure", name="合计")
    assert total.placement is Placement.CROSS
    assert total.get("基本支出/公用经费/资本性支出") is None
    assert total.value("基本支出/公用经费/商品和服务支出") == Decimal("106.86")
    pension = _row(seed, "expenditure", code="2080505")
    assert pension.value("基本支出/人员经费/工资福利支出") == Decimal("51.87")
    assert pension.get("项目支出/小计") is None
    admin = _row(seed, "expenditure", code="2010302")
    assert admin.value("项目支出/其他运转类") == Decimal("790.80")
    # 06: single-value rows by their economic class, since the stated 人员/公用 totals
    # match no placement (a genuine error of the disclosure, noted on the table).
    welfare = _row(seed, "gpb_basic", code="30229")
    assert welfare.placement is Placement.CODE
    assert welfare.value("公用经费") == Decimal("7.55")
    assert _row(seed, "gpb_basic", code="30399").value("人员经费") == Decimal("10.83")
    assert seed.table("gpb_basic").notes
    # 08: the car running cost, confirmed by economic code 30231.
    sangong = seed.table("sangong").rows[0]
    assert sangong.value("公务用车购置及运行费/公务用车运行费") == Decimal("47.50")
    assert sangong.get("公务用车购置及运行费/公务用车购置费") is None
    # 07: three equal figures can only be 总计, 一般公共预算 and 其中：财政拨款.
    assert _row(seed, "economic_summary", code="30227").placement is Placement.ROW


def test_project_names_are_whole_and_owner_split_off(seed):
    names = [r.name for r in seed.table("projects").rows if r.kind is RowKind.PROJECT]
    assert "2023年大学生见习岗、聘用人员工资" in names
    assert len(names) == 7
    owners = {r.owner for r in seed.table("projects").rows if r.kind is RowKind.PROJECT}
    assert owners == {"三门峡市城乡一体化示范区办公室"}
    assert {r.category for r in seed.table("projects").rows if r.kind is RowKind.PROJECT} == {
        "其他运转类"
    }


def test_two_panel_tables_are_split(seed):
    summary = seed.table("summary")
    income = [r.name for r in summary.rows_on(Side.INCOME)]
    expense = [r.name for r in summary.rows_on(Side.EXPENSE)]
    assert "上年结转结余" in income and "年终结转结余" in expense
    assert "国有资本经营预算" in expense  # a class named like an income item, placed by its number
    assert "抗疫特别国债安排的支出" in expense
    fiscal = seed.table("fiscal_summary")
    broken = [r.name for r in fiscal.rows_on(Side.EXPENSE) if r.name.startswith("抗疫")]
    assert broken == ["抗疫特别国债安排的支出"]  # its last character was on the next line
    assert "上年结转" in [r.name for r in fiscal.rows_on(Side.INCOME)]


def test_performance_tables(seed):
    overall = seed.table("performance_overall")
    assert _row(seed, "performance_overall", name="项目支出").value("金额") == Decimal("840.80")
    assert any(r.text for r in overall.rows)
    targets = seed.table("performance_projects")
    project = next(r for r in targets.rows if r.code == "411291230000000005612")
    assert project.name == "2023年后勤保障项目"
    assert project.value("资金总额") == Decimal("600.00")
    assert any("万元" in line for line in project.text)


def test_empty_table_is_recognised_and_empty(seed):
    assert seed.table("gov_fund").is_empty


def test_narrative_sections_and_profile(seed):
    parts = {s.part for s in seed.sections}
    assert {"第一部分", "第二部分", "第三部分"} <= parts
    titles = [s.title for s in seed.sections]
    assert "“三公”经费支出预算情况说明" in titles
    assert "机关运行经费支出情况" in titles
    sangong = next(s for s in seed.sections if s.title.startswith("“三公”"))
    assert "67.5 万元" in sangong.text
    assert sangong.span.line < sangong.span.end_line
    staff = {(s.label, s.count) for s in seed.profile.staff}
    assert ("在编人员", 13) in staff
    assert ("聘用人员", 9) in staff
    assert seed.profile.internal_unit_count == 7
    assert "秘书科" in seed.profile.internal_units
    assert len(seed.profile.duties) >= 3


def test_no_line_of_a_table_is_left_unread(seed):
    assert not [d for d in seed.diagnostics if d.code == "parse.unread-line"]
